"""A small immutable vertex- and edge-labelled directed multigraph.

The graph kinds (LP/MILP models, PDDL problems) reduce "the same up to renaming
and reordering" to isomorphism of such graphs: vertices ``0..n-1`` each carry a
hashable *colour* (``("var", "integer", Fraction(3))``), edges are directed and
carry a hashable *label* (a ``Fraction`` coefficient). Parallel edges and
self-loops are allowed: the edge set is a multiset. An undirected edge is the
two directed edges (:meth:`Graph.undirected` adds both).

Colours and labels are compared with ``==`` (so ``Fraction(1, 2)`` and ``0.5``
are the same label). The refinement needs them as small integers in an order
that does not depend on vertex numbering; :func:`stable_key` gives that order
for mixed types without comparing, say, a string with a ``Fraction``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from operator import index, itemgetter
from typing import Any

import numpy as np

Edge = tuple[int, int, Hashable]


def stable_key(value: Any) -> tuple:
    """A total, numbering-independent sort key for heterogeneous hashables.

    Numbers sort by value (a float first, so that ``Fraction`` comparisons
    happen only on near-ties), strings and bytes by content, tuples and
    frozensets element-wise, anything else by ``(type, repr)``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> sorted(["b", Fraction(1, 3), ("x", 1), None, 2], key=stable_key)
    [Fraction(1, 3), 2, 'b', ('x', 1), None]
    """
    if isinstance(value, str):
        return (1, value)
    if isinstance(value, numbers.Real):
        try:
            approx = float(value)
        except OverflowError:
            approx = math.inf if value > 0 else -math.inf  # type: ignore[operator]
        return (0, approx, value)
    if isinstance(value, tuple):
        return (2, tuple(stable_key(v) for v in value))
    if value is None:
        return (3,)
    if isinstance(value, bytes):
        return (4, value)
    if isinstance(value, frozenset):
        return (5, tuple(sorted(stable_key(v) for v in value)))
    kind = type(value)
    return (6, f"{kind.__module__}.{kind.__qualname__}", repr(value))


@dataclass(frozen=True, slots=True)
class Interned:
    """Distinct values in :func:`stable_key` order and each item's index into them.

    ``ties`` is True when two distinct values share a key (exotic objects with
    equal ``repr``); their order then depends on first appearance.
    """

    values: tuple[Hashable, ...]
    ids: np.ndarray
    ties: bool


# numbers by exact value, so that Fraction(1, 2), 0.5 and Fraction(2, 4) share a key
# while only C-level hashing and comparison run (Fraction's own are Python code)
_RATIO = object()


def _fast_key(x: Any) -> Any:
    kind = type(x)
    if kind is Fraction:
        num, den = x.numerator, x.denominator
        return num if den == 1 else (_RATIO, num, den)
    if kind is float and math.isfinite(x):
        num, den = x.as_integer_ratio()
        return num if den == 1 else (_RATIO, num, den)
    return x


def intern(items: Iterable[Hashable]) -> Interned:
    """Map hashables to small integers in canonical (sorted) order."""
    seen: dict[Any, int] = {}
    first: list[Hashable] = []
    local = []
    for x in items:
        key = _fast_key(x)
        i = seen.get(key)
        if i is None:
            i = seen[key] = len(first)
            first.append(x)
        local.append(i)
    keys = [stable_key(v) for v in first]
    order = sorted(range(len(first)), key=keys.__getitem__)
    ties = any(keys[a] == keys[b] for a, b in zip(order, order[1:]))
    rank = np.empty(len(first), dtype=np.int64)
    rank[order] = np.arange(len(first), dtype=np.int64)
    return Interned(tuple(first[i] for i in order), rank[np.array(local, dtype=np.int64)], ties)


class Graph:
    """Vertices ``0..n-1`` with colours, and directed labelled edges ``(u, v, label)``.

    Any iterables are accepted and stored as tuples. Equality is structural
    (same numbering), not isomorphism: use
    :func:`equivsolve.graph.find_isomorphism`.

    Examples
    --------
    >>> g = Graph(["a", "b", "b"], [(0, 1, 2), (0, 2, 2)])
    >>> g.n, g.m, g.out_adj[0]
    (3, 2, ((1, 2), (2, 2)))
    >>> g.relabel([2, 0, 1]).edges
    ((2, 0, 2), (2, 1, 2))
    """

    __slots__ = ("colours", "edges", "_cache")
    colours: tuple[Hashable, ...]
    edges: tuple[Edge, ...]
    _cache: dict[str, Any]

    def __init__(self, colours: Iterable[Hashable], edges: Iterable[Sequence[Any]]) -> None:
        colours = tuple(colours)
        edges = tuple((index(u), index(v), lab) for u, v, lab in edges)
        n = len(colours)
        for u, v, _ in edges:
            if not (0 <= u < n and 0 <= v < n):
                raise ValueError(f"edge ({u}, {v}) has an endpoint outside 0..{n - 1}")
        object.__setattr__(self, "colours", colours)
        object.__setattr__(self, "edges", edges)
        object.__setattr__(self, "_cache", {})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Graph is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Graph is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Graph):
            return NotImplemented
        return self.colours == other.colours and self.edges == other.edges

    def __hash__(self) -> int:
        return hash((self.colours, self.edges))

    def __repr__(self) -> str:
        return f"Graph(colours={self.colours!r}, edges={self.edges!r})"

    def __reduce__(self) -> tuple:
        return (Graph, (self.colours, self.edges))

    @classmethod
    def undirected(cls, colours: Iterable[Hashable], edges: Iterable[Sequence[Any]]) -> Graph:
        """Each edge ``{u, v}`` in both directions; a loop ``(u, u)`` once."""
        both: list[Edge] = []
        for u, v, lab in edges:
            u, v = index(u), index(v)
            both.append((u, v, lab))
            if u != v:
                both.append((v, u, lab))
        return cls(colours, both)

    @property
    def n(self) -> int:
        return len(self.colours)

    @property
    def m(self) -> int:
        return len(self.edges)

    @property
    def out_adj(self) -> tuple[tuple[tuple[int, Hashable], ...], ...]:
        """``out_adj[u]``: the ``(v, label)`` of every edge leaving ``u``."""
        return self._adjacency()[0]

    @property
    def in_adj(self) -> tuple[tuple[tuple[int, Hashable], ...], ...]:
        """``in_adj[v]``: the ``(u, label)`` of every edge entering ``v``."""
        return self._adjacency()[1]

    def _adjacency(self) -> tuple[tuple, tuple]:
        if "adj" not in self._cache:
            out: list[list] = [[] for _ in range(self.n)]
            inc: list[list] = [[] for _ in range(self.n)]
            for u, v, lab in self.edges:
                out[u].append((v, lab))
                inc[v].append((u, lab))
            self._cache["adj"] = (tuple(map(tuple, out)), tuple(map(tuple, inc)))
        return self._cache["adj"]

    def relabel(self, perm: Sequence[int]) -> Graph:
        """The same graph with vertex ``v`` renamed ``perm[v]`` (edge order kept)."""
        perm = [int(p) for p in perm]
        if sorted(perm) != list(range(self.n)):
            raise ValueError("perm must be a permutation of range(n)")
        colours: list[Hashable] = [None] * self.n
        for v, c in enumerate(self.colours):
            colours[perm[v]] = c
        return Graph(colours, [(perm[u], perm[v], lab) for u, v, lab in self.edges])

    # -- cached integer views used by refinement and verification ---------------

    def interned_colours(self) -> Interned:
        if "colours" not in self._cache:
            self._cache["colours"] = intern(self.colours)
        return self._cache["colours"]

    def interned_labels(self) -> Interned:
        if "labels" not in self._cache:
            self._cache["labels"] = intern(map(itemgetter(2), self.edges))
        return self._cache["labels"]

    def endpoints(self) -> tuple[np.ndarray, np.ndarray]:
        """``(src, dst)`` as int64 arrays, one entry per edge."""
        if "ends" not in self._cache:
            m = self.m
            src = np.fromiter(map(itemgetter(0), self.edges), dtype=np.int64, count=m)
            dst = np.fromiter(map(itemgetter(1), self.edges), dtype=np.int64, count=m)
            self._cache["ends"] = (src, dst)
        return self._cache["ends"]
