"""AST -> canonical values: what an answer *means*, ready to be compared.

Every answer becomes one of a few value types: a scalar (a SymPy expression,
with the alternative readings the policies allow: ``50\\%`` is ``1/2`` and
``50``; ``90^\\circ`` is ``pi/2`` and ``90``), an unordered collection (a set or
a bare list of answers), an ordered tuple, a subset of the reals (intervals and
their unions), a relation (equations, inequalities, ``and``/``or``), a matrix, a
function definition ``f(x) = ...`` or text.

Exact arithmetic throughout: decimals become rationals (remembering how many
places were written, for the rounding policy), and integer powers whose value
would be astronomically large are refused up front (a C-level big-integer
computation cannot be interrupted by the time budget).
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp

from ...errors import UnsupportedError
from . import ast as A
from . import text as T

#: refuse exact integers beyond this many bits (about 300,000 digits)
MAX_BITS = 1_000_000
MAX_FACTORIAL = 20_000

_FUNCS: dict[str, Any] = {
    "sin": sp.sin,
    "cos": sp.cos,
    "tan": sp.tan,
    "cot": sp.cot,
    "sec": sp.sec,
    "csc": sp.csc,
    "asin": sp.asin,
    "acos": sp.acos,
    "atan": sp.atan,
    "acot": sp.acot,
    "asec": sp.asec,
    "acsc": sp.acsc,
    "sinh": sp.sinh,
    "cosh": sp.cosh,
    "tanh": sp.tanh,
    "coth": sp.coth,
    "exp": sp.exp,
    "ln": sp.log,
    "log10": lambda x: sp.log(x, 10),
    "sqrt": sp.sqrt,
    "det": lambda m: m.det() if isinstance(m, sp.MatrixBase) else m,
    "abs": sp.Abs,
    "floor": sp.floor,
    "ceil": sp.ceiling,
}
_CONSTS = {"pi": sp.pi, "e": sp.E, "i": sp.I, "inf": sp.oo}
#: names read as functions when followed by parentheses: f(x), g(2), h(t)
FUNCTION_NAMES = frozenset("fghFGH")
UNITS = frozenset(
    "m cm mm km kg g mg s h min hr hrs hours hour minutes minute seconds second sec l ml "
    "meters meter metres metre inches inch in ft feet foot yards yard miles mile mph "
    "degrees degree "
    "units unit cents cent dollars dollar yuan euros euro rupees kmh lb lbs pounds oz cm2 m2 "
    "sq square cubic days day weeks week years year months month people students ways".split()
)


# ---- values -----------------------------------------------------------------
@dataclass(frozen=True)
class Scalar:
    expr: sp.Expr
    places: int | None = None  # decimals written, when the value is one decimal literal
    alts: tuple[sp.Expr, ...] = ()  # other readings allowed by a policy ...
    alt_policy: str | None = None  # ... named here: "percent" or "degrees"


@dataclass(frozen=True)
class Collection:
    """Unordered: a set literal or a bare list of answers."""

    items: tuple[Any, ...]
    is_set: bool = False


@dataclass(frozen=True)
class Ordered:
    """A tuple, point, vector or ratio; a 2-tuple in parentheses may be an interval."""

    items: tuple[Any, ...]
    maybe_interval: bool = False
    ratio: bool = False


@dataclass(frozen=True)
class RealSet:
    set: sp.Set


@dataclass(frozen=True)
class Relation:
    """A SymPy boolean (equation, inequality, and/or) over free symbols."""

    cond: Any
    lhs: Any = None  # for a single equation: its sides (assignment handling)
    rhs: Any = None
    label: bool = False  # lhs is a name such as x, f(x), |AB|, a_3
    #: a worked chain with a false step between exact values (``S = ... = -47 = 13``)
    false_step: str | None = None


@dataclass(frozen=True)
class Matrix:
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class FuncDef:
    name: str
    params: tuple[sp.Symbol, ...]
    body: Any


@dataclass(frozen=True)
class TextV:
    text: str


@dataclass
class Context:
    symbols: dict[str, sp.Symbol] = field(default_factory=dict)

    def sym(self, name: str) -> sp.Symbol:
        s = self.symbols.get(name)
        if s is None:
            s = self.symbols[name] = sp.Symbol(name, real=True)
        return s


# ---- scalars --------------------------------------------------------------------
def _rational(q: Fraction) -> sp.Rational:
    return sp.Rational(q.numerator, q.denominator)


def _is_label(node: A.Node) -> bool:
    """A name-like left-hand side: x, AB, a_3, f(x), |AB|, NO/BO, A:B."""
    if isinstance(node, (A.Sym, A.Word)) or _is_call(node) or _is_inverse_call(node):
        return True
    if isinstance(node, A.Op) and node.op in ("imul", "div", "abs"):
        return all(_is_label(a) for a in node.args)
    if isinstance(node, A.Tuple_) and node.open == ":":
        return all(_is_label(a) for a in node.items)
    return False


def _is_inverse_call(node: A.Node) -> bool:
    """``f^{-1}(x)`` and ``f'(x)`` name a function's value too."""
    if not (isinstance(node, A.Op) and node.op == "imul" and len(node.args) == 2):
        return False
    head = node.args[0]
    if isinstance(head, A.Op) and head.op == "pow" and isinstance(head.args[0], A.Sym):
        return head.args[0].name in FUNCTION_NAMES
    return isinstance(head, A.Sym) and head.name.rstrip("'") in FUNCTION_NAMES


def _is_call(node: A.Node) -> bool:
    return (
        isinstance(node, A.Op)
        and node.op == "imul"
        and len(node.args) == 2
        and isinstance(node.args[0], A.Sym)
        and node.args[0].name in FUNCTION_NAMES
    )


def _check_pow(base: sp.Expr, exp: sp.Expr) -> None:
    if base.is_Integer and exp.is_Integer and abs(base) > 1 and exp > 0:
        bits = int(exp) * math.log2(abs(int(base)))
        if bits > MAX_BITS:
            raise UnsupportedError(f"number too large to decide exactly ({base}^{exp})")


def scalar(node: A.Node, ctx: Context) -> sp.Expr:
    """A scalar AST -> SymPy expression (exact)."""
    if isinstance(node, _Expr):
        return node.expr
    if isinstance(node, A.Num):
        return _rational(node.value)
    if isinstance(node, A.Const):
        return _CONSTS[node.name]
    if isinstance(node, A.Sym):
        return ctx.sym(node.name)
    if isinstance(node, A.Word):
        return sp.Mul(*[ctx.sym(c) for c in node.text])
    if isinstance(node, A.Percent):
        return scalar(node.value, ctx) / 100
    if isinstance(node, A.Degree):
        return scalar(node.value, ctx) * sp.pi / 180
    if isinstance(node, A.Text):
        inner = text_as_math(node)
        if inner is not None:
            return scalar(inner, ctx)
        raise UnsupportedError(f"text {node.text!r} inside an expression")
    if isinstance(node, A.Op):
        return _op(node, ctx)
    if isinstance(node, A.Matrix):
        return sp.ImmutableMatrix([[scalar(c, ctx) for c in row] for row in node.rows])
    if isinstance(node, A.Time):
        return sp.Integer(node.minutes)
    if isinstance(node, A.Dots):
        raise UnsupportedError("'\\ldots' outside a list, sum or product")
    raise UnsupportedError(f"{type(node).__name__} used as a number")


def _op(node: A.Op, ctx: Context) -> sp.Expr:
    op, args = node.op, node.args
    if op == "imul":
        return _implicit(args, ctx)
    if op in ("add", "mul") and any(isinstance(a, A.Dots) for a in args):
        return _elided(args, ctx, op)  # 1 + 2 + \\cdots + n
    # these read their arguments themselves (a bound variable, a tuple of numbers)
    own = ("sum", "prod", "limit", "gcd", "lcm", "max", "min")
    vals = [scalar(a, ctx) for a in args] if op not in own else []
    if op == "add":
        return _fold(operator.add, vals) if _any_matrix(vals) else sp.Add(*vals)
    if op == "mul":
        return _fold(operator.mul, vals) if _any_matrix(vals) else sp.Mul(*vals)
    if op == "neg":
        return -vals[0]
    if op == "div":
        if vals[1] == 0:
            raise UnsupportedError("division by zero")
        return vals[0] / vals[1]
    if op == "pow":
        _check_pow(vals[0], vals[1])
        return sp.Pow(vals[0], vals[1])
    if op == "sqrt":
        return sp.sqrt(vals[0])
    if op == "root":
        # a negative number has a real odd root; otherwise the principal root,
        # consistent with x^{1/n}
        if vals[0].is_number and vals[0].is_negative and vals[1].is_odd:
            return sp.real_root(vals[0], vals[1])
        return sp.root(vals[0], vals[1])
    if op == "factorial":
        if vals[0].is_Integer and vals[0] > MAX_FACTORIAL:
            raise UnsupportedError(f"number too large to decide exactly ({vals[0]}!)")
        return sp.factorial(vals[0])
    if op == "binom":
        return sp.binomial(vals[0], vals[1])
    if op == "mod":
        if vals[1] == 0:
            raise UnsupportedError("modulus zero")
        return sp.Mod(vals[0], vals[1])
    if op == "limit":
        body, var, target = (scalar(a, ctx) for a in args[:3])
        direction = args[3].text if isinstance(args[3], A.Text) else "+"
        found = sp.limit(body, var, target, dir="+-" if target.is_finite is False else direction)
        if isinstance(found, sp.Limit) or found.has(sp.AccumBounds):
            raise UnsupportedError("a limit SymPy cannot evaluate")
        return found
    if op == "log":  # a bare \\log is base 10 (school and competition usage)
        return sp.log(vals[0], vals[1] if len(vals) == 2 else 10)
    if op in ("sum", "prod"):
        body, var = scalar(args[0], ctx), scalar(args[1], ctx)
        lo, hi = scalar(args[2], ctx), scalar(args[3], ctx)
        return (sp.Sum if op == "sum" else sp.Product)(body, (var, lo, hi))
    if op in _FUNCS:
        return _FUNCS[op](*vals)
    if op in ("gcd", "lcm", "max", "min"):
        inner = args[0].items if isinstance(args[0], A.Tuple_) else args
        fn = {"gcd": sp.gcd, "lcm": sp.lcm, "max": sp.Max, "min": sp.Min}[op]
        res = [scalar(a, ctx) for a in inner]
        return fn(*res) if op in ("max", "min") else _fold(fn, res)
    raise UnsupportedError(f"operation {op}")


def progression(terms: list[sp.Expr], last: sp.Expr) -> tuple[sp.Dummy, sp.Expr, sp.Expr] | None:
    """``t1, t2, [t3,] ..., last`` as an arithmetic or geometric progression:
    (the index ``k``, the k-th term, the number of terms); None when the written
    terms fit neither."""
    k = sp.Dummy("k", integer=True)
    if len(terms) < 2:
        return None
    d = sp.simplify(terms[1] - terms[0])
    steps = zip(terms, terms[1:])
    if d != 0 and d.is_number and all(sp.simplify(b - a - d) == 0 for a, b in steps):
        count = sp.simplify((last - terms[0]) / d + 1)
        return k, terms[0] + (k - 1) * d, count
    if terms[0] != 0 and terms[0].is_number:
        r = sp.simplify(terms[1] / terms[0])
        if (
            r.is_number
            and r not in (0, 1)
            and all(sp.simplify(b - a * r) == 0 for a, b in zip(terms, terms[1:]))
        ):
            count = sp.simplify(sp.log(last / terms[0], r) + 1)
            if count.is_Integer:
                return k, terms[0] * r ** (k - 1), count
    return None


def _elided(args: tuple[A.Node, ...], ctx: Context, op: str) -> sp.Expr:
    """``1 + 2 + \\cdots + n``: the progression the written terms determine."""
    i = next(j for j, a in enumerate(args) if isinstance(a, A.Dots))
    if i < 2 or i != len(args) - 2 or any(isinstance(a, A.Dots) for a in args[i + 1 :]):
        raise UnsupportedError("an elided sum or product whose terms are not all written")
    head = [scalar(a, ctx) for a in args[:i]]
    last = scalar(args[-1], ctx)
    found = progression(head, last)
    if found is None:
        raise UnsupportedError("an elided sum or product that is no progression")
    k, term, count = found
    if count.is_number and (not count.is_Integer or count < len(head)):
        raise UnsupportedError("an elided sum or product that is no progression")
    total = (sp.summation if op == "add" else sp.product)(term, (k, 1, count))
    return sp.simplify(total)


def _any_matrix(vals: list[Any]) -> bool:
    return any(isinstance(v, sp.MatrixBase) for v in vals)


def _fold(fn: Any, vals: list[sp.Expr]) -> sp.Expr:
    out = vals[0]
    for v in vals[1:]:
        out = fn(out, v)
    return out


def _implicit(args: tuple[A.Node, ...], ctx: Context) -> sp.Expr:
    """Juxtaposition: products, mixed numbers (7\\frac{3}{4}) and f(x) calls."""
    out: list[sp.Expr] = []
    i = 0
    while i < len(args):
        a = args[i]
        nxt = args[i + 1] if i + 1 < len(args) else None
        if _is_choose(a, nxt):  # C(5, 2): the binomial coefficient
            out.append(sp.binomial(*[scalar(p, ctx) for p in nxt.items]))  # type: ignore[union-attr]
            i += 2
            continue
        if isinstance(a, A.Sym) and a.name in FUNCTION_NAMES and nxt is not None:
            params = nxt.items if isinstance(nxt, A.Tuple_) else (nxt,)
            out.append(sp.Function(a.name)(*[scalar(p, ctx) for p in params]))
            i += 2
            continue
        mixed = _mixed_number(a, nxt) if len(args) == 2 and i == 0 else None
        if mixed is not None:
            return mixed
        out.append(scalar(a, ctx))
        i += 1
    return _fold(operator.mul, out) if _any_matrix(out) else sp.Mul(*out)


def _is_choose(name: A.Node, arg: A.Node | None) -> bool:
    return (
        isinstance(name, A.Sym)
        and name.name == "C"
        and isinstance(arg, A.Tuple_)
        and arg.open == "("
        and len(arg.items) == 2
        and all(isinstance(i, A.Num) and i.places is None for i in arg.items)
    )


def _mixed_number(whole: A.Node, frac: A.Node | None) -> sp.Rational | None:
    """``7\\frac{3}{4}`` is 7 3/4: an integer literal before a proper fraction."""
    if not (isinstance(whole, A.Num) and whole.places is None):
        return None
    if not (isinstance(frac, A.Op) and frac.op == "div"):
        return None
    num, den = frac.args
    if not (isinstance(num, A.Num) and isinstance(den, A.Num)):
        return None
    if num.places is not None or den.places is not None or not 0 < num.value < den.value:
        return None
    return _rational(whole.value + num.value / den.value)


_WORDS = re.compile(r"(?<![\\a-zA-Z])[a-zA-Z]{2,}")


def text_as_math(node: A.Text) -> A.Node | None:
    """``\\text{13}`` is 13, ``\\mathrm{e}`` is e, ``\\text{E}`` is the letter E."""
    from .parse import parse_answer

    raw = node.text.strip()
    if not raw or len(raw) > 40 or (len(raw) > 1 and raw.isalpha()) or _WORDS.search(raw):
        return None
    try:
        inner = parse_answer(raw).node
    except Exception:
        return None
    return None if isinstance(inner, A.Text) else inner


# ---- values -------------------------------------------------------------------
def _contains_pm(node: Any) -> bool:
    if isinstance(node, A.PlusMinus):
        return True
    if isinstance(node, A.Op):
        return any(_contains_pm(a) for a in node.args)
    if isinstance(node, A.Chain):
        return any(_contains_pm(t) for t in node.terms)
    return False


def _signed(node: Any, sign: int) -> Any:
    """``node`` with every ``\\pm`` read as ``+`` (sign 1) or ``-`` (sign -1)."""
    if isinstance(node, A.PlusMinus):
        right = _signed(node.right, sign)
        right = right if sign > 0 else A.Op("neg", (right,))
        if node.left is None:
            return right
        return A.Op("add", (_signed(node.left, sign), right))
    if isinstance(node, A.Op):
        return A.Op(node.op, tuple(_signed(a, sign) for a in node.args))
    if isinstance(node, A.Chain):
        return A.Chain(node.ops, tuple(_signed(t, sign) for t in node.terms))
    return node


def value(node: A.Node, ctx: Context) -> Any:
    """Any answer AST -> its canonical value."""
    if isinstance(node, (A.Op, A.Chain)) and _contains_pm(node):
        # "x = \\frac{16 \\pm \\sqrt{32}}{4}": the two values \\pm stands for
        return Collection((value(_signed(node, 1), ctx), value(_signed(node, -1), ctx)))
    if isinstance(node, A.Num):
        return Scalar(_rational(node.value), places=node.places)
    if isinstance(node, A.Op) and node.op == "neg" and isinstance(node.args[0], A.Interval):
        inner = value(node.args[0], ctx)  # -[0,1) is the reflected interval (-1, 0]
        if isinstance(inner, RealSet) and isinstance(inner.set, sp.Interval):
            i = inner.set
            return RealSet(sp.Interval(-i.end, -i.start, i.right_open, i.left_open))
    if isinstance(node, A.Op) and node.op == "neg" and isinstance(node.args[0], A.Num):
        inner = node.args[0]
        return Scalar(-_rational(inner.value), places=inner.places)
    if isinstance(node, A.Percent):
        v = value(node.value, ctx)
        if isinstance(v, Scalar):  # 33.33% keeps its four decimals for the rounding policy
            places = v.places + 2 if v.places is not None else None
            return Scalar(v.expr / 100, places, alts=(v.expr,), alt_policy="percent")
        return v
    if isinstance(node, A.Degree):
        v = scalar(node.value, ctx)
        return Scalar(v * sp.pi / 180, alts=(v,), alt_policy="degrees")
    if isinstance(node, A.Text):
        as_math = text_as_math(node)
        return value(as_math, ctx) if as_math is not None else TextV(T.normalize_text(node.text))
    if isinstance(node, A.Word):
        if len(node.text) >= 3 or node.text.lower() in ("no", "ok"):
            return TextV(T.normalize_text(node.text))
        return Scalar(scalar(node, ctx))
    scaled = _scientific(node)
    if scaled is not None:
        return scaled
    if isinstance(node, A.Op) and node.op == "imul":
        return _implicit_value(node, ctx)
    if isinstance(node, A.Time):
        alts = (sp.Integer(node.alt),) if node.alt is not None else ()
        return Scalar(sp.Integer(node.minutes), alts=alts, alt_policy="time")
    if isinstance(node, A.SetBuilder):
        return R.set_builder(node, ctx)
    if isinstance(node, A.PlusMinus):
        b = scalar(node.right, ctx)
        a = scalar(node.left, ctx) if node.left is not None else sp.Integer(0)
        if b == 0:
            return Scalar(a)
        return Collection((Scalar(a + b), Scalar(a - b)))
    if isinstance(node, A.Seq):
        items = tuple(value(x, ctx) for x in _flat_items(node.items, ctx))
        if any(isinstance(i, Collection) and not i.is_set for i in items):
            # "p=5, q=2; p=7, q=2": each group of assignments is one solution
            items = tuple(_as_point(i) for i in items)
        return Collection(items)
    if isinstance(node, A.SetLit):
        return Collection(tuple(value(x, ctx) for x in _flat_items(node.items, ctx)), is_set=True)
    if isinstance(node, A.Tuple_):
        return Ordered(
            tuple(value(x, ctx) for x in node.items),
            maybe_interval=len(node.items) == 2 and node.open == "(",
            ratio=node.open == ":",
        )
    rows = _nested_rows(node)
    if rows is not None:  # [[1,2],[3,4]]: a matrix written as nested lists
        return Matrix(tuple(tuple(value(c, ctx) for c in r) for r in rows))
    if isinstance(node, A.Interval):
        lo, hi = scalar(node.lo, ctx), scalar(node.hi, ctx)
        if not ascending(lo, hi):  # "(3, 2]" is a pair with a stray bracket, not the empty set
            return Ordered((value(node.lo, ctx), value(node.hi, ctx)))
    if isinstance(node, (A.Interval, A.Reals, A.SetOp)):
        return RealSet(R.real_set(node, ctx))
    if isinstance(node, A.Matrix):
        return Matrix(tuple(tuple(value(c, ctx) for c in row) for row in node.rows))
    if isinstance(node, (A.Chain, A.Member, A.Logic)):
        return R.relation(node, ctx)
    return _from_expr(scalar(node, ctx))


def _bracket_items(node: A.Node) -> tuple[A.Node, ...] | None:
    if isinstance(node, A.Interval) and node.left_closed and node.right_closed:
        return (node.lo, node.hi)
    if isinstance(node, A.Tuple_) and node.open == "[" and node.close == "]":
        return node.items
    return None


def _nested_rows(node: A.Node) -> tuple[tuple[A.Node, ...], ...] | None:
    """``[[a,b],[c,d]]``: rows of equal length, each in square brackets."""
    outer = _bracket_items(node)
    if not outer:
        return None
    rows = [_bracket_items(r) for r in outer]
    if any(r is None for r in rows) or len({len(r) for r in rows}) != 1:  # type: ignore[arg-type]
        return None
    return tuple(rows)  # type: ignore[arg-type]


def ascending(lo: Any, hi: Any) -> bool:
    """Can ``lo, hi`` be the ends of an interval (``lo < hi``, or not decidable)?"""
    d = hi - lo
    return not (d.is_number and d.is_extended_real and not d.is_extended_positive)


def _flat_items(items: tuple[A.Node, ...], ctx: Context) -> list[A.Node]:
    """List items with ``a \\pm b`` expanded into its two values and ``\\ldots``
    written out when the terms around it are a short progression."""
    out: list[A.Node] = []
    for x in items:
        if _contains_pm(x):  # 2 \\pm \\sqrt3, x = \\frac{1 \\pm 3}{2}: both values in the list
            out.extend((_signed(x, 1), _signed(x, -1)))
        else:
            out.append(x)
    if any(isinstance(x, A.Dots) for x in out):
        return _expand_dots(out, ctx)
    return out


def _expand_dots(items: list[A.Node], ctx: Context) -> list[A.Node]:
    i = next(j for j, a in enumerate(items) if isinstance(a, A.Dots))
    if i < 2 or i != len(items) - 2:
        raise UnsupportedError("a list with '\\ldots' whose terms are not all written")
    head = [scalar(a, ctx) for a in items[:i]]
    found = progression(head, scalar(items[-1], ctx))
    if found is None or not found[2].is_Integer or not len(head) <= found[2] <= 10_000:
        raise UnsupportedError("a list with '\\ldots' that is no short progression")
    k, term, count = found
    return [_Expr(term.subs(k, j)) for j in range(1, int(count) + 1)]


@dataclass(frozen=True)
class _Expr(A.Node):
    """An already computed value standing in the AST (expanded list items)."""

    expr: Any


def _from_expr(e: Any) -> Any:
    if isinstance(e, sp.MatrixBase):
        return Matrix(tuple(tuple(Scalar(e[r, c]) for c in range(e.cols)) for r in range(e.rows)))
    return Scalar(e)


def _as_point(v: Any) -> Any:
    if (
        isinstance(v, Collection)
        and not v.is_set
        and all(isinstance(i, Relation) and i.label and i.rhs is not None for i in v.items)
    ):
        return Ordered(tuple(i.rhs for i in v.items))
    return v


def _scientific(node: A.Node) -> Scalar | None:
    """``2.3148 \\times 10^{-3}``: a decimal in scientific notation keeps the
    places it was written with (here 7), for the rounding policy."""
    if not (isinstance(node, A.Op) and node.op in ("mul", "imul") and len(node.args) == 2):
        return None
    mant, power = node.args
    if not (isinstance(mant, A.Num) and mant.places is not None):
        return None
    if not (isinstance(power, A.Op) and power.op == "pow" and power.args[0] == A.Num(Fraction(10))):
        return None
    exp, sign = power.args[1], 1
    if isinstance(exp, A.Op) and exp.op == "neg":
        exp, sign = exp.args[0], -1
    if not isinstance(exp, A.Num) or exp.places is not None or abs(exp.value) > 400:
        return None
    k = sign * exp.value
    places = mant.places - int(k)
    value = _rational(mant.value) * sp.Integer(10) ** int(k)
    return Scalar(value, places if places > 0 else None)


def _implicit_value(node: A.Op, ctx: Context) -> Any:
    # "(B) 16": a choice and its value, either reading (policy ``choice_value``)
    letter = _choice_mark(node.args[0])
    if letter is not None and len(node.args) >= 2:
        rest = node.args[1] if len(node.args) == 2 else A.Op("imul", node.args[1:])
        v = value(rest, ctx)
        if isinstance(v, Scalar):
            return Scalar(v.expr, v.places, (sp.Symbol(letter, real=True),), "choice")
    # "15 cm", "125\text{ miles}", "8\text{ cm}^2": a value followed by a unit.
    *head, last = node.args
    unit = _unit_name(last)
    if unit is not None and head:
        rest = head[0] if len(head) == 1 else A.Op("imul", tuple(head))
        v = value(rest, ctx)
        if isinstance(v, Scalar) and not v.expr.free_symbols:
            return v
    return _from_expr(scalar(node, ctx))


def _choice_mark(node: A.Node) -> str | None:
    """``\\text{(B)}`` (normalisation writes ``(B) 16`` so) marks a choice."""
    if isinstance(node, A.Text):
        m = re.fullmatch(r"\s*\(([A-J])\)\s*", node.text)
        return m.group(1) if m else None
    return None


def _plural_noun(word: str) -> bool:
    """``apples``, ``marbles``: a counted noun after a number, not a product of
    variables (which would rarely be five letters ending in s with vowels)."""
    w = word.lower()
    return len(w) >= 5 and w.endswith("s") and sum(ch in "aeiouy" for ch in w) >= 2


def _unit_name(node: A.Node) -> str | None:
    if isinstance(node, A.Op) and node.op == "pow":
        return _unit_name(node.args[0])
    if isinstance(node, A.Text):
        t = node.text.strip()
        return t if t and not any(ch.isdigit() for ch in t) else None
    if isinstance(node, A.Word) and (node.text.lower() in UNITS or _plural_noun(node.text)):
        return node.text
    if isinstance(node, A.Sym) and node.name in ("m", "g", "s", "h", "l", "L"):
        return node.name
    return None


def show(v: Any) -> str:
    """A canonical value as text (``equivsolve parse``)."""
    if isinstance(v, Scalar):
        return str(v.expr) + "".join(f"  (also {a})" for a in v.alts)
    if isinstance(v, Collection):
        inner = ", ".join(show(i) for i in v.items)
        return f"{{{inner}}}" if v.is_set else f"[{inner}]  (unordered)"
    if isinstance(v, Ordered):
        sep = " : " if v.ratio else ", "
        return "(" + sep.join(show(i) for i in v.items) + ")"
    if isinstance(v, RealSet):
        return str(v.set)
    if isinstance(v, Relation):
        if v.cond is None:
            return f"{v.lhs} = {show(v.rhs)}"
        return str(v.cond)
    if isinstance(v, Matrix):
        return "[" + "; ".join(", ".join(show(c) for c in r) for r in v.rows) + "]"
    if isinstance(v, FuncDef):
        return f"{v.name}({', '.join(map(str, v.params))}) = {show(v.body)}"
    if isinstance(v, TextV):
        return f"text {v.text!r}"
    return repr(v)


# sets and relations read values and are read by ``value``: imported last
from . import relations as R  # noqa: E402
