"""Exact isomorphism of labelled digraphs, with a verified witness mapping.

The method is individualization-refinement (McKay, "Practical graph
isomorphism", 1981; McKay & Piperno, "Practical graph isomorphism, II",
J. Symb. Comput. 60, 2014; Darga et al., saucy, 2004), run on the disjoint
union of the two graphs so that colours stay comparable:

1. Refine both graphs jointly (:mod:`equivsolve.graph.refine`). Unequal colour
   histograms prove that no isomorphism exists.
2. If every colour class holds exactly one vertex of each graph, the colour
   bijection is the isomorphism: ORGEval's "symmetric decomposable" condition
   (Wang et al., "ORGEval: graph-theoretic evaluation of LLMs in optimization
   modeling", 2025), see :func:`sd_condition`.
3. Otherwise search (:mod:`equivsolve.graph.search`): take the smallest
   non-trivial cell, pair its first vertex ``v`` of ``g1`` with each vertex
   ``w`` of ``g2`` in it, individualize the pair, refine again (incrementally,
   :mod:`equivsolve.graph.partition`) and recurse; a cell with unequal
   numbers of vertices of the two graphs cuts the branch. Every isomorphism
   maps ``v`` to some ``w`` of its cell and keeps the refined colours, so an
   exhausted search proves non-isomorphism.

Departures from nauty/Traces: no canonical labelling; the pair is tested
directly, depth first. Positive cases are fast because after one
individualization refinement usually splits what is left (grids, cycles,
K_{n,n}, twins, disjoint copies), so the first branch succeeds. Automorphisms
of ``g2`` are looked for only after expensive failures, to prune candidates in
the orbit of a failed one; with them, many identical components plus one odd
part take polynomial (about quadratic in the number of components) rather
than exponential time. Non-isomorphic graphs that 1-WL cannot split and that
have few automorphisms (CFI-like constructions) can still make the search
exponential; the budget bounds it and the answer is then ``unknown``.

Every mapping returned has passed :func:`verify_mapping`, which checks the
colours and the edge multiset directly, independent of the refinement.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..budget import Budget
from ..errors import BudgetExceeded
from .core import Graph, Interned
from .partition import Partition
from .refine import Joint, joint, stable_colouring
from .search import Search

_NO_BUDGET = Budget()


class IsoStatus(str, enum.Enum):
    """``unknown`` means undecided within the budget, never "probably not"."""

    ISOMORPHIC = "isomorphic"
    NOT_ISOMORPHIC = "not_isomorphic"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class IsoResult:
    """The answer of :func:`find_isomorphism`.

    ``mapping[v]`` is the ``g2`` vertex of ``g1`` vertex ``v`` (isomorphic only).
    ``method``: ``"invariants"`` (sizes, colour or label multisets differ),
    ``"refinement"`` (1-WL histograms differ), ``"sd"`` (discrete joint
    refinement) or ``"search"``. ``nodes`` counts search nodes.
    """

    status: IsoStatus
    mapping: tuple[int, ...] | None = None
    reason: str = ""
    method: str = ""
    nodes: int = 0

    def __bool__(self) -> bool:
        raise TypeError("IsoResult has no truth value; compare r.status with an IsoStatus")


#: the name used in the design notes
Result = IsoResult


def _translate(a: Interned, b: Interned) -> np.ndarray | None:
    """Ids of ``a``'s values in ``b`` (``None`` if one is missing)."""
    index = {v: i for i, v in enumerate(b.values)}
    ids = [index.get(v, -1) for v in a.values]
    if -1 in ids:
        return None
    return np.array(ids, dtype=np.int64)


def verify_mapping(g1: Graph, g2: Graph, mapping: Sequence[int]) -> bool:
    """Whether ``v -> mapping[v]`` is an isomorphism from ``g1`` onto ``g2``.

    Checks that it is a bijection, that every vertex keeps its colour, and that
    it maps the edge multiset of ``g1`` (labels and direction included) onto
    exactly that of ``g2``.

    Examples
    --------
    >>> g = Graph(["a", "b"], [(0, 1, "x")])
    >>> h = Graph(["b", "a"], [(1, 0, "x")])
    >>> verify_mapping(g, h, [1, 0]), verify_mapping(g, h, [0, 1])
    (True, False)
    """
    n = g1.n
    if g2.n != n or g1.m != g2.m or len(mapping) != n:
        return False
    if not all(isinstance(x, (int, np.integer)) for x in mapping):
        return False
    m = np.asarray(mapping, dtype=np.int64).reshape(n)
    if n == 0:
        return True
    if m.min() < 0 or m.max() >= n or not np.all(np.bincount(m, minlength=n) == 1):
        return False
    c1, c2 = g1.interned_colours(), g2.interned_colours()
    colours = _translate(c1, c2)
    if colours is None or not np.array_equal(colours[c1.ids], c2.ids[m]):
        return False
    if g1.m == 0:
        return True
    l1, l2 = g1.interned_labels(), g2.interned_labels()
    labels = _translate(l1, l2)
    if labels is None:
        return False
    (s1, d1), (s2, d2) = g1.endpoints(), g2.endpoints()
    mapped = np.stack([m[s1], m[d1], labels[l1.ids]])
    target = np.stack([s2, d2, l2.ids])
    mapped = mapped[:, np.lexsort(mapped[::-1])]
    target = target[:, np.lexsort(target[::-1])]
    return bool(np.array_equal(mapped, target))


def _not_iso(reason: str, method: str) -> IsoResult:
    return IsoResult(IsoStatus.NOT_ISOMORPHIC, reason=reason, method=method)


def _invariant_gap(g1: Graph, g2: Graph, j: Joint | None) -> str | None:
    """A reason why the graphs differ in size or colour/label multisets, if any."""
    if g1.n != g2.n:
        return f"vertex counts differ ({g1.n} vs {g2.n})"
    if g1.m != g2.m:
        return f"edge counts differ ({g1.m} vs {g2.m})"
    assert j is not None
    n, m = g1.n, g1.m
    ncol = len(j.colour_values)
    if not np.array_equal(
        np.bincount(j.colours[:n], minlength=ncol), np.bincount(j.colours[n:], minlength=ncol)
    ):
        return "vertex colour multisets differ"
    labels = j.kind[: 2 * m] // 2  # the first copy of every edge, g1's then g2's
    nlab = len(j.label_values)
    if not np.array_equal(
        np.bincount(labels[:m], minlength=nlab), np.bincount(labels[m:], minlength=nlab)
    ):
        return "edge label multisets differ"
    return None


def sd_condition(g1: Graph, g2: Graph, *, budget: Budget | None = None) -> bool:
    """ORGEval's symmetric-decomposable test: is the joint refinement discrete?

    True when every stable colour class holds exactly one vertex of each graph;
    then the colour bijection is an isomorphism (:func:`find_isomorphism`
    returns it, verified). False says nothing either way.

    Examples
    --------
    >>> path = Graph(["a", "b", "c"], [(0, 1, 1), (1, 2, 1)])
    >>> sd_condition(path, path.relabel([2, 0, 1]))
    True
    >>> cycle = Graph.undirected("aaaa", [(i, (i + 1) % 4, 1) for i in range(4)])
    >>> sd_condition(cycle, cycle)
    False
    """
    if g1.n != g2.n:
        return False
    j = joint([g1, g2])
    colours, _, ok = stable_colouring(j, n1=g1.n, budget=budget)
    return ok and 2 * (int(colours.max(initial=-1)) + 1) == j.n


def find_isomorphism(g1: Graph, g2: Graph, *, budget: Budget | None = None) -> IsoResult:
    """Decide whether ``g1`` and ``g2`` are isomorphic, with a verified witness.

    Vertex colours, edge labels and edge directions must all be preserved;
    parallel edges count. Running out of ``budget`` (``budget.check()`` raising
    :class:`~equivsolve.errors.BudgetExceeded`, or the watchdog of
    :func:`equivsolve.budget.deadline` firing) is caught and answered with
    status ``unknown`` and reason ``"timeout"``.

    Examples
    --------
    >>> hexagon = Graph.undirected("a" * 6, [(i, (i + 1) % 6, 1) for i in range(6)])
    >>> find_isomorphism(hexagon, hexagon.relabel([3, 1, 4, 0, 5, 2])).status.value
    'isomorphic'
    >>> triangles = Graph.undirected("a" * 6, [(0, 1, 1), (1, 2, 1), (2, 0, 1),
    ...                                        (3, 4, 1), (4, 5, 1), (5, 3, 1)])
    >>> r = find_isomorphism(hexagon, triangles)
    >>> r.status.value, r.method
    ('not_isomorphic', 'search')
    """
    budget = budget or _NO_BUDGET
    searches: list[Search] = []
    try:
        return _decide(g1, g2, budget, searches)
    except BudgetExceeded:
        nodes = searches[0].nodes if searches else 0
        return IsoResult(IsoStatus.UNKNOWN, reason="timeout", method="search", nodes=nodes)


def _decide(g1: Graph, g2: Graph, budget: Budget, searches: list[Search]) -> IsoResult:
    if g1.n != g2.n or g1.m != g2.m:
        return _not_iso(_invariant_gap(g1, g2, None) or "", "invariants")
    j = joint([g1, g2])
    gap = _invariant_gap(g1, g2, j)
    if gap:
        return _not_iso(gap, "invariants")
    n = g1.n
    colours, engine, ok = stable_colouring(j, n1=n, budget=budget)
    if not ok:
        return _not_iso("colour histograms differ after refinement (1-WL)", "refinement")
    if engine is None:
        engine = Partition(j.owner, j.other, j.kind, colours, n1=n, budget=budget)

    def auxiliary() -> Partition:  # g2 against itself, for orbit pruning
        jj = joint([g2, g2])
        c2 = np.unique(colours[n:], return_inverse=True)[1].reshape(-1)
        return Partition(jj.owner, jj.other, jj.kind, np.concatenate([c2, c2]), n1=n, budget=budget)

    discrete = engine.is_discrete()
    search = Search(engine, g1, g2, verify_mapping, budget, auxiliary=auxiliary)
    searches.append(search)
    mapping = search.run()
    method = "sd" if discrete else "search"
    if mapping is None:
        reason = (
            f"no isomorphism: exhaustive individualization-refinement ({search.nodes} nodes,"
            f" {search.pruned} branches pruned by {len(search.automorphisms)} automorphisms)"
        )
        return IsoResult(IsoStatus.NOT_ISOMORPHIC, reason=reason, method=method, nodes=search.nodes)
    return IsoResult(IsoStatus.ISOMORPHIC, mapping=mapping, method=method, nodes=search.nodes)
