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
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from itertools import permutations
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from ... import smt
from ...budget import Budget
from ...errors import UnsupportedError
from ...result import CheckResult, Verdict
from .. import flag, register
from . import ast as A
from . import canon as C
from . import numeric as num
from . import relations as R
from . import text as T
from .normalize import Reading
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
    #: ``E \\approx 3.30``: the exact part ``E`` is the answer (the decimal is a second reading)
    approximation: bool = True
    #: ``3:2`` matches ``\\frac32`` and ``4:1`` matches ``4``; ratios match when proportional
    ratio_as_quotient: bool = True
    #: a bare list ``3, 5`` matches the tuple ``(3, 5)`` in the order written
    list_as_tuple: bool = True
    #: integer parameters and arbitrary constants may be renamed: ``2k\\pi`` matches ``2m\\pi``
    rename_parameters: bool = True
    #: a one-letter answer (a choice) matches regardless of case: ``C`` matches ``c``
    choice_case: bool = True
    #: ``(B) 16`` matches both ``B`` and ``16``
    choice_value: bool = True
    #: text compared without case, articles, punctuation and plural ``s``; yes/true, no/false
    text_lenient: bool = True
    #: a time of day without a.m./p.m. matches either half of the day
    time_either_half: bool = True
    #: ``7^{\\text{th}}`` and ``3rd`` are the numbers 7 and 3
    ordinals: bool = True
    #: words after a value that qualify it (``\\text{ only}``, ``for every real t``) are dropped
    qualifiers: bool = True
    #: ``Largest: 9`` is the value 9
    labels: bool = True
    #: a prediction (right side) with no readable answer is ``not_equivalent``
    #: (uncertified, with the reason); ``False`` makes it ``invalid``
    unreadable_is_wrong: bool = True
    #: random points used to refute identities with free variables
    samples: int = 8
    #: decimal digits for numeric comparison
    digits: int = 40

    @property
    def reading(self) -> Reading:
        return Reading(self.ordinals, self.qualifiers, self.labels)


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
            if x.false_step is not None:  # the chain states a false equality
                return _ne("exact", {"false_step": x.false_step})
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
            return self._text_scalar(x, y)
        if isinstance(x, C.TextV) and self.cfg.text_lenient:
            named = T.TEXT_SETS.get(T.text_key(x.text))
            as_set = _as_real_set(y) if named is not None else None
            if as_set is not None:  # "no solution" vs \\emptyset, "all real numbers" vs R
                return self._sets(named, as_set)
        if isinstance(x, C.Ordered) and x.ratio and isinstance(y, C.Scalar):
            if self.cfg.ratio_as_quotient and len(x.items) == 2:
                quotient = _quotient(x)
                if quotient is not None:
                    return self.compare(quotient, y)
            return None
        if (
            self.cfg.list_as_tuple
            and isinstance(x, C.Collection)
            and not x.is_set
            and isinstance(y, C.Ordered)
            and not y.ratio
            and len(x.items) == len(y.items)
        ):
            return self._sequence(list(x.items), list(y.items))
        if isinstance(x, C.Collection) and isinstance(y, C.Ordered) and _named_values(x):
            # "a=1, b=2" against "(1, 2)": the values in the order written
            return self._sequence([i.rhs for i in x.items], list(y.items))
        if isinstance(x, C.Matrix) and isinstance(y, C.RealSet) and _vector(x):
            ends = _closed_pair(y.set)
            if ends is not None:  # [1, 2] against a vector: a row of two numbers
                return self._sequence([c for row in x.rows for c in row], list(ends))
        if isinstance(x, C.Matrix) and isinstance(y, C.Ordered) and _vector(x):
            return self._sequence([c for row in x.rows for c in row], list(y.items))
        return None

    # ---- same-type comparisons -----------------------------------------------
    def _scalar(self, a: C.Scalar, b: C.Scalar) -> Out:
        # a second reading of one side meets the main reading of the other, never
        # the other's second reading (50% and 50° are not alike through 50)
        pairs = [((a.expr, a.places), (b.expr, b.places))]
        pairs += [((x, None), (b.expr, b.places)) for x in self._alts(a)]
        pairs += [((a.expr, a.places), (x, None)) for x in self._alts(b)]
        first: Out | None = None
        for (ra, pa), (rb, pb) in pairs:
            out = self.expr(ra, rb, pa, pb)
            if out.verdict is EQ:
                return out
            if first is None or (first.verdict is NE and out.verdict is UNK):
                first = out
        assert first is not None
        return first

    def _alts(self, s: C.Scalar) -> tuple[sp.Expr, ...]:
        allowed = {
            "percent": self.cfg.percent_as_number,
            "degrees": self.cfg.degrees_as_number,
            "approximation": self.cfg.approximation,
            "time": self.cfg.time_either_half,
            "choice": self.cfg.choice_value,
        }
        return s.alts if allowed.get(s.alt_policy or "", False) else ()

    def _textv(self, a: C.TextV, b: C.TextV) -> Out:
        if a.text == b.text:
            return _eq("text")
        prose = not (_MATHY.search(a.text) or _MATHY.search(b.text))
        if self.cfg.text_lenient and prose:
            ka, kb = T.text_key(a.text), T.text_key(b.text)
            if ka == kb:
                return _eq("text")  # words only: "x^2+1" and "x^2-1" are never made alike
            for short, long_ in ((ka, b.text), (kb, a.text)):
                if short in ("yes", "no") and T.leading_yes_no(long_) == short:
                    return _eq("text")  # "No, it is not."
        return _ne("text", certified=False)

    def _text_scalar(self, x: C.TextV, y: C.Scalar) -> Out:
        """Text against a value: a name (``\\text{E}`` vs ``E``) or the one number
        the text holds (``\\text{5 apples}``, ``five``)."""
        e = y.expr
        printable = e.is_Symbol or (e.is_number and not (e.is_Integer and abs(e) > 10**60))
        name = str(e).lower() if printable and num.is_small(e) else None
        if name == x.text or (self.cfg.text_lenient and name == T.text_key(x.text)):
            return _eq("text")
        number = T.number_in_text(x.text) if self.cfg.text_lenient else None
        if number is not None:
            return self.compare(C.Scalar(number), y)
        return _ne("text", certified=False)

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
        if a.ratio and b.ratio and self.cfg.ratio_as_quotient and len(a.items) == len(b.items):
            return self._proportional(a, b)
        return self._sequence(list(a.items), list(b.items))

    def _proportional(self, a: C.Ordered, b: C.Ordered) -> Out:
        """``6:4`` matches ``3:2``: the cross products agree (every pair of terms)."""
        if not all(isinstance(i, C.Scalar) for i in (*a.items, *b.items)):
            return self._sequence(list(a.items), list(b.items))
        xs, ys = [i.expr for i in a.items], [i.expr for i in b.items]
        certified = True
        for i in range(1, len(xs)):
            out = self.expr(xs[0] * ys[i], xs[i] * ys[0])
            if out.verdict is not EQ:
                return out if out.verdict is UNK else _ne("ratio", {"terms": [0, i]})
            certified &= out.certified
        return _eq("ratio", certified)

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
        if a.false_step is not None or b.false_step is not None:
            if a.false_step != b.false_step or a.lhs != b.lhs:  # a false chain is its own claim
                return _ne("exact", {"false_step": [a.false_step, b.false_step]})
            return self.compare(a.rhs, b.rhs)
        if _different_names(a, b):  # x = 3 and y = 3 are different answers
            return _ne("structure", {"left": str(a.lhs), "right": str(b.lhs)}, certified=False)
        if a.label and b.label and a.lhs == b.lhs and a.rhs is not None and b.rhs is not None:
            # "x = 5+5+1 = 11" vs "x = 11": the values given to the same name
            if a.cond is sp.false or b.cond is sp.false:
                return self.compare(a.rhs, b.rhs)
        if a.cond == b.cond:
            return _eq("canonical")
        return self.conditions(a.cond, b.cond)

    # ---- scalars -----------------------------------------------------------------
    def expr(self, x: sp.Expr, y: sp.Expr, px: int | None = None, py: int | None = None) -> Out:
        opaque = _opaque(x.free_symbols | y.free_symbols)
        if opaque is not None:
            return opaque
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
        complex_ = x.has(sp.I) or y.has(sp.I)  # written with i: complex values are meant
        x, y = num.interpret_unknown_functions(x), num.interpret_unknown_functions(y)
        agree = 0
        for point in self._points(variables):
            self.budget.check()
            vx, vy = num.evaluate(x.subs(point), 30), num.evaluate(y.subs(point), 30)
            if vx is None or vy is None:
                continue
            if not (vx.is_real or vy.is_real) and not complex_:
                continue  # both off the real line: branches of roots disagree, not answers
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
        opaque = _opaque(num.free_symbols_of(c1, c2))
        if opaque is not None:
            return opaque
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
        if len(variables) > 1:
            # Z3 may prove a difference only at an algebraic point (x = sqrt 2), or
            # not at all: the sampled rational points may still hold a witness, and
            # they do not depend on the names of the variables (Z3's models may)
            for point in self._points(variables):
                self.budget.check()
                t1, t2 = num.truth_at(c1, point), num.truth_at(c2, point)
                if t1 is not None and t2 is not None and t1 != t2:
                    cert = {"point": {str(k): str(v) for k, v in point.items()}}
                    return _ne("sampling", {**cert, "left": t1, "right": t2})
        if len(variables) == 1:
            x = variables[0]
            self.budget.check()
            s1, s2 = R.solve_set(c1, x), R.solve_set(c2, x)
            if s1 is None or s2 is None or s1.has(sp.ImageSet) or s2.has(sp.ImageSet):
                witness = self._periodic_witness(c1, c2, x)
                if witness is not None:
                    return witness
                if s1 is None or s2 is None:
                    return _unk("could not solve the relations")
                return _unk("equations with infinitely many solutions")
            return self._sets(s1, s2, var=x)
        return _unk("relations outside the decidable fragment")

    def _periodic_witness(self, c1: Any, c2: Any, x: sp.Symbol) -> Out | None:
        """Equations with infinitely many solutions (``\\sin x = \\frac{42}{59}``):
        a solution of one side that the other misses, re-checked at 80 digits,
        proves a difference. Agreement on a few solutions proves nothing."""
        for here, there in ((c1, c2), (c2, c1)):
            if not isinstance(here, sp.Eq) or not isinstance(there, sp.Eq):
                continue
            for point in R.some_solutions(here, x):
                self.budget.check()
                miss = num.evaluate((there.lhs - there.rhs).subs(x, point), 80)
                hit = num.evaluate((here.lhs - here.rhs).subs(x, point), 80)
                if miss is None or hit is None or abs(hit) > sp.Float(10) ** -60:
                    continue
                if abs(miss) > sp.Float(10) ** -20:
                    t1, t2 = (True, False) if here is c1 else (False, True)
                    cert = {"point": {str(x): str(point)}, "left": t1, "right": t2}
                    return _ne("solutions", cert)
        return None

    def _relation_vs_set(self, rel: C.Relation, s: sp.Set) -> Out:
        cond = _one_application_as_symbol(rel.cond)
        variables = list(num.free_symbols_of(cond))
        if not variables and cond in (sp.true, sp.false):  # -\\infty < x < \\infty
            return self._sets(sp.S.Reals if cond is sp.true else sp.S.EmptySet, s)
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
        if s1.free_symbols or s2.free_symbols:
            return self._symbolic_sets(s1, s2)
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

    def _symbolic_sets(self, s1: sp.Set, s2: sp.Set) -> Out:
        """Sets with parameters in their bounds (``[2k\\pi-\\frac{\\pi}{3}, ...]``):
        intervals compared bound by bound, unions part by part in order."""
        if isinstance(s1, sp.Interval) and isinstance(s2, sp.Interval):
            if (s1.left_open, s1.right_open) != (s2.left_open, s2.right_open):
                return _unk("sets with parameters whose bounds differ in openness")
            return self._sequence(
                [C.Scalar(s1.start), C.Scalar(s1.end)], [C.Scalar(s2.start), C.Scalar(s2.end)]
            )
        if isinstance(s1, sp.Union) and isinstance(s2, sp.Union) and len(s1.args) == len(s2.args):
            outs = [self._symbolic_sets(a, b) for a, b in zip(s1.args, s2.args)]
            if all(o.verdict is EQ for o in outs):
                return _eq("sets", all(o.certified for o in outs))
        if isinstance(s1, sp.FiniteSet) and isinstance(s2, sp.FiniteSet):
            return self.compare(
                C.Collection(tuple(C.Scalar(e) for e in s1.args), True),
                C.Collection(tuple(C.Scalar(e) for e in s2.args), True),
            )
        return _unk("sets with parameters in their bounds")


# ---- helpers -------------------------------------------------------------------------
_MATHY = re.compile(r"[\\^_=+*/<>{}\[\]|]|\d\s*-|-\s*\d")


def _opaque(symbols: set[sp.Symbol]) -> Out | None:
    """A command we do not interpret (``\\uplus``, read as the name ``\\uplus``):
    only the same text is the same answer, which the caller checked before."""
    names = sorted(str(v) for v in symbols if str(v).startswith("\\"))
    return (
        _unk(f"unsupported: the command {names[0]} (compared only as written)") if names else None
    )


def _different_names(a: C.Relation, b: C.Relation) -> bool:
    """Two assignments to different variables, neither value mentioning either."""
    if not (a.label and b.label and a.cond is not None and b.cond is not None):
        return False
    x, y = a.lhs, b.lhs
    if not (isinstance(x, sp.Symbol) and isinstance(y, sp.Symbol)) or x == y:
        return False
    names = {x, y}
    return not any(names & _symbols(v) for v in (a.rhs, b.rhs) if v is not None)


def _one_application_as_symbol(cond: Any) -> Any:
    """``0 < f(x) < 1`` against a set is about the values of ``f(x)``: when one
    function application holds every variable, it stands for one variable."""
    apps = cond.atoms(AppliedUndef) if hasattr(cond, "atoms") else set()
    if len(apps) != 1:
        return cond
    (app,) = apps
    y = sp.Dummy("y", real=True)
    replaced = cond.xreplace({app: y})
    return replaced if replaced.free_symbols == {y} else cond


def _vector(m: C.Matrix) -> bool:
    return len(m.rows) == 1 or all(len(r) == 1 for r in m.rows)


def _closed_pair(s: sp.Set) -> tuple[C.Scalar, C.Scalar] | None:
    if isinstance(s, sp.Interval) and not s.left_open and not s.right_open:
        return C.Scalar(s.start), C.Scalar(s.end)
    return None


def _quotient(ratio: C.Ordered) -> C.Scalar | None:
    a, b = ratio.items
    if isinstance(a, C.Scalar) and isinstance(b, C.Scalar) and b.expr != 0:
        return C.Scalar(a.expr / b.expr)
    return None


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
        if isinstance(lo, C.Scalar) and isinstance(hi, C.Scalar) and C.ascending(lo.expr, hi.expr):
            return sp.Interval.open(lo.expr, hi.expr)
    if isinstance(v, C.Collection) and v.is_set and not v.items:
        return sp.S.EmptySet
    if isinstance(v, C.Collection) and all(
        isinstance(i, C.Scalar) and not i.expr.free_symbols for i in v.items
    ):
        return sp.FiniteSet(*[i.expr for i in v.items])
    return None


def _subs_value(v: Any, mapping: dict[sp.Symbol, sp.Symbol]) -> Any:
    if isinstance(v, C.RealSet):
        return C.RealSet(v.set.xreplace(mapping))
    if isinstance(v, C.Relation):
        cond = v.cond.xreplace(mapping) if v.cond is not None else None
        rhs = _subs_value(v.rhs, mapping) if v.rhs is not None else None
        return replace(v, cond=cond, rhs=rhs)
    if isinstance(v, C.Matrix):
        return C.Matrix(tuple(tuple(_subs_value(c, mapping) for c in r) for r in v.rows))
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


def _options() -> dict[str, Callable[[Any], Any]]:
    """Every policy of :class:`MathConfig` as a command-line and batch option."""
    out: dict[str, Callable[[Any], Any]] = {}
    for f in fields(MathConfig):
        out[f.name] = flag if f.type in (bool, "bool") else _whole
    return out


def _whole(value: Any) -> int:
    n = int(value)
    if n < 0:
        raise ValueError(f"expected a whole number, got {value!r}")
    return n


class MathDomain:
    kind = "math"
    #: every policy, from the command line (``--option rounding=false``) or a batch row
    options: Mapping[str, Callable[[Any], Any]] = _options()

    def parse(self, text: str, **options: Any) -> A.Answer:
        return parse_answer(text, _config(options).reading)

    def check(
        self, left: A.Answer, right: A.Answer, *, budget: Budget, **options: Any
    ) -> CheckResult:
        cfg = _config(options)
        if left == right:
            result = CheckResult(EQ, certified=True, method="canonical")
        else:
            result = _decide(left.node, right.node, cfg, budget)
        return _with_extraction(result, left, right)

    def unreadable(
        self, side: str, text: str, error: Exception, **options: Any
    ) -> CheckResult | None:
        """A prediction with no readable answer is a wrong answer, not an invalid row."""
        if side != "right" or not _config(options).unreadable_is_wrong:
            return None
        return CheckResult(
            NE,
            certified=False,
            method="extraction",
            reason=f"no readable answer in the prediction: {str(error).splitlines()[0]}",
        )

    def signature(self, item: A.Answer, **options: Any) -> Any:
        return None

    def render(self, item: A.Answer) -> str:
        try:
            return C.show(C.value(item.node, C.Context()))
        except UnsupportedError:
            return repr(item.node)


def _with_extraction(result: CheckResult, left: A.Answer, right: A.Answer) -> CheckResult:
    """Say in the certificate what was taken from a whole response."""
    taken = {
        side: {"answer": a.extracted, "rule": a.rule}
        for side, a in (("left", left), ("right", right))
        if a.rule != "bare"
    }
    if not taken:
        return result
    cert = result.certificate
    if cert is None:
        cert = {"extracted": taken}
    elif isinstance(cert, dict):
        cert = {**cert, "extracted": taken}
    return result.with_(certificate=cert)


def _decide(left: A.Node, right: A.Node, cfg: MathConfig, budget: Budget) -> CheckResult:
    ctx = C.Context()
    try:
        va, vb = C.value(left, ctx), C.value(right, ctx)
    except UnsupportedError as exc:
        return CheckResult(UNK, reason=f"unsupported: {exc}")
    comparer = Comparer(cfg, budget)
    out = _choice(va, vb) if cfg.choice_case else None
    if out is None:
        out = comparer.compare(va, vb)
    if out.verdict is not EQ and cfg.rename_parameters:
        out = _renamed(comparer, va, vb) or out
    return CheckResult(
        out.verdict,
        certified=out.certified and out.verdict is not UNK,
        method=out.method,
        reason=out.reason,
        certificate=out.certificate,
    )


def _choice(a: Any, b: Any) -> Out | None:
    """Two one-letter answers (choices ``C`` and ``c``) match regardless of case."""
    la, lb = _letter(a), _letter(b)
    if la is None or lb is None:
        return None
    return _eq("text") if la == lb else _ne("text")


def _letter(v: Any) -> str | None:
    if isinstance(v, C.Scalar) and v.expr.is_Symbol and len(str(v.expr)) == 1:
        return str(v.expr).lower()
    if isinstance(v, C.TextV) and len(v.text) == 1 and v.text.isalpha():
        return v.text
    return None


#: names that denote an integer parameter or an arbitrary constant in an answer
PARAMETERS = frozenset("k m n j l c C K".split())


def _renamed(comparer: Comparer, a: Any, b: Any) -> Out | None:
    """``2k\\pi`` vs ``2m\\pi``: the answers agree once the parameters that occur
    on one side only are renamed (every bijection between them is tried)."""
    if any(isinstance(v, C.Scalar) and v.expr.is_Symbol for v in (a, b)):
        return None  # a bare letter is a choice or a name, not a parameter
    fa, fb = _symbols(a), _symbols(b)
    only_a, only_b = sorted(fa - fb, key=str), sorted(fb - fa, key=str)
    if not only_a or len(only_a) != len(only_b) or len(only_a) > 3:
        return None
    if not all(str(v) in PARAMETERS for v in (*only_a, *only_b)):
        return None
    for perm in permutations(only_a):
        mapping = dict(zip(only_b, perm))
        out = comparer.compare(a, _subs_value(b, mapping))
        if out.verdict is EQ:
            return replace(out, method=f"{out.method} (parameters renamed)")
    return None


def _symbols(v: Any) -> set[sp.Symbol]:
    if isinstance(v, C.Scalar):
        return set(v.expr.free_symbols)
    if isinstance(v, (C.Collection, C.Ordered)):
        return set().union(*(_symbols(i) for i in v.items))
    if isinstance(v, C.RealSet):
        return set(v.set.free_symbols)
    if isinstance(v, C.Matrix):
        return set().union(*(_symbols(c) for r in v.rows for c in r))
    if isinstance(v, C.Relation):
        out = set(getattr(v.cond, "free_symbols", set()))
        return out | (_symbols(v.rhs) if v.rhs is not None else set())
    return set()


MATH = register(MathDomain())

__all__ = ["MATH", "MathConfig", "MathDomain"]
