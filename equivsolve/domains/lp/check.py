"""Deciding whether two LP/MILP models are the same optimization problem.

Cheapest first, each stage invariant to more:

1. ``canonical`` — equal canonical forms (``canon``): same names, invariant to
   min/max of the negated objective, the objective constant and positive
   scaling, row order, row scaling and sense flips, bounds written as rows,
   duplicate rows.
2. ``isomorphism`` — equal up to renaming and reordering variables and rows:
   the canonical models become coloured, edge-labelled bipartite graphs
   (``graph``) and an exact isomorphism search returns the variable and row
   mapping, which is verified by applying it to the canonical models.
3. ``semantic`` (Z3, exact) — variables matched by name, the rest treated as
   auxiliary (slack, surplus, epigraph, split parts): the feasible sets are
   compared after projecting the auxiliary variables out, then the objectives'
   order of the feasible points. A difference comes with a point (re-checked by
   an independent exact query) mapped to the user's names.
4. otherwise ``unknown`` with the reason.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ...budget import Budget
from ...errors import BudgetExceeded
from ...result import CheckResult, Verdict
from ...smt import highs
from ...smt import linear as L
from .. import choice, register
from .canon import Canonical, canonicalize
from .graph import correspondence, isomorphism, scaled_isomorphism
from .invariants import invariants
from .parse import FORMATS, parse_model
from .reduce import negate, reduce_auxiliary

EQ, NE, UNK = Verdict.EQUIVALENT, Verdict.NOT_EQUIVALENT, Verdict.UNKNOWN
#: the semantic stage is skipped above this many nonzeros (Z3 would not finish)
SEMANTIC_LIMIT = 5_000
#: HiGHS's share of a containment question (searching for a separating point)
CANDIDATE_SECONDS = 2.0
#: the refutation by projections when both models have unshared variables
PROJECTION_SECONDS = 2.0
#: the comparison under each orientation of a split link
LINK_SECONDS = 3.0
#: Fourier-Motzkin projections of auxiliary variables up to this many rows
PROJECTION_ROWS = 400
#: HiGHS's time for the optimal-value signal
SIGNAL_SECONDS = 2.0
#: split variables whose orientation is tried both ways (2**MAX_FLIPS tries)
MAX_FLIPS = 4
#: Z3's first, short try at a containment question
QUICK_MS = 150


def _system(c: Canonical) -> L.LinearSystem:
    # a contradictory constant row (``0 <= -1``, as Gurobi writes an empty row)
    # was set aside by canon as the ``infeasible`` flag; it must stay in force
    contradiction = ((dict[str, Fraction](), "<=", Fraction(-1)),) if c.infeasible else ()
    return L.LinearSystem(
        variables={v.name: (v.lower, v.upper, v.kind != "C") for v in c.variables},
        rows=tuple((dict(r.coeffs), r.sense, r.rhs) for r in c.rows) + contradiction,
        objective={v.name: v.obj for v in c.variables if v.obj},
    )


def _fmt(point: dict[str, Fraction]) -> dict[str, str]:
    return {k: str(v) for k, v in sorted(point.items())}


def _nonzeros(c: Canonical) -> int:
    return sum(len(r.coeffs) for r in c.rows)


class LPDomain:
    kind = "lp"
    options = {"format": choice("auto", *FORMATS)}

    def parse(self, text: str, **options: Any) -> Any:
        return parse_model(text, format=options.get("format"))

    def signature(self, item: Any, **options: Any) -> Any:
        return None

    def render(self, item: Any) -> str:
        from .parse import write_lp

        return write_lp(item)

    def check(self, left: Any, right: Any, *, budget: Budget, **options: Any) -> CheckResult:
        if left.quadratic or right.quadratic:
            return CheckResult(UNK, reason="unsupported: quadratic terms")
        a, b = canonicalize(left), canonicalize(right)
        if a.infeasible or b.infeasible:
            return _infeasible(a, b, budget)
        if a == b:
            names = {v.name: v.name for v in a.variables}
            return CheckResult(EQ, True, "canonical", certificate={"variables": names})
        budget.check()
        found = _match(a, b, budget)
        if found is not None:
            return CheckResult(EQ, True, "isomorphism", certificate=found)
        shared = frozenset(v.name for v in a.variables) & {v.name for v in b.variables}
        a, b, projected, flips = _reduced(a, b, shared)
        if projected:
            for negated in _subsets(flips):
                na = {n for side, n in negated if side == "left"}
                nb = {n for side, n in negated if side == "right"}
                found = _match(negate(a, na), negate(b, nb), budget, shared)
                if found is not None:
                    cert = {**found, "projected_out": projected}
                    if negated:
                        cert["negated"] = {"left": sorted(na), "right": sorted(nb)}
                    return CheckResult(EQ, True, "reduction", certificate=cert)
        result = _decide(a, b, shared, budget)
        if projected and isinstance(result.certificate, dict):
            result = result.with_(certificate={**result.certificate, "projected_out": projected})
        return result


def _infeasible(a: Canonical, b: Canonical, budget: Budget) -> CheckResult:
    """At least one model is infeasible by its canonical form (a contradictory
    constant row, or crossed bounds): the two are the same problem exactly
    when the other one is infeasible too (every infeasible model is)."""
    if a.infeasible and b.infeasible:
        return CheckResult(EQ, True, "canonical", certificate={"infeasible": "both"})
    side, other = ("right", b) if a.infeasible else ("left", a)
    feasible = L.is_feasible_point(_system(other), {}, timeout_ms=budget.solver_ms())
    if feasible is None:
        return CheckResult(UNK, reason=f"only the {side} model's feasibility is undecided")
    if feasible:
        cert = {"infeasible": "left" if side == "right" else "right", "feasible": side}
        return CheckResult(NE, True, "invariant", certificate=cert)
    return CheckResult(EQ, True, "semantic", certificate={"infeasible": "both"})


def _match(
    a: Canonical, b: Canonical, budget: Budget, pinned: frozenset[str] = frozenset()
) -> dict[str, Any] | None:
    """A verified mapping a -> b: an exact isomorphism, else one up to positive
    rescaling of the continuous variables the models name differently (the
    certificate's ``scaled`` lists the factors, ``left = factor * right``)."""
    found = isomorphism(a, b, budget, pinned)
    if found is None and max(_nonzeros(a), _nonzeros(b)) <= SEMANTIC_LIMIT:
        # a variable named alike in both models is the same quantity: only
        # the others may be rescaled (a renamed variable in other units)
        same = frozenset(v.name for v in a.variables) & {v.name for v in b.variables}
        found = scaled_isomorphism(a, b, budget, pinned, fixed=same)
    return found


def _decide(a: Canonical, b: Canonical, shared: frozenset[str], budget: Budget) -> CheckResult:
    """The stages after isomorphism (and the reductions) failed."""
    if max(_nonzeros(a), _nonzeros(b)) > SEMANTIC_LIMIT:
        return CheckResult(UNK, reason="not isomorphic and too large for the semantic stage")
    sa, sb = _system(a), _system(b)
    na, nb = set(sa.variables), set(sb.variables)
    # names identify variables and the extra ones are auxiliary -- when there
    # are names in common (a model with no variable left names nothing)
    if (na & nb or not (na or nb)) and (na <= nb or nb <= na):
        return _semantic(sa, sb, budget)
    if shared:  # the unshared variables are matched by structure
        found = _match(a, b, budget, shared)
        if found is not None:
            return CheckResult(EQ, True, "isomorphism", certificate=found)
        # However the unshared variables correspond, the shared ones are the
        # same variables: a point of one projection outside the other refutes.
        # (Only a refutation: equal projections with every unshared variable
        # treated as auxiliary would prove too much.)
        try:
            share = min(PROJECTION_SECONDS, budget.remaining() / 2)
            separated = _feasible_sets(sa, sb, Budget.of(share))
        except BudgetExceeded:
            budget.check()  # the whole check's budget: stop; the stage's share: go on
            separated = None
        if separated is not None and separated.verdict is NE:
            return separated
        linked = _by_split(sa, sb, budget)
        if linked is not None:
            return linked
        return _by_correspondence(a, b, sa, sb, budget, shared)
    refuted = invariants(sa, sb, budget)
    if refuted is not None:
        return refuted
    return _by_correspondence(a, b, sa, sb, budget, shared)


def _by_split(sa: L.LinearSystem, sb: L.LinearSystem, budget: Budget) -> CheckResult | None:
    """One model has a variable ``v`` the other lacks, the other two, ``p`` and
    ``n``, whose columns have opposite signs in every row and the objective:
    the shape of a split ``v = p - n`` that the exact reduction could not
    merge (its coefficients differ). Compare under the link ``v = p - n``
    (the objective rewritten through it): equality is proved, the link being
    the witness; a difference is not certified (another link is not ruled out)."""
    for side, first, second in (("right", sa, sb), ("left", sb, sa)):
        mine = set(first.variables) - set(second.variables)
        theirs = sorted(set(second.variables) - set(first.variables))
        if len(mine) != 1 or len(theirs) != 2 or not _opposite(second, *theirs):
            continue
        (v,) = mine
        # the orientation whose objective weighs v alike first (it is reported)
        if first.objective.get(v, 0) * second.objective.get(theirs[0], 0) < 0:
            theirs.reverse()
        results = []
        for p, n in (theirs, theirs[::-1]):
            linked = _linked(second, v, p, n)
            pair = (first, linked) if side == "right" else (linked, first)
            try:
                result = _semantic(*pair, Budget.of(min(LINK_SECONDS, budget.remaining() / 3)))
            except BudgetExceeded:
                budget.check()  # the whole check's budget: stop; the stage's share: go on
                continue
            cert = {"link": f"{v} = {p} - {n}", "detail": result.certificate}
            if result.verdict is EQ:
                return result.with_(certificate=cert)
            results.append(result.with_(certificate=cert))
        for result in results:
            if result.verdict is NE:
                reason = (
                    f"different under the link {result.certificate['link']} the structure "
                    "suggests; another link is not ruled out"
                )
                return result.with_(certified=False, reason=reason)
    return None


def _opposite(s: L.LinearSystem, p: str, n: str) -> bool:
    """Continuous ``p`` and ``n`` with opposite signs wherever either appears."""
    if s.variables[p][2] or s.variables[n][2]:
        return False
    columns = [r[0] for r in s.rows] + [s.objective]
    for coeffs in columns:
        cp, cn = coeffs.get(p, 0), coeffs.get(n, 0)
        if (cp == 0) != (cn == 0) or cp * cn > 0:
            return False
    return True


def _linked(s: L.LinearSystem, v: str, p: str, n: str) -> L.LinearSystem:
    """``s`` with a free ``v`` and the row ``v = p - n``; an objective that
    weighs ``p`` and ``n`` oppositely is rewritten over ``v``."""
    one = Fraction(1)
    objective = dict(s.objective)
    dp, dn = objective.get(p, Fraction(0)), objective.get(n, Fraction(0))
    if dp == -dn:
        objective.pop(p, None)
        objective.pop(n, None)
        if dp:
            objective[v] = dp
    return L.LinearSystem(
        {**s.variables, v: (None, None, False)},
        (*s.rows, ({v: one, p: -one, n: one}, "=", Fraction(0))),
        objective,
    )


def _reduced(
    a: Canonical, b: Canonical, shared: frozenset[str]
) -> tuple[Canonical, Canonical, dict[str, dict[str, str]], tuple[tuple[str, str], ...]]:
    """Both models with their auxiliary variables projected out (``reduce``),
    what was projected, and the right side's variables that stand for a
    difference of two (their orientation is a guess; the caller tries both).

    Only the model with more variables has auxiliary ones (every variable of
    the other is matched: by name, or by structure), and only its variables
    the other model does not name. Reducing both sides would project out the
    reference's own variables: two renamed models that share one incidental
    name would both reduce to nothing. (The other model only loses its lone
    fixed variables, which are constants: Gurobi's ``Constant = 1`` once its
    value is substituted.) Fully renamed models must be left with as many
    variables as each other."""
    na, nb = {v.name for v in a.variables}, {v.name for v in b.variables}
    ca, cb = _constants(a) - shared, _constants(b) - shared
    ka, kb = len(na) - len(ca), len(nb) - len(cb)  # the variables that are not constants
    if ka == kb:
        if not (ca or cb):
            return a, b, {}, ()
        ra, rb = reduce_auxiliary(a, ca), reduce_auxiliary(b, cb)
    else:
        big, small = (a, b) if ka > kb else (b, a)
        allow_big = {v.name for v in big.variables} - shared
        constants = cb if ka > kb else ca
        # renamed models: the larger loses only as many variables as it has extra
        limit = None if shared else abs(ka - kb) + len(ca if ka > kb else cb)
        rbig, rsmall = reduce_auxiliary(big, allow_big, limit), reduce_auxiliary(small, constants)
        ra, rb = (rbig, rsmall) if ka > kb else (rsmall, rbig)
    if not (ra.notes or rb.notes):
        return a, b, {}, ()
    sizes = len(ra.model.variables), len(rb.model.variables)
    smaller = sizes[1] if ka > kb else sizes[0]
    if max(sizes) < smaller or (not shared and sizes[0] != sizes[1]):
        return a, b, {}, ()
    projected = {side: r.notes for side, r in (("left", ra), ("right", rb)) if r.notes}
    flips = tuple(("left", n) for n in ra.differences) + tuple(("right", n) for n in rb.differences)
    return ra.model, rb.model, projected, flips


def _constants(c: Canonical) -> set[str]:
    """Fixed variables in no row and not in the objective."""
    used = {n for r in c.rows for n, _ in r.coeffs}
    return {
        v.name
        for v in c.variables
        if v.lower is not None and v.lower == v.upper and not v.obj and v.name not in used
    }


def _subsets(names: tuple[tuple[str, str], ...]) -> list[set[tuple[str, str]]]:
    """Every subset of the first few ``names`` (the empty one first)."""
    first = names[:MAX_FLIPS]
    return [{n for i, n in enumerate(first) if mask >> i & 1} for mask in range(2 ** len(first))]


def _by_correspondence(
    a: Canonical,
    b: Canonical,
    sa: L.LinearSystem,
    sb: L.LinearSystem,
    budget: Budget,
    shared: frozenset[str],
) -> CheckResult:
    """Renamed models: identify variables by the correspondence the models'
    shapes force (``graph.correspondence``) and compare under it. Equivalence
    found this way is proved (the correspondence is the witness); a difference
    is a difference under that correspondence only, so it is not certified."""
    found = correspondence(a, b, budget, pinned=shared)
    if found is None:
        if shared or len(sa.variables) != len(sb.variables):
            return CheckResult(UNK, reason="no variable correspondence allowed by structure")
        return _optimal_values(sa, sb, budget)
    mapping, forced = found
    back = {v: k for k, v in mapping.items()}
    renamed = L.LinearSystem(
        {back[n]: bounds for n, bounds in sb.variables.items()},
        tuple(({back[n]: c for n, c in co.items()}, sense, rhs) for co, sense, rhs in sb.rows),
        {back[n]: c for n, c in sb.objective.items()},
    )
    result = _semantic(sa, renamed, budget)
    cert = {"variables": mapping, "detail": result.certificate}
    if result.verdict is NE:
        return result.with_(
            certified=False,
            certificate=cert,
            reason=(
                "different under the variable correspondence forced by structure"
                if forced
                else "different under a variable correspondence the structure allows"
            )
            + "; another correspondence is not ruled out",
        )
    return result.with_(certificate=cert) if result.verdict is EQ else result


def _optimal_values(sa: L.LinearSystem, sb: L.LinearSystem, budget: Budget) -> CheckResult:
    """The last resort, a signal and never a proof: HiGHS's optimal values of
    the two (canonical, so comparable) objectives. Clearly different values
    mean different problems up to floating point: ``not_equivalent`` with
    ``certified: false``; otherwise ``unknown`` with the values in the reason."""
    seconds = min(SIGNAL_SECONDS, budget.remaining() / 2)
    values = [highs.optimal_value(s, maximize=False, seconds=seconds) for s in (sa, sb)]
    undecided = (
        "not isomorphic, variables renamed, no invariant difference, and no "
        "variable correspondence forced by structure"
    )
    if None in values:
        return CheckResult(UNK, reason=undecided)
    x, y = values
    assert x is not None and y is not None
    same = x == y or abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y))
    shown = {"left": x, "right": y}
    if same:
        return CheckResult(UNK, reason=f"{undecided}; HiGHS optimal values agree ({x:.9g})")
    return CheckResult(
        NE,
        False,
        "optimal-value",
        reason="HiGHS optimal values of the normalized objectives differ (floating point, "
        "not a proof)",
        certificate={"optimal_values": shown},
    )


def _semantic(sa: L.LinearSystem, sb: L.LinearSystem, budget: Budget) -> CheckResult:
    """Variables identified by name; the others are auxiliary and projected out."""
    differ = _feasible_sets(sa, sb, budget)
    if differ is not None:
        return differ
    shared = set(sa.variables) & set(sb.variables)
    aux = (set(sa.variables) | set(sb.variables)) - shared
    if aux and any(v in aux for v in [*sa.objective, *sb.objective]):
        return CheckResult(UNK, reason="the objective uses auxiliary variables")
    return _objective_order(sa, sb, budget)


def _feasible_sets(sa: L.LinearSystem, sb: L.LinearSystem, budget: Budget) -> CheckResult | None:
    """The feasible sets projected on the shared variables: None when equal, a
    re-checked separating point, or unknown."""
    shared = sorted(set(sa.variables) & set(sb.variables))
    # auxiliary variables eliminated exactly where that stays small: the
    # question becomes quantifier-free and HiGHS can propose points
    pa, pb = _projection(sa, shared), _projection(sb, shared)
    for first, second, target, name in ((sa, sb, pb, "left"), (sb, sa, pa, "right")):
        budget.check()
        verdict, point = _escape(first, target, shared, budget)
        if verdict == "point":
            other = "right" if name == "left" else "left"
            shown = {k: v for k, v in point.items() if k in shared}
            confirmed = (
                L.is_feasible_point(second, shown, timeout_ms=budget.solver_ms()) is False
                and L.is_feasible_point(first, point, timeout_ms=budget.solver_ms()) is True
            )
            if confirmed:
                cert = {"point": _fmt(point), "feasible_in": name, "infeasible_in": other}
                return CheckResult(NE, True, "semantic", certificate=cert)
            return CheckResult(UNK, reason="a separating point was found but did not re-check")
        if verdict == "unknown":
            return CheckResult(UNK, reason=f"feasible-set comparison undecided: {point}")
    return None


def _projection(s: L.LinearSystem, shared: list[str]) -> L.LinearSystem:
    """``s`` projected onto ``shared`` (Fourier-Motzkin), or ``s`` itself."""
    if set(s.variables) <= set(shared):
        return s
    return L.project(s, shared, max_rows=PROJECTION_ROWS) or s


def _escape(
    first: L.LinearSystem, second: L.LinearSystem, shared: list[str], budget: Budget
) -> tuple[str, Any]:
    """``L.escapes`` as a portfolio: Z3 briefly (it proves containment fast and
    finds easy points), then HiGHS proposing a point of ``first`` that violates
    one of ``second``'s constraints when ``second`` has no auxiliary variables
    (made exact and re-checked) or, failing that, an exact LP-duality proof
    that ``first`` implies each of them, then Z3 with the rest of the budget."""
    quick = min(QUICK_MS, budget.solver_ms())
    verdict, point = L.escapes(first, second, shared, timeout_ms=quick)
    if verdict != "unknown" or budget.remaining() * 1000 <= quick:
        return verdict, point
    if set(second.variables) <= set(shared):
        candidates = L.unstated(second, first)
        seconds = min(CANDIDATE_SECONDS, budget.remaining() / 4)
        found = highs.violating_point(first, candidates, seconds=seconds)
        if found is not None:
            return "point", found
        integral = all(first.variables[n][2] for n, v in second.variables.items() if v[2])
        if integral and highs.implied(first, candidates, seconds=seconds):
            return "contained", None  # an exact duality certificate per constraint
    return L.escapes(first, second, shared, timeout_ms=budget.solver_ms())


def _proportional(f: dict[str, Fraction], g: dict[str, Fraction]) -> bool:
    if set(f) != set(g):
        return False
    if not f:
        return True
    ratios = {f[k] / g[k] for k in f}
    return len(ratios) == 1 and next(iter(ratios)) > 0


def _objective_order(sa: L.LinearSystem, sb: L.LinearSystem, budget: Budget) -> CheckResult:
    """Do the objectives order the (common, projected) feasible points alike?
    Both objectives are over the shared variables; the points range over the
    left model's feasible set, equal to the right's after projection."""
    if _proportional(sa.objective, sb.objective):
        return CheckResult(EQ, True, "semantic", certificate={"objective": "proportional"})
    same_vars = L.LinearSystem(sa.variables, sa.rows, sb.objective)
    verdict, points = L.order_differs(sa, same_vars, timeout_ms=budget.solver_ms())
    if verdict == "same":
        return CheckResult(EQ, True, "semantic", certificate={"objective": "same order"})
    if verdict == "point":
        p = {k[2:]: v for k, v in points.items() if k.startswith("p.")}
        q = {k[2:]: v for k, v in points.items() if k.startswith("q.")}

        def val(obj: dict[str, Fraction], x: dict[str, Fraction]) -> Fraction:
            return sum((c * x.get(n, Fraction(0)) for n, c in obj.items()), Fraction(0))

        fa = (val(sa.objective, p), val(sa.objective, q))
        fb = (val(sb.objective, p), val(sb.objective, q))
        if (fa[0] < fa[1]) != (fb[0] < fb[1]) or (fa[0] == fa[1]) != (fb[0] == fb[1]):
            cert = {
                "p": _fmt(p),
                "q": _fmt(q),
                "left_objective": [str(x) for x in fa],
                "right_objective": [str(x) for x in fb],
            }
            return CheckResult(NE, True, "semantic", certificate=cert)
        return CheckResult(UNK, reason="an order counterexample did not re-check")
    return CheckResult(UNK, reason=f"objective comparison undecided: {points}")


LP = register(LPDomain())
