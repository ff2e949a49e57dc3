"""Individualization-refinement search for an isomorphism, with lazy orbit pruning.

The search tree of McKay's method (McKay, "Practical graph isomorphism", 1981;
McKay & Piperno, "Practical graph isomorphism, II", 2014), run depth-first on
the disjoint union of the two graphs: at each node take the smallest
non-trivial cell, pair its first vertex ``v`` of ``g1`` with a vertex ``w`` of
``g2`` in it, individualize the pair, refine (:mod:`equivsolve.graph.partition`)
and descend; an unbalanced cell cuts the branch, and a discrete partition is a
candidate mapping that must pass :func:`~equivsolve.graph.iso.verify_mapping`.

Orbit pruning (the idea of nauty's automorphism pruning, applied the other way
round): if the branch ``v -> w`` failed and some automorphism ``g`` of ``g2``
fixes the ``g2`` vertices chosen above and maps ``w`` to ``w'``, then
``v -> w'`` fails too (``g^-1`` would carry a solution back). nauty finds
automorphisms as a by-product of building a canonical form of each graph; here
there is no canonical form, so automorphisms are looked for on demand, by the
same search on ``g2`` against itself with the prefix individualized. That is
tried only once the failed branches at a level have averaged 8 nodes or more,
from up to three failed candidates (one per known orbit, the latest first),
each under a node limit of the average failed branch plus twice the depth: a
first-branch success finds an automorphism at the cost of one descent, and a
fruitless try costs about what exploring the candidate would have. Without a
found automorphism ``w'`` is explored, so pruning never costs completeness;
every automorphism used has passed ``verify_mapping`` and is checked to fix
the prefix.
"""

from __future__ import annotations

from collections.abc import Callable

from ..budget import Budget
from ..unionfind import UnionFind
from .core import Graph
from .partition import Partition

# try to prove a candidate redundant once failed branches averaged this many nodes,
# looking for an automorphism from at most this many failed candidates
_PRUNE_AFTER = 8
_SOURCES = 3


class _Limit(Exception):
    """The node limit of an automorphism sub-search was reached."""


class _Orbits(UnionFind):
    """Orbits of ``g2``'s vertices; a class is marked once a member failed."""

    def __init__(self, n: int) -> None:
        super().__init__(n)
        self.failed = bytearray(n)
        self.seen = 0  # automorphisms taken into account so far

    def join(self, gamma: tuple[int, ...]) -> None:
        for x, y in enumerate(gamma):
            a, b = self.find(x), self.find(y)
            if a != b:
                root = self.union(a, b)
                self.failed[root] |= self.failed[a] | self.failed[b]

    def mark(self, x: int) -> None:
        self.failed[self.find(x)] = 1

    def is_failed(self, x: int) -> bool:
        return bool(self.failed[self.find(x)])


class _Frame:
    """One level: cell ``s``, the ``g1`` vertex ``v``, candidates tried and left."""

    __slots__ = ("s", "v", "current", "mark", "rest", "failed", "spent", "start", "orbits")

    def __init__(self, s: int, v: int, w: int, mark: int, nodes: int) -> None:
        self.s, self.v, self.current, self.mark = s, v, w, mark
        self.rest: list[int] | None = None  # listed on the first backtrack only
        self.failed: list[int] = []
        self.spent = 0
        self.start = nodes
        self.orbits: _Orbits | None = None


class Search:
    """Depth-first search from an equitable, balanced two-sided partition.

    ``partition`` holds ``g1`` as vertices ``< n`` and ``g2`` as the rest.
    ``auxiliary`` builds the same kind of partition for ``g2`` against itself
    (root colouring, nothing individualized); ``None`` turns pruning off.
    """

    def __init__(
        self,
        partition: Partition,
        g1: Graph,
        g2: Graph,
        verify: Callable[[Graph, Graph, list[int]], bool],
        budget: Budget,
        *,
        auxiliary: Callable[[], Partition] | None = None,
        limit: int | None = None,
    ) -> None:
        self.p, self.g1, self.g2, self.verify, self.budget = partition, g1, g2, verify, budget
        if partition.n1 is None:
            raise ValueError("the search needs a two-sided partition")
        self.n1: int = partition.n1
        self.auxiliary = auxiliary
        self.limit = limit
        self.nodes = 0
        self.depth = 0  # deepest level reached
        self.pruned = 0
        self.automorphisms: list[tuple[int, ...]] = []
        self.frames: list[_Frame] = []
        self._aux: Partition | None = None
        self._aux_stack: list[tuple[int, int]] = []  # (w individualized, trail mark)

    def run(self) -> tuple[int, ...] | None:
        """An isomorphism ``g1 -> g2`` (verified), or ``None`` when there is none."""
        p, frames = self.p, self.frames
        self._tick()
        descend = True
        while True:
            if descend:
                s = p.target_cell()
                if s < 0:
                    mapping = p.pairs()
                    if self.verify(self.g1, self.g2, mapping):
                        return tuple(mapping)
                else:
                    v, w = p.first_of(s, 0), p.first_of(s, 1)
                    frames.append(_Frame(s, v, w, len(p.trail), self.nodes))
                    self.depth = max(self.depth, len(frames))
                    descend = self._try(v, w)
                    continue
            while frames:  # backtrack to the deepest level with a candidate left
                f = frames[-1]
                p.undo(f.mark)
                f.failed.append(f.current)
                f.spent += self.nodes - f.start
                if f.orbits is not None:
                    f.orbits.mark(f.current - self.n1)
                nxt = self._next(f, len(frames) - 1)
                if nxt is None:
                    frames.pop()
                    continue
                f.current, f.start = nxt, self.nodes
                if self._try(f.v, nxt):
                    break
            else:
                return None
            descend = True

    def _tick(self) -> None:
        self.nodes += 1
        self.budget.check()
        if self.limit is not None and self.nodes > self.limit:
            raise _Limit

    def _try(self, v: int, w: int) -> bool:
        self._tick()
        return self.p.refine(self.p.individualize(v, w))

    def _next(self, f: _Frame, level: int) -> int | None:
        if f.rest is None:
            f.rest = [w for w in self.p.members(f.s, 1) if w != f.current]
            f.rest.reverse()
        while f.rest:
            w = f.rest.pop()
            if not self._redundant(f, level, w - self.n1):
                return w
            self.pruned += 1
        return None

    # -- orbit pruning ----------------------------------------------------------

    def _redundant(self, f: _Frame, level: int, w: int) -> bool:
        """Is ``w`` (a ``g2`` vertex) in the orbit of a failed candidate?"""
        if self.auxiliary is None:
            return False
        prefix = [fr.current - self.n1 for fr in self.frames[:level]]
        if f.orbits is not None:
            self._update(f.orbits, prefix)
            if f.orbits.is_failed(w):
                return True
        average = f.spent / len(f.failed)
        if average < _PRUNE_AFTER:
            return False
        if f.orbits is None:
            f.orbits = _Orbits(self.g2.n)
            for x in f.failed:
                f.orbits.mark(x - self.n1)
            self._update(f.orbits, prefix)
        # one failed candidate per orbit, the latest first: the likeliest to match
        sources: dict[int, int] = {}
        for x in reversed(f.failed):
            sources.setdefault(f.orbits.find(x - self.n1), x - self.n1)
            if len(sources) == _SOURCES:
                break
        limit = int(average) + 2 * self.depth + 8
        for a in sources.values():
            gamma = self._automorphism(prefix, a, w, limit)
            if gamma is not None:
                self.automorphisms.append(gamma)
                self._update(f.orbits, prefix)
                return f.orbits.is_failed(w)
        return False

    def _update(self, orbits: _Orbits, prefix: list[int]) -> None:
        for gamma in self.automorphisms[orbits.seen :]:
            if all(gamma[x] == x for x in prefix):
                orbits.join(gamma)
        orbits.seen = len(self.automorphisms)

    def _automorphism(self, prefix: list[int], a: int, b: int, limit: int) -> tuple | None:
        """An automorphism of ``g2`` fixing ``prefix`` with ``a -> b``, if found cheaply."""
        aux = self._sync(prefix)
        if aux is None:
            return None
        n = self.g2.n
        if aux.cell[a] != aux.cell[b + n]:
            return None
        mark = len(aux.trail)
        sub = Search(aux, self.g2, self.g2, self.verify, self.budget, limit=limit)
        try:
            gamma = sub.run() if aux.refine(aux.individualize(a, b + n)) else None
        except _Limit:
            gamma = None
        finally:
            aux.undo(mark)
            self.nodes += sub.nodes
        if gamma is None or gamma[a] != b or any(gamma[x] != x for x in prefix):
            return None
        return gamma

    def _sync(self, prefix: list[int]) -> Partition | None:
        """The auxiliary partition with ``(w, w)`` individualized for ``w`` in ``prefix``."""
        if self._aux is None:
            self._aux = self.auxiliary()  # type: ignore[misc]
        aux, stack, n = self._aux, self._aux_stack, self.g2.n
        keep = 0
        while keep < min(len(stack), len(prefix)) and stack[keep][0] == prefix[keep]:
            keep += 1
        if keep < len(stack):
            aux.undo(stack[keep][1])
            del stack[keep:]
        for w in prefix[keep:]:
            mark = len(aux.trail)
            stack.append((w, mark))
            if aux.cell[w] != aux.cell[w + n] or not aux.refine(aux.individualize(w, w + n)):
                aux.undo(mark)  # cannot happen for a correct refinement; do not prune
                del stack[-1]
                return None
        return aux
