"""Colour refinement (1-WL) over several graphs at once, and a cheap invariant.

Colour refinement (Weisfeiler & Leman 1968; the 1-dimensional Weisfeiler-Leman
algorithm): start from the vertex colours, and repeatedly give each vertex the
new colour (old colour, multiset of (edge label, direction, neighbour colour)),
until the number of colours stops growing. Graphs refined *together* get
comparable colours; isomorphic graphs get equal colour histograms, so differing
histograms prove non-isomorphism. When every colour class holds one vertex of
each of two graphs, the colour bijection is an isomorphism: the "symmetric
decomposable" condition of ORGEval (Wang et al., "ORGEval: graph-theoretic
evaluation of LLMs in optimization modeling", 2025), see
:func:`equivsolve.graph.iso.sd_condition`.

How it is computed:

- Rounds are vectorized with NumPy. A signature is encoded exactly, never by
  ``hash()``: each (label, direction, neighbour colour) triple gets a dense
  rank, each vertex's sorted rank sequence is folded pairwise into ranks of
  pairs (log2(degree) levels, each an exact ``np.unique``), and the new colour
  is the rank of (old colour, sequence rank). This replaces the textbook
  dictionary from signature tuples to integers: the same exact map, with
  ranks following the sorted order of what they encode, so colours are
  canonical (equal for isomorphic inputs refined separately; colours and
  labels are first ordered by :func:`~equivsolve.graph.core.stable_key`).
- A round costs O(m log m) whatever changed, and long paths need O(n) rounds.
  Once a round splits cells whose degrees add up to a small part of the graph,
  the rest is handed to Hopcroft-style partition refinement
  (:mod:`equivsolve.graph.partition`, O((n+m) log n) overall; Berkholz,
  Bonsma & Grohe 2017), seeded with the cells that just split, minus the
  largest piece of each. The colours are then the ranks of the cells'
  positions, which that engine assigns independently of vertex numbering: the
  partition is the same, the colour numbers differ from a pure-NumPy run.
- Edge direction and labels are part of the signature (NetworkX's labelled WL
  hash drops direction; this one does not).
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from ..budget import Budget
from .core import Graph, Interned, stable_key
from .partition import Partition

_NO_BUDGET = Budget()
# hand over to the partition engine when the cells to process next touch fewer
# edge ends than this fraction of all of them (Python costs ~4-8x NumPy per end)
_HANDOVER = 8


@dataclass(frozen=True, slots=True)
class Joint:
    """Several graphs as one disjoint union with shared colour and label ids."""

    sizes: tuple[int, ...]
    owner: np.ndarray  # every edge twice: once per endpoint
    other: np.ndarray
    kind: np.ndarray  # 2 * label id, + 1 when the owner is the target
    colours: np.ndarray  # initial colour ids
    colour_values: tuple[Hashable, ...]
    label_values: tuple[Hashable, ...]
    ties: bool  # some distinct values had equal sort keys

    @property
    def n(self) -> int:
        return len(self.colours)

    def split(self, colours: np.ndarray) -> list[np.ndarray]:
        return np.split(colours, np.cumsum(self.sizes)[:-1])


def _merge(parts: list[Interned]) -> tuple[tuple, list[np.ndarray], bool]:
    if len(parts) == 1:
        return parts[0].values, [parts[0].ids], parts[0].ties
    distinct = list(dict.fromkeys(v for p in parts for v in p.values))
    keys = {v: stable_key(v) for v in distinct}
    distinct.sort(key=keys.__getitem__)
    ties = any(keys[a] == keys[b] for a, b in zip(distinct, distinct[1:]))
    rank = {v: i for i, v in enumerate(distinct)}
    ids = [np.array([rank[v] for v in p.values], dtype=np.int64)[p.ids] for p in parts]
    return tuple(distinct), ids, ties or any(p.ties for p in parts)


def joint(graphs: Sequence[Graph]) -> Joint:
    """The disjoint union of ``graphs`` (vertex ids shifted by the sizes before)."""
    colour_values, colour_ids, t1 = _merge([g.interned_colours() for g in graphs])
    label_values, label_ids, t2 = _merge([g.interned_labels() for g in graphs])
    shift = np.cumsum([0] + [g.n for g in graphs])
    src = np.concatenate([g.endpoints()[0] + k for g, k in zip(graphs, shift)])
    dst = np.concatenate([g.endpoints()[1] + k for g, k in zip(graphs, shift)])
    lab = np.concatenate(label_ids).astype(np.int64)
    return Joint(
        sizes=tuple(g.n for g in graphs),
        owner=np.concatenate([src, dst]),
        other=np.concatenate([dst, src]),
        kind=np.concatenate([2 * lab, 2 * lab + 1]),
        colours=np.concatenate(colour_ids).astype(np.int64),
        colour_values=colour_values,
        label_values=label_values,
        ties=t1 or t2,
    )


def _rank(values: np.ndarray, bound: int) -> tuple[np.ndarray, int]:
    """Dense ranks of non-negative ``values < bound`` (bucket pass when ``bound`` is small)."""
    if bound <= 4 * len(values) + 4096:
        present = np.zeros(bound, dtype=np.int64)
        present[values] = 1
        ranks = np.cumsum(present) - 1
        return ranks[values], int(ranks[-1]) + 1 if bound else 0
    uniq, inv = np.unique(values, return_inverse=True)
    return inv.reshape(-1), len(uniq)


def _wl_round(j: Joint, colours: np.ndarray, ncol: int) -> tuple[np.ndarray, int]:
    """One exact 1-WL round: (new colours as canonical ranks, their number)."""
    n = j.n
    if len(j.owner) == 0:
        return colours, ncol
    p, np_ = _rank(j.kind * ncol + colours[j.other], int(j.kind.max() + 1) * ncol)
    key = np.sort(j.owner * np_ + p)
    own = key // np_
    tok = key - own * np_
    k = np_
    first = np.empty(len(own), dtype=bool)
    first[0] = True
    np.not_equal(own[1:], own[:-1], out=first[1:])
    idx = np.arange(len(own))
    pos = idx - np.maximum.accumulate(np.where(first, idx, 0))
    segments = int(first.sum())
    while len(tok) > segments:  # fold each vertex's sequence pairwise
        even = np.flatnonzero((pos & 1) == 0)
        nxt = even + 1
        has = nxt < len(tok)
        has[has] = ~first[nxt[has]]
        right = np.full(len(even), -1, dtype=np.int64)
        right[has] = tok[nxt[has]]
        tok, k = _rank(tok[even] * (k + 1) + (right + 1), (k + 1) * (k + 1))
        own, pos, first = own[even], pos[even] >> 1, first[even]
    seq = np.full(n, -1, dtype=np.int64)
    seq[own] = tok
    return _rank(colours * (k + 1) + (seq + 1), ncol * (k + 1))


def _pieces_to_process(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """New colours that split off an old class, minus the largest piece of each."""
    width = int(new.max()) + 1
    pair, counts = np.unique(old * width + new, return_counts=True)
    o, c = pair // width, pair % width
    split = np.bincount(o) > 1
    keep = split[o]
    o, c, counts = o[keep], c[keep], counts[keep]
    # largest piece per old class (ties: smallest new colour) is skipped
    order = np.lexsort((c, -counts, o))
    lead = np.ones(len(order), dtype=bool)
    lead[1:] = o[order][1:] != o[order][:-1]
    return np.sort(c[order][~lead])


def stable_colouring(
    j: Joint, *, n1: int | None = None, budget: Budget | None = None
) -> tuple[np.ndarray, Partition | None, bool]:
    """Refine ``j`` to its stable colouring.

    Returns ``(colours, partition, ok)``: ``colours`` are canonical ranks;
    ``partition`` is the engine if refinement was handed over (else ``None``);
    with ``n1`` (two graphs) ``ok`` is False as soon as some colour class holds
    unequal numbers of vertices of the two graphs.
    """
    budget = budget or _NO_BUDGET
    colours = j.colours
    ncol = int(colours.max()) + 1 if len(colours) else 0
    degree = np.bincount(j.owner, minlength=j.n)
    while True:
        budget.check()
        if n1 is not None and not _balanced(colours, n1, ncol):
            return colours, None, False
        new, nnew = _wl_round(j, colours, ncol)
        if nnew == ncol:
            return colours, None, True
        work = _pieces_to_process(colours, new)
        colours, ncol = new, nnew
        touched = degree[np.isin(colours, work)].sum()
        if touched * _HANDOVER < len(j.owner):
            break
    if n1 is not None and not _balanced(colours, n1, ncol):
        return colours, None, False
    engine = Partition(j.owner, j.other, j.kind, colours, n1=n1, budget=budget)
    ok = engine.refine(engine.colour_start[work].tolist())
    return _ranks(engine.colouring()), engine, ok


def _balanced(colours: np.ndarray, n1: int, ncol: int) -> bool:
    return bool(
        np.array_equal(
            np.bincount(colours[:n1], minlength=ncol), np.bincount(colours[n1:], minlength=ncol)
        )
    )


def _ranks(values: np.ndarray) -> np.ndarray:
    return np.unique(values, return_inverse=True)[1].reshape(-1).astype(np.int64)


@dataclass(frozen=True, slots=True)
class Refinement:
    """Stable colours of graphs refined together (comparable across them)."""

    colours: tuple[tuple[int, ...], ...]
    classes: int

    def histogram(self, i: int) -> tuple[tuple[int, int], ...]:
        """``(colour, count)`` pairs of graph ``i``, sorted by colour."""
        values, counts = np.unique(np.asarray(self.colours[i], dtype=np.int64), return_counts=True)
        return tuple(zip(values.tolist(), counts.tolist()))


def refine(graphs: Sequence[Graph], *, budget: Budget | None = None) -> Refinement:
    """Jointly refine ``graphs``: equal histograms are necessary for isomorphism.

    Examples
    --------
    >>> tri = Graph.undirected("aaa", [(0, 1, 1), (1, 2, 1), (2, 0, 1)])
    >>> path = Graph.undirected("aaa", [(0, 1, 1), (1, 2, 1)])
    >>> r = refine([tri, path])
    >>> r.histogram(0) == r.histogram(1)
    False
    """
    j = joint(graphs)
    colours, _, _ = stable_colouring(j, budget=budget)
    parts = j.split(colours)
    return Refinement(tuple(tuple(p.tolist()) for p in parts), int(colours.max(initial=-1)) + 1)


@dataclass(frozen=True, slots=True)
class Certificate:
    """An isomorphism invariant of one graph: equal for isomorphic graphs.

    ``colours`` and ``labels`` list the distinct vertex colours and edge labels
    in canonical order; ``digest`` is a BLAKE2b digest of the stable colouring's
    quotient (class sizes, each class's initial colour, and for each class the
    number of edges of each (label, direction) into each class). Graphs with
    equal quotients are exactly the pairs that 1-WL does not distinguish; a
    digest collision can only make two certificates equal, never unequal.
    """

    vertices: int
    edges: int
    colours: tuple[Hashable, ...]
    labels: tuple[Hashable, ...]
    classes: int
    digest: str


def certificate(graph: Graph, *, budget: Budget | None = None) -> Certificate:
    """The stable-colouring invariant of ``graph`` (cached on the graph).

    Raises ``ValueError`` when two distinct colours or labels have the same
    :func:`~equivsolve.graph.core.stable_key` (then the order, and so the
    certificate, could depend on the numbering).

    Examples
    --------
    >>> g = Graph(["x", "y", "y"], [(0, 1, 2), (0, 2, 3)])
    >>> certificate(g) == certificate(g.relabel([1, 2, 0]))
    True
    >>> certificate(g) == certificate(Graph(["x", "y", "y"], [(0, 1, 3), (2, 0, 2)]))
    False
    """
    cached = graph._cache.get("certificate")
    if cached is not None:
        return cached
    j = joint([graph])
    if j.ties:
        raise ValueError("two distinct colours or labels share a sort key; no canonical order")
    colours, _, _ = stable_colouring(j, budget=budget)
    ncls = int(colours.max(initial=-1)) + 1
    rep = np.zeros(j.n, dtype=bool)
    rep[np.unique(colours, return_index=True)[1]] = True
    sel = rep[j.owner]
    rows = np.stack([colours[j.owner[sel]], j.kind[sel], colours[j.other[sel]]])
    rows, counts = (
        np.unique(rows, axis=1, return_counts=True) if rows.size else (rows, np.zeros(0, np.int64))
    )
    initial = np.zeros(ncls, dtype=np.int64)
    initial[colours] = j.colours
    h = hashlib.blake2b(digest_size=20)
    for part in (np.bincount(colours, minlength=ncls), initial, rows, counts):
        h.update(np.ascontiguousarray(part, dtype="<i8").tobytes())
        h.update(b"|")
    cert = Certificate(graph.n, graph.m, j.colour_values, j.label_values, ncls, h.hexdigest())
    graph._cache["certificate"] = cert
    return cert
