"""The Graph type, joint colour refinement (against a naive 1-WL), and certificates."""

from __future__ import annotations

import importlib
import pickle
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equivsolve.budget import Budget
from equivsolve.errors import BudgetExceeded
from equivsolve.graph import Graph, certificate, refine, stable_key

from .cases import copies, cycle, path, permuted, petersen, prism5, random_bipartite

# the package exports the function ``refine``, which hides the module of that name
refine_module = importlib.import_module("equivsolve.graph.refine")

COLOURS = ["v", ("var", "integer", Fraction(3)), ("var", "integer", Fraction(1, 2)), 7, None]
LABELS = [Fraction(1), Fraction(-2, 3), "x", ("coef", 2)]


@st.composite
def digraphs(draw, max_n: int = 9):
    """A labelled directed multigraph with loops, colours and labels of mixed types."""
    n = draw(st.integers(0, max_n))
    colours = draw(st.lists(st.sampled_from(COLOURS), min_size=n, max_size=n))
    if n == 0:
        return Graph([], [])
    edge = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(LABELS))
    return Graph(colours, draw(st.lists(edge, max_size=3 * n)))


@st.composite
def graph_and_perm(draw):
    g = draw(digraphs())
    return g, draw(st.permutations(range(g.n)))


def naive_wl(graphs: list[Graph]) -> list[int]:
    """Textbook 1-WL on the disjoint union: colours as sorted signature tuples."""
    colours, out, inc = [], [], []
    for g in graphs:
        base = len(colours)
        colours += [("c", stable_key(c)) for c in g.colours]
        out += [[] for _ in range(g.n)]
        inc += [[] for _ in range(g.n)]
        for u, v, lab in g.edges:
            out[base + u].append((base + v, stable_key(lab)))
            inc[base + v].append((base + u, stable_key(lab)))
    ids = {c: i for i, c in enumerate(sorted(set(colours)))}
    col = [ids[c] for c in colours]
    while True:
        sig = [
            (
                col[x],
                tuple(
                    sorted(
                        [(0, lab, col[y]) for y, lab in out[x]]
                        + [(1, lab, col[y]) for y, lab in inc[x]]
                    )
                ),
            )
            for x in range(len(col))
        ]
        ids = {s: i for i, s in enumerate(sorted(set(sig)))}
        new = [ids[s] for s in sig]
        if len(ids) == len(set(col)):
            return col
        col = new


def same_partition(a: list[int], b: list[int]) -> bool:
    return len(set(a)) == len(set(b)) == len(set(zip(a, b)))


# -- Graph ---------------------------------------------------------------------


def test_graph_from_lists_is_immutable_tuples():
    g = Graph(["a", "b"], [[0, 1, Fraction(1, 2)]])
    assert g.colours == ("a", "b") and g.edges == ((0, 1, Fraction(1, 2)),)
    assert g.out_adj == (((1, Fraction(1, 2)),), ()) and g.in_adj == ((), ((0, Fraction(1, 2)),))
    with pytest.raises(AttributeError):
        g.colours = ()  # type: ignore[misc]


def test_graph_pickles_and_hashes_structurally():
    g = Graph(["a", ("b", Fraction(1, 3))], [(0, 1, Fraction(1, 2)), (1, 1, "x")])
    h = pickle.loads(pickle.dumps(g))
    assert h == g and hash(h) == hash(g) and h.relabel([1, 0]) != g


def test_numbers_are_labels_by_value():
    a = Graph(["v", "v"], [(0, 1, Fraction(1, 2)), (1, 0, 2)])
    b = Graph(["v", "v"], [(0, 1, 0.5), (1, 0, Fraction(4, 2))])
    assert certificate(a) == certificate(b)
    assert refine([a, b]).histogram(0) == refine([a, b]).histogram(1)


def test_graph_rejects_bad_edges_and_perms():
    with pytest.raises(ValueError):
        Graph(["a"], [(0, 1, 1)])
    with pytest.raises(ValueError):
        Graph(["a", "b"], []).relabel([0, 0])


def test_undirected_adds_both_directions_and_loops_once():
    g = Graph.undirected("ab", [(0, 1, "e"), (1, 1, "l")])
    assert sorted(g.edges) == [(0, 1, "e"), (1, 0, "e"), (1, 1, "l")]


def test_relabel_moves_colours_and_edges():
    g = Graph(["a", "b", "c"], [(0, 1, 5), (1, 2, 6)])
    h = g.relabel([2, 0, 1])
    assert h.colours == ("b", "c", "a") and h.edges == ((2, 0, 5), (0, 1, 6))


def test_stable_key_orders_mixed_types_without_errors():
    values = [
        ("a", Fraction(1, 3)),
        2,
        "z",
        None,
        Fraction(-1, 2),
        b"x",
        frozenset({1}),
        0.5,
        object,
    ]
    once = sorted(values, key=stable_key)
    assert sorted(reversed(values), key=stable_key) == once
    assert once[:3] == [Fraction(-1, 2), 0.5, 2]


# -- refinement ----------------------------------------------------------------

#: (id, g1, g2, 1-WL tells them apart)
# fmt: off
REFINE_CASES = [
    ("triangle-vs-path", cycle(3), path(3), True),
    ("two-triangles-vs-hexagon", copies(cycle(3), 2), cycle(6), False),
    ("petersen-vs-prism", petersen(), prism5(), False),
    ("direction", Graph("aaa", [(0, 1, 1), (1, 2, 1)]), Graph("aaa", [(0, 1, 1), (2, 1, 1)]), True),
    ("dcycle-vs-transitive", Graph("aaa", [(0, 1, 1), (1, 2, 1), (2, 0, 1)]),
     Graph("aaa", [(0, 1, 1), (1, 2, 1), (0, 2, 1)]), True),
    ("label", Graph("ab", [(0, 1, Fraction(1, 2))]), Graph("ab", [(0, 1, Fraction(1, 3))]), True),
    ("label-equal-values", Graph("ab", [(0, 1, Fraction(1, 2))]), Graph("ab", [(0, 1, 0.5)]), False),
    ("parallel-edges", Graph("aaa", [(0, 1, 1), (0, 1, 1)]), Graph("aaa", [(0, 1, 1), (0, 2, 1)]),
     True),
]
# fmt: on


@pytest.mark.parametrize("cid,g1,g2,apart", REFINE_CASES, ids=[c[0] for c in REFINE_CASES])
def test_refine_cases(cid, g1, g2, apart):
    r = refine([g1, g2])
    assert (r.histogram(0) != r.histogram(1)) is apart
    assert same_partition(list(r.colours[0] + r.colours[1]), naive_wl([g1, g2]))


@pytest.mark.parametrize("handover", [0, 10**9], ids=["engine-early", "numpy-rounds"])
@settings(max_examples=150, deadline=None)
@given(graphs=st.lists(digraphs(), min_size=1, max_size=3))
def test_refine_matches_naive_wl(handover, graphs):
    saved = refine_module._HANDOVER
    refine_module._HANDOVER = handover
    try:
        r = refine(graphs)
    finally:
        refine_module._HANDOVER = saved
    ours = [c for cs in r.colours for c in cs]
    assert same_partition(ours, naive_wl(graphs))
    assert r.classes == len(set(ours))


@settings(max_examples=150, deadline=None)
@given(graph_and_perm())
def test_joint_colours_follow_the_permutation(gp):
    g, perm = gp
    h = g.relabel(perm)
    r = refine([g, h])
    assert all(r.colours[0][v] == r.colours[1][perm[v]] for v in range(g.n))
    alone = refine([h])
    assert refine([g]).histogram(0) == alone.histogram(0)  # canonical without the partner


def test_long_path_needs_the_engine_and_splits_fully():
    n = 3000
    r = refine([Graph(["v"] * n, [(i, i + 1, 1) for i in range(n - 1)])])
    assert r.classes == n


def test_refine_respects_the_budget():
    g = random_bipartite(random.Random(0), 2000)
    with pytest.raises(BudgetExceeded):
        refine([g, permuted(g)], budget=Budget(deadline=0.0))


# -- certificates --------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(graph_and_perm())
def test_certificate_is_invariant_under_renaming(gp):
    g, perm = gp
    assert certificate(g) == certificate(g.relabel(perm))


@settings(max_examples=200, deadline=None)
@given(digraphs(max_n=6), digraphs(max_n=6))
def test_certificates_equal_exactly_when_1wl_cannot_tell_apart(g1, g2):
    r = refine([g1, g2])
    assert (certificate(g1) == certificate(g2)) == (r.histogram(0) == r.histogram(1))


def test_certificate_separates_near_misses_and_keeps_1wl_blind_pairs():
    g = Graph(["x", "y", "y"], [(0, 1, 2), (0, 2, 3)])
    assert certificate(g) != certificate(Graph(["x", "y", "y"], [(0, 1, 2), (2, 0, 3)]))
    assert certificate(g) != certificate(Graph(["x", "y", "y"], [(0, 1, 2), (0, 2, 4)]))
    # 1-WL cannot tell these apart, so neither can the certificate
    assert certificate(copies(cycle(3), 2)) == certificate(cycle(6))


def test_certificate_refuses_ambiguous_labels():
    class Opaque:
        def __repr__(self) -> str:
            return "Opaque()"

    with pytest.raises(ValueError):
        certificate(Graph([Opaque(), Opaque()], []))


def test_certificate_at_scale_matches_permuted_copy():
    g = random_bipartite(random.Random(1), 20000)
    assert certificate(g) == certificate(permuted(g, 2))
