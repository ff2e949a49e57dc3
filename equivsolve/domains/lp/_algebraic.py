"""Plain algebraic notation -> :class:`Model` (grammar ``grammars/lp_alg.lark``).

    max 3x + 2y s.t. x + y <= 4, x - y >= -2, x, y >= 0, y integer

**Variables are free unless a statement bounds them** -- that is what the
mathematics says, and it differs from the LP file format, where a variable
without bounds is ``0 <= x < +inf``. So every variable of an algebraic model
has an explicit entry in ``Model.bounds`` (``Bound(None, None)`` when free).

Other conventions:

* a statement ``x <op> c`` or ``c <op> x`` on one variable with coefficient 1
  (and ``c1 <= x <= c2``, ``x, y >= 0``) is a bound, not a row; bounds from
  several statements intersect (``x >= 0, x >= 2`` gives ``x >= 2``); a
  labelled statement (``c1: x <= 4``) stays a row;
* ``c1 <= expr <= c2`` is a ranged row; other chains split into pairs;
* ``<`` and ``>`` mean ``<=`` and ``>=`` (as in LP files);
* ``integer``/``int``/``general``, ``binary``/``bin``/``in {0,1}``,
  ``in Z`` (integer), ``in Z+``/``in N`` (integer, ``>= 0``), ``in R+`` and
  ``nonnegative`` (``>= 0``), ``free``/``in R`` (no change);
* terms that cancel (``x - y = 3 - y``) are dropped, the variable is kept;
  a statement left without variables is an empty row (true or infeasible);
* a product of two expressions with variables (``x*y``, ``x^2``) is dropped
  and sets ``quadratic``, as a quadratic block does in the LP format;
  division by an expression with variables is unsupported.
"""

from __future__ import annotations

import re
from fractions import Fraction

from lark import Token, Transformer, v_args
from lark.exceptions import UnexpectedInput, UnexpectedToken, VisitError

from ...errors import ParseError, UnsupportedError
from ...syntax import parser, to_parse_error
from ._build import ONE, ZERO, ModelBuilder, error_at, number
from .ast import Model

_SENSES = {"<=": "<=", "=<": "<=", "<": "<=", "≤": "<=", "⩽": "<="}
_SENSES |= {">=": ">=", "=>": ">=", ">": ">=", "≥": ">=", "⩾": ">="}
_SENSES |= {"=": "=", "==": "="}
_FLIP = {"<=": ">=", ">=": "<=", "=": "="}
_CONT_AFTER = set("+-−*/(=<>≤≥^,")
_CONT_BEFORE = set("+*/=<>≤≥^),")
_EDGE_SEPS = re.compile(r"^[\s,;]+|[\s,;.]+$")
_DESCRIBE = {
    "REL": "a relation (<=, >=, =)",
    "NAME": "a variable name",
    "VARLIST": "a list of variables",
    "LABEL": "a constraint name",
    "NUMBER": "a number",
    "SIGN": "'+' or '-'",
    "SEP": "',' or a new line",
    "ST": "'subject to'",
    "OBJSENSE": "'max' or 'min'",
    "TYPE": "a type such as 'integer'",
    "IN": "'in'",
    "SETNAME": "a set such as Z",
    "$END": "end of input",
}


class _Lin:
    """An affine expression; ``quad`` records that a nonlinear part was dropped."""

    __slots__ = ("coefs", "const", "quad")

    def __init__(self, coefs: dict[str, Fraction], const: Fraction, quad: bool = False) -> None:
        self.coefs, self.const, self.quad = coefs, const, quad

    def is_const(self) -> bool:
        return not self.coefs and not self.quad

    def scaled(self, k: Fraction) -> _Lin:
        return _Lin({v: c * k for v, c in self.coefs.items()}, self.const * k, self.quad)

    def plus(self, other: _Lin, sign: int = 1) -> _Lin:
        coefs = dict(self.coefs)
        for v, c in other.coefs.items():
            coefs[v] = coefs.get(v, ZERO) + sign * c
        return _Lin(coefs, self.const + sign * other.const, self.quad or other.quad)

    def single_var(self) -> str | None:
        """The variable when the expression is exactly ``1 * x``."""
        if self.quad or self.const or len(self.coefs) != 1:
            return None
        ((v, c),) = self.coefs.items()
        return v if c == 1 else None


def _nonzero(coefs: dict[str, Fraction]) -> dict[str, Fraction]:
    """Terms that cancelled out (``x - y = 3 - y``) are dropped, as in the algebra."""
    return {v: c for v, c in coefs.items() if c}


def _join_continuations(text: str) -> str:
    """Blank out line breaks inside an expression; the length is unchanged."""
    chars = list(text)
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        prev = line.rstrip()[-1:]
        nxt = lines[i + 1].lstrip()[:1]
        if (prev and prev in _CONT_AFTER) or (nxt and nxt in _CONT_BEFORE):
            chars[pos] = " "
        pos += 1
    return _EDGE_SEPS.sub(lambda m: " " * len(m.group()), "".join(chars))


@v_args(inline=True)
class _ToModel(Transformer):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.b = ModelBuilder("algebraic", default_free=True)

    def fail(self, tok: Token, message: str) -> ParseError:
        return error_at(self.text, tok.start_pos or 0, message)

    # -- expressions -------------------------------------------------------
    def num(self, tok):
        return _Lin({}, number(tok))

    def var(self, tok):
        return _Lin({str(tok): ONE}, ZERO)

    def group(self, _l, e, _r):
        return e

    def addsub(self, a, sign, b):
        return a.plus(b, -1 if sign != "+" else 1)

    def neg(self, sign, a):
        return a if sign == "+" else a.scaled(Fraction(-1))

    def _product(self, a: _Lin, b: _Lin) -> _Lin:
        if a.is_const():
            return b.scaled(a.const)
        if b.is_const():
            return a.scaled(b.const)
        return _Lin({}, ZERO, True)  # nonlinear: dropped, flagged

    def mul(self, a, _star, b):
        return self._product(a, b)

    def imul(self, a, b):
        return self._product(a, b)

    def div(self, a, slash, b):
        if not b.is_const():
            raise UnsupportedError("division by an expression with variables")
        if b.const == 0:
            raise self.fail(slash, "division by zero")
        return a.scaled(1 / b.const)

    def pow(self, a, caret, b):
        if not b.is_const() or b.const.denominator != 1 or abs(b.const) > 64:
            raise self.fail(caret, "the exponent must be a small integer")
        k = int(b.const)
        if a.is_const():
            if a.const == 0 and k < 0:
                raise self.fail(caret, "division by zero")
            return _Lin({}, a.const**k)
        if k < 0:
            raise UnsupportedError("division by an expression with variables")
        return _Lin({}, ONE) if k == 0 else a if k == 1 else _Lin({}, ZERO, True)

    # -- statements --------------------------------------------------------
    def objname(self, name, op):
        if str(op) not in ("=", ":"):
            raise self.fail(op, "expected '=' or ':' after the objective's name")
        return str(name)

    def objective(self, kw, _colon, _sep, name, e):
        self.b.sense = "max" if str(kw).lower().startswith("max") else "min"
        self.b.objective_name = name
        self.b.quadratic |= e.quad
        self.b.add_objective(_nonzero(e.coefs).items(), e.const)

    def _tighten(self, name: str, lower: Fraction | None = None, upper: Fraction | None = None):
        old = self.b.bound(name)
        lo = old.lower if lower is None or (old.lower is not None and old.lower >= lower) else lower
        hi = old.upper if upper is None or (old.upper is not None and old.upper <= upper) else upper
        self.b.set_bound(name, lower=lo, upper=hi)

    def _bound(self, name: str, sense: str, value: Fraction) -> None:
        self._tighten(
            name,
            lower=value if sense in (">=", "=") else None,
            upper=value if sense in ("<=", "=") else None,
        )

    def _register(self, e: _Lin) -> None:
        for v in e.coefs:
            self.b.var(v)

    def _pair(self, label, left: _Lin, op: Token, right: _Lin, line: int | None) -> None:
        sense = _SENSES[str(op)]
        self._register(left)
        self._register(right)
        if label is None:
            if (v := left.single_var()) is not None and right.is_const():
                return self._bound(v, sense, right.const)
            if (v := right.single_var()) is not None and left.is_const():
                return self._bound(v, _FLIP[sense], left.const)
        diff = left.plus(right, -1)
        self.b.quadratic |= diff.quad
        self.b.add_row(label, _nonzero(diff.coefs), sense, -diff.const, None, line)

    @v_args(inline=True, meta=True)
    def relation(self, meta, label, *parts):
        name = str(label)[:-1].strip() if label is not None else None
        exprs, ops = parts[0::2], parts[1::2]
        senses = [_SENSES[str(o)] for o in ops]
        line = getattr(meta, "line", None)
        if (
            len(exprs) == 3
            and senses[0] == senses[1] != "="
            and exprs[0].is_const()
            and exprs[2].is_const()
            and not exprs[1].is_const()
        ):
            mid = exprs[1]
            lo, hi = (exprs[0].const, exprs[2].const)
            if senses[0] == ">=":
                lo, hi = hi, lo
            self._register(mid)
            if name is None and (v := mid.single_var()) is not None:
                self._tighten(v, lower=lo, upper=hi)
                return
            self.b.quadratic |= mid.quad
            self.b.add_row(name, _nonzero(mid.coefs), "range", lo - mid.const, hi - mid.const, line)
            return
        for i, op in enumerate(ops):
            self._pair(name if i == 0 else None, exprs[i], op, exprs[i + 1], line)

    def _names(self, tok: Token) -> list[str]:
        return [self.b.var(n.strip()) for n in str(tok).split(",")]

    def _type(self, names: list[str], tok: Token) -> None:
        word = str(tok).lower()
        if word.startswith(("int", "general")):
            for n in names:
                self.b.integers[n] = None
        elif word.startswith(("bin", "bool")):
            for n in names:
                self.b.binaries[n] = None
                self._tighten(n, ZERO, ONE)
        elif word.startswith("non"):
            for n in names:
                self._tighten(n, lower=ZERO)

    def list_bound(self, varlist, op, e, _and, typ):
        if not e.is_const():
            raise self.fail(op, "a bound on a list of variables needs a constant")
        names = self._names(varlist)
        for n in names:
            self._bound(n, _SENSES[str(op)], e.const)
        if typ is not None:
            self._type(names, typ)

    def typed(self, names, typ):
        self._type(self._names(names), typ)

    def member(self, names, _in, domain):
        names = self._names(names)
        kind, nonneg = domain
        if kind:
            self._type(names, Token("TYPE", kind))
        if nonneg:
            for n in names:
                self._tighten(n, lower=ZERO)

    def zero_one(self, _l, a, _sep, b, _r):
        if {number(a), number(b)} != {ZERO, ONE}:
            raise self.fail(a, "only the set {0, 1} is supported")
        return ("binary", False)

    def named_set(self, tok):
        s = str(tok)
        letter = s.removeprefix("\\mathbb{")[:1]
        nonneg = len(s.removeprefix("\\mathbb{").lstrip("ZNRℤℕℝ}")) > 0 or letter in "Nℕ"
        return ("integer" if letter in "ZNℤℕ" else "", nonneg)

    def start(self, *_children):
        return self.b.build()


def _friendly(exc: UnexpectedInput, original: str, text: str) -> ParseError:
    base = to_parse_error(exc, text)
    if isinstance(exc, UnexpectedToken):
        pos = exc.token.start_pos if exc.token.type != "$END" else len(text.rstrip())
    else:
        pos = getattr(exc, "pos_in_stream", 0) or 0
    expected = set(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ())
    message = base.message
    if isinstance(exc, UnexpectedToken) and "REL" in expected and exc.token.type in ("SEP", "$END"):
        message += ": expected a relation (<=, >=, =) in the constraint"
    names = tuple(sorted(_DESCRIBE.get(t, t) for t in expected if not t.startswith("__")))
    token = getattr(exc, "token", None)
    if token is not None and token.type == "SEP":
        shown = "line break" if "\n" in token else repr(token.strip())
        message = message.replace(repr(str(token)), shown, 1)
    return error_at(original, pos, message, names)


def parse_algebraic(text: str) -> Model:
    """Parse a model written in algebraic notation (variables free by default).

    Examples
    --------
    >>> m = parse_algebraic("max 3x + 2y s.t. x + y <= 4, x, y >= 0, y integer")
    >>> m.sense, [r.rhs for r in m.rows], dict(m.bounds)["x"].lower, sorted(m.integers)
    ('max', [Fraction(4, 1)], Fraction(0, 1), ['y'])
    """
    prepared = _join_continuations(text.lstrip("\ufeff").replace("\ufeff", " "))
    try:
        tree = parser("lp_alg").parse(prepared)
        return _ToModel(text).transform(tree)
    except VisitError as exc:
        raise exc.orig_exc from None
    except UnexpectedInput as exc:
        raise _friendly(exc, text, prepared) from None
