"""One union-find for the reconciler (sources, claims, counter groups)."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets of 0..n-1. A set's root is its smallest member, so the groups never depend on the
    order in which pairs are joined (only a caller refusing some joins makes the order matter)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        """Join the sets of i and j; False when they were one already."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        lo, hi = min(ri, rj), max(ri, rj)
        self.parent[hi] = lo
        small, big = self.members.pop(hi), self.members[lo]
        if len(small) > len(big):  # extend the longer list: a set joined one by one stays linear
            small, big = big, small
            self.members[lo] = big
        big += small
        return True

    def groups(self) -> list[list[int]]:
        """Every set, its members ascending, in the order of their smallest members."""
        return [sorted(self.members[root]) for root in sorted(self.members)]


def union_find(n: int, same: list[tuple[int, int]]) -> list[list[int]]:
    """The groups of 0..n-1 joined by the pairs ``same``."""
    uf = UnionFind(n)
    for i, j in same:
        uf.union(i, j)
    return uf.groups()
