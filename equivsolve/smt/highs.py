"""Floating-point candidates from HiGHS for the exact questions in ``linear``.

HiGHS solves LPs and MILPs far faster than an exact solver searches for a
point, so it is used where its answer can be checked: it proposes a point (a
maximizer of some linear function over a system), the point is made exact —
integer values rounded, continuous values read as the rationals the floats
denote — and kept only if exact arithmetic confirms it. When the float point
fails that check (an equality row a float cannot meet), the integer values are
kept and Z3 completes the continuous ones exactly (``linear.complete``). Nothing
HiGHS says is ever reported as proved: its optimal values are a signal
(``certified: false``) only.

HiGHS is imported lazily; without it every function here reports ``None`` and
the callers fall back to Z3 alone.
"""

from __future__ import annotations

import importlib
import math
from fractions import Fraction
from typing import Any

from . import linear as L

_highspy: Any
try:  # pragma: no cover - depends on the environment
    _highspy = importlib.import_module("highspy")
except ImportError:  # pragma: no cover
    _highspy = None


def available() -> bool:
    return _highspy is not None


def _f(x: Fraction | None, default: float) -> float:
    return default if x is None else float(x)


class FloatModel:
    """One system loaded into HiGHS once, maximized for several objectives."""

    def __init__(self, system: L.LinearSystem, *, relax: bool = False) -> None:
        assert _highspy is not None
        hs = _highspy
        self.system = system
        self.names = list(system.variables)
        index = {n: j for j, n in enumerate(self.names)}
        inf = hs.kHighsInf
        h = hs.Highs()
        h.setOptionValue("output_flag", False)
        lp = hs.HighsLp()
        lp.num_col_ = len(self.names)
        lp.num_row_ = len(system.rows)
        lp.col_cost_ = [0.0] * lp.num_col_
        lp.col_lower_ = [_f(lo, -inf) for lo, _, _ in system.variables.values()]
        lp.col_upper_ = [_f(up, inf) for _, up, _ in system.variables.values()]
        lp.row_lower_ = [float(b) if s == "=" else -inf for _, s, b in system.rows]
        lp.row_upper_ = [float(b) for _, _, b in system.rows]
        starts, cols, vals = [0], [], []
        for coeffs, _, _ in system.rows:
            for n, c in coeffs.items():
                cols.append(index[n])
                vals.append(float(c))
            starts.append(len(cols))
        lp.a_matrix_.format_ = hs.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = starts
        lp.a_matrix_.index_ = cols
        lp.a_matrix_.value_ = vals
        lp.a_matrix_.num_col_ = lp.num_col_
        lp.a_matrix_.num_row_ = lp.num_row_
        if not relax and any(integer for _, _, integer in system.variables.values()):
            kind = hs.HighsVarType
            lp.integrality_ = [
                kind.kInteger if integer else kind.kContinuous
                for _, _, integer in system.variables.values()
            ]
        h.passModel(lp)
        self.h, self.index = h, index

    def maximize(
        self, objective: dict[str, Fraction], *, seconds: float, target: float | None = None
    ) -> tuple[str, float | None, list[float] | None]:
        """``("optimal", value, x)``, ``("feasible", value, x)`` (time limit or
        ``target`` reached with a point), ``("infeasible"|"unbounded"|"unknown",
        None, None)``. Optimal means optimal with no gap tolerance."""
        assert _highspy is not None
        hs, h = _highspy, self.h
        h.setOptionValue("time_limit", max(0.01, seconds))
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 0.0)
        h.setOptionValue("objective_target", -math.inf if target is None else target)
        h.changeColsCost(
            len(self.names),
            list(range(len(self.names))),
            [float(objective.get(n, 0)) for n in self.names],
        )
        h.changeObjectiveSense(hs.ObjSense.kMaximize)
        h.run()
        status = h.getModelStatus()
        ms = hs.HighsModelStatus
        info = h.getInfo()
        has_point = info.primal_solution_status == 2  # kSolutionStatusFeasible
        if status == ms.kOptimal:
            return "optimal", info.objective_function_value, list(h.getSolution().col_value)
        if status == ms.kInfeasible:
            return "infeasible", None, None
        if status in (ms.kUnbounded, ms.kUnboundedOrInfeasible):
            return "unbounded", None, None
        if has_point:
            return "feasible", info.objective_function_value, list(h.getSolution().col_value)
        return "unknown", None, None

    def exact(self, x: list[float]) -> dict[str, Fraction]:
        """The float point as exact values: integers rounded, the rest as is."""
        out = {}
        for n, v in zip(self.names, x):
            integer = self.system.variables[n][2]
            out[n] = Fraction(round(v)) if integer else Fraction(v)
        return out


def _value(coeffs: dict[str, Fraction], point: dict[str, Fraction]) -> Fraction:
    return sum((c * point[n] for n, c in coeffs.items()), Fraction(0))


def violating_point(
    system: L.LinearSystem,
    constraints: list[tuple[dict[str, Fraction], Fraction]],
    *,
    seconds: float,
) -> dict[str, Fraction] | None:
    """An exact point of ``system`` with ``sum(c x) > b`` for one of the
    ``constraints`` ``(c, b)``, found by maximizing each left side with HiGHS;
    None when HiGHS finds none (which proves nothing) or is not installed."""
    if _highspy is None or not constraints:
        return None
    try:
        model = FloatModel(system)
    except Exception:  # noqa: BLE001 - a model HiGHS rejects: no candidates
        return None
    share = seconds / len(constraints)
    for coeffs, bound in constraints:
        status, value, x = model.maximize(coeffs, seconds=share, target=float(bound))
        if status == "infeasible":
            return None  # the system itself is infeasible: nothing escapes
        if x is None or value is None:
            continue
        if value <= float(bound) + 1e-9 * max(1.0, abs(float(bound))):
            continue
        point = model.exact(x)
        if L.satisfies(system, point) and _value(coeffs, point) > bound:
            return point
        completed = L.complete(
            system,
            {n: v for n, v in point.items() if system.variables[n][2]},
            (coeffs, bound),
            timeout_ms=max(1, int(share * 1000)),
        )
        if completed is not None:
            return completed
    return None


def implied(
    system: L.LinearSystem,
    constraints: list[tuple[dict[str, Fraction], Fraction]],
    *,
    seconds: float,
) -> bool:
    """True when every constraint ``sum(c x) <= b`` provably holds on the
    system: HiGHS maximizes ``c x`` over the LP relaxation and its row duals,
    read as rationals, must make an exact LP-duality certificate -- a
    combination of the rows (nonnegative on inequalities) and of the bounds
    whose left side is ``c`` and whose right side is at most ``b``, checked
    with ``Fraction`` arithmetic. Valid for integer variables too (a bound on
    the relaxation bounds the integer points). False proves nothing."""
    if _highspy is None:
        return False
    try:
        model = FloatModel(system, relax=True)
    except Exception:  # noqa: BLE001 - a model HiGHS rejects
        return False
    share = seconds / max(1, len(constraints))
    for coeffs, bound in constraints:
        status, value, _ = model.maximize(coeffs, seconds=share)
        if status == "infeasible":
            # then every constraint holds, once the ray proves 0 < 0 (Farkas)
            _, has_ray, ray = model.h.getDualRay()
            return bool(has_ray) and _proved(system, {}, None, [float(r) for r in ray], share)
        if status != "optimal" or value is None:
            return False
        if value > float(bound) + 1e-6 * max(1.0, abs(float(bound))):
            return False
        duals = [float(d) for d in model.h.getSolution().row_dual]
        if not _proved(system, coeffs, bound, duals, share):
            return False
    return True


def _proved(
    system: L.LinearSystem,
    coeffs: dict[str, Fraction],
    bound: Fraction | None,
    duals: list[float],
    seconds: float,
) -> bool:
    """``sum(coeffs x) <= bound`` on the system (``bound`` None: the system is
    empty, ``0 < 0``), proved exactly from HiGHS's multipliers: first as they
    are, made rational (a duality or Farkas certificate checked with
    ``Fraction``s); when rounding spoils that, by Z3 on the rows the
    multipliers use (a small system, relaxed: a bound that holds on the
    relaxation holds on the integer points)."""
    for sign in (1, -1):
        b = _certified_bound(system, coeffs, duals, sign)
        if b is not None and (b < 0 if bound is None else b <= bound):
            return True
    used = tuple(r for r, d in zip(system.rows, duals) if abs(d) > 1e-12)
    names = {n for r in used for n in r[0]} | set(coeffs)
    sub = L.LinearSystem({n: (*system.variables[n][:2], False) for n in names}, used)
    limit = Fraction(-1) if bound is None else bound  # 0 <= -1 holds only on nothing
    return L.holds(sub, coeffs, limit, timeout_ms=max(1, int(seconds * 1000))) is True


def _certified_bound(
    system: L.LinearSystem,
    coeffs: dict[str, Fraction],
    duals: list[float],
    sign: int,
) -> Fraction | None:
    """The upper bound on ``sum(coeffs x)`` over the system that ``sign *
    duals`` (made exact) times the rows, plus multiples of the variables'
    bounds for what is left, prove; None when they prove none (a negative
    multiplier on an inequality, or a needed bound that is infinite)."""
    residual = dict(coeffs)
    total = Fraction(0)
    for (row, sense, rhs), d in zip(system.rows, duals):
        y = Fraction(sign * d).limit_denominator(10**9)
        if abs(y) < Fraction(1, 10**9):
            continue
        if sense == "<=" and y < 0:
            return None
        total += y * rhs
        for n, a in row.items():
            residual[n] = residual.get(n, Fraction(0)) - y * a
    for n, r in residual.items():
        if r == 0:
            continue
        lo, up, _ = system.variables[n]
        end = up if r > 0 else lo
        if end is None:
            return None
        total += r * end
    return total


def optimal_value(system: L.LinearSystem, *, maximize: bool, seconds: float) -> float | None:
    """HiGHS's optimal value of the system's objective (a float; a signal, not
    a proof), ``math.inf``/``-inf`` when unbounded, None when infeasible or
    undecided or HiGHS is missing."""
    if _highspy is None:
        return None
    try:
        model = FloatModel(system)
    except Exception:  # noqa: BLE001
        return None
    sign = 1 if maximize else -1
    objective = {n: sign * c for n, c in system.objective.items()}
    status, value, _ = model.maximize(objective, seconds=seconds)
    if status == "optimal" and value is not None:
        return sign * value
    if status == "unbounded":
        return sign * math.inf
    return None


__all__ = ["FloatModel", "available", "implied", "optimal_value", "violating_point"]
