"""Text -> LTL :class:`~equivsolve.domains.ltl.ast.Formula`, and back.

Two notations, each an LALR grammar read with Lark's contextual lexer:

* **Spot** (``grammars/ltl.lark``, the default): the infix syntax of Spot's
  ``parse_infix_psl`` restricted to LTL, with Spot's precedences (``->`` and
  ``<->`` lowest and right-associative, then ``|``, ``xor``, ``&``, then
  ``U R W M`` right-associative, then ``! X F G``) and Spot's word rules: where
  an operand is expected, a word starting with ``F``, ``G`` or ``X`` followed
  by anything but a digit is that operator applied to the rest of the word
  (``GFa`` is ``G(F(a))``, ``Fire`` is ``F(ire)``, ``Xtrue`` is ``X(true)``),
  while ``X1``, ``F0`` or ``G2x`` are atoms; after an atom or ``)``, a word
  starting with ``U R W M V`` is that operator followed by the rest (``a Ub``
  is ``a U b``); ``U R W M V`` alone, ``xor`` and ``true``/``false`` (any case)
  are keywords; any other word of letters, digits, ``_`` and ``.`` not starting
  with a digit is an atom, and so is any double-quoted string. Also the
  spellings ``~ && /\\ || \\/ => --> <=> <--> ^ [] <> V ()`` and ``1``/``0``,
  the Unicode operators ``¬ ∧ ∨ → ⟶ ⇒ ⟹ ↔ ⇔ ⊕ ○ ◇ □``, and the Wring forms
  ``a=1`` (``a``), ``a=0`` (``!a``), ``*`` (and), ``+`` (or). The rules were
  checked against Spot 2.13 case by case (``tests/domains/ltl/test_parse_spot.py``
  reads random formulas as Spot prints them, in its syntax, Spin's and Wring's,
  and compares the result with Spot's own formula).
* **Spin** (``grammars/ltl_spin.lark``, ``syntax="spin"``): the operators of
  Promela's ``ltl { }`` blocks, ``[] <> X ! U W V && || /\\ \\/ -> <->`` and
  their word forms (``always``, ``until``, ...). As Spin's lexer reads them,
  atoms start with a lowercase letter (``aUb`` is one atom), the uppercase
  operators ``X U V W`` are one character each (``Xa`` is ``X a``), and any
  other uppercase letter is an error; ``true``/``false`` are lowercase; every
  binary operator is left-associative as in Spin's yacc grammar (``a -> b ->
  c`` is ``(a -> b) -> c``, ``a U b U c`` is ``(a U b) U c``).

Where this departs from Spot: the parser is strict (Spot repairs some errors
and reports them; we raise :class:`~equivsolve.errors.ParseError`), PSL/SERE
syntax is refused with a message, and an empty formula is an error. ``a=0``
becomes ``Not(Atom("a"))``. The bracketed operators ``X[!]``, ``X[n]``,
``F[n..m]``, ``G[n:m]``, ``F[n..]`` are expanded as Spot expands them (so
they are not kept in the AST): ``X[2] a`` is ``X X a``, ``F[1..2] a`` is
``X(a | X a)``.

The AST is faithful to the text: a chain ``a & b && c`` is one ``And`` with its
operands in text order; a parenthesised operand stays nested (``a & (b & c)``
is ``And((a, And((b, c))))``), so that :func:`to_text` can print every AST
back. Spot's plain ``X`` is ``Unary("N", ...)``, the next that is weak on
finite traces (as Spot reads LTLf), and ``X[!]`` is ``Unary("X", ...)``, the
strong one; on infinite words the two are the same. The tree walk and
:func:`to_text` are iterative, so inputs thousands of levels deep do not reach
Python's recursion limit.
"""

from __future__ import annotations

import re

from lark import Token, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken, VisitError
from lark.visitors import Transformer_NonRecursive

from ...errors import ParseError
from ...syntax import parser, to_parse_error
from .ast import (
    FALSE,
    TRUE,
    And,
    Atom,
    Binary,
    Const,
    Formula,
    Iff,
    Implies,
    Not,
    Or,
    Unary,
    Xor,
)

#: ``syntax=`` value -> grammar file in ``grammars/``
SYNTAXES = {"spot": "ltl", "spin": "ltl_spin"}

#: plain X is Spot's next: weak on finite traces (``N``), the same as the
#: strong ``X`` (Spot's ``X[!]``) on infinite words
_UNARY = {"NEXT": "N", "EVENTUALLY": "F", "ALWAYS": "G"}
_BINARY = {
    "U": "U",
    "until": "U",
    "stronguntil": "U",
    "R": "R",
    "V": "R",
    "release": "R",
    "W": "W",
    "weakuntil": "W",
    "M": "M",
}
_QUOTED_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


@v_args(inline=True)
class _ToFormula(Transformer_NonRecursive):
    """Tree -> Formula, children before parents, without recursion."""

    def start(self, formula):
        return formula

    def implies(self, left, _op, right):
        return Implies(left, right)

    def iff(self, left, _op, right):
        return Iff(left, right)

    def xor(self, left, _op, right):
        return Xor(left, right)

    def or_(self, *args):
        return Or(args)

    def and_(self, *args):
        return And(args)

    def binary(self, left, op, right):
        return Binary(_BINARY[str(op)], left, right)

    def unary(self, op, arg):
        if op.type == "NOT":
            return Not(arg)
        if op.type == "BRACKETED":
            return _bracketed(op, arg)
        return Unary(_UNARY[op.type], arg)

    def const(self, tok):
        return TRUE if str(tok).lower() in ("true", "1") else FALSE

    def atom(self, tok, suffix=None):
        return _with_suffix(Atom(str(tok)), suffix)

    def qatom(self, tok, suffix=None):
        return _with_suffix(Atom(_QUOTED_ESCAPE.sub(r"\1", str(tok)[1:-1])), suffix)


def _with_suffix(atom: Atom, suffix: Token | None) -> Formula:
    return Not(atom) if suffix is not None and str(suffix) == "=0" else atom


#: the contents of a bracketed operator: ``!``, ``n``, ``n..m``, ``n:m``, ``n..``, ``n:$``
_BRACKET = re.compile(r"([XFG])\s*\[\s*(?:(!)|(\d+)(?:\s*(\.\.|:)\s*(\d+|\$)?)?)\s*\]")
#: the largest repetition a bounded operator may expand to
MAX_BOUND = 1000


def _bracketed(tok: Token, arg: Formula) -> Formula:
    """Spot's bracketed operators, expanded as Spot expands them: ``X[!] a``
    is the strong next, ``X[n] a`` is ``n`` nested plain ``X``, ``F[n..m] a``
    is ``X^n (a | X(a | ...))`` with ``m - n`` more ``X``, ``G[n..m]`` the
    same with ``&``, an open upper end (``F[n..]``, ``G[n:$]``) is ``X^n F a``
    / ``X^n G a``; reversed bounds are swapped."""
    match = _BRACKET.fullmatch(str(tok))
    op = match.group(1) if match else str(tok)[0]
    error = None
    if match is None:
        error = "is not a bounded operator Spot reads (X[!], X[n], F[n..m], G[n:m], F[n..])"
    elif match.group(2):
        if op == "X":
            return Unary("X", arg)  # X[!]: the strong next
        error = "has no strong form ([!] goes with X only)"
    elif op == "X" and match.group(4):
        error = "takes one count (X[n])"
    elif op != "X" and not match.group(4):
        error = "needs a range (F[n..m], G[n:m], F[n..])"
    if error is None:
        assert match is not None
        low = int(match.group(3))
        high = match.group(5)
        top = None if high in (None, "$") else int(high)
        if op != "X" and top is not None and top < low:
            low, top = top, low
        if max(low, top or 0) > MAX_BOUND:
            error = f"repeats more than {MAX_BOUND} times"
    if error is not None:
        raise ParseError(f"operator {str(tok)!r} {error}", line=tok.line, column=tok.column)
    if op == "X":
        return _nexts(arg, low)
    if top is None:
        return _nexts(Unary(op, arg), low)
    body = arg
    for _ in range(top - low):
        body = (Or if op == "F" else And)((arg, Unary("N", body)))
    return _nexts(body, low)


def _nexts(f: Formula, n: int) -> Formula:
    """``n`` plain (Spot) nexts: weak on finite traces, as Spot expands them."""
    for _ in range(n):
        f = Unary("N", f)
    return f


def parse_formula(text: str, *, syntax: str = "spot") -> Formula:
    """Parse an LTL formula written in Spot's (default) or Spin's syntax.

    Parameters
    ----------
    text : str
        The formula.
    syntax : {"spot", "spin"}
        The notation; see the module docstring for the rules of each.

    Returns
    -------
    Formula
        The AST, faithful to the text (no rewriting).

    Raises
    ------
    ParseError
        With the line, the column, the expected tokens and a caret snippet.

    Examples
    --------
    >>> parse_formula("GFa -> b U c")
    Implies(left=Unary(op='G', arg=Unary(op='F', arg=Atom(name='a'))), \
right=Binary(op='U', left=Atom(name='b'), right=Atom(name='c')))
    >>> parse_formula("[](req -> <>ack)", syntax="spin") == parse_formula("G(req -> Fack)")
    True
    """
    try:
        grammar = SYNTAXES[syntax]
    except KeyError:
        raise ValueError(f"unknown LTL syntax {syntax!r}; use one of {sorted(SYNTAXES)}") from None
    if not text.strip():
        raise ParseError("empty formula", text=text, line=1, column=1)
    try:
        tree = parser(grammar).parse(text)
    except UnexpectedInput as exc:
        raise _parse_error(exc, text, syntax) from None
    try:
        return _ToFormula().transform(tree)
    except VisitError as exc:
        err = exc.orig_exc
        if isinstance(err, ParseError):
            raise ParseError(err.message, text=text, line=err.line, column=err.column) from None
        raise


# ---- error messages ------------------------------------------------------------

# terminal -> how an error message names it, in the order messages list them
_SHOWN = {
    "ATOM": "an atom",
    "QATOM": "an atom",
    "CONST": "true/false",
    "LPAR": "'('",
    "NOT": "'!'",
    "NEXT": "'X'",
    "BRACKETED": "'X'",
    "EVENTUALLY": "'F'",
    "ALWAYS": "'G'",
    "BINTEMP": "'U'/'R'/'W'/'M'",
    "BINTEMP_WORD": "'U'/'R'/'W'/'M'",
    "_AND": "'&'",
    "XOR": "'xor'",
    "_OR": "'|'",
    "IMPLIES": "'->'",
    "IFF": "'<->'",
    "SUFFIX": "'=0'/'=1'",
    "RPAR": "')'",
}
_SPIN_SHOWN = {
    **_SHOWN,
    "EVENTUALLY": "'<>'",
    "ALWAYS": "'[]'",
    "BINTEMP": "'U'/'W'/'V'",
    "_AND": "'&&'",
    "_OR": "'||'",
}
_OPERATOR_NAMES = {
    "X": "next",
    "F": "eventually",
    "G": "always",
    "U": "until",
    "R": "release",
    "V": "release",
    "W": "weak until",
    "M": "strong release",
    "xor": "xor",
}
_WORD = re.compile(r"[A-Za-z0-9_.]+")
_CONSTANT = re.compile(r"(?:[FGX](?![0-9]))*(?i:true|false|[01])")
_WORD_BEFORE = re.compile(r"[A-Za-z0-9_.]+\s*\Z")
_SPIN_KEYWORDS = frozenset(
    "U V W X always eventually next until stronguntil weakuntil release implies equivalent".split()
)


def _parse_error(exc: UnexpectedInput, text: str, syntax: str) -> ParseError:
    """Lark's error as a ParseError, with our token names and a hint where one helps."""
    base = to_parse_error(exc, text)
    shown = _SPIN_SHOWN if syntax == "spin" else _SHOWN
    expected = getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ()
    order = list(shown)
    known = sorted((t for t in expected if t in shown), key=order.index)
    names = list(dict.fromkeys(shown[t] for t in known))
    hint = _hint(exc, text, syntax)
    message = base.message + (f" ({hint})" if hint else "")
    return ParseError(message, text=text, line=base.line, column=base.column, expected=tuple(names))


def _hint(exc: UnexpectedInput, text: str, syntax: str) -> str | None:
    pos = getattr(exc, "pos_in_stream", None)
    if isinstance(exc, UnexpectedToken):
        pos = exc.token.start_pos if exc.token.type != "$END" else len(text)
    if pos is None:
        pos = len(text)
    found = text[pos:]
    if isinstance(exc, UnexpectedCharacters) and found[:1] in "{[":
        return "PSL/SERE operators such as {...}, [*] and |-> are not supported"
    word = _WORD.match(found)
    before = _WORD_BEFORE.search(text, 0, pos)
    if syntax == "spin":
        return _spin_hint(found, word and word.group(), before and before.group().strip())
    # the offending word itself, then the word just before it
    if word and isinstance(exc, UnexpectedToken) and exc.token.type != "ATOM":
        hint = _operator_word(word.group())
        if hint:
            return hint
    before_word = before.group().strip() if before else ""
    if word and word.group()[0] in "URVWM" and _CONSTANT.fullmatch(before_word):
        w = word.group()
        return f"after a constant, '{w}' is one word; write '{w[0]} {w[1:]}'"
    return _operator_word(before_word)


def _operator_word(word: str) -> str | None:
    """Why Spot reads ``word`` as operators, and how to write it as an atom."""
    quote = f'to use it as an atomic proposition, write "{word}" in double quotes'
    if word in _OPERATOR_NAMES:
        return f"'{word}' is read as the {_OPERATOR_NAMES[word]} operator; {quote}"
    prefix = re.match(r"(?:[FGX](?![0-9]))+", word)
    if prefix and prefix.end() < len(word):
        ops = " ".join(prefix.group())
        return f"'{word}' is read as {ops} applied to '{word[prefix.end() :]}'; {quote}"
    return None


_SPIN_SPELLING = {
    "F": "Spin writes F as <>",
    "G": "Spin writes G as []",
    "R": "Spin writes R as V",
    "M": "Spin has no M (strong release): a M b is b U (a && b)",
}


def _spin_hint(found: str, word: str | None, before: str | None) -> str | None:
    if found[:1] in "&|" and found[:2] not in ("&&", "||"):
        return "Spin writes and as && and or as ||"
    for w in (word, before):
        if w in _SPIN_KEYWORDS:
            return f"'{w}' is an operator in Spin syntax; rename the atomic proposition"
        if w and w[0] in _SPIN_SPELLING and w not in _SPIN_KEYWORDS:
            return _SPIN_SPELLING[w[0]]
    return None


# ---- printing ---------------------------------------------------------------------

_BARE_ATOM = re.compile(r"(?:[A-EH-WYZa-z_.]|[FGX][0-9])[A-Za-z0-9_.]*")
_KEYWORDS = frozenset({"U", "R", "V", "W", "M", "xor"})
# binding strength: a child weaker than its slot's minimum gets parentheses
_LEVEL = {Implies: 1, Iff: 1, Or: 2, Xor: 3, And: 4, Binary: 5, Not: 6, Unary: 6}
_INFIX = {Implies: " -> ", Iff: " <-> ", Xor: " xor "}
#: Spot's spellings: plain X is the (weak on finite traces) next, X[!] the strong one
_UNARY_TEXT = {"N": "X", "X": "X[!]", "F": "F", "G": "G"}


def atom_text(name: str) -> str:
    """An atom as Spot reads it back: bare when it lexes as one, else double-quoted.

    >>> atom_text("p_1"), atom_text("Fire"), atom_text("a b"), atom_text("X1")
    ('p_1', '"Fire"', '"a b"', 'X1')
    """
    reserved = name in _KEYWORDS or name.lower() in ("true", "false")
    if _BARE_ATOM.fullmatch(name) and not reserved:
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_text(formula: Formula, *, infinite: bool = False) -> str:
    """Spot syntax with the fewest parentheses that read back as the same AST.

    ``parse_formula(to_text(f)) == f`` for every formula. Unary operators are
    glued to their operand (``GFa``, ``X!a``); the next that is weak on finite
    traces (``N``) is Spot's plain ``X``, the strong one ``X[!]`` -- unless
    ``infinite``: on infinite words the two are the same and both print as
    ``X``. Constants are ``true``/``false``.

    >>> to_text(parse_formula("(a & b) -> (c U (d U e))"))
    'a & b -> c U d U e'
    >>> to_text(parse_formula("((a U b) U c) & X(\\"F\\" | Fire)"))
    '(a U b) U c & X("F" | Fire)'
    """
    spelling = {**_UNARY_TEXT, "X": "X"} if infinite else _UNARY_TEXT
    out: list[str] = []
    stack: list[str | tuple[Formula, int]] = [(formula, 0)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        node, need = item
        if _LEVEL.get(type(node), 7) < need:
            stack += [")", (node, 0), "("]
        elif isinstance(node, Atom):
            out.append(atom_text(node.name))
        elif isinstance(node, Const):
            out.append("true" if node.value else "false")
        elif isinstance(node, Not):
            stack += [(node.arg, 6), "!"]
        elif isinstance(node, Unary):
            if node.op not in spelling:
                raise ValueError(f"operator {node.op!r} has no Spot syntax")
            stack += [(node.arg, 6), spelling[node.op]]
        elif isinstance(node, Binary):
            stack += [(node.right, 5), f" {node.op} ", (node.left, 6)]
        elif isinstance(node, (And, Or)):
            sep, need_arg = (" & ", 5) if isinstance(node, And) else (" | ", 3)
            parts: list[str | tuple[Formula, int]] = []
            for arg in reversed(node.args):
                parts += [(arg, need_arg), sep]
            stack += parts[:-1]
        elif isinstance(node, Xor):
            stack += [(node.right, 4), " xor ", (node.left, 3)]
        elif isinstance(node, (Implies, Iff)):
            stack += [(node.right, 1), _INFIX[type(node)], (node.left, 2)]
        else:
            raise TypeError(f"not an LTL formula: {node!r}")
    return "".join(out)


__all__ = ["SYNTAXES", "atom_text", "parse_formula", "to_text"]
