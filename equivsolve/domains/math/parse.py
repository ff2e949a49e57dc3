"""Text -> math AST: repair, extraction, normalisation, the Lark grammar, a thin
transformer, and the fallbacks that keep a readable answer from failing.

The stages (``repair`` -> ``extract`` -> ``normalize`` -> grammar) are in their
own modules; this one runs them and recovers when the grammar still rejects
the text:

1. the normalised text, as the grammar reads it;
2. the same without any ``\\text{...}`` (a qualifier the rules missed);
3. an answer that is prose (words of two letters or more, or a script other
   than Latin) is text, compared as text;
4. otherwise the first error stands: line, column, caret.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from lark import Token, Transformer, v_args
from lark.exceptions import VisitError

from ...errors import ParseError
from ...syntax import parse_tree
from . import ast as A
from . import canon as C
from .extract import extract
from .normalize import DEFAULT_READING, Reading, normalize
from .repair import repair

_RELOPS = {
    "=": "=",
    "==": "=",
    "!=": "!=",
    "\\ne": "!=",
    "\\neq": "!=",
    "≠": "!=",
    "<": "<",
    "\\lt": "<",
    ">": ">",
    "\\gt": ">",
    "<=": "<=",
    "=<": "<=",
    "\\le": "<=",
    "\\leq": "<=",
    "\\leqslant": "<=",
    "\\leslant": "<=",
    "≤": "<=",
    ">=": ">=",
    "=>": ">=",
    "\\ge": ">=",
    "\\geq": ">=",
    "\\geqslant": ">=",
    "\\geslant": ">=",
    "≥": ">=",
    "\\approx": "~",
    "≈": "~",
    "\\sim": "~",
    "\\equiv": "=",
}
_CONSTS = {
    "\\pi": "pi",
    "π": "pi",
    "\\infty": "inf",
    "\\infinity": "inf",
    "∞": "inf",
    "\\imath": "i",
    "\\jmath": "i",
    "\\e": "e",
}
_WORD_CONSTS = {"pi": A.Const("pi"), "e": A.Const("e"), "i": A.Const("i")}
_FUNC_ALIASES = {"lg": "log10", "sqrt": "sqrt"}
_INVERSE = {
    "sin": "asin",
    "cos": "acos",
    "tan": "atan",
    "cot": "acot",
    "sec": "asec",
    "csc": "acsc",
}
_FUNC_CANON = {
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
    "arccot": "acot",
    "arcsec": "asec",
    "arccsc": "acsc",
}


def _flat(op: str, a: A.Node, b: A.Node) -> A.Op:
    args: list[A.Node] = []
    for x in (a, b):
        if isinstance(x, A.Op) and x.op == op:
            args.extend(x.args)
        else:
            args.append(x)
    return A.Op(op, tuple(args))


def _number(tok: str) -> A.Num:
    tok = str(tok)
    if "e" in tok or "E" in tok:
        return A.Num(Fraction(tok))  # scientific notation: exact
    places = len(tok.split(".", 1)[1]) if "." in tok else None
    return A.Num(Fraction(tok), places or None)


def _name(tok: str) -> A.Node:
    s = str(tok)
    if len(s) == 1:
        return _WORD_CONSTS.get(s, A.Sym(s))
    if s == "pi":
        return A.Const("pi")
    return A.Word(s)


@v_args(inline=True)
class ToAst(Transformer):
    """One method per grammar rule, each a few lines."""

    def start(self, x):
        return x

    def number(self, tok):
        return _number(tok)

    def name(self, tok):
        return _name(tok)

    def greek(self, tok):
        return A.Sym(re.sub(r"^\\(var)?", "", str(tok)))

    def const(self, tok):
        return A.Const(_CONSTS.get(str(tok), "e"))

    def reals(self, tok):
        return A.Reals(str(tok).strip("\\mathb{} ")[-1:] or "R")

    def emptyset(self, tok):
        return A.SetLit(())

    def text(self, tok):
        return A.Text(str(tok).split("{", 1)[1][:-1])

    def frac(self, _, a, b):
        return A.Op("div", (a, b))

    def binom(self, _, a, b):
        return A.Op("binom", (a, b))

    def abs(self, tok, x):
        name = str(tok).lstrip("\\")
        return A.Op(name if name in ("floor", "ceil") else "abs", (x,))

    def wrap(self, _, x):
        return x

    def group(self, _open, x, _close):  # x^(1/2): a parenthesised exponent
        return x

    def items(self, x):
        return x.items if isinstance(x, A.Seq) else (x,)

    def seq(self, *xs):
        # "21, 16 or 11" is one list: an or/and list inside a comma list joins it
        items: list[A.Node] = []
        for x in xs:
            items.extend(x.items if isinstance(x, A.Seq) else (x,))
        return A.Seq(tuple(items))

    def groups(self, *xs):
        return A.Seq(tuple(xs))

    def member(self, a, s):
        return A.Member(a, s)

    def pos(self, _, x):
        return x

    def neg(self, _, x):
        return A.Op("neg", (x,))

    def pm(self, a, _, b):
        return A.PlusMinus(a, b)

    def pm_unary(self, _, b):
        return A.PlusMinus(None, b)

    def add(self, a, _, b):
        return _flat("add", a, b)

    def sub(self, a, _, b):
        return _flat("add", a, A.Op("neg", (b,)))

    def mul(self, a, _, b):
        return _flat("mul", a, b)

    def div(self, a, _, b):
        return A.Op("div", (a, b))

    def imul(self, a, b):
        return _flat("imul", a, b)

    def pow(self, a, b):
        return A.Op("pow", (a, b))

    def factorial(self, x, _):
        return A.Op("factorial", (x,))

    def percent(self, x, _):
        return A.Percent(x)

    def degree(self, x, _):
        return A.Degree(x)

    def prime(self, x, _):
        return A.Sym(f"{getattr(x, 'name', getattr(x, 'text', '?'))}'")

    def subarg(self, x=None):
        if isinstance(x, Token):
            return _number(x) if x.type == "NUMBER" else _name(x)
        return x

    def rows(self, *rows):
        return tuple(rows)

    def row(self, *cells):
        return tuple(cells)

    def matrix(self, _, rows, __):
        return A.Matrix(rows)

    def sqrt(self, _, _open, index, _close, x):
        return A.Op("sqrt", (x,)) if index is None else A.Op("root", (x, index))

    def or_(self, a, b):
        return _logic("or", a, b)

    def and_(self, a, b):
        return _logic("and", a, b)

    def chain(self, *parts):
        return A.Chain(tuple(_RELOPS[str(t)] for t in parts[1::2]), tuple(parts[0::2]))

    def setop(self, a, tok, b):
        op = {"\\cup": "cup", "∪": "cup", "\\cap": "cap", "∩": "cap"}.get(str(tok), "minus")
        return A.SetOp(op, a, b)

    def subscript(self, base, sub):
        if isinstance(base, A.Num) and isinstance(sub, A.Num) and base.places is None:
            return _in_base(base, sub)
        label = _label(sub)
        if isinstance(base, (A.Sym, A.Word)):
            return A.Sym(f"{getattr(base, 'name', None) or base.text}_{label}")
        if isinstance(base, A.Const):
            return A.Sym(f"{base.name}_{label}")
        return base  # a decoration such as \sum_{k}: keep the base

    def time(self, tok):
        values = str(tok)[6:-1].split("|")
        return A.Time(int(values[0]), int(values[1]) if len(values) > 1 else None)

    def dots(self, _):
        return A.Dots()

    def macro(self, tok):
        return A.Sym(str(tok))

    def setbuilder(self, _open, var, cond, _close):
        return A.SetBuilder(var, cond)

    def mod(self, a, _, b):
        return A.Op("mod", (a, b))

    def pmod(self, a, _, n):
        return A.Op("mod", (a, n))

    def limvar(self, tok):
        return str(tok).lstrip("\\")

    def limit(self, _, var, _to, target, direction, body):
        side = "-" if direction is not None and "-" in str(direction) else "+"
        return A.Op("limit", (body, A.Sym(var), target, A.Text(side)))

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.source = text

    def funcapp(self, tok, sup, sub, arg):
        name = str(tok).lstrip("\\")
        if sup is None and sub is None and _power_of_group(self.source, tok.end_pos, arg):
            # \sin(x)^2 is (sin x)^2, not sin(x^2)
            inner, exp = arg.args  # type: ignore[union-attr]
            return A.Op("pow", (self.funcapp(tok, None, None, inner), exp))
        name = _FUNC_CANON.get(name, _FUNC_ALIASES.get(name, name))
        if (
            sup is not None
            and isinstance(sup, A.Op)
            and sup.op == "neg"
            and sup.args == (A.Num(Fraction(1)),)
        ):
            return A.Op(_INVERSE.get(name, name), (arg,))
        app = A.Op(name, (arg,))
        return app if sup is None else A.Op("pow", (app, sup))

    def ratio(self, *parts):
        return A.Tuple_(tuple(parts), ":", ":")

    def bigop(self, tok, var, _rel, lo, hi, body):
        return A.Op(str(tok).lstrip("\\"), (body, A.Sym(str(var)), lo, hi))

    def logapp(self, _, arg):
        return A.Op("log", (arg,))

    def logbase(self, _, base, arg):
        return A.Op("log", (arg, base))

    def bracket(self, open_, items, close):
        o, c = str(open_), str(close)
        items = tuple(items or ())
        if o in ("\\{", "\\lbrace"):
            return A.SetLit(items)
        if o in ("\\langle", "⟨"):
            return A.Tuple_(items, "<", ">")
        if len(items) == 1 and o + c in ("()", "[]"):
            return items[0]
        if len(items) == 2 and o + c != "()":
            return A.Interval(items[0], items[1], o == "[", c == "]")
        return A.Tuple_(items, o, c)

    def brace(self, items=None):
        items = tuple(items or ())
        return items[0] if len(items) == 1 else A.SetLit(items)


def _power_of_group(text: str, pos: int | None, arg: A.Node) -> bool:
    """Does the text after a function name read ``( ... )^`` with arg a power?"""
    if pos is None or not (isinstance(arg, A.Op) and arg.op == "pow"):
        return False
    i = pos
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text) or text[i] != "(":
        return False
    depth = 0
    for j in range(i, len(text)):
        depth += {"(": 1, ")": -1}.get(text[j], 0)
        if depth == 0:
            return text[j + 1 :].lstrip().startswith("^")
    return False


def _logic(op: str, a: A.Node, b: A.Node) -> A.Node:
    parts = [
        *(a.items if isinstance(a, A.Logic) and a.op == op else (a,)),
        *(b.items if isinstance(b, A.Logic) and b.op == op else (b,)),
    ]
    relations = [p for p in parts if isinstance(p, (A.Chain, A.Member, A.Logic))]
    if len(relations) < len(parts) or (op == "and" and all(_is_assignment(p) for p in parts)):
        return A.Seq(tuple(parts))  # "6 and 8", "x = 1 and x = 2": a list of answers
    return A.Logic(op, tuple(parts))


def _is_assignment(node: A.Node) -> bool:
    return isinstance(node, A.Chain) and node.ops == ("=",)


def _label(sub: A.Node | None) -> str:
    if sub is None:
        return ""
    if isinstance(sub, A.Num):
        return str(sub.value)
    if isinstance(sub, A.Sym):
        return sub.name
    if isinstance(sub, A.Word):
        return sub.text
    if isinstance(sub, A.Const):
        return sub.name
    return re.sub(r"\W", "", repr(sub))  # whole: F_{n-k-1} and F_{n-k-5} differ


def _in_base(num: A.Num, base: A.Num) -> A.Node:
    b = int(base.value)
    digits = str(num.value.numerator)
    if not 2 <= b <= 36 or any(int(d, 36) >= b for d in digits):
        raise ParseError(f"{digits} is not a numeral in base {b}")
    return A.Num(Fraction(int(digits, b)))


_MATH_CHARS = re.compile(r"[\\=+^()<>{}\[\]\d$]")
_PROSE = re.compile(r"(?<![\\a-zA-Z])[a-zA-Z]{2,}|[^\W\d_a-zA-Z]")
_TEXT_ANY = re.compile(r"\\(?:text\w*|mathrm|mbox|hbox)\s*\{[^{}]*\}")


def _grammar(answer: str) -> A.Node:
    tree = parse_tree("math", answer)
    try:
        return ToAst(answer).transform(tree)
    except VisitError as exc:  # a rule refused its input (204_1: no base 1)
        if isinstance(exc.orig_exc, ParseError):
            raise ParseError(exc.orig_exc.message, text=answer, line=1, column=1) from None
        raise exc.orig_exc from None


def _english(node: A.Node) -> bool:
    """A juxtaposition holding an English word (``June 20``, ``all real numbers``):
    a word of four letters or more with a vowel, not a counted unit."""
    if not (isinstance(node, A.Op) and node.op == "imul"):
        return False
    for arg in node.args:
        w = arg.text.lower() if isinstance(arg, A.Word) else ""
        if len(w) >= 4 and any(v in w for v in "aeiouy") and w not in C.UNITS:
            return True
    return False


def read(answer: str, reading: Reading = DEFAULT_READING) -> A.Node:
    """An extracted answer -> its AST, with the fallbacks of the module docstring."""
    return _read(answer, reading)[0]


def _read(answer: str, reading: Reading) -> tuple[A.Node, bool]:
    """The AST, and whether it is the text fallback."""
    text = normalize(answer, reading)
    if not text:
        raise ParseError("empty answer", text=answer, line=1, column=1)
    try:
        node = _grammar(text)
        return (A.Text(text) if _english(node) else node), False
    except ParseError as first:
        error = first
    bare = _TEXT_ANY.sub(" ", text).strip()
    if bare and bare != text:
        try:
            return _grammar(bare), False
        except ParseError:
            pass
    if _PROSE.search(_TEXT_ANY.sub(" ", answer)) or _TEXT_ANY.search(answer):
        return A.Text(answer), True
    raise error


@lru_cache(maxsize=65536)
def parse_answer(text: str, reading: Reading = DEFAULT_READING) -> A.Answer:
    """Parse one answer (bare or a whole response) into its AST."""
    answer, rule = extract(repair(text))
    if not answer:
        message = "no answer in the response" if rule == "no answer" else "empty answer"
        raise ParseError(message, text=text, line=1, column=1)
    if rule == "prose" and not _MATH_CHARS.search(answer):
        # a sentence without a number or math: its words are the answer
        return A.Answer(A.Text(answer), answer, rule)
    node, fallback = _read(answer, reading)
    return A.Answer(node, answer, rule, fallback)


__all__ = ["parse_answer", "read", "ToAst"]
