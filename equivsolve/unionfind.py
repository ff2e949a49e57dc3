"""Disjoint sets over ``range(n)``, shared by grouping and the graph search."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets with path halving and union by size.

    Examples
    --------
    >>> uf = UnionFind(4)
    >>> _ = uf.union(0, 2)
    >>> uf.find(2) == uf.find(0), uf.find(1) == uf.find(0)
    (True, False)
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        """Join the sets of ``a`` and ``b``; returns the new root."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return ra
