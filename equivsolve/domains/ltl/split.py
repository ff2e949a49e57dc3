"""Cheap reductions of a conjunction before its automaton is built.

Equivalence checks ask whether ``f & !g`` is satisfiable. Specifications are
often conjunctions that share most conjuncts (``C & P`` against ``C & Q``), so
``!g`` is a disjunction most of whose disjuncts contradict a conjunct of ``f``.
Before the search, the conjunction is flattened into its conjuncts and every
disjunct whose negation is one of the conjuncts is dropped (``f & (!c | r)`` with
``c`` among the conjuncts of ``f`` is ``f & r``; a disjunction left empty makes
the whole conjunction unsatisfiable). Sound on finite and infinite words alike.

On infinite words, conjuncts over disjoint sets of atoms constrain independent
parts of the word: the conjunction is satisfiable exactly when each group is,
and the witnesses combine atom-wise into one lasso (prefix length the longest
prefix, cycle length the least common multiple of the cycles). This does not
hold on finite traces, where the parts must agree on a length.
"""

from __future__ import annotations

import math

from .nodes import AND, OR, Node, Store, atoms_of
from .trace import Lasso

#: rounds of disjunct pruning (each round may expose new conjuncts)
MAX_ROUNDS = 8


def conjuncts(s: Store, roots: list[Node]) -> frozenset[Node] | None:
    """The conjuncts of ``roots`` with contradicted disjuncts dropped; ``None`` when
    that shows the conjunction unsatisfiable."""
    state = _flatten(s, roots)
    for _ in range(MAX_ROUNDS):
        if state is None:
            return None
        changed = False
        out: list[Node] = []
        for x in state:
            if x.op == OR:
                kept = [d for d in x.args if s.neg(d) not in state]
                if len(kept) < len(x.args):
                    changed = True
                    x = s.or_(kept)
            out.append(x)
        if not changed:
            break
        state = _flatten(s, out)
    if state is None or s.contradictory(state):
        return None
    return state


def _flatten(s: Store, roots: list[Node]) -> frozenset[Node] | None:
    out: set[Node] = set()
    for r in roots:
        for x in r.args if r.op == AND else (r,):
            if x is s.false:
                return None
            if x is not s.true:
                out.add(x)
    return frozenset(out)


def components(state: frozenset[Node]) -> list[frozenset[Node]]:
    """Groups of conjuncts connected by shared atoms (atom-free ones alone)."""
    owner: dict[str, int] = {}
    parent: list[int] = []
    items = sorted(state, key=lambda n: n.key)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, x in enumerate(items):
        parent.append(i)
        for name in atoms_of(x):
            j = owner.setdefault(name, i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[Node]] = {}
    for i, x in enumerate(items):
        groups.setdefault(find(i), []).append(x)
    return [frozenset(g) for g in groups.values()]


def combine(words: list[Lasso]) -> Lasso:
    """One lasso whose letters are the unions of the given lassos' letters."""
    if len(words) == 1:
        return words[0]
    start = max(len(w.prefix) for w in words)
    period = math.lcm(*(len(w.cycle) for w in words))

    def letter(i: int) -> frozenset[str]:
        out: set[str] = set()
        for w in words:
            if i < len(w.prefix):
                out |= w.prefix[i]
            else:
                out |= w.cycle[(i - len(w.prefix)) % len(w.cycle)]
        return frozenset(out)

    return Lasso(
        tuple(letter(i) for i in range(start)),
        tuple(letter(i) for i in range(start, start + period)),
    )
