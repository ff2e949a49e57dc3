"""Time vs size of the graph machinery, with NetworkX's VF2 alongside on small sizes.

    python benchmarks/graph_scale.py [--sizes 1000 3000 ...] [--nx-timeout S]
        [--nx-max-edges M] [--budget S] [--seed N] [--no-families]

Table 1, LP-like graphs: a random sparse bipartite graph (``m/4`` variables,
``m/8`` rows, ``m`` distinct edges with random positive rational labels
``p/q``, ``1 <= p, q <= 20``) against a copy with shuffled vertex numbers and
edge order. Every timing starts from fresh ``Graph`` objects (nothing cached),
single thread:

* ``refine``: joint colour refinement of the pair (``equivsolve.graph.refine``),
  interning of colours and labels included.
* ``iso``: ``find_isomorphism`` on the pair, verified mapping included;
  ``nodes`` is the number of search nodes (1 = no search).
* ``swap``: ``find_isomorphism`` against the copy with the labels of two edges
  swapped (same label multiset, usually not isomorphic).
* ``cert``: ``certificate`` of one graph.
* ``vf2``: ``networkx.is_isomorphic`` (VF2) on ``DiGraph``s with node and edge
  match functions, stopped after ``--nx-timeout`` seconds (``timeout``) and
  skipped above ``--nx-max-edges``.

Table 2, structured families (symmetric or 1-WL-blind), against a shuffled copy
unless said otherwise: what the individualization-refinement search costs.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from equivsolve.budget import Budget, deadline  # noqa: E402
from equivsolve.errors import BudgetExceeded  # noqa: E402
from equivsolve.graph import Graph, certificate, find_isomorphism, refine  # noqa: E402


def lp_like(rng: random.Random, m: int) -> Graph:
    nv, nc = max(1, m // 4), max(1, m // 8)
    ends: set[tuple[int, int]] = set()
    while len(ends) < min(m, nv * nc):
        ends.add((rng.randrange(nv), nv + rng.randrange(nc)))
    edges = [(u, v, Fraction(rng.randint(1, 20), rng.randint(1, 20))) for u, v in sorted(ends)]
    return Graph([("var", "continuous")] * nv + [("row", "<=")] * nc, edges)


def shuffled(g: Graph, rng: random.Random) -> Graph:
    perm = list(range(g.n))
    rng.shuffle(perm)
    edges = [(perm[u], perm[v], lab) for u, v, lab in g.edges]
    rng.shuffle(edges)
    colours: list = [None] * g.n
    for v, c in enumerate(g.colours):
        colours[perm[v]] = c
    return Graph(colours, edges)


def fresh(g: Graph) -> Graph:
    return Graph(g.colours, g.edges)


def swap_two_labels(g: Graph, rng: random.Random) -> Graph:
    edges = list(g.edges)
    for _ in range(100):
        i, j = rng.sample(range(len(edges)), 2)
        if edges[i][2] != edges[j][2]:
            break
    (a, b, x), (c, d, y) = edges[i], edges[j]
    edges[i], edges[j] = (a, b, y), (c, d, x)
    return Graph(g.colours, edges)


def timed(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def vf2(g1: Graph, g2: Graph, timeout: float) -> str:
    try:
        import networkx as nx
    except ImportError:
        return "n/a"

    def build(g: Graph):
        out = nx.DiGraph()
        out.add_nodes_from((v, {"c": c}) for v, c in enumerate(g.colours))
        out.add_edges_from((u, v, {"w": lab}) for u, v, lab in g.edges)  # no parallel edges here
        return out

    start = time.perf_counter()
    try:
        with deadline(timeout):
            same = nx.is_isomorphic(
                build(g1),
                build(g2),
                node_match=lambda a, b: a["c"] == b["c"],
                edge_match=lambda a, b: a["w"] == b["w"],
            )
    except BudgetExceeded:
        return f">{timeout:g}s"
    return f"{time.perf_counter() - start:.3f}" + ("" if same else " (no)")


def lp_table(args: argparse.Namespace) -> None:
    head = f"{'edges':>7} {'vertices':>8} {'refine s':>9} {'iso s':>7} {'nodes':>6} {'method':>7}"
    head += f" {'swap s':>7} {'swap':>15} {'cert s':>7} {'vf2 s':>10}"
    print(head)
    print("-" * len(head))
    for m in args.sizes:
        rng = random.Random(args.seed + m)
        g = lp_like(rng, m)
        h = shuffled(g, rng)
        near = swap_two_labels(h, rng)
        # fresh Graph objects each time: no interning or certificate cached
        t_ref, _ = timed(refine, [fresh(g), fresh(h)])
        t_iso, r = timed(find_isomorphism, fresh(g), fresh(h), budget=Budget.of(args.budget))
        t_swap, s = timed(find_isomorphism, fresh(g), fresh(near), budget=Budget.of(args.budget))
        t_cert, _ = timed(certificate, fresh(g))
        peer = vf2(g, h, args.nx_timeout) if m <= args.nx_max_edges else "skipped"
        print(
            f"{m:>7} {g.n:>8} {t_ref:>9.3f} {t_iso:>7.3f} {r.nodes:>6} {r.method:>7}"
            f" {t_swap:>7.3f} {s.status.value:>15} {t_cert:>7.3f} {peer:>10}"
        )


def families(args: argparse.Namespace) -> list[tuple[str, Graph, Graph]]:
    rng = random.Random(args.seed)

    def undirected(n: int, edges: list[tuple[int, int]]) -> Graph:
        return Graph.undirected(["v"] * n, [(u, v, 1) for u, v in edges])

    def rings(k: int, size: int, extra: list[int] = ()) -> Graph:  # type: ignore[assignment]
        sizes = [size] * k + list(extra)
        edges, base = [], 0
        for s in sizes:
            edges += [(base + i, base + (i + 1) % s) for i in range(s)]
            base += s
        return undirected(base, edges)

    n = 100_000
    side = 200
    grid = [(r * side + c, r * side + c + 1) for r in range(side) for c in range(side - 1)]
    grid += [(r * side + c, (r + 1) * side + c) for r in range(side - 1) for c in range(side)]
    out = [
        ("directed path 1e5", Graph(["v"] * n, [(i, i + 1, 1) for i in range(n - 1)])),
        ("cycle 1e5", rings(1, n)),
        ("grid 200x200", undirected(side * side, grid)),
        ("K_300,300", undirected(600, [(i, 300 + j) for i in range(300) for j in range(300)])),
        ("1e4 triangles", rings(10_000, 3)),
        ("1e5 isolated vertices", Graph(["v"] * n, [])),
    ]
    cases = [(name, g, shuffled(g, rng)) for name, g in out]
    cases.append(("1e4 triangles vs 5e3 hexagons", rings(10_000, 3), shuffled(rings(5000, 6), rng)))
    for k in (32, 128):
        cases.append(
            (f"{k - 1} hexagons + 2 triangles vs {k}", rings(k - 1, 6, [3, 3]), rings(k, 6))
        )
    return cases


def family_table(args: argparse.Namespace) -> None:
    head = f"{'family':<34} {'vertices':>8} {'edges':>7} {'iso s':>7} {'status':>15} {'nodes':>7}"
    print(head)
    print("-" * len(head))
    for name, g, h in families(args):
        t, r = timed(find_isomorphism, g, h, budget=Budget.of(args.budget))
        print(f"{name:<34} {g.n:>8} {g.m:>7} {t:>7.3f} {r.status.value:>15} {r.nodes:>7}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10_000, 30_000, 100_000])
    ap.add_argument("--nx-timeout", type=float, default=5.0)
    ap.add_argument("--nx-max-edges", type=int, default=10_000)
    ap.add_argument("--budget", type=float, default=60.0, help="seconds per find_isomorphism")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-families", action="store_true")
    args = ap.parse_args(argv)
    print("LP-like bipartite graphs vs a shuffled copy (seconds, one thread)\n")
    lp_table(args)
    if not args.no_families:
        print("\nStructured families vs a shuffled copy\n")
        family_table(args)


if __name__ == "__main__":
    main()
