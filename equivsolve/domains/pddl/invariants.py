"""Mutex groups: sets of atoms of which at most (or exactly) one is true.

The invariants are found on the lifted domain, by the monotonicity method of
Helmert ("Concise finite-domain representations for PDDL planning tasks",
AIJ 173, 2009): a *candidate* is a set of predicates, each with the argument
positions that name the invariant's parameters and at most one *counted*
position, read "for every value of the parameters, at most one of these atoms
is true". ``{on(X, *), on-table(X), holding(X)}`` says a block is in one place;
``{holding(*), arm-empty}`` that the hand holds at most one block or is empty.

A candidate is proved by induction over the actions. It holds initially when
no instance has two true atoms in ``:init``. An action keeps it when every
atom it adds to an instance is *balanced*: the action deletes an atom of the
same instance that its precondition requires (so the instance had exactly that
one), or the added atom is itself required; and it never adds two atoms to one
instance unless its precondition rules that out (two atoms of one instance in
the precondition, an inequality, distinct constants). An unbalanced add
suggests a larger candidate, taking in the deleted precondition atom's
predicate; the search grows candidates from every single predicate.

An instance is *exactly one* when, moreover, one of its atoms is true
initially and every action that deletes an atom of an instance adds another
to the same instance (checked on the lifted actions).

Conditional and quantified effects are handled conservatively: such an add to
a candidate's predicate rejects the candidate, such a delete rules out
"exactly one". The result is sound: each group is an invariant of every state
reachable from the problem's initial state.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from .ast import Action, And, Atom, Domain, Equals, Forall, Not, When
from .ground import GroundAtom, Task

Part = tuple[str, tuple[int, ...], int]  # predicate, parameter positions, counted position or -1

#: the search stops after this many candidates (a domain rarely needs 100)
MAX_CANDIDATES = 2000


@dataclass(frozen=True, slots=True)
class Group:
    """A ground mutex group: at most one of ``atoms`` is true in every
    reachable state; exactly one when ``exactly_one``."""

    atoms: frozenset[GroundAtom]
    exactly_one: bool


@dataclass(frozen=True, slots=True)
class _Schema:
    params: tuple[str, ...]
    pre: tuple[tuple[str, ...], ...]  # positive precondition atoms, (pred, *args)
    unequal: frozenset[frozenset[str]]
    add: tuple[tuple[str, ...], ...]
    delete: tuple[tuple[str, ...], ...]
    other_add: frozenset[str]  # predicates added under forall/when
    other_delete: frozenset[str]


def _schema(action: Action) -> _Schema:
    pre, unequal = [], set()
    todo = [action.precondition]
    while todo:
        n = todo.pop()
        if isinstance(n, And):
            todo.extend(n.args)
        elif isinstance(n, Atom):
            pre.append((n.predicate, *n.args))
        elif isinstance(n, Not) and isinstance(n.arg, Equals):
            unequal.add(frozenset((n.arg.left, n.arg.right)))
    add, delete, other_add, other_delete = [], [], set(), set()

    def walk(n, plain: bool) -> None:
        if isinstance(n, Atom):
            (add.append((n.predicate, *n.args)) if plain else other_add.add(n.predicate))
        elif isinstance(n, Not):
            a = n.arg
            (delete.append((a.predicate, *a.args)) if plain else other_delete.add(a.predicate))
        elif isinstance(n, And):
            for x in n.args:
                walk(x, plain)
        elif isinstance(n, Forall):
            walk(n.body, False)
        elif isinstance(n, When):
            walk(n.effect, False)

    walk(action.effect, True)
    return _Schema(
        tuple(v for v, _ in action.params),
        tuple(pre),
        frozenset(unequal),
        tuple(add),
        tuple(delete),
        frozenset(other_add),
        frozenset(other_delete),
    )


class _Candidate:
    def __init__(self, parts: Iterable[Part]) -> None:
        self.parts = frozenset(parts)
        self.by_pred = {p[0]: p for p in self.parts}

    def key(self, atom: tuple[str, ...]) -> tuple[str, ...] | None:
        """The instance (parameter values) ``atom`` belongs to, or None."""
        part = self.by_pred.get(atom[0])
        if part is None:
            return None
        return tuple(atom[1 + i] for i in part[1])


def _is_var(term: str) -> bool:
    return term.startswith("?")


def _unify(a: tuple[str, ...], b: tuple[str, ...]) -> dict[str, str] | None:
    """The most general substitution making ``a`` and ``b`` equal (terms are
    variables or constants), or None when two constants differ."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while x in parent:
            x = parent[x]
        return x

    for x, y in zip(a, b):
        rx, ry = find(x), find(y)
        if rx == ry:
            continue
        if not _is_var(rx) and not _is_var(ry):
            return None
        if _is_var(rx):
            parent[rx] = ry
        else:
            parent[ry] = rx
    return {x: find(x) for x in parent}


def _impossible(schema: _Schema, cand: _Candidate, sub: dict[str, str]) -> bool:
    """Whether the precondition cannot hold once the variables are equated by
    ``sub`` (the candidate is assumed to hold before the action)."""
    for pair in schema.unequal:
        x, y = tuple(pair) if len(pair) == 2 else (next(iter(pair)),) * 2
        if sub.get(x, x) == sub.get(y, y):
            return True
    seen: dict[tuple, tuple] = {}
    for atom in schema.pre:
        a = (atom[0], *(sub.get(t, t) for t in atom[1:]))
        k = cand.key(a)
        if k is None:
            continue
        if seen.setdefault(k, a) != a:
            return True
    return False


def _check(cand: _Candidate, schemas: list[_Schema]) -> tuple[bool, list[_Candidate]]:
    """(holds inductively, larger candidates suggested by unbalanced adds)."""
    grown: list[_Candidate] = []
    for s in schemas:
        if s.other_add & cand.by_pred.keys():
            return False, grown
        adds = [a for a in s.add if a[0] in cand.by_pred]
        for i, e in enumerate(adds):
            for f in adds[i + 1 :]:
                sub = _unify(cand.key(e), cand.key(f))
                if sub is None:
                    continue
                ee = (e[0], *(sub.get(t, t) for t in e[1:]))
                ff = (f[0], *(sub.get(t, t) for t in f[1:]))
                if ee != ff and not _impossible(s, cand, sub):
                    return False, grown
        for e in adds:
            if e in s.pre:
                continue
            k = cand.key(e)
            if any(d[0] in cand.by_pred and cand.key(d) == k and d in s.pre for d in s.delete):
                continue
            for d in s.delete:
                if d[0] in cand.by_pred or d not in s.pre:
                    continue
                part = _part_for(d, k)
                if part is not None:
                    grown.append(_Candidate(cand.parts | {part}))
            return False, grown
    return True, grown


def _part_for(atom: tuple[str, ...], key: tuple[str, ...]) -> Part | None:
    args = atom[1:]
    order = []
    for v in key:
        positions = [i for i, t in enumerate(args) if t == v and i not in order]
        if not positions:
            return None
        order.append(positions[0])
    rest = [i for i in range(len(args)) if i not in order]
    if len(rest) > 1:
        return None
    return (atom[0], tuple(order), rest[0] if rest else -1)


def _exactly_one_lifted(cand: _Candidate, schemas: list[_Schema]) -> bool:
    for s in schemas:
        if s.other_delete & cand.by_pred.keys():
            return False
        for d in s.delete:
            if d[0] not in cand.by_pred:
                continue
            k = cand.key(d)
            if not any(a[0] in cand.by_pred and cand.key(a) == k for a in s.add):
                return False
    return True


def lifted_invariants(domain: Domain, fluent_predicates: set[str]) -> list[tuple[_Candidate, bool]]:
    """The candidates that hold inductively (before the initial-state check),
    each with whether its actions also keep "at least one"."""
    schemas = [_schema(a) for a in domain.actions]
    arity = {p.name: len(p.params) for p in domain.predicates}
    queue: deque[_Candidate] = deque()
    for pred in sorted(fluent_predicates):
        n = arity.get(pred, 0)
        queue.append(_Candidate([(pred, tuple(range(n)), -1)]))
        for j in range(n):
            queue.append(_Candidate([(pred, tuple(i for i in range(n) if i != j), j)]))
    seen: set[frozenset] = set()
    proved = []
    while queue and len(seen) < MAX_CANDIDATES:
        cand = queue.popleft()
        if cand.parts in seen:
            continue
        seen.add(cand.parts)
        ok, grown = _check(cand, schemas)
        if ok:
            proved.append((cand, _exactly_one_lifted(cand, schemas)))
        else:
            queue.extend(g for g in grown if g.parts not in seen)
    return proved


def mutex_groups(task: Task) -> list[Group]:
    """The ground groups of ``task`` with at least two fluent atoms, each at
    most one (exactly one where proved), deduplicated."""
    fluent_preds = set(p.name for p in task.domain.predicates) - set(task.statics)
    out: dict[frozenset, bool] = {}
    for cand, lifted_one in lifted_invariants(task.domain, fluent_preds):
        init_count: dict[tuple, int] = {}
        for a in task.init:
            k = cand.key(a)
            if k is not None:
                init_count[k] = init_count.get(k, 0) + 1
        if any(c > 1 for c in init_count.values()):
            continue  # fails in this initial state
        members: dict[tuple, set] = {}
        for a in task.fluents:
            k = cand.key(a)
            if k is not None:
                members.setdefault(k, set()).add(a)
        for k, atoms in members.items():
            one = lifted_one and init_count.get(k, 0) == 1
            if len(atoms) >= 2 or one:
                fs = frozenset(atoms)
                out[fs] = out.get(fs, False) or one
    return [Group(a, one) for a, one in out.items()]
