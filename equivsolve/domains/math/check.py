"""Deciding math answers, cheapest first.

1. identical ASTs -> equivalent (``canonical``);
2. canonical values compared by type: scalars exactly (rationals, SymPy's
   canonical forms), then numerically at high precision to refute (a refutation
   is re-evaluated at higher precision before it is reported) and by algebra
   (``cancel``/``simplify``) to prove; expressions with free variables by
   polynomial identity, or refuted at random rational points (re-checked
   exactly); relations (equations, inequalities) by Z3 (complete for polynomial
   real arithmetic), or by comparing solution sets; sets of reals by their
   boundary points; collections by matching, tuples and matrices entry-wise;
3. agreement that rests on numbers alone is ``equivalent`` with
   ``certified: false``; anything undecided is ``unknown`` with the reason.

Policies (percent, degrees, units, rounding of decimals) live in
:class:`MathConfig` and are documented in ``docs/math.md``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from ... import smt
from ...budget import Budget
from ...errors import UnsupportedError
from ...result import CheckResult, Verdict
from .. import register
from . import ast as A
from . import canon as C
from . import numeric as num
from .parse import parse_answer

EQ, NE, UNK = Verdict.EQUIVALENT, Verdict.NOT_EQUIVALENT, Verdict.UNKNOWN


@dataclass(frozen=True, slots=True)
class MathConfig:
    """Grading policies; every field is documented in ``docs/math.md``."""

    #: a decimal written with k places matches a value it rounds or truncates to
    rounding: bool = True
    #: ... provided it carries at least this many significant digits
    min_significant: int = 4
    #: ``50\\%`` also matches ``50`` (it always matches ``0.5``)
    percent_as_number: bool = True
    #: ``90^\\circ`` also matches ``90`` (it always matches ``\\pi/2``)
    degrees_as_number: bool = True
    #: random points used to refute identities with free variables
    samples: int = 8
    #: decimal digits for numeric comparison
    digits: int = 40


@dataclass(frozen=True, slots=True)
class Out:
    verdict: Verdict
    certified: bool = False
    method: str | None = None
    certificate: Any = None
    reason: str | None = None


def _eq(method: str, certified: bool = True) -> Out:
    return Out(EQ, certified, method)


def _ne(method: str, certificate: Any = None, certified: bool = True) -> Out:
    return Out(NE, certified, method, certificate)


def _unk(reason: str) -> Out:
    return Out(UNK, False, None, None, reason)


class Comparer:
    def __init__(self, cfg: MathConfig, budget: Budget) -> None:
        self.cfg = cfg
        self.budget = budget
        self.rng = random.Random(20240611)

    # ---- dispatch ------------------------------------------------------------
    def compare(self, a: Any, b: Any) -> Out:
        self.budget.check()
        a, b = _unwrap(a), _unwrap(b)
        for x, y in ((a, b), (b, a)):
            out = self._asymmetric(x, y)
            if out is not None:
                return out
        ta, tb = type(a), type(b)
        if ta is tb:
            return getattr(self, f"_{ta.__name__.lower()}")(a, b)
        return _ne("structure", {"left": ta.__name__, "right": tb.__name__}, certified=False)

    def _asymmetric(self, x: Any, y: Any) -> Out | None:
        """Coercions between different kinds of answer; None if none applies."""
        if isinstance(x, C.FuncDef) and not isinstance(y, C.FuncDef):
            return self.compare(x.body, y)
        if (
            isinstance(x, C.Relation)
            and x.label
            and x.rhs is not None
            and not isinstance(y, (C.Relation, C.FuncDef))
        ):
            return self.compare(x.rhs, y)
        if isinstance(x, C.Relation) and isinstance(y, (C.RealSet, C.Ordered, C.Collection)):
            as_set = _as_real_set(y)
            if as_set is not None:
                return self._relation_vs_set(x, as_set)
        if isinstance(x, C.RealSet) and isinstance(y, C.Scalar) and not y.expr.free_symbols:
            return self._sets(x.set, sp.FiniteSet(y.expr))
        if isinstance(x, C.RealSet) and isinstance(y, (C.Ordered, C.Collection)):
            as_set = _as_real_set(y)
            if as_set is not None:
                return self._sets(x.set, as_set)
        if isinstance(x, C.TextV) and isinstance(y, C.Scalar):
            name = str(y.expr).lower() if y.expr.is_Symbol or y.expr.is_number else None
            return _eq("text") if name == x.text else _ne("text")
        if isinstance(x, C.Collection) and isinstance(y, C.Ordered) and _named_values(x):
            # "a=1, b=2" against "(1, 2)": the values in the order written
            return self._sequence([i.rhs for i in x.items], list(y.items))
        if isinstance(x, C.Matrix) and isinstance(y, C.Ordered):
            flat = [c for row in x.rows for c in row]
            if len(x.rows) == 1 or all(len(r) == 1 for r in x.rows):
                return self._sequence(flat, list(y.items))
        return None

    # ---- same-type comparisons -----------------------------------------------
    def _scalar(self, a: C.Scalar, b: C.Scalar) -> Out:
        readings_a = [(a.expr, a.places)] + [(x, None) for x in self._alts(a)]
        readings_b = [(b.expr, b.places)] + [(x, None) for x in self._alts(b)]
        first: Out | None = None
        for ra, pa in readings_a:
            for rb, pb in readings_b:
                out = self.expr(ra, rb, pa, pb)
                if out.verdict is EQ:
                    return out
                if first is None or (first.verdict is NE and out.verdict is UNK):
                    first = out
        assert first is not None
        return first

    def _alts(self, s: C.Scalar) -> tuple[sp.Expr, ...]:
        allowed = {"percent": self.cfg.percent_as_number, "degrees": self.cfg.degrees_as_number}
        return s.alts if allowed.get(s.alt_policy or "", False) else ()

    def _textv(self, a: C.TextV, b: C.TextV) -> Out:
        return _eq("text") if a.text == b.text else _ne("text")

    def _collection(self, a: C.Collection, b: C.Collection) -> Out:
        xs, ys = _dedupe(a.items), _dedupe(b.items)
        results = {}
        certified = True
        for i, x in enumerate(xs):
            for j, y in enumerate(ys):
                results[i, j] = self.compare(x, y)
        for i in range(len(xs)):
            hits = [results[i, j] for j in range(len(ys)) if results[i, j].verdict is EQ]
            if not hits:
                if any(results[i, j].verdict is UNK for j in range(len(ys))):
                    return _unk("could not match every element")
                return _ne("matching", {"unmatched_left": i})
            certified &= all(h.certified for h in hits[:1])
        for j in range(len(ys)):
            if not any(results[i, j].verdict is EQ for i in range(len(xs))):
                if any(results[i, j].verdict is UNK for i in range(len(xs))):
                    return _unk("could not match every element")
                return _ne("matching", {"unmatched_right": j})
        return _eq("matching", certified)

    def _ordered(self, a: C.Ordered, b: C.Ordered) -> Out:
        return self._sequence(list(a.items), list(b.items))

    def _sequence(self, xs: list[Any], ys: list[Any]) -> Out:
        if len(xs) != len(ys):
            return _ne("structure", {"lengths": [len(xs), len(ys)]})
        certified = True
        for k, (x, y) in enumerate(zip(xs, ys)):
            out = self.compare(x, y)
            if out.verdict is not EQ:
                if out.verdict is NE:
                    return _ne(
                        out.method or "entrywise",
                        {"position": k, "detail": out.certificate},
                        out.certified,
                    )
                return out
            certified &= out.certified
        return _eq("entrywise", certified)

    def _matrix(self, a: C.Matrix, b: C.Matrix) -> Out:
        if [len(r) for r in a.rows] != [len(r) for r in b.rows]:
            return _ne(
                "structure",
                {"shapes": [[len(a.rows), len(a.rows[0])], [len(b.rows), len(b.rows[0])]]},
            )
        return self._sequence([c for r in a.rows for c in r], [c for r in b.rows for c in r])

    def _realset(self, a: C.RealSet, b: C.RealSet) -> Out:
        return self._sets(a.set, b.set)

    def _funcdef(self, a: C.FuncDef, b: C.FuncDef) -> Out:
        if len(a.params) != len(b.params):
            return _ne("structure", {"arity": [len(a.params), len(b.params)]})
        body_b = _subs_value(b.body, dict(zip(b.params, a.params)))
        return self.compare(a.body, body_b)

    def _relation(self, a: C.Relation, b: C.Relation) -> Out:
        if a.cond is None or b.cond is None:  # named answers: compare names, then values
            if a.lhs != b.lhs:
                return _ne("structure", {"left": str(a.lhs), "right": str(b.lhs)}, certified=False)
            return self.compare(a.rhs, b.rhs)
        if a.cond == b.cond:
            return _eq("canonical")
        return self.conditions(a.cond, b.cond)

    # ---- scalars -----------------------------------------------------------------
    def expr(self, x: sp.Expr, y: sp.Expr, px: int | None = None, py: int | None = None) -> Out:
        if x == y:
            return _eq("canonical")
        if x.free_symbols or y.free_symbols:
            return self._symbolic(x, y)
        if x.is_infinite or y.is_infinite:  # x == y was checked above
            return _ne("exact", {"left": str(x), "right": str(y)})
        if x.is_Rational and y.is_Rational:
            if px is None and py is None:
                return _ne("exact", {"left": num.exact_text(x), "right": num.exact_text(y)})
        return self._numeric(x, y, px, py)

    def _numeric(self, x: sp.Expr, y: sp.Expr, px: int | None, py: int | None) -> Out:
        digits = self.cfg.digits
        vx, vy = num.evaluate(x, digits), num.evaluate(y, digits)
        if vx is None or vy is None:
            return _unk("could not evaluate")
        if self.cfg.rounding and (px is not None or py is not None):
            if num.rounds_to(x, px, y, vy, self.cfg.min_significant) or num.rounds_to(
                y, py, x, vx, self.cfg.min_significant
            ):
                return _eq("rounding")
            if x.is_Rational and y.is_Rational:
                return _ne("exact", {"left": num.exact_text(x), "right": num.exact_text(y)})
        scale = max(1, abs(vx), abs(vy))
        if abs(vx - vy) > scale * sp.Float(10) ** (10 - digits):
            wx, wy = num.evaluate(x, 2 * digits), num.evaluate(y, 2 * digits)  # re-check
            if (
                wx is not None
                and wy is not None
                and abs(wx - wy) > scale * sp.Float(10) ** (10 - digits)
            ):
                return _ne("numeric", {"left": num.approx_text(wx), "right": num.approx_text(wy)})
            return _unk("numeric evaluation unstable")
        if self._proves_zero(x - y):
            return _eq("algebra")
        return _eq("numeric", certified=False)

    def _proves_zero(self, d: sp.Expr) -> bool:
        """An exact proof that ``d`` is zero (never a numerical guess)."""
        self.budget.check()
        if d.is_number and d.is_algebraic:
            try:
                if sp.minimal_polynomial(d, sp.Dummy("t")).is_Symbol:
                    return True
            except Exception:
                pass
        try:
            return sp.simplify(d) == 0
        except Exception:
            return False

    def _symbolic(self, x: sp.Expr, y: sp.Expr) -> Out:
        d = x - y
        if d == 0:
            return _eq("canonical")
        try:
            if num.is_small(d) and sp.cancel(sp.together(d)) == 0:
                return _eq("algebra")
        except Exception:
            pass
        variables = sorted(x.free_symbols | y.free_symbols, key=str)
        x, y = num.interpret_unknown_functions(x), num.interpret_unknown_functions(y)
        agree = 0
        for point in self._points(variables):
            self.budget.check()
            vx, vy = num.evaluate(x.subs(point), 30), num.evaluate(y.subs(point), 30)
            if vx is None or vy is None:
                continue
            scale = max(1, abs(vx), abs(vy))
            if abs(vx - vy) > scale * sp.Float(1e-12):
                wx, wy = num.evaluate(x.subs(point), 80), num.evaluate(y.subs(point), 80)
                if wx is not None and wy is not None and abs(wx - wy) > scale * sp.Float(1e-12):
                    cert = {
                        "point": {str(k): str(v) for k, v in point.items()},
                        "left": num.approx_text(wx),
                        "right": num.approx_text(wy),
                    }
                    return _ne("sampling", cert)
                continue
            agree += 1
        if agree < 3:
            if num.has_unevaluable(d):
                return _unk("cannot evaluate unknown functions or sums")
            return _unk("could not evaluate at enough points")
        if not num.has_unevaluable(d) and self._proves_zero(d):
            return _eq("algebra")
        return _eq("sampling", certified=False)

    def _points(self, variables: list[sp.Symbol]) -> list[dict[sp.Symbol, sp.Rational]]:
        pts = []
        for k in range(self.cfg.samples):
            pt = {}
            for v in variables:
                num = self.rng.randint(1, 97)
                den = self.rng.randint(2, 41)
                sign = -1 if (k % 3 == 2) else 1
                pt[v] = sp.Rational(sign * num, den) + (k % 4)
            pts.append(pt)
        return pts

    # ---- relations and sets ----------------------------------------------------------
    def conditions(self, c1: Any, c2: Any) -> Out:
        """Do two relations hold at the same real points?"""
        if isinstance(c1, C.FuncDef) or isinstance(c2, C.FuncDef):
            return _ne("structure", certified=False)
        ratio = num.equations_proportional(c1, c2)
        if ratio:
            return _eq("algebra")
        try:
            verdict, model = smt.same_truth(c1, c2, timeout_ms=min(2000, _ms(self.budget)))
        except UnsupportedError:
            verdict, model = "unsupported", None
        if verdict == "equal":
            return _eq("z3")
        if verdict == "differ" and model is not None:
            point = {
                sym: sp.Rational(model[str(sym)])
                for sym in num.free_symbols_of(c1, c2)
                if str(sym) in model
            }
            t1, t2 = num.truth_at(c1, point), num.truth_at(c2, point)
            if t1 is not None and t2 is not None and t1 != t2:
                return _ne(
                    "z3",
                    {"point": {str(k): str(v) for k, v in point.items()}, "left": t1, "right": t2},
                )
        variables = sorted(num.free_symbols_of(c1, c2), key=str)
        if len(variables) == 1:
            x = variables[0]
            try:
                s1 = sp.solveset(c1, x, sp.S.Reals)
                s2 = sp.solveset(c2, x, sp.S.Reals)
            except Exception:
                return _unk("could not solve the relations")
            if isinstance(s1, sp.ConditionSet) or isinstance(s2, sp.ConditionSet):
                return _unk("could not solve the relations")
            return self._sets(s1, s2, var=x)
        return _unk("relations outside the decidable fragment")

    def _relation_vs_set(self, rel: C.Relation, s: sp.Set) -> Out:
        cond = rel.cond
        variables = list(num.free_symbols_of(cond))
        if len(variables) != 1:
            return (
                _ne("structure", certified=False)
                if not variables
                else _unk("a relation in several variables against a set")
            )
        x = variables[0]
        return self.conditions(cond, s.as_relational(x))

    def _sets(self, s1: sp.Set, s2: sp.Set, var: sp.Symbol | None = None) -> Out:
        if s1 == s2:
            return _eq("canonical")
        try:
            points = num.probe_points(s1, s2)
        except UnsupportedError as exc:
            return _unk(str(exc))
        for p in points:
            self.budget.check()
            in1, in2 = num.contains(s1, p), num.contains(s2, p)
            if in1 is None or in2 is None:
                return _unk("could not decide membership")
            if in1 != in2:
                name = str(var) if var is not None else "x"
                return _ne("sets", {"point": {name: str(p)}, "left": in1, "right": in2})
        return _eq("sets")


# ---- helpers -------------------------------------------------------------------------
def _unwrap(v: Any) -> Any:
    while (
        isinstance(v, (C.Collection, C.Ordered))
        and len(v.items) == 1
        and not (isinstance(v, C.Ordered) and v.ratio)
    ):
        v = v.items[0]
    return v


def _named_values(v: C.Collection) -> bool:
    """A list of assignments to distinct names: ``a=1, b=2``."""
    items = v.items
    if len(items) < 2 or not all(isinstance(i, C.Relation) and i.label for i in items):
        return False
    return len({str(i.lhs) for i in items}) == len(items)


def _dedupe(items: tuple[Any, ...]) -> list[Any]:
    out: list[Any] = []
    for it in items:
        if it not in out:
            out.append(it)
    return out


def _as_real_set(v: Any) -> sp.Set | None:
    if isinstance(v, C.RealSet):
        return v.set
    if isinstance(v, C.Ordered) and v.maybe_interval:
        lo, hi = v.items
        if isinstance(lo, C.Scalar) and isinstance(hi, C.Scalar):
            return sp.Interval.open(lo.expr, hi.expr)
    if isinstance(v, C.Collection) and all(
        isinstance(i, C.Scalar) and not i.expr.free_symbols for i in v.items
    ):
        return sp.FiniteSet(*[i.expr for i in v.items])
    return None


def _subs_value(v: Any, mapping: dict[sp.Symbol, sp.Symbol]) -> Any:
    if isinstance(v, C.Scalar):
        alts = tuple(a.xreplace(mapping) for a in v.alts)
        return replace(v, expr=v.expr.xreplace(mapping), alts=alts)
    if isinstance(v, C.Collection):
        return C.Collection(tuple(_subs_value(i, mapping) for i in v.items), v.is_set)
    if isinstance(v, C.Ordered):
        return C.Ordered(tuple(_subs_value(i, mapping) for i in v.items), v.maybe_interval, v.ratio)
    return v


def _ms(budget: Budget) -> int:
    r = budget.remaining()
    return 10_000 if r == float("inf") else max(1, int(r * 1000))


# ---- the domain object -----------------------------------------------------------------
def _config(options: dict[str, Any]) -> MathConfig:
    cfg = options.get("config")
    if isinstance(cfg, MathConfig):
        return cfg
    fields = {k: v for k, v in options.items() if k in MathConfig.__dataclass_fields__}
    return MathConfig(**fields) if fields else _DEFAULT


_DEFAULT = MathConfig()


class MathDomain:
    kind = "math"
    #: none from the command line (policies are a ``config=`` object in Python)
    options: dict[str, Any] = {}

    def parse(self, text: str, **options: Any) -> A.Node:
        return parse_answer(text)

    def check(self, left: A.Node, right: A.Node, *, budget: Budget, **options: Any) -> CheckResult:
        if left == right:
            return CheckResult(EQ, certified=True, method="canonical")
        cfg = _config(options)
        return _decide(left, right, cfg, budget)

    def signature(self, item: A.Node, **options: Any) -> Any:
        return None

    def render(self, item: A.Node) -> str:
        try:
            return C.show(C.value(item, C.Context()))
        except UnsupportedError:
            return repr(item)


def _decide(left: A.Node, right: A.Node, cfg: MathConfig, budget: Budget) -> CheckResult:
    ctx = C.Context()
    try:
        va, vb = C.value(left, ctx), C.value(right, ctx)
    except UnsupportedError as exc:
        return CheckResult(UNK, reason=f"unsupported: {exc}")
    out = Comparer(cfg, budget).compare(va, vb)
    return CheckResult(
        out.verdict,
        certified=out.certified and out.verdict is not UNK,
        method=out.method,
        reason=out.reason,
        certificate=out.certificate,
    )


MATH = register(MathDomain())

__all__ = ["MATH", "MathConfig", "MathDomain"]
