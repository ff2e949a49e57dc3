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

from fractions import Fraction
from typing import Any

from ...budget import Budget
from ...graph import Graph, find_isomorphism, refine
from .canon import Canonical, CRow


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
    if len(a.variables) != len(b.variables) or len(a.rows) != len(b.rows):
        return None
    if a.infeasible != b.infeasible:
        return None  # a contradictory constant row is not in the graph
    found = find_isomorphism(to_graph(a, pinned), to_graph(b, pinned), budget=budget)
    mapping = getattr(found, "mapping", None)
    if mapping is None:
        return None
    n = len(a.variables)
    names = {a.variables[i].name: b.variables[mapping[i]].name for i in range(n)}
    if any(names.get(p, p) != p for p in pinned):
        return None
    if _renamed(a, names) != _renamed(b, {v.name: v.name for v in b.variables}):
        return None  # never report a mapping that does not check
    return {"variables": names}


def _sign(x: Fraction | None) -> int:
    return 0 if x is None or x == 0 else (1 if x > 0 else -1)


def _relaxed(c: Canonical, level: int, pinned: frozenset[str]) -> Graph:
    """The model with details forgotten, so that near misses still line up.

    Level 0 forgets right-hand sides and bound values; level 1 also coefficient
    and objective values (keeping their signs): only the shape remains.
    """
    index = {v.name: i for i, v in enumerate(c.variables)}
    colours: list[Any] = []
    for v in c.variables:
        obj = v.obj if level == 0 else _sign(v.obj)
        name = v.name if v.name in pinned else None
        colours.append(("var", v.kind, v.lower is None, v.upper is None, obj, name))
    edges: list[tuple[int, int, Any]] = []
    for k, row in enumerate(c.rows):
        colours.append(("row", row.sense))
        r = len(c.variables) + k
        edges.extend((r, index[n], a if level == 0 else _sign(a)) for n, a in row.coeffs)
    return Graph(colours, edges)


def correspondence(
    a: Canonical, b: Canonical, budget: Budget, pinned: frozenset[str] = frozenset()
) -> dict[str, str] | None:
    """The variable correspondence a -> b that the models force, when colour
    refinement of a relaxed view (right-hand sides forgotten; failing that,
    every value) singles out every variable; else None."""
    n = len(a.variables)
    if n != len(b.variables) or n == 0:
        return None
    for level in (0, 1):
        mapping = _forced(a, b, level, budget, pinned)
        if mapping is not None:
            return mapping
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
