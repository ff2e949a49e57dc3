"""Canonical models as coloured bipartite graphs, and their isomorphism.

Vertices are variables (colour: type, bounds, objective coefficient — the
objective is already in min form and scaled, so min/max and scaling are
invisible) and rows (colour: sense and right-hand side); an edge from a row to
a variable carries the coefficient. This is ORGEval's bipartite
variable/constraint graph with what it leaves out put back into the colours:
objective sense, bounds, right-hand sides and signed, normalised coefficients.
A mapping found by the search (``equivsolve.graph``) is applied to the
canonical models and accepted only if it makes them equal.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from ...budget import Budget
from ...graph import Graph, find_isomorphism, refine
from .ast import Bound, Model, Row
from .canon import Canonical, CRow, canonicalize


def to_graph(c: Canonical, pinned: frozenset[str] = frozenset()) -> Graph:
    """``pinned`` variables carry their name in their colour (they may only map
    to the variable of the same name)."""
    index = {v.name: i for i, v in enumerate(c.variables)}
    colours: list[Any] = [
        ("var", v.kind, v.lower, v.upper, v.obj, v.name if v.name in pinned else None)
        for v in c.variables
    ]
    edges: list[tuple[int, int, Any]] = []
    for k, row in enumerate(c.rows):
        r = len(c.variables) + k
        colours.append(("row", row.sense, row.rhs))
        edges.extend((r, index[name], coef) for name, coef in row.coeffs)
    return Graph(colours, edges)


def _renamed(c: Canonical, names: dict[str, str]) -> tuple[set, set]:
    variables = {(names[v.name], v.lower, v.upper, v.kind, v.obj) for v in c.variables}
    rows = {CRow(tuple(sorted((names[n], a) for n, a in r.coeffs)), r.sense, r.rhs) for r in c.rows}
    return variables, rows


def isomorphism(
    a: Canonical, b: Canonical, budget: Budget, pinned: frozenset[str] = frozenset()
) -> dict[str, Any] | None:
    """The verified variable mapping a -> b (identity on ``pinned``), or None."""
    if not _comparable(a, b):
        return None
    found = _search(a, b, to_graph(a, pinned), to_graph(b, pinned), budget, pinned)
    if found is None:
        return None
    names = found[1]
    if _renamed(a, names) != _renamed(b, {v.name: v.name for v in b.variables}):
        return None  # never report a mapping that does not check
    return {"variables": names}


def _comparable(a: Canonical, b: Canonical) -> bool:
    # (a contradictory constant row is not in the graph)
    same = len(a.variables) == len(b.variables) and len(a.rows) == len(b.rows)
    return same and a.infeasible == b.infeasible


def _search(
    a: Canonical, b: Canonical, ga: Graph, gb: Graph, budget: Budget, pinned: frozenset[str]
) -> tuple[tuple[int, ...], dict[str, str]] | None:
    """An isomorphism of the graphs of ``a`` and ``b`` (variables first, then
    rows): the vertex mapping and the variable names it maps, identity on
    ``pinned``; or None."""
    found = find_isomorphism(ga, gb, budget=budget)
    mapping = getattr(found, "mapping", None)
    if mapping is None:
        return None
    n = len(a.variables)
    names = {a.variables[i].name: b.variables[mapping[i]].name for i in range(n)}
    if any(names.get(p, p) != p for p in pinned):
        return None
    return mapping, names


def _sign(x: Fraction | None) -> int:
    return 0 if x is None or x == 0 else (1 if x > 0 else -1)


def _relaxed(c: Canonical, level: int, pinned: frozenset[str]) -> Graph:
    """The model with details forgotten, so that near misses still line up.

    Level 0 forgets right-hand sides and bound values; level 1 also coefficient
    and objective values (keeping their signs): only the shape remains. Level
    2 keeps only the variables' types and objective coefficients (rows
    forgotten: a dropped or added row); level 3 only the types and which
    variable is in which row (senses and signs forgotten: a flipped sense).
    """
    index = {v.name: i for i, v in enumerate(c.variables)}
    colours: list[Any] = []
    for v in c.variables:
        name = v.name if v.name in pinned else None
        if level >= 2:
            colours.append(("var", v.kind, v.obj if level == 2 else None, name))
            continue
        obj = v.obj if level == 0 else _sign(v.obj)
        colours.append(("var", v.kind, v.lower is None, v.upper is None, obj, name))
    edges: list[tuple[int, int, Any]] = []
    if level == 2:
        return Graph(colours, edges)
    for k, row in enumerate(c.rows):
        colours.append(("row", row.sense if level < 3 else None))
        r = len(c.variables) + k
        edges.extend(
            (r, index[n], a if level == 0 else _sign(a) if level == 1 else 1) for n, a in row.coeffs
        )
    return Graph(colours, edges)


def correspondence(
    a: Canonical, b: Canonical, budget: Budget, pinned: frozenset[str] = frozenset()
) -> tuple[dict[str, str], bool] | None:
    """A variable correspondence a -> b read off a relaxed view of the models
    (``_relaxed``: right-hand sides and bounds forgotten; failing that, every
    value but its sign; failing that, the objective alone), and whether the
    view *forces* it: colour refinement singles out every variable. Failing
    that, any isomorphism of a relaxed view (one correspondence the structure
    allows, not forced). None when there is none."""
    n = len(a.variables)
    if n != len(b.variables) or n == 0:
        return None
    for level in (0, 1, 2):
        mapping = _forced(a, b, level, budget, pinned)
        if mapping is not None:
            return mapping, True
    for level in (0, 1, 3):
        found = find_isomorphism(
            _relaxed(a, level, pinned), _relaxed(b, level, pinned), budget=budget
        )
        if getattr(found, "mapping", None) is not None:
            names = {a.variables[i].name: b.variables[found.mapping[i]].name for i in range(n)}
            if all(names.get(p, p) == p for p in pinned):
                return names, False
    return None


def _forced(
    a: Canonical, b: Canonical, level: int, budget: Budget, pinned: frozenset[str]
) -> dict[str, str] | None:
    n = len(a.variables)
    r = refine([_relaxed(a, level, pinned), _relaxed(b, level, pinned)], budget=budget)
    ca, cb = r.colours[0][:n], r.colours[1][:n]
    where: dict[int, list[int]] = {}
    for j, colour in enumerate(cb):
        where.setdefault(colour, []).append(j)
    mapping = {}
    for i, colour in enumerate(ca):
        candidates = where.get(colour, [])
        if len(candidates) != 1:
            return None
        mapping[a.variables[i].name] = b.variables[candidates[0]].name
    return mapping if len(set(mapping.values())) == n else None


#: the scaled view is built for models up to this many scale unknowns
SCALED_LIMIT = 2000


def scaled_isomorphism(
    a: Canonical,
    b: Canonical,
    budget: Budget,
    pinned: frozenset[str] = frozenset(),
    fixed: frozenset[str] = frozenset(),
) -> dict[str, Any] | None:
    """An isomorphism up to positive rescaling of continuous variables
    (``x = 2 x'``): the verified mapping a -> b with the scale of every
    rescaled variable, or None.

    Each model is brought to a scale-free view first: the row and column
    factors that make the logarithms of the nonzero magnitudes (coefficients,
    right-hand sides, finite bounds, objective) smallest in the least-squares
    sense are unique and move with any rescaling of a variable, so equal views
    (up to rounding) propose the mapping. The exact factors are then read off
    the mapped rows and the mapping is accepted only if rescaling ``a`` by them
    gives ``b``'s canonical form exactly. Integer and pinned variables, and
    the ``fixed`` ones (named alike in both models), are not rescaled."""
    pinned_or_fixed = pinned | fixed
    if not _comparable(a, b) or not any(_scalable(v, pinned_or_fixed) for v in a.variables):
        return None
    ga, gb = (_scale_free(c, pinned, pinned_or_fixed) for c in (a, b))
    found = None if ga is None or gb is None else _search(a, b, ga, gb, budget, pinned)
    if found is None:
        return None
    mapping, names = found
    n = len(a.variables)
    rows = {k: mapping[n + k] - n for k in range(len(a.rows))}
    scales = _column_scales(a, b, names, rows, pinned_or_fixed)
    if scales is None:
        return None
    if _renamed(_rescaled(a, scales), names) != _renamed(b, {v.name: v.name for v in b.variables}):
        return None
    shown = {names[k]: str(g) for k, g in scales.items() if g != 1}
    if not shown:
        return {"variables": names}
    return {"variables": names, "scaled": shown}


def _scalable(v: Any, pinned: frozenset[str]) -> bool:
    return v.kind == "C" and v.name not in pinned


def _scale_free(c: Canonical, pinned: frozenset[str], fixed: frozenset[str]) -> Graph | None:
    """The model as a graph with every magnitude divided by the least-squares
    row and column factors (floats, rounded to 7 significant digits)."""
    nv, nr = len(c.variables), len(c.rows)
    col = {}
    for j, v in enumerate(c.variables):
        if _scalable(v, fixed):
            col[j] = nr + 1 + len(col)
    unknowns = nr + 1 + len(col)  # rows, the objective, scalable columns
    if unknowns > SCALED_LIMIT:
        return None
    # each nonzero magnitude m: log m + r_row + s_col (bounds: log m - s_col)
    terms: list[tuple[float, tuple[tuple[int, float], ...]]] = []

    def mag(x: Fraction) -> float:
        return math.log(abs(x.numerator)) - math.log(x.denominator)

    index = {v.name: j for j, v in enumerate(c.variables)}
    for k, row in enumerate(c.rows):
        for name, coef in row.coeffs:
            j = index[name]
            terms.append((mag(coef), ((k, 1.0),) + (((col[j], 1.0),) if j in col else ())))
        if row.rhs:
            terms.append((mag(row.rhs), ((k, 1.0),)))
    for j, v in enumerate(c.variables):
        if v.obj:
            terms.append((mag(v.obj), ((nr, 1.0),) + (((col[j], 1.0),) if j in col else ())))
        for bound in (v.lower, v.upper):
            if bound and j in col:
                terms.append((mag(bound), ((col[j], -1.0),)))
    normal = np.zeros((unknowns, unknowns))
    rhs = np.zeros(unknowns)
    for value, parts in terms:
        for p, wp in parts:
            rhs[p] -= wp * value
            for q, wq in parts:
                normal[p, q] += wp * wq
    x = np.linalg.lstsq(normal, rhs, rcond=None)[0]

    def shown(value: Fraction | None, *unknown: tuple[int, float]) -> Any:
        if value is None or value == 0:
            return value
        e = mag(value) + sum(w * x[u] for u, w in unknown)
        return f"{(1 if value > 0 else -1) * math.exp(e):.7g}"

    def cs(j: int, w: float = 1.0) -> tuple[tuple[int, float], ...]:
        return ((col[j], w),) if j in col else ()

    colours: list[Any] = []
    for j, v in enumerate(c.variables):
        name = v.name if v.name in pinned else None
        lower, upper = shown(v.lower, *cs(j, -1.0)), shown(v.upper, *cs(j, -1.0))
        colours.append(("var", v.kind, lower, upper, shown(v.obj, (nr, 1.0), *cs(j)), name))
    edges: list[tuple[int, int, Any]] = []
    for k, row in enumerate(c.rows):
        entries = [(index[n], shown(coef, (k, 1.0), *cs(index[n]))) for n, coef in row.coeffs]
        rhs_k = shown(row.rhs, (k, 1.0))
        if row.sense == "=" and _negated_is_larger(entries, rhs_k):
            entries = [(j, _neg_text(t)) for j, t in entries]
            rhs_k = _neg_text(rhs_k)
        colours.append(("row", row.sense, rhs_k))
        edges.extend((nv + k, j, t) for j, t in entries)
    return Graph(colours, edges)


def _neg_text(t: Any) -> Any:
    if not isinstance(t, str):
        return t
    return t[1:] if t.startswith("-") else "-" + t


def _negated_is_larger(entries: list[tuple[int, Any]], rhs: Any) -> bool:
    """The sign of an equality row in the scale-free view: the one whose
    sorted values are larger (as for the exact canonical form)."""

    def key(sign: int) -> tuple:
        vals = sorted((sign * float(t) for _, t in entries), reverse=True)
        return (vals, sign * float(rhs or 0))

    return key(-1) > key(1)


def _column_scales(
    a: Canonical,
    b: Canonical,
    names: dict[str, str],
    rows: dict[int, int],
    pinned: frozenset[str],
) -> dict[str, Fraction] | None:
    """The exact factors ``g`` with ``x = g * x'`` for a's variables, read off
    the mapped rows: a row's factor from its right-hand side (or a known
    column), a column's from a row with a known factor; a part of the model
    with no anchor starts from factor 1. None when a factor is not positive."""
    bvars = {v.name: v for v in b.variables}
    scale: dict[str, Fraction] = {}
    for v in a.variables:
        w = bvars[names[v.name]]
        if not _scalable(v, pinned):
            scale[v.name] = Fraction(1)
        else:
            for mine, theirs in ((v.lower, w.lower), (v.upper, w.upper)):
                if mine and theirs:
                    scale[v.name] = mine / theirs
    factor: dict[int, Fraction] = {}
    # the rows of a, each with the mapped row of b; the objective last
    mine = [r.coeffs for r in a.rows]
    theirs = [dict(b.rows[rows[k]].coeffs) for k in range(len(a.rows))]
    mine.append(tuple((v.name, v.obj) for v in a.variables if v.obj))
    theirs.append({v.name: v.obj for v in b.variables if v.obj})
    for k, row in enumerate(a.rows):
        other_rhs = b.rows[rows[k]].rhs
        if row.rhs and other_rhs:
            factor[k] = other_rhs / row.rhs
    pending = set(range(len(mine)))
    while pending:
        progress = False
        for k in sorted(pending):
            coeffs, other = mine[k], theirs[k]
            if k not in factor:
                known = next((n for n, _ in coeffs if n in scale), None)
                if known is None:
                    continue
                coef = dict(coeffs)[known]
                factor[k] = other.get(names[known], Fraction(0)) / (coef * scale[known])
            for n, coef in coeffs:
                if n not in scale and factor[k]:
                    scale[n] = other.get(names[n], Fraction(0)) / (coef * factor[k])
            pending.discard(k)
            progress = True
        if not progress:
            k = min(pending)
            factor[k] = Fraction(1)  # no anchor: any factor will do; start from 1
    for v in a.variables:
        scale.setdefault(v.name, Fraction(1))
    if any(g <= 0 for g in scale.values()):
        return None
    return scale


def _rescaled(c: Canonical, scale: dict[str, Fraction]) -> Canonical:
    """``c`` with each variable ``x`` replaced by ``g * x`` (same names)."""

    def div(x: Fraction | None, g: Fraction) -> Fraction | None:
        return None if x is None else x / g

    model = Model(
        sense="min",
        objective=tuple((v.name, v.obj * scale[v.name]) for v in c.variables if v.obj),
        objective_constant=Fraction(0),
        rows=tuple(
            Row(None, tuple((n, a * scale[n]) for n, a in r.coeffs), r.sense, r.rhs) for r in c.rows
        ),
        bounds=tuple(
            (v.name, Bound(div(v.lower, scale[v.name]), div(v.upper, scale[v.name])))
            for v in c.variables
        ),
        integers=frozenset(v.name for v in c.variables if v.kind != "C"),
        binaries=frozenset(),
        variables=tuple(v.name for v in c.variables),
    )
    return canonicalize(model)
