"""Grounding a PDDL problem: objects, static facts, ground actions, reachable atoms.

A ground atom is a tuple ``(predicate, arg, ...)``. A ground formula is
``True``, ``False``, ``("lit", atom, positive)``, ``("and", parts)`` or
``("or", parts)``: negation normal form, quantifiers expanded over the typed
objects, equality decided, and every atom whose truth is fixed — a *static*
atom (its predicate is in no action effect, so it keeps its initial value) or
an atom that no action can make true and the initial state does not hold —
replaced by its value.

:func:`ground` builds a :class:`Task`: the ground actions whose preconditions
can hold (static preconditions are checked while the parameters are bound, so
``(pick ?b ?r ?g)`` in an untyped domain does not enumerate every triple), and
the *fluent* atoms: the atoms that some reachable state may hold, computed by
delete-relaxed reachability (an over-approximation, so an atom outside it is
false in every reachable state, a fact every later stage relies on).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from ...errors import UnsupportedError
from .ast import (
    Action,
    And,
    Atom,
    Domain,
    Equals,
    Exists,
    Forall,
    Imply,
    Increase,
    Node,
    Not,
    Or,
    Problem,
    Type,
    When,
)

GroundAtom = tuple[str, ...]
Formula = Any  # True | False | ("lit", atom, bool) | ("and", tuple) | ("or", tuple)


# ---- ground formulas ----------------------------------------------------------


def conj(parts: Iterable[Formula]) -> Formula:
    """Flattened, simplified conjunction (``True`` when empty)."""
    out: list[Formula] = []
    for p in parts:
        if p is False:
            return False
        if p is True:
            continue
        if p[0] == "and":
            out.extend(p[1])
        else:
            out.append(p)
    if not out:
        return True
    return out[0] if len(out) == 1 else ("and", tuple(dict.fromkeys(out)))


def disj(parts: Iterable[Formula]) -> Formula:
    """Flattened, simplified disjunction (``False`` when empty)."""
    out: list[Formula] = []
    for p in parts:
        if p is True:
            return True
        if p is False:
            continue
        if p[0] == "or":
            out.extend(p[1])
        else:
            out.append(p)
    if not out:
        return False
    return out[0] if len(out) == 1 else ("or", tuple(dict.fromkeys(out)))


def holds(f: Formula, state: frozenset | set) -> bool:
    """``f`` in a state given as the set of its true atoms."""
    if f is True or f is False:
        return f
    tag = f[0]
    if tag == "lit":
        return (f[1] in state) == f[2]
    if tag == "and":
        return all(holds(p, state) for p in f[1])
    return any(holds(p, state) for p in f[1])


def literals(f: Formula) -> dict[GroundAtom, bool] | None:
    """``f`` as ``{atom: value}`` when it is a conjunction of literals (``{}``
    for ``True``), else None. ``p & !p`` gives None too (callers see False)."""
    if f is True:
        return {}
    if f is False:
        return None
    parts = f[1] if f[0] == "and" else (f,)
    out: dict[GroundAtom, bool] = {}
    for p in parts:
        if p[0] != "lit" or out.get(p[1], p[2]) != p[2]:
            return None
        out[p[1]] = p[2]
    return out


def atoms_of(f: Formula) -> Iterator[GroundAtom]:
    if f is True or f is False:
        return
    if f[0] == "lit":
        yield f[1]
    else:
        for p in f[1]:
            yield from atoms_of(p)


# ---- objects and types ---------------------------------------------------------


class Universe:
    """The objects of a problem (its ``:objects`` and the domain's constants)
    with their types, and the type hierarchy to answer "objects of type t"."""

    def __init__(self, domain: Domain, problem: Problem) -> None:
        self.parent: dict[str, Type] = {name: parent for name, parent in domain.types}
        self.constants = {name for name, _ in domain.constants}
        self.types: dict[str, Type] = {}
        for name, kind in (*domain.constants, *problem.objects):
            self.types.setdefault(name, kind)
        self.objects: tuple[str, ...] = tuple(self.types)
        self._of: dict[Type, tuple[str, ...]] = {}

    def ancestors(self, kind: str) -> set[str]:
        out, todo = {"object"}, [kind]
        while todo:
            t = todo.pop()
            if t in out:
                continue
            out.add(t)
            p = self.parent.get(t, "object")
            todo.extend(p if isinstance(p, tuple) else (p,))
        return out

    def is_a(self, obj: str, kind: Type) -> bool:
        wanted = set(kind) if isinstance(kind, tuple) else {kind}
        declared = self.types[obj]
        for t in declared if isinstance(declared, tuple) else (declared,):
            if wanted & self.ancestors(t):
                return True
        return False

    def of(self, kind: Type) -> tuple[str, ...]:
        if kind not in self._of:
            self._of[kind] = tuple(o for o in self.objects if self.is_a(o, kind))
        return self._of[kind]


# ---- grounding formulas ------------------------------------------------------------


def ground_formula(
    node: Node | None,
    binding: dict[str, str],
    universe: Universe,
    value: Callable[[GroundAtom], bool | None],
    positive: bool = True,
) -> Formula:
    """``node`` under ``binding`` as a ground formula (negated when not
    ``positive``); ``value(atom)`` gives a fixed truth value or None."""
    if node is None:
        return positive
    if isinstance(node, Atom):
        atom = (node.predicate, *(binding.get(a, a) for a in node.args))
        v = value(atom)
        if v is None:
            return ("lit", atom, positive)
        return v == positive
    if isinstance(node, Equals):
        same = binding.get(node.left, node.left) == binding.get(node.right, node.right)
        return same == positive
    if isinstance(node, Not):
        return ground_formula(node.arg, binding, universe, value, not positive)
    if isinstance(node, (And, Or)):
        parts = (ground_formula(a, binding, universe, value, positive) for a in node.args)
        return conj(parts) if isinstance(node, And) == positive else disj(parts)
    if isinstance(node, Imply):
        left = ground_formula(node.left, binding, universe, value, False)
        right = ground_formula(node.right, binding, universe, value, True)
        return disj((left, right)) if positive else conj((negate(left), negate(right)))
    if isinstance(node, (Exists, Forall)):
        parts = (
            ground_formula(node.body, {**binding, **b}, universe, value, positive)
            for b in bindings(node.variables, universe)
        )
        return disj(parts) if isinstance(node, Exists) == positive else conj(parts)
    raise UnsupportedError(f"{type(node).__name__} in a goal or precondition")


def negate(f: Formula) -> Formula:
    if f is True or f is False:
        return not f
    if f[0] == "lit":
        return ("lit", f[1], not f[2])
    parts = tuple(negate(p) for p in f[1])
    return disj(parts) if f[0] == "and" else conj(parts)


def bindings(variables, universe: Universe) -> Iterator[dict[str, str]]:
    names = [v for v, _ in variables]
    for combo in product(*(universe.of(t) for _, t in variables)):
        yield dict(zip(names, combo))


# ---- ground actions ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Effect:
    """``when condition: add, delete`` (``condition`` True when unconditional)."""

    condition: Formula
    add: tuple[GroundAtom, ...]
    delete: tuple[GroundAtom, ...]


@dataclass(frozen=True, slots=True)
class GroundAction:
    name: str
    args: tuple[str, ...]
    precondition: Formula
    effects: tuple[Effect, ...]

    def __str__(self) -> str:
        return f"({' '.join((self.name, *self.args))})"


def _effects(
    node: Node, binding: dict, universe: Universe, value, condition: Formula = True
) -> Iterator[tuple[Formula, GroundAtom, bool]]:
    """``(condition, atom, is_add)`` for every atomic effect of ``node``."""
    if isinstance(node, Atom):
        yield condition, (node.predicate, *(binding.get(a, a) for a in node.args)), True
    elif isinstance(node, Not):
        atom = node.arg
        yield condition, (atom.predicate, *(binding.get(a, a) for a in atom.args)), False
    elif isinstance(node, And):
        for a in node.args:
            yield from _effects(a, binding, universe, value, condition)
    elif isinstance(node, Forall):
        for b in bindings(node.variables, universe):
            yield from _effects(node.body, {**binding, **b}, universe, value, condition)
    elif isinstance(node, When):
        c = conj((condition, ground_formula(node.condition, binding, universe, value)))
        if c is not False:
            yield from _effects(node.effect, binding, universe, value, c)
    elif isinstance(node, Increase):
        return  # costs do not change which states are reachable
    else:
        raise UnsupportedError(f"{type(node).__name__} as an effect")


def _ground_effects(node, binding, universe, value) -> tuple[Effect, ...]:
    grouped: dict[Formula, tuple[list, list]] = {}
    for cond, atom, is_add in _effects(node, binding, universe, value):
        adds, dels = grouped.setdefault(cond, ([], []))
        (adds if is_add else dels).append(atom)
    return tuple(
        Effect(c, tuple(dict.fromkeys(a)), tuple(dict.fromkeys(d))) for c, (a, d) in grouped.items()
    )


def _flat_literals(node: Node | None, out: list) -> bool:
    """Append the literals of ``node`` when it is a conjunction of atoms,
    equalities and their negations (``(node, positive)``, in the order
    :func:`ground_formula` meets them); False for any other shape."""
    if node is None:
        return True
    if isinstance(node, And):
        return all(_flat_literals(a, out) for a in node.args)
    if isinstance(node, (Atom, Equals)):
        out.append((node, True))
        return True
    if isinstance(node, Not) and isinstance(node.arg, (Atom, Equals)):
        out.append((node.arg, False))
        return True
    return False


def _flat_effects(node: Node | None, out: list) -> bool:
    """Append ``(atom, is_add)`` for an effect that is a conjunction of atoms,
    negated atoms and cost increases; False for any other shape."""
    if node is None or isinstance(node, Increase):
        return True
    if isinstance(node, And):
        return all(_flat_effects(a, out) for a in node.args)
    if isinstance(node, Atom):
        out.append((node, True))
        return True
    if isinstance(node, Not) and isinstance(node.arg, Atom):
        out.append((node.arg, False))
        return True
    return False


def _strips_grounder(action: Action, value) -> Callable | None:
    """For a schema whose precondition and effect are flat conjunctions, a
    function from a binding to ``(precondition, effects)`` — the same values
    :func:`ground_formula` and :func:`_ground_effects` give, without walking
    the tree per binding. None for other schemas."""
    pre: list = []
    eff: list = []
    if not (_flat_literals(action.precondition, pre) and _flat_effects(action.effect, eff)):
        return None
    pre_items = [
        (
            isinstance(n, Equals),
            n.left if isinstance(n, Equals) else n.predicate,
            n.right if isinstance(n, Equals) else n.args,
            positive,
        )
        for n, positive in pre
    ]
    eff_items = [(n.predicate, n.args, is_add) for n, is_add in eff]

    def grounder(b: dict[str, str]) -> tuple[Formula, tuple[Effect, ...]]:
        parts: list = []
        for is_eq, head, rest, positive in pre_items:
            if is_eq:
                if (b.get(head, head) == b.get(rest, rest)) != positive:
                    return False, ()
                continue
            atom = (head, *[b.get(a, a) for a in rest])
            v = value(atom)
            if v is None:
                parts.append(("lit", atom, positive))
            elif v != positive:
                return False, ()
        formula = conj(parts)
        if not eff_items:
            return formula, ()
        add: dict = {}
        delete: dict = {}
        for pred, args, is_add in eff_items:
            (add if is_add else delete)[(pred, *[b.get(a, a) for a in args])] = None
        return formula, (Effect(True, tuple(add), tuple(delete)),)

    return grounder


def effect_atoms(node: Node | None) -> Iterator[Atom]:
    """Every atom an effect adds or deletes (lifted)."""
    if isinstance(node, Atom):
        yield node
    elif isinstance(node, Not):
        yield node.arg
    elif isinstance(node, (And,)):
        for a in node.args:
            yield from effect_atoms(a)
    elif isinstance(node, Forall):
        yield from effect_atoms(node.body)
    elif isinstance(node, When):
        yield from effect_atoms(node.effect)


def _static_constraints(node: Node | None, statics: set[str]) -> list[tuple[Node, bool]]:
    """The static atoms and equalities of the top-level conjunction, with polarity."""
    out = []
    todo = [node]
    while todo:
        n = todo.pop()
        if isinstance(n, And):
            todo.extend(n.args)
        elif isinstance(n, Atom) and n.predicate in statics:
            out.append((n, True))
        elif isinstance(n, Equals):
            out.append((n, True))
        elif isinstance(n, Not) and (
            isinstance(n.arg, Equals) or (isinstance(n.arg, Atom) and n.arg.predicate in statics)
        ):
            out.append((n.arg, False))
    return out


def _action_bindings(
    action: Action,
    universe: Universe,
    init: frozenset,
    statics: set[str],
    check: Callable[[], None] = lambda: None,
) -> Iterator[dict[str, str]]:
    """Parameter bindings that satisfy the static part of the precondition,
    checked as soon as each constraint's variables are bound. A parameter
    that a positive static atom ties to parameters bound before it takes its
    candidates from an index of that atom's initial facts (a join), not from
    every object of its type: ``(up ?y ?x)`` gives the tile above ``?x``."""
    params = [v for v, _ in action.params]
    constraints = _static_constraints(action.precondition, statics)
    position = {v: i for i, v in enumerate(params)}

    def ready_at(node) -> int:
        args = node.args if isinstance(node, Atom) else (node.left, node.right)
        return max((position[a] for a in args if a in position), default=-1)

    checks: dict[int, list] = {}
    for node, polarity in constraints:
        checks.setdefault(ready_at(node), []).append((node, polarity))

    def ok(node, polarity, b) -> bool:
        if isinstance(node, Equals):
            return (b.get(node.left, node.left) == b.get(node.right, node.right)) == polarity
        return ((node.predicate, *(b.get(a, a) for a in node.args)) in init) == polarity

    if any(not ok(n, p, {}) for n, p in checks.get(-1, ())):
        return
    domains = [universe.of(t) for _, t in action.params]
    # per parameter, at most one join: (atom, the parameter's argument position, index)
    joins: dict[int, tuple[Atom, int, dict]] = {}
    for i, v in enumerate(params):
        for node, polarity in checks.get(i, ()):
            if polarity and isinstance(node, Atom) and node.args.count(v) == 1:
                at = node.args.index(v)
                index: dict[tuple, list[str]] = {}
                allowed = set(domains[i])
                for fact in init:
                    if fact[0] == node.predicate and len(fact) == len(node.args) + 1:
                        obj = fact[1 + at]
                        if obj in allowed:
                            key = fact[1 : 1 + at] + fact[2 + at :]
                            index.setdefault(key, []).append(obj)
                rank = {o: k for k, o in enumerate(domains[i])}
                for objs in index.values():  # the objects' order, whatever the set's
                    objs.sort(key=rank.__getitem__)
                joins[i] = (node, at, index)
                break
    binding: dict[str, str] = {}
    nodes = [0]

    def extend(i: int) -> Iterator[dict[str, str]]:
        if i == len(params):
            yield dict(binding)
            return
        nodes[0] += 1
        if nodes[0] % 4096 == 0:
            check()
        if i in joins:
            node, at, index = joins[i]
            key = tuple(binding.get(a, a) for j, a in enumerate(node.args) if j != at)
            candidates: Iterable[str] = index.get(key, ())
        else:
            candidates = domains[i]
        for obj in candidates:
            binding[params[i]] = obj
            if all(ok(n, p, binding) for n, p in checks.get(i, ())):
                yield from extend(i + 1)
        binding.pop(params[i], None)

    yield from extend(0)


# ---- the task -----------------------------------------------------------------------


@dataclass
class Task:
    """A grounded problem. ``fluents`` are the atoms some reachable state may
    hold (sorted); ``init`` is the initial state's fluent part; ``static`` the
    initial atoms no action changes."""

    domain: Domain
    problem: Problem
    universe: Universe
    statics: frozenset[str]
    static: frozenset[GroundAtom]
    init: frozenset[GroundAtom]
    actions: list[GroundAction]
    fluents: tuple[GroundAtom, ...]
    fluent_set: frozenset[GroundAtom] = field(default=frozenset())

    def value(self, atom: GroundAtom) -> bool | None:
        """The fixed truth value of ``atom`` in every reachable state, or None."""
        if atom[0] in self.statics:
            return atom in self.static
        if atom in self.fluent_set:
            return None
        return False

    def goal(self) -> Formula:
        return ground_formula(self.problem.goal, {}, self.universe, self.value)


def ground(domain: Domain, problem: Problem, *, check: Callable[[], None] = lambda: None) -> Task:
    """Ground ``problem`` under ``domain`` (both validated)."""
    universe = Universe(domain, problem)
    changed = {a.predicate for act in domain.actions for a in effect_atoms(act.effect)}
    statics = {p.name for p in domain.predicates} - changed
    init_all = frozenset((a.predicate, *a.args) for a in problem.init)
    static = frozenset(a for a in init_all if a[0] in statics)
    init = init_all - static

    def value(atom: GroundAtom) -> bool | None:
        return (atom in static) if atom[0] in statics else None

    actions = []
    for schema in domain.actions:
        fast = _strips_grounder(schema, value)
        for n, b in enumerate(_action_bindings(schema, universe, static, statics, check)):
            if n % 512 == 0:
                check()
            if fast is not None:
                pre, effects = fast(b)
                if pre is False:
                    continue
            else:
                pre = ground_formula(schema.precondition, b, universe, value)
                if pre is False:
                    continue
                effects = _ground_effects(schema.effect, b, universe, value)
            args = tuple(b[v] for v, _ in schema.params)
            actions.append(GroundAction(schema.name, args, pre, effects))
    reached, actions = relaxed_reachable(init, actions, check)
    fluents = tuple(sorted(reached))
    return Task(
        domain,
        problem,
        universe,
        frozenset(statics),
        static,
        init,
        actions,
        fluents,
        frozenset(fluents),
    )


def _relaxed(f: Formula, reached: set) -> bool:
    """``f`` with negative literals taken as true (delete relaxation)."""
    if f is True or f is False:
        return f
    tag = f[0]
    if tag == "lit":
        return not f[2] or f[1] in reached
    if tag == "and":
        return all(_relaxed(p, reached) for p in f[1])
    return any(_relaxed(p, reached) for p in f[1])


def relaxed_reachable(
    init: Iterable[GroundAtom],
    actions: list[GroundAction],
    check: Callable[[], None] = lambda: None,
) -> tuple[set[GroundAtom], list[GroundAction]]:
    """The atoms reachable when deletes are ignored, and the actions that can
    fire there (in their original order).

    Actions with a conjunctive precondition and unconditional effects wait on
    a count of their positive precondition atoms not yet reached, and fire
    when it drops to zero; the others are rescanned whenever the queue of new
    atoms runs dry, until a scan adds nothing."""
    reached: set[GroundAtom] = set()
    fired = [False] * len(actions)
    missing = [0] * len(actions)
    waiting: dict[GroundAtom, list[int]] = {}
    general: list[int] = []
    queue: list[GroundAtom] = []

    def reach(atoms: Iterable[GroundAtom]) -> None:
        for a in atoms:
            if a not in reached:
                reached.add(a)
                queue.append(a)

    def fire(i: int) -> None:
        fired[i] = True
        for eff in actions[i].effects:
            reach(eff.add)

    reach(init)
    for i, act in enumerate(actions):
        need = _positive_atoms(act)
        if need is None:
            general.append(i)
            missing[i] = -1
            continue
        missing[i] = len(need)
        for a in need:
            waiting.setdefault(a, []).append(i)
    for i in range(len(actions)):
        if missing[i] == 0 and not fired[i]:
            fire(i)
    effects_done: set[tuple[int, int]] = set()
    while True:
        n = 0
        while queue:
            a = queue.pop()
            n += 1
            if n % 4096 == 0:
                check()
            for i in waiting.get(a, ()):
                missing[i] -= 1
                if missing[i] == 0:
                    fire(i)
        check()
        for i in general:
            act = actions[i]
            if not fired[i]:
                if not _relaxed(act.precondition, reached):
                    continue
                fired[i] = True
            for k, eff in enumerate(act.effects):
                if (i, k) not in effects_done and _relaxed(eff.condition, reached):
                    effects_done.add((i, k))
                    reach(eff.add)
        if not queue:
            return reached, [a for a, f in zip(actions, fired) if f]


def _positive_atoms(act: GroundAction) -> set[GroundAtom] | None:
    """The positive precondition atoms of an action whose precondition is a
    conjunction of literals and whose effects are unconditional; None for
    any other action."""
    if any(e.condition is not True for e in act.effects):
        return None
    lits = literals(act.precondition)
    return None if lits is None else {a for a, v in lits.items() if v}
