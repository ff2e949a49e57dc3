"""Graph builders, the labelled case table, and the NetworkX oracle for the graph tests."""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

from equivsolve.graph import Graph


def permuted(g: Graph, seed: int = 0) -> Graph:
    perm = list(range(g.n))
    random.Random(seed).shuffle(perm)
    return g.relabel(perm)


def cycle(n: int, colour: object = "v", label: object = 1) -> Graph:
    return Graph.undirected([colour] * n, [(i, (i + 1) % n, label) for i in range(n)])


def directed_cycle(labels: list) -> Graph:
    n = len(labels)
    return Graph(["v"] * n, [(i, (i + 1) % n, lab) for i, lab in enumerate(labels)])


def path(n: int) -> Graph:
    return Graph.undirected(["v"] * n, [(i, i + 1, 1) for i in range(n - 1)])


def grid(rows: int, cols: int) -> Graph:
    def at(r: int, c: int) -> int:
        return r * cols + c

    edges = [(at(r, c), at(r, c + 1), 1) for r in range(rows) for c in range(cols - 1)]
    edges += [(at(r, c), at(r + 1, c), 1) for r in range(rows - 1) for c in range(cols)]
    return Graph.undirected(["v"] * (rows * cols), edges)


def complete_bipartite(a: int, b: int) -> Graph:
    return Graph.undirected(["v"] * (a + b), [(i, a + j, 1) for i in range(a) for j in range(b)])


def copies(g: Graph, k: int) -> Graph:
    """The disjoint union of ``k`` copies of ``g``."""
    edges = [(u + i * g.n, v + i * g.n, lab) for i in range(k) for u, v, lab in g.edges]
    return Graph(list(g.colours) * k, edges)


def union(*gs: Graph) -> Graph:
    colours: list = []
    edges: list = []
    for g in gs:
        edges += [(u + len(colours), v + len(colours), lab) for u, v, lab in g.edges]
        colours += list(g.colours)
    return Graph(colours, edges)


def petersen() -> Graph:
    outer = [(i, (i + 1) % 5, 1) for i in range(5)]
    spokes = [(i, i + 5, 1) for i in range(5)]
    inner = [(5 + i, 5 + (i + 2) % 5, 1) for i in range(5)]
    return Graph.undirected(["v"] * 10, outer + spokes + inner)


def prism5() -> Graph:
    """C5 x K2: 3-regular on 10 vertices like Petersen, so 1-WL cannot tell them apart."""
    outer = [(i, (i + 1) % 5, 1) for i in range(5)]
    spokes = [(i, i + 5, 1) for i in range(5)]
    inner = [(5 + i, 5 + (i + 1) % 5, 1) for i in range(5)]
    return Graph.undirected(["v"] * 10, outer + spokes + inner)


def cfi(base: list[tuple[int, int]], twisted: bool) -> Graph:
    """The Cai-Furer-Immerman graph over a base graph (one edge twisted or not).

    Each base vertex ``v`` becomes a gadget: a middle vertex per even subset of
    its edges and two ends ``a[v, e, 0/1]`` per edge ``e``; middle vertex ``S``
    meets ``a[v, e, 1]`` for ``e`` in ``S`` and ``a[v, e, 0]`` otherwise. Ends of
    the same base edge are joined 0-0 and 1-1, or crosswise on the twisted edge.
    Coloured by gadget, so 1-WL sees the same thing in both; they are not
    isomorphic (Cai, Furer & Immerman 1992).
    """
    from itertools import combinations

    incident: dict[int, list[int]] = {}
    for e, (u, v) in enumerate(base):
        incident.setdefault(u, []).append(e)
        incident.setdefault(v, []).append(e)
    colours: list = []
    ends: dict[tuple[int, int, int], int] = {}
    edges: list[tuple[int, int, int]] = []
    for v, es in sorted(incident.items()):
        for e in es:
            for bit in (0, 1):
                ends[v, e, bit] = len(colours)
                colours.append(("end", v, e))
        for size in range(0, len(es) + 1, 2):
            for subset in combinations(es, size):
                middle = len(colours)
                colours.append(("middle", v))
                edges += [(middle, ends[v, e, int(e in subset)], 1) for e in es]
    for e, (u, v) in enumerate(base):
        cross = twisted and e == 0
        edges += [(ends[u, e, bit], ends[v, e, bit ^ cross], 1) for bit in (0, 1)]
    return Graph.undirected(colours, edges)


K4 = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]


def random_digraph(rng: random.Random, n: int, m: int, colours: list, labels: list) -> Graph:
    cols = [rng.choice(colours) for _ in range(n)]
    edges = (
        [(rng.randrange(n), rng.randrange(n), rng.choice(labels)) for _ in range(m)] if n else []
    )
    return Graph(cols, edges)


def random_bipartite(rng: random.Random, m: int) -> Graph:
    """An LP-like graph: variables and rows, ``m`` distinct edges with rational coefficients."""
    nv, nc = max(1, m // 4), max(1, m // 8)
    ends: set = set()
    while len(ends) < min(m, nv * nc):
        ends.add((rng.randrange(nv), nv + rng.randrange(nc)))
    edges = [(u, v, Fraction(rng.randint(1, 20), rng.randint(1, 20))) for u, v in sorted(ends)]
    return Graph([("var", "continuous")] * nv + [("row", "<=")] * nc, edges)


def _reversed(g: Graph) -> Graph:
    return Graph(g.colours, [(v, u, lab) for u, v, lab in g.edges])


def _edit(g: Graph, i: int, edge: tuple) -> Graph:
    edges = list(g.edges)
    edges[i] = edge
    return Graph(g.colours, edges)


_LABELLED = Graph(
    ["s", "t", "t", "u", "u"],
    [(0, 1, Fraction(1, 2)), (0, 2, Fraction(1, 2)), (1, 3, 2), (2, 4, 2), (3, 4, "x")],
)
_DPATH = Graph(["v"] * 4, [(0, 1, 1), (1, 2, 1), (2, 3, 1)])
_TRIANGLES = copies(cycle(3), 2)

#: (id, g1, g2, expected status, tags)
# fmt: off
CASES: list[tuple[str, Graph, Graph, str, set]] = [
    ("empty", Graph([], []), Graph([], []), "isomorphic", {"edge"}),
    ("single-vertex-colour", Graph(["a"], []), Graph(["b"], []), "not_isomorphic", {"edge"}),
    ("sizes-differ", path(3), path(4), "not_isomorphic", {"edge"}),
    ("labelled-permuted", _LABELLED, permuted(_LABELLED, 3), "isomorphic", {"sd"}),
    ("labelled-one-label", _LABELLED, _edit(_LABELLED, 2, (1, 3, 3)), "not_isomorphic", {"near"}),
    ("labelled-one-colour", _LABELLED, Graph(["s", "t", "t", "u", "t"], _LABELLED.edges),
     "not_isomorphic", {"near"}),
    ("labelled-one-flip", _LABELLED, _edit(_LABELLED, 4, (4, 3, "x")), "isomorphic", {"near"}),
    ("dpath-one-flip", _DPATH, _edit(_DPATH, 1, (2, 1, 1)), "not_isomorphic", {"near", "direction"}),
    ("dpath-reversed", _DPATH, _reversed(_DPATH), "isomorphic", {"direction"}),
    ("dcycle-reversed", directed_cycle([1, 1, 1]), _reversed(directed_cycle([1, 1, 1])),
     "isomorphic", {"direction"}),
    ("labelled-dcycle-reversed", directed_cycle([1, 2, 3, 4]),
     _reversed(directed_cycle([1, 2, 3, 4])), "not_isomorphic", {"direction"}),
    ("parallel-vs-spread", Graph("aaa", [(0, 1, 1), (0, 1, 1)]), Graph("aaa", [(0, 1, 1), (0, 2, 1)]),
     "not_isomorphic", {"multigraph"}),
    ("loop-vs-edge", Graph("aa", [(0, 0, 1)]), Graph("aa", [(0, 1, 1)]), "not_isomorphic",
     {"multigraph"}),
    ("two-triangles-vs-hexagon", _TRIANGLES, cycle(6), "not_isomorphic", {"1wl-blind"}),
    ("petersen-vs-prism", petersen(), permuted(prism5(), 1), "not_isomorphic", {"1wl-blind"}),
    ("hexagon-permuted", cycle(6), permuted(cycle(6), 2), "isomorphic", {"symmetric"}),
    ("cycle-50-permuted", cycle(50), permuted(cycle(50), 4), "isomorphic", {"symmetric"}),
    ("K55-permuted", complete_bipartite(5, 5), permuted(complete_bipartite(5, 5), 5), "isomorphic",
     {"symmetric"}),
    ("grid6x6-permuted", grid(6, 6), permuted(grid(6, 6), 6), "isomorphic", {"symmetric"}),
    ("petersen-permuted", petersen(), permuted(petersen(), 7), "isomorphic", {"symmetric"}),
    ("copies-K4-permuted", copies(complete_bipartite(2, 2), 8),
     permuted(copies(complete_bipartite(2, 2), 8), 8), "isomorphic", {"symmetric"}),
    ("copies-triangles-vs-hexagons", copies(cycle(3), 20), copies(cycle(6), 10), "not_isomorphic",
     {"1wl-blind"}),
    ("cfi-k4-vs-twisted", cfi(K4, False), permuted(cfi(K4, True), 12), "not_isomorphic", {"1wl-blind"}),
    ("cfi-k4-permuted", cfi(K4, True), permuted(cfi(K4, True), 13), "isomorphic", {"symmetric"}),
    ("hexagons-plus-two-triangles", union(copies(cycle(6), 3), _TRIANGLES), copies(cycle(6), 4),
     "not_isomorphic", {"1wl-blind", "vf2-slow"}),
]
# fmt: on


def to_networkx(g: Graph):
    """A ``DiGraph`` whose edge attribute is the multiset of labels (parallel edges)."""
    import networkx as nx

    out = nx.DiGraph()
    for v, c in enumerate(g.colours):
        out.add_node(v, colour=c)
    for u, v, lab in g.edges:
        if not out.has_edge(u, v):
            out.add_edge(u, v, labels=Counter())
        out[u][v]["labels"][lab] += 1
    return out


def networkx_isomorphic(g1: Graph, g2: Graph) -> bool:
    import networkx as nx

    if (g1.n, g1.m) != (g2.n, g2.m):
        return False
    return nx.is_isomorphic(
        to_networkx(g1),
        to_networkx(g2),
        node_match=lambda a, b: a["colour"] == b["colour"],
        edge_match=lambda a, b: a["labels"] == b["labels"],
    )
