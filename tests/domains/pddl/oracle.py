"""A brute-force reference for PDDL problem equivalence, for tests.

Written apart from the package's grounding, invariants and search: it reads
only the AST, applies actions on sets of atoms, enumerates every reachable
state breadth first and every type-preserving bijection of the objects. Fine
for a handful of objects; it is the label source of the property tests.
"""

from __future__ import annotations

from collections import deque
from itertools import permutations, product

from equivsolve.domains.pddl.ast import (
    And,
    Atom,
    Domain,
    Equals,
    Exists,
    Forall,
    Imply,
    Not,
    Or,
    Problem,
    When,
)


def _objects(domain: Domain, problem: Problem) -> dict[str, str]:
    return {**dict(domain.constants), **dict(problem.objects)}


def _of(types: dict[str, str], kind, domain: Domain) -> list[str]:
    parent = dict(domain.types)

    def is_a(t, want) -> bool:
        while True:
            if t == want or want == "object":
                return True
            if t not in parent:
                return False
            t = parent[t]

    wanted = kind if isinstance(kind, tuple) else (kind,)
    return [o for o, t in types.items() if any(is_a(t, w) for w in wanted)]


def holds(node, state: frozenset, b: dict, types, domain) -> bool:
    if node is None:
        return True
    if isinstance(node, Atom):
        return (node.predicate, *(b.get(a, a) for a in node.args)) in state
    if isinstance(node, Equals):
        return b.get(node.left, node.left) == b.get(node.right, node.right)
    if isinstance(node, Not):
        return not holds(node.arg, state, b, types, domain)
    if isinstance(node, And):
        return all(holds(a, state, b, types, domain) for a in node.args)
    if isinstance(node, Or):
        return any(holds(a, state, b, types, domain) for a in node.args)
    if isinstance(node, Imply):
        return not holds(node.left, state, b, types, domain) or holds(
            node.right, state, b, types, domain
        )
    if isinstance(node, (Exists, Forall)):
        names = [v for v, _ in node.variables]
        combos = product(*(_of(types, t, domain) for _, t in node.variables))
        test = any if isinstance(node, Exists) else all
        return test(
            holds(node.body, state, {**b, **dict(zip(names, c))}, types, domain) for c in combos
        )
    raise TypeError(node)


def _effects(node, state, b, types, domain, adds, dels) -> None:
    if isinstance(node, Atom):
        adds.add((node.predicate, *(b.get(a, a) for a in node.args)))
    elif isinstance(node, Not):
        a = node.arg
        dels.add((a.predicate, *(b.get(x, x) for x in a.args)))
    elif isinstance(node, And):
        for x in node.args:
            _effects(x, state, b, types, domain, adds, dels)
    elif isinstance(node, Forall):
        names = [v for v, _ in node.variables]
        for c in product(*(_of(types, t, domain) for _, t in node.variables)):
            _effects(node.body, state, {**b, **dict(zip(names, c))}, types, domain, adds, dels)
    elif isinstance(node, When):
        if holds(node.condition, state, b, types, domain):
            _effects(node.effect, state, b, types, domain, adds, dels)


def successors(domain: Domain, types: dict, state: frozenset):
    for act in domain.actions:
        names = [v for v, _ in act.params]
        for combo in product(*(_of(types, t, domain) for _, t in act.params)):
            b = dict(zip(names, combo))
            if holds(act.precondition, state, b, types, domain):
                adds, dels = set(), set()
                _effects(act.effect, state, b, types, domain, adds, dels)
                yield f"({' '.join((act.name, *combo))})", (state - dels) | adds


def reachable(domain: Domain, problem: Problem, limit: int = 100_000) -> list[frozenset]:
    types = _objects(domain, problem)
    start = frozenset((a.predicate, *a.args) for a in problem.init)
    seen = {start}
    queue = deque([start])
    while queue:
        s = queue.popleft()
        for _, t in successors(domain, types, s):
            if t not in seen:
                seen.add(t)
                queue.append(t)
                if len(seen) > limit:
                    raise ValueError("state space too large for the oracle")
    return list(seen)


def replay(domain: Domain, problem: Problem, plan: list[str]) -> frozenset | None:
    """The state a plan (``"(name arg ...)"`` strings) reaches, or None."""
    types = _objects(domain, problem)
    state = frozenset((a.predicate, *a.args) for a in problem.init)
    for step in plan:
        nxt = dict(successors(domain, types, state))
        if step not in nxt:
            return None
        state = nxt[step]
    return state


def equivalent(domain: Domain, p1: Problem, p2: Problem) -> bool:
    """The definition: some type-preserving bijection maps init onto init and
    the goals then hold in the same reachable states."""
    t1, t2 = _objects(domain, p1), _objects(domain, p2)
    consts = {c for c, _ in domain.constants}
    init1 = {(a.predicate, *a.args) for a in p1.init}
    init2 = frozenset((a.predicate, *a.args) for a in p2.init)
    free1 = [o for o in t1 if o not in consts]
    free2 = [o for o in t2 if o not in consts]
    if len(free1) != len(free2):
        return False
    states = reachable(domain, p2)
    goal2 = {s for s in states if holds(p2.goal, s, {}, t2, domain)}
    for perm in permutations(free2):
        sigma = dict(zip(free1, perm))
        if any(t1[o] != t2[sigma[o]] for o in free1):
            continue
        sigma.update({c: c for c in consts})
        if {(a[0], *(sigma[x] for x in a[1:])) for a in init1} != init2:
            continue
        inverse = {v: k for k, v in sigma.items()}
        goal1 = {
            s
            for s in states
            if holds(
                p1.goal,
                frozenset((a[0], *(inverse[x] for x in a[1:])) for a in s),
                {},
                t1,
                domain,
            )
        }
        if goal1 == goal2:
            return True
    return False
