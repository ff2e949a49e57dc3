"""Isomorphism with a witness: case table, properties, NetworkX as the oracle, scale."""

from __future__ import annotations

import random
import time
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equivsolve.budget import Budget, deadline
from equivsolve.graph import (
    Graph,
    IsoStatus,
    find_isomorphism,
    refine,
    sd_condition,
    verify_mapping,
)

from .cases import (
    CASES,
    copies,
    cycle,
    networkx_isomorphic,
    permuted,
    petersen,
    prism5,
    random_bipartite,
    random_digraph,
    union,
)
from .test_refine import digraphs, graph_and_perm

try:
    import networkx as nx
except ImportError:  # pragma: no cover - optional peer
    nx = None

needs_networkx = pytest.mark.skipif(nx is None, reason="networkx not installed")


def slow_verify(g1: Graph, g2: Graph, mapping) -> bool:
    """The definition, with Python counters: an independent check of verify_mapping."""
    if (g1.n, g1.m) != (g2.n, g2.m) or sorted(mapping) != list(range(g1.n)):
        return False
    if any(g1.colours[v] != g2.colours[mapping[v]] for v in range(g1.n)):
        return False
    return Counter((mapping[u], mapping[v], lab) for u, v, lab in g1.edges) == Counter(g2.edges)


def check_result(g1: Graph, g2: Graph, r) -> None:
    if r.status is IsoStatus.ISOMORPHIC:
        assert len(r.mapping) == g1.n and sorted(r.mapping) == list(range(g1.n))
        assert verify_mapping(g1, g2, r.mapping) and slow_verify(g1, g2, r.mapping)
    else:
        assert r.mapping is None and r.reason


# -- the case table ------------------------------------------------------------


@pytest.mark.parametrize("cid,g1,g2,expected,tags", CASES, ids=[c[0] for c in CASES])
def test_cases(cid, g1, g2, expected, tags):
    r = find_isomorphism(g1, g2, budget=Budget.of(20))
    assert r.status.value == expected
    check_result(g1, g2, r)
    assert find_isomorphism(g2, g1).status.value == expected
    if "1wl-blind" in tags:
        ref = refine([g1, g2])
        assert ref.histogram(0) == ref.histogram(1)  # only the search can tell
        assert r.method == "search"


@needs_networkx
@pytest.mark.parametrize("cid,g1,g2,expected,tags", CASES, ids=[c[0] for c in CASES])
def test_cases_agree_with_networkx(cid, g1, g2, expected, tags):
    if "vf2-slow" in tags:
        pytest.skip("VF2 needs seconds here")
    assert networkx_isomorphic(g1, g2) is (expected == "isomorphic")


def test_symmetric_graphs_take_few_nodes():
    for g in [complete_bipartite_10(), cycle(64), copies(cycle(5), 12)]:
        r = find_isomorphism(g, permuted(g, 9))
        assert r.status is IsoStatus.ISOMORPHIC
        assert r.nodes <= g.n + 1  # first branch all the way down, no backtracking


def complete_bipartite_10() -> Graph:
    return Graph.undirected(["v"] * 20, [(i, 10 + j, 1) for i in range(10) for j in range(10)])


def test_many_identical_components_with_one_odd_part_is_polynomial():
    """Without orbit pruning this takes millions of nodes (exponential in the copies)."""
    g1 = union(copies(cycle(6), 15), copies(cycle(3), 2))
    g2 = permuted(copies(cycle(6), 16), 3)
    r = find_isomorphism(g1, g2, budget=Budget.of(20))
    assert r.status is IsoStatus.NOT_ISOMORPHIC
    assert r.nodes < 5000


@pytest.mark.parametrize("seed", range(3))
def test_identical_components_with_one_1wl_twin_swapped(seed):
    """Six Petersen graphs against five and the pentagonal prism (1-WL cannot tell)."""
    g1 = permuted(copies(petersen(), 6), seed)
    g2 = permuted(union(copies(petersen(), 5), prism5()), seed + 100)
    r = find_isomorphism(g1, g2, budget=Budget.of(20))
    assert r.status is IsoStatus.NOT_ISOMORPHIC
    assert r.nodes < 3000


@needs_networkx
def test_orbit_pruning_agrees_with_networkx_on_unions():
    """Copies of a random regular graph plus one more: pruning must not lose answers."""
    rng = random.Random(7)

    def regular(d: int, n: int, directed: bool) -> Graph:
        edges = [
            (u, v, 1) for u, v in nx.random_regular_graph(d, n, seed=rng.randrange(10**6)).edges()
        ]
        return Graph(["v"] * n, edges) if directed else Graph.undirected(["v"] * n, edges)

    for _ in range(40):
        d, n = rng.choice([(2, 6), (3, 8), (3, 10)])
        directed = rng.random() < 0.3
        a, b, c = (regular(d, n, directed) for _ in range(3))
        k = rng.randrange(2, 6)
        g1 = permuted(union(copies(a, k), b), rng.randrange(10**6))
        g2 = permuted(union(copies(a, k), c), rng.randrange(10**6))
        # unions of the same components iff b and c match (possibly through a copy of a)
        expected = networkx_isomorphic(b, c) or (
            networkx_isomorphic(a, b) and networkx_isomorphic(a, c)
        )
        r = find_isomorphism(g1, g2, budget=Budget.of(20))
        assert (r.status is IsoStatus.ISOMORPHIC) is expected
        check_result(g1, g2, r)


# -- verify_mapping and sd_condition -------------------------------------------


def test_verify_mapping_rejects_every_kind_of_defect():
    g = Graph(["a", "b", "b"], [(0, 1, Fraction(1, 2)), (1, 2, "x")])
    assert verify_mapping(g, g, [0, 1, 2])
    assert not verify_mapping(g, g, [0, 1])  # wrong length
    assert not verify_mapping(g, g, [0, 1, 1])  # not a bijection
    assert not verify_mapping(g, g, [0, 1, 3])  # out of range
    assert not verify_mapping(g, g, [0, 1.0, 2])  # not integers
    assert not verify_mapping(g, g, [1, 0, 2])  # colours
    assert not verify_mapping(g, g, [0, 2, 1])  # edges
    flipped = Graph(["a", "b", "b"], [(0, 1, Fraction(1, 2)), (2, 1, "x")])
    assert not verify_mapping(g, flipped, [0, 1, 2]) and not verify_mapping(g, flipped, [0, 2, 1])
    reversed_ = Graph(["a", "b", "b"], [(0, 2, Fraction(1, 2)), (2, 1, "x")])
    assert verify_mapping(g, reversed_, [0, 2, 1])
    relabelled = Graph(["a", "b", "b"], [(0, 1, Fraction(1, 3)), (1, 2, "x")])
    assert not verify_mapping(g, relabelled, [0, 1, 2])
    assert verify_mapping(Graph([], []), Graph([], []), [])


def test_sd_condition_and_the_sd_method():
    g = Graph(["s", "t", "u"], [(0, 1, 2), (1, 2, 3), (0, 2, 4)])
    h = permuted(g, 4)
    assert sd_condition(g, h)
    r = find_isomorphism(g, h)
    assert r.method == "sd" and r.nodes == 1 and verify_mapping(g, h, r.mapping)
    assert not sd_condition(cycle(5), cycle(5))  # vertex-transitive: nothing is discrete
    assert not sd_condition(g, Graph(["s", "t", "u"], [(0, 1, 2), (1, 2, 3), (0, 2, 5)]))
    assert not sd_condition(g, Graph(["s", "t"], []))


# -- budgets -------------------------------------------------------------------


def test_expired_budget_gives_unknown_timeout():
    g1 = union(copies(cycle(6), 30), copies(cycle(3), 2))
    g2 = copies(cycle(6), 31)
    r = find_isomorphism(g1, g2, budget=Budget(deadline=time.monotonic() - 1))
    assert r.status is IsoStatus.UNKNOWN and r.reason == "timeout" and r.mapping is None


def test_watchdog_deadline_gives_unknown_not_a_crash():
    g1 = union(copies(cycle(6), 400), copies(cycle(3), 2))
    g2 = copies(cycle(6), 401)
    start = time.monotonic()
    with deadline(0.3):
        r = find_isomorphism(g1, g2)  # no budget passed: only the watchdog can stop it
    assert r.status in (IsoStatus.UNKNOWN, IsoStatus.NOT_ISOMORPHIC)
    assert time.monotonic() - start < 5


# -- properties ----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(graph_and_perm())
def test_permuted_copy_is_isomorphic_with_a_verified_bijection(gp):
    g, perm = gp
    h = g.relabel(perm)
    r = find_isomorphism(g, h)
    assert r.status is IsoStatus.ISOMORPHIC
    check_result(g, h, r)


@settings(max_examples=200, deadline=None)
@given(graph_and_perm(), st.data())
def test_single_edge_mutation(gp, data):
    g, perm = gp
    if g.m == 0:
        return
    h = g.relabel(perm)
    edges = list(h.edges)
    i = data.draw(st.integers(0, len(edges) - 1))
    u, v, lab = edges[i]
    edges[i] = data.draw(
        st.sampled_from([(v, u, lab), (u, v, "other"), (u, (v + 1) % h.n, lab), (u, v, lab)])
    )
    mutated = Graph(h.colours, edges)
    r = find_isomorphism(g, mutated)
    check_result(g, mutated, r)
    ref = refine([g, mutated])
    if ref.histogram(0) != ref.histogram(1):
        assert r.status is IsoStatus.NOT_ISOMORPHIC
    if nx is not None:
        assert (r.status is IsoStatus.ISOMORPHIC) is networkx_isomorphic(g, mutated)


@settings(max_examples=150, deadline=None)
@given(digraphs(max_n=7), digraphs(max_n=7))
def test_symmetric_and_inverse(g1, g2):
    a, b = find_isomorphism(g1, g2), find_isomorphism(g2, g1)
    assert a.status is b.status
    check_result(g1, g2, a)
    if a.status is IsoStatus.ISOMORPHIC:
        inverse = [0] * g1.n
        for v, w in enumerate(a.mapping):
            inverse[w] = v
        assert verify_mapping(g2, g1, inverse)


# -- differential test against NetworkX (VF2) ----------------------------------


def _pairs(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        n = rng.randrange(1, 10)
        kind = rng.randrange(3)
        if kind == 0:  # labelled, coloured multigraphs with loops
            g1 = random_digraph(rng, n, rng.randrange(0, 16), [0, 1], [1, Fraction(1, 2)])
            g2 = (
                permuted(g1, rng.randrange(10**6))
                if rng.random() < 0.5
                else random_digraph(rng, n, g1.m, [0, 1], [1, Fraction(1, 2)])
            )
        else:  # uncoloured regular graphs: 1-WL is blind, the search must decide
            d, n = rng.choice([(2, 8), (3, 10), (3, 12), (4, 10)])
            a = nx.random_regular_graph(d, n, seed=rng.randrange(10**6))
            b = nx.random_regular_graph(d, n, seed=rng.randrange(10**6))
            if rng.random() < 0.4:
                b = nx.relabel_nodes(a, dict(zip(range(n), rng.sample(range(n), n))))
            build = Graph if kind == 1 else Graph.undirected
            g1 = build(["v"] * n, [(u, v, 1) for u, v in a.edges()])
            g2 = build(["v"] * n, [(u, v, 1) for u, v in b.edges()])
        yield g1, g2


@needs_networkx
@pytest.mark.parametrize("seed", range(4))
def test_agrees_with_networkx_vf2(seed):
    statuses = Counter()
    for g1, g2 in _pairs(seed, 150):
        r = find_isomorphism(g1, g2)
        statuses[r.status, r.method] += 1
        assert (r.status is IsoStatus.ISOMORPHIC) is networkx_isomorphic(g1, g2), (g1, g2)
        check_result(g1, g2, r)
    assert statuses[IsoStatus.NOT_ISOMORPHIC, "search"] > 0  # the 1-WL-blind pairs were hit


# -- scale ---------------------------------------------------------------------


def test_scale_bipartite_1e5_edges_against_a_permuted_copy():
    """Scale check, not a benchmark: an LP-like graph with 10^5 rational-labelled
    edges and a shuffled copy (benchmarks/graph_scale.py prints the timings)."""
    rng = random.Random(2024)
    g = random_bipartite(rng, 100_000)
    edges = list(g.edges)
    rng.shuffle(edges)
    h = permuted(Graph(g.colours, edges), 11)
    start = time.perf_counter()
    r = find_isomorphism(g, h, budget=Budget.of(60))
    elapsed = time.perf_counter() - start
    assert r.status is IsoStatus.ISOMORPHIC and verify_mapping(g, h, r.mapping)
    assert elapsed < 30
    mutated = Graph(h.colours, [(u, v, lab + (i == 0)) for i, (u, v, lab) in enumerate(h.edges)])
    assert find_isomorphism(g, mutated).status is IsoStatus.NOT_ISOMORPHIC
