"""What a conjunctive goal implies in every reachable state that satisfies it.

Two conjunctive goals denote the same reachable goal states exactly when
their *closures* — every literal true in all reachable states satisfying the
goal — are equal, so the closure is a canonical form of the goal. We compute
a sound part of it (every literal we add is implied) from facts proved about
the task, with no per-domain knowledge:

* fixed atoms: static atoms keep their initial value, atoms outside the
  relaxed-reachable set are false (:mod:`.ground`);
* mutex groups (:mod:`.invariants`): a true atom makes the rest of each of
  its groups false, an "exactly one" group with all atoms but one false makes
  that one true, and with all false the goal is unreachable;
* one-step regression (:meth:`Knowledge.unreachable`): a set of literals no
  initial state satisfies and no action can make true (each action that
  would needs, just before it, a state the groups rule out) holds in no
  reachable state; so ``K`` implies ``l`` when ``K`` and ``not l`` together are
  unreachable. In a two-block blocksworld, ``(on a b)`` implies ``(clear a)``:
  a state with ``(on a b)``, ``(on b a)`` is made by no action.

A closure is a ``{atom: bool}`` dict, or None for an unreachable goal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .ground import GroundAction, GroundAtom, Task, literals
from .invariants import Group, mutex_groups

Literals = dict[GroundAtom, bool]


class Knowledge:
    """The proved facts about one task: its groups and what its actions touch."""

    def __init__(self, task: Task, groups: list[Group] | None = None) -> None:
        self.task = task
        self.groups = mutex_groups(task) if groups is None else groups
        self.of: dict[GroundAtom, list[int]] = {}
        for i, g in enumerate(self.groups):
            for a in g.atoms:
                self.of.setdefault(a, []).append(i)
        self.adders: dict[GroundAtom, list[int]] = {}
        self.deleters: dict[GroundAtom, list[int]] = {}
        self.plain: list[bool] = []  # STRIPS-like: effects unconditional
        self.pre: list[Literals | None] = []
        for k, act in enumerate(task.actions):
            self.plain.append(all(e.condition is True for e in act.effects))
            self.pre.append(_top_literals(act))
            for e in act.effects:
                for a in e.add:
                    self.adders.setdefault(a, []).append(k)
                for a in e.delete:
                    self.deleters.setdefault(a, []).append(k)

    # ---- propagation ------------------------------------------------------------

    def close(self, lits: Literals, check: Callable[[], None] = lambda: None) -> Literals | None:
        """``lits`` with everything the groups imply; None when contradictory.
        Atoms with a fixed value are checked and left out.

        Each group keeps counts of its true and its undecided atoms, updated
        as atoms are decided; a group is queued when it can imply something
        (one atom true: the rest false; an exactly-one group with a single
        undecided atom and none true: that one true), so each group is
        scanned at most once per rule however many atoms it has."""
        value = self.task.value
        groups = self.groups
        out: Literals = {}
        n_true: dict[int, int] = {}
        n_open: dict[int, int] = {}
        todo: list[int] = []

        def decide(a: GroundAtom, v: bool) -> bool:  # False: contradiction
            out[a] = v
            for gi in self.of.get(a, ()):
                g = groups[gi]
                left = n_open.get(gi, len(g.atoms)) - 1
                n_open[gi] = left
                t = n_true.get(gi, 0) + v
                n_true[gi] = t
                if t > 1:
                    return False
                if v:
                    if left:
                        todo.append(gi)
                elif g.exactly_one and not t:
                    if not left:
                        return False
                    if left == 1:
                        todo.append(gi)
            return True

        for a, v in lits.items():
            fixed = value(a)
            if fixed is not None:
                if fixed != v:
                    return None
                continue
            old = out.get(a)
            if old is not None:
                if old != v:
                    return None
                continue
            if not decide(a, v):
                return None
        rounds = 0
        while todo:
            gi = todo.pop()
            rounds += 1
            if rounds % 4096 == 0:
                check()
            g = groups[gi]
            if n_true[gi] == 1:
                for a in g.atoms:
                    if a not in out and not decide(a, False):
                        return None
            elif g.exactly_one and n_open[gi] == 1:
                a = next(a for a in g.atoms if a not in out)
                if not decide(a, True):
                    return None
        return out

    # ---- regression --------------------------------------------------------------

    def unreachable(self, lits: Literals, check: Callable[[], None] = lambda: None) -> bool:
        """Proved that no reachable state satisfies ``lits`` (a closed set):
        the initial state does not, and every action that could make it true
        needs a state before it that the groups rule out. False means "not
        proved", not "reachable"."""
        init = self.task.init
        if all((a in init) == v for a, v in lits.items()):
            return False
        truth: dict[int, GroundAtom] = {}  # group -> its true atom in lits
        for a, v in lits.items():
            if v:
                for gi in self.of.get(a, ()):
                    truth[gi] = a
        candidates: set[int] = set()
        for a, v in lits.items():
            candidates.update((self.adders if v else self.deleters).get(a, ()))
        actions = self.task.actions
        for n, k in enumerate(candidates):
            if n % 256 == 0:
                check()
            if not self._blocked(actions[k], k, lits, truth):
                return False
        return True

    def _blocked(self, act: GroundAction, k: int, lits: Literals, truth: dict) -> bool:
        """Whether ``act`` cannot be the step that makes ``lits`` true."""
        if not self.plain[k]:
            touched = {a for e in act.effects for a in (*e.add, *e.delete)}
            if any(e.condition is not True for e in act.effects) and touched & lits.keys():
                return False  # conditional effects on these atoms: not analysed
        add = {a for e in act.effects for a in e.add}
        delete = {a for e in act.effects for a in e.delete} - add
        if any(lits.get(a) is False for a in add) or any(lits.get(a) is True for a in delete):
            return True  # the action falsifies lits: not the last step
        pre = self.pre[k]
        if pre is None:
            return False
        changed = add | delete
        for a, v in pre.items():
            if a in changed:
                continue
            if lits.get(a, v) != v:
                return True
        for a, v in pre.items():
            if not v:
                continue
            for gi in self.of.get(a, ()):
                other = truth.get(gi)
                if other is not None and other != a and other not in changed:
                    return True
        return False

    def mutex(self, a: GroundAtom, b: GroundAtom) -> bool:
        """Whether a group proves ``a`` and ``b`` never true together."""
        return a != b and not set(self.of.get(a, ())).isdisjoint(self.of.get(b, ()))

    def orders(self, goal: Iterable[GroundAtom]) -> dict[GroundAtom, set[GroundAtom]]:
        """Reasonable orders among goal atoms (Koehler & Hoffmann, "On
        reasonable and forced goal orderings", JAIR 12, 2000): ``b`` is due
        before ``a`` when every action adding ``b`` deletes ``a`` or requires
        an atom mutex with ``a`` — achieving ``b`` after ``a`` destroys ``a``.
        Used only to guide the search for witness states."""
        goal = list(goal)
        actions = self.task.actions
        out: dict[GroundAtom, set[GroundAtom]] = {a: set() for a in goal}
        for b in goal:
            adders = self.adders.get(b, ())
            if not adders:
                continue
            for a in goal:
                if a == b:
                    continue
                if all(
                    any(a in e.delete for e in actions[k].effects)
                    or any(v and self.mutex(p, a) for p, v in (self.pre[k] or {}).items())
                    for k in adders
                ):
                    out[a].add(b)
        return out

    def implied(self, lits: Literals, atom: GroundAtom, value: bool, check) -> bool:
        """Proved: every reachable state satisfying ``lits`` has ``atom == value``."""
        trial = dict(lits)
        if trial.get(atom, not value) == value:
            return True
        trial[atom] = not value
        closed = self.close(trial, check)
        return closed is None or self.unreachable(closed, check)

    def strengthen(
        self, lits: Literals, wanted: Iterable[tuple[GroundAtom, bool]], check, tries: int = 24
    ) -> Literals | None:
        """``lits`` (closed) with the literals of ``wanted`` that can be proved
        implied added, closed again; repeats while something is added. At
        most ``tries`` literals are tested, positive ones first."""
        wanted = sorted(wanted, key=lambda av: not av[1])
        grew = True
        while grew and lits is not None:
            grew = False
            for atom, value in wanted:
                if atom in lits or self.task.value(atom) is not None:
                    continue  # decided already (either way)
                if tries <= 0:
                    return lits
                tries -= 1
                if self.implied(lits, atom, value, check):
                    lits = self.close({**lits, atom: value}, check)
                    grew = True
                    if lits is None:
                        return None
        return lits


def _top_literals(act: GroundAction) -> Literals | None:
    """The literals of the precondition's top-level conjunction (a necessary
    condition of any precondition); None when it has none."""
    f = act.precondition
    if f is True:
        return {}
    parts = f[1] if f[0] == "and" else (f,)
    out: Literals = {}
    for p in parts:
        if p[0] == "lit":
            out[p[1]] = p[2]
    return out


def conjunctive(formula) -> Literals | None:
    """The literals of a conjunctive ground goal, or None."""
    return literals(formula)
