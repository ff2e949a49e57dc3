"""The LP file format (CPLEX / Gurobi dialect) -> :class:`Model`.

The grammar is ``grammars/lp.lark``; this module is the thin transformer and
the error messages. Semantics follow the CPLEX "LP file format" reference:

* default bounds ``0 <= x < +inf``; in ``Bounds`` the last statement about a
  side wins; ``x free`` is ``-inf <= x <= +inf``; ``x = v`` fixes x. A negative
  upper bound does *not* move the lower bound (unlike MPS, see ``_mps``);
* bound values of magnitude >= 1e20 are infinite (CPLEX and HiGHS);
* ``Binaries`` sets the bounds to [0, 1] (overriding written bounds) and adds
  the variable to ``binaries``; ``Generals`` adds it to ``integers``;
* ``<`` means ``<=`` and ``>`` means ``>=`` (LP files have no strict rows);
* a quadratic ``[ ... ]`` block is recognised and skipped; ``quadratic`` is set;
* ``Row.line`` is the line of the row's name, else of its first term (of its
  first sense for ``constant sense expr`` rows).

Speed: a signed term (``+ 2.5 x[0,1]``) is one token and terms are not tree
nodes, so a file with 10^5 nonzeros parses in under two seconds.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from functools import cache

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedInput, UnexpectedToken, VisitError

from ...errors import ParseError, UnsupportedError
from ...syntax import grammar_dir, to_parse_error
from ._build import INFINITE_BOUND, ONE, ZERO, ModelBuilder, number
from .ast import Model

_SENSES = {
    "<=": "<=",
    "=<": "<=",
    "<": "<=",
    ">=": ">=",
    "=>": ">=",
    ">": ">=",
    "=": "=",
    "==": "=",
}
_FLIP = {"<=": ">=", ">=": "<=", "=": "="}
_INF = math.inf

# An `End` line ends the model; CPLEX ignores whatever follows it.
_END_LINE = re.compile(r"^[ \t]*end[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
_UNSUPPORTED = re.compile(
    r"^[ \t]*(sos[12]?|general constraints?|lazy constraints?|user cuts?|pwlobj|"
    r"multi-objectives?|semi-integers?)[ \t]*:?[ \t]*\r?$|(->)",
    re.IGNORECASE | re.MULTILINE,
)

_EXPR_FOLLOW = {"SENSE", "VTERM", "CTERM", "QTERM", "NAME", "NUMBER", "QUAD"}
_DESCRIBE = {
    "SENSE": "a sense (<=, >=, =)",
    "NAME": "a variable name",
    "LABEL": "a row name",
    "NUMBER": "a number",
    "VTERM": "a signed term",
    "VTERM0": "a term",
    "CTERM": "a signed number",
    "QTERM": "a signed quadratic block",
    "INF": "'inf'",
    "FREE": "'free'",
    "QUAD": "a quadratic block '[ ... ]'",
    "OBJSENSE": "'Minimize' or 'Maximize'",
    "SUBJECT_TO": "'Subject To'",
    "BOUNDS": "'Bounds'",
    "GENERALS": "'Generals'",
    "BINARIES": "'Binaries'",
    "SEMIS": "'Semi-continuous'",
    "END": "'End'",
    "$END": "end of input",
}


@cache
def _parser() -> Lark:
    """The LALR parser for ``grammars/lp.lark``, built once.

    Unlike :func:`equivsolve.syntax.parser`, without ``propagate_positions``:
    positions on every tree node cost a third of the time on large files, and
    the tokens carry the positions we report.
    """
    text = (grammar_dir() / "lp.lark").read_text(encoding="utf-8")
    return Lark(text, parser="lalr", maybe_placeholders=True)


def _sense(tok: Token) -> str:
    return _SENSES[str(tok)]


def _error(text: str, tok: Token, message: str) -> ParseError:
    return ParseError(message, text=text, line=tok.line, column=tok.column)


_TERM = re.compile(
    r"([+-]?)\s*((?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)?[ \t]*(.*)", re.DOTALL
)
_QUAD_TOKENS = {"QUAD", "QTERM"}


def _signed(text: str) -> Fraction:
    """A signed numeral token (``"- 3.5"``) as a Fraction."""
    neg = text[0] == "-"
    value = number(text.lstrip("+-").strip() if text[0] in "+-" else text)
    return -value if neg else value


def _split(tokens) -> tuple[dict[str, Fraction], Fraction, bool]:
    """Term tokens -> variable terms (repeats summed), the constant, quadratic?"""
    coefs: dict[str, Fraction] = {}
    const = ZERO
    quad = False
    pending: Fraction | None = None  # a coefficient whose variable is the next token
    for tok in tokens:
        kind = tok.type
        if kind == "NAME" and pending is not None:  # `3` at a line end, `x` on the next
            name, coef, pending = str(tok), pending, None
        else:
            if pending is not None:
                const, pending = const + pending, None
            if kind == "CTERM" or kind == "NUMBER":
                pending = _signed(tok)
                continue
            if kind in _QUAD_TOKENS:
                quad = True
                continue
            sign, num, name = _TERM.match(tok).groups()  # type: ignore[union-attr]
            coef = number(num) if num else ONE
            if sign == "-":
                coef = -coef
        coefs[name] = coefs[name] + coef if name in coefs else coef
    if pending is not None:
        const += pending
    return coefs, const, quad


@v_args(inline=True)
class _ToModel(Transformer):
    """Builds the model while the tree is walked (children before parents, in text order)."""

    def __init__(self, text: str) -> None:
        super().__init__(visit_tokens=False)
        self.text = text
        self.b = ModelBuilder("lp")

    # -- terms ------------------------------------------------------------
    def vexpr(self, *tokens):
        return tokens

    def rconst(self, tok):
        if tok.type == "INF":
            raise _error(self.text, tok, "an infinite right-hand side is not supported")
        return _signed(tok)

    # -- objective ---------------------------------------------------------
    def objective(self, kw, label, *terms):
        self.b.sense = "max" if str(kw).strip().lower().startswith("max") else "min"
        if label is not None:
            self.b.objective_name = str(label)[:-1].strip()
        coefs, const, quad = _split(terms)
        self.b.quadratic |= quad
        self.b.add_objective(coefs.items(), const)

    # -- rows --------------------------------------------------------------
    def _add(self, at: Token, label, terms, sense, lo, hi=None):
        """Add a row; ``at`` is a token of it, for the line when there is no label."""
        coefs, const, quad = _split(terms)
        self.b.quadratic |= quad
        name = str(label)[:-1].strip() if label is not None else None
        line = (label or at).line
        self.b.add_row(name, coefs, sense, lo - const, None if hi is None else hi - const, line)

    def row(self, label, terms, sense, rhs):
        self._add(terms[0], label, terms, _sense(sense), rhs)

    def rev_row(self, label, lhs, sense, terms):
        self._add(sense, label, terms, _FLIP[_sense(sense)], lhs)

    def ranged_row(self, label, left, s1, terms, s2, right):
        a, b = _sense(s1), _sense(s2)
        if a != b or a == "=":
            raise _error(
                self.text, s2, f"a ranged row needs two '<=' or two '>=', not {s1} and {s2}"
            )
        lo, hi = (left, right) if a == "<=" else (right, left)
        self._add(s1, label, terms, "range", lo, hi)

    def empty_row(self, label, sense, rhs):
        self._add(sense, label, (), _sense(sense), rhs)

    # -- bounds ------------------------------------------------------------
    def bval(self, tok):
        if tok.type == "INF":
            return -_INF if tok[0] == "-" else _INF
        value = _signed(tok)
        if abs(value) >= INFINITE_BOUND:
            return -_INF if value < 0 else _INF
        return value

    def _one_side(self, name: Token, sense: str, value, at: Token) -> None:
        var = str(name)
        if sense == "<=":
            if value == -_INF:
                raise _error(self.text, at, f"an upper bound of -infinity on {var}")
            self.b.set_bound(var, upper=None if value == _INF else value)
        elif sense == ">=":
            if value == _INF:
                raise _error(self.text, at, f"a lower bound of +infinity on {var}")
            self.b.set_bound(var, lower=None if value == -_INF else value)
        else:
            if isinstance(value, float):
                raise _error(self.text, at, f"{var} fixed at an infinite value")
            self.b.set_bound(var, lower=value, upper=value)

    def free_bound(self, name, _free):
        self.b.set_bound(str(name), lower=None, upper=None)

    def var_sense_value(self, name, sense, value):
        self._one_side(name, _sense(sense), value, sense)

    def value_sense_var(self, value, sense, name):
        self._one_side(name, _FLIP[_sense(sense)], value, sense)

    def double_bound(self, left, s1, name, s2, right):
        a, b = _sense(s1), _sense(s2)
        if a != b or a == "=":
            raise _error(
                self.text, s2, f"a double bound needs two '<=' or two '>=', not {s1} and {s2}"
            )
        lo, hi = (left, right) if a == "<=" else (right, left)
        self._one_side(name, ">=", lo, s1)
        self._one_side(name, "<=", hi, s2)

    # -- variable types ----------------------------------------------------
    def generals(self, _kw, *names):
        for n in names:
            self.b.integers[self.b.var(str(n))] = None

    def binaries(self, _kw, *names):
        for n in names:
            self.b.binaries[self.b.var(str(n))] = None
            self.b.set_bound(str(n), lower=ZERO, upper=ONE)

    def semis(self, _kw, *names):
        for n in names:
            self.b.semicontinuous[self.b.var(str(n))] = None

    def start(self, *_children):
        return self.b.build()


def _friendly(exc: UnexpectedInput, text: str) -> ParseError:
    base = to_parse_error(exc, text)
    expected = set(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ())
    message = base.message
    if isinstance(exc, UnexpectedToken):
        got = exc.token.type
        if expected == {"SENSE", "FREE"}:
            message = f"{message}: expected a bound sense or 'free' after the variable name"
        elif "SENSE" in expected and got != "SENSE" and expected <= _EXPR_FOLLOW:
            message = f"{message}: expected a constraint sense (<=, >=, =) after the expression"
        elif expected and expected <= {"CTERM", "NUMBER", "INF"}:
            hint = " (the LP format allows variables on one side only)" if got == "NAME" else ""
            message = f"{message}: expected a constant after the sense{hint}"
        elif (
            expected and expected <= {"NUMBER", "NAME", "VTERM0", "QUAD", "CTERM"} and got != "NAME"
        ):
            message = f"{message}: expected a term"
    names = tuple(sorted(_DESCRIBE.get(t, t) for t in expected if not t.startswith("__")))
    return ParseError(message, text=text, line=base.line, column=base.column, expected=names)


def parse_lp(text: str) -> Model:
    """Parse a model in the LP file format.

    Examples
    --------
    >>> m = parse_lp("Maximize\\n obj: 3 x + 2 y\\nSubject To\\n c1: x + y <= 4\\nEnd")
    >>> m.sense, m.objective_name, m.rows[0].rhs
    ('max', 'obj', Fraction(4, 1))
    """
    text = text.lstrip("\ufeff")
    end = _END_LINE.search(text)
    body = text[: end.end()] if end else text
    try:
        tree = _parser().parse(body)
        return _ToModel(text).transform(tree)
    except VisitError as exc:
        raise exc.orig_exc from None
    except UnexpectedInput as exc:
        found = _UNSUPPORTED.search(body)
        if found:
            what = found.group(1) or "indicator constraints (->)"
            raise UnsupportedError(f"LP section or construct not supported: {what}") from None
        raise _friendly(exc, text) from None
