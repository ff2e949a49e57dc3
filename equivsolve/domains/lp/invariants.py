"""Renaming invariants of LP/MILP models: differences no renaming,
reordering or positive rescaling of variables can explain.

For renamed models that are not isomorphic: feasibility, boundedness of the
objective, the multiset of variable ranges over the feasible set and over the
optimal set, and (continuous, full-dimensional) the ratio of the objective's
minimum and maximum. HiGHS computes them in floating point first; only a
float difference is recomputed exactly (Z3) and reported.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ...budget import Budget
from ...result import CheckResult, Verdict
from ...smt import highs
from ...smt import linear as L

#: per-variable range profiles (2 exact optimizations per variable) up to this size
PROFILE_LIMIT = 30
#: the invariant stage's share of the budget, and the limit of one optimization
INVARIANT_SECONDS = 2.0
INVARIANT_CALL_MS = 300


Optimizer = Callable[[L.LinearSystem, bool, "dict[str, Fraction] | None"], tuple[str, Any]]


def invariants(sa: L.LinearSystem, sb: L.LinearSystem, budget: Budget) -> CheckResult | None:
    """Differences that no renaming, reordering or positive rescaling of
    variables can explain (see ``_invariant_difference``). HiGHS computes them
    in floating point first; only when the floats differ are they recomputed
    exactly (Z3) and a difference reported, so agreeing models cost a few LP
    solves. Without HiGHS the exact computation runs directly."""
    # Invariants are a refutation aid: they get a slice of the budget, and each
    # exact optimization a short limit (exact MILP optimization can be slow).
    stage = Budget.of(min(INVARIANT_SECONDS, budget.remaining() / 4))
    if highs.available():
        quick = _invariant_difference(sa, sb, _float_optimizer(stage), stage, exact=False)
        if quick is None:
            return None
    ms = min(INVARIANT_CALL_MS, stage.solver_ms())

    def exact(s: L.LinearSystem, maximize: bool, objective: dict | None) -> tuple[str, Any]:
        return L.optimum(s, maximize=maximize, timeout_ms=ms, objective=objective)

    cert = _invariant_difference(sa, sb, exact, stage, exact=True)
    return (
        None
        if cert is None
        else CheckResult(Verdict.NOT_EQUIVALENT, True, "invariant", certificate=cert)
    )


def _float_optimizer(stage: Budget) -> Optimizer:
    models: dict[int, highs.FloatModel] = {}

    def run(s: L.LinearSystem, maximize: bool, objective: dict | None) -> tuple[str, Any]:
        if id(s) not in models:
            models[id(s)] = highs.FloatModel(s)
        sign = 1 if maximize else -1
        f = s.objective if objective is None else objective
        seconds = min(INVARIANT_CALL_MS / 1000, stage.remaining())
        status, value, _ = models[id(s)].maximize(
            {n: sign * c for n, c in f.items()}, seconds=seconds
        )
        if status == "optimal" and value is not None:
            return "value", sign * value
        return (status, None) if status in ("infeasible", "unbounded") else ("unknown", None)

    return run


def _invariant_difference(
    sa: L.LinearSystem, sb: L.LinearSystem, opt: Optimizer, stage: Budget, *, exact: bool
) -> dict[str, Any] | None:
    """The first invariant that differs, as a certificate, or None:

    * feasibility, and boundedness of the objective in each direction;
    * for models with as many variables: the multiset of the variables' ranges
      (min and max of each variable over the feasible set, up to a positive
      factor), which a permutation and rescaling of the variables preserves;
    * the same for the set of optimal points in each direction;
    * for continuous full-dimensional models: the ratio of the objective's
      minimum and maximum (two linear functions that order a full-dimensional
      set alike are proportional).

    ``opt`` answers with exact values (``exact``) or floats, which are compared
    to 6 significant digits (a float difference is only a candidate)."""
    ends = [[opt(s, m, None) for m in (False, True)] for s in (sa, sb)]
    if any(k == "unknown" for side in ends for k, _ in side):
        return None
    infeasible = [side[0][0] == "infeasible" for side in ends]
    if infeasible[0] != infeasible[1]:
        return {"infeasible": "left" if infeasible[0] else "right"}
    if infeasible[0]:
        return None
    for d, direction in enumerate(("min", "max")):
        if (ends[0][d][0] == "unbounded") != (ends[1][d][0] == "unbounded"):
            side = "left" if ends[0][d][0] == "unbounded" else "right"
            return {"unbounded": side, "objective": direction}
    if len(sa.variables) != len(sb.variables) or len(sa.variables) > PROFILE_LIMIT:
        return None
    ranges = [_range_profile(s, opt, stage) for s in (sa, sb)]
    if None not in ranges and ranges[0] != ranges[1]:
        return {"variable_ranges": {"left": ranges[0], "right": ranges[1]}}
    for d, direction in enumerate(("min", "max")):
        # the optimal points are the same set when the objectives order alike
        faces = [
            _range_profile(_face(s, side[d]), opt, stage)
            for s, side in ((sa, ends[0]), (sb, ends[1]))
        ]
        if None not in faces and faces[0] != faces[1]:
            optimal = {"objective": direction, "left": faces[0], "right": faces[1]}
            return {"optimal_set_ranges": optimal}
    continuous = not any(v[2] for v in [*sa.variables.values(), *sb.variables.values()])
    if continuous and all(k == "value" for side in ends for k, _ in side):
        ratio = [_ratio(side[0][1], side[1][1]) for side in ends]
        if ratio[0] != ratio[1]:
            if not exact:
                return {"objective_min_over_max": ratio}
            ms = min(INVARIANT_CALL_MS, stage.solver_ms())
            if all(L.has_interior(s, timeout_ms=ms) for s in (sa, sb)):
                return {"objective_min_over_max": {"left": ratio[0], "right": ratio[1]}}
    return None


def _face(s: L.LinearSystem, end: tuple[str, Any]) -> L.LinearSystem | None:
    """The optimal points of ``s`` at ``end`` (an optimum), as a system."""
    kind, value = end
    if kind != "value" or not s.objective:
        return None
    row = (dict(s.objective), "=", Fraction(value))
    return L.LinearSystem(s.variables, (*s.rows, row), s.objective)


def _ratio(lo: Any, hi: Any) -> str:
    """A range [lo, hi] up to a positive factor; floats to 6 significant digits
    (and within 1e-9 of zero as zero)."""
    if isinstance(lo, float) or isinstance(hi, float):
        lo, hi = (0.0 if abs(x) < 1e-9 else x for x in (lo, hi))
    signs = (lo > 0) - (lo < 0), (hi > 0) - (hi < 0)
    if not hi:
        return f"{signs}"
    q = lo / hi
    return f"{signs}:{q:.6g}" if isinstance(q, float) else f"{signs}:{q}"


def _range_profile(s: L.LinearSystem | None, opt: Optimizer, stage: Budget) -> list[str] | None:
    if s is None:
        return None
    profile = []
    for name, (_, _, integer) in s.variables.items():
        if stage.expired():
            return None
        lo = opt(s, False, {name: Fraction(1)})
        hi = opt(s, True, {name: Fraction(1)})
        if "unknown" in (lo[0], hi[0]):
            return None
        if lo[0] == "value" and hi[0] == "value":
            shape = _ratio(lo[1], hi[1])
        else:
            shape = f"{_end(lo)}/{_end(hi)}"
        profile.append(f"{'int' if integer else 'cont'} {shape}")
    return sorted(profile)


def _end(end: tuple[str, Any]) -> str:
    """An optimum as its sign, or as 'unbounded'."""
    kind, x = end
    if kind != "value":
        return kind
    if isinstance(x, float) and abs(x) < 1e-9:
        return "0"
    return "+" if x > 0 else "-" if x < 0 else "0"
