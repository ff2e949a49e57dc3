"""Explicit state-space search over a grounded task.

States are Python ints, one bit per fluent atom. :class:`Space` compiles the
ground actions (preconditions and condition formulas to bit tests, effects to
add and delete masks) and offers

* :meth:`Space.successors` — applicable actions and their successor states,
  found through a trigger index (each action is tried only when its rarest
  positive precondition atom is true);
* :meth:`Space.enumerate` — every reachable state, breadth first, when there
  are at most ``limit`` of them;
* :meth:`Space.plan` — a path from the initial state to a state satisfying a
  formula. Two searches take turns: a best-first search over two queues
  popped in turn, one ordered by the unsatisfied goal literals plus the
  landmarks not yet passed (facts every plan makes true, back-chained from
  the goal: Hoffmann, Porteous & Sebastia, JAIR 22, 2004; goal atoms
  achieved before the atoms reasonably ordered below them count twice),
  then helpful actions, then novelty — does the state hold an atom no
  earlier state with the same count held (Lipovetzky & Geffner,
  "Best-first width search", AAAI 2017) — and one ordered by novelty first,
  which crosses the long plateaus a goal count leaves; and a greedy search
  on the FF heuristic (the delete relaxation over atoms and their
  negations, in numpy) with helpful actions. Either search running out of
  states proves that no reachable state satisfies the formula.
  :meth:`Space.planner` is the same as a generator, so that several queries
  can take turns.

Every path returned is replayed by :meth:`Space.replay` before anyone sees it.
"""

from __future__ import annotations

import heapq
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from .ground import Formula, GroundAction, GroundAtom, Task

#: pops of the FF search: all but one in this many from the helpful queue
FF_BOOST = 8
#: landmarks the goal-count search adds to its count, at most, and the
#: seconds spent finding them
MAX_LANDMARKS = 256
LANDMARK_SECONDS = 0.2
#: seconds each planner search runs before the other takes its turn
PLAN_SLICE = 0.05


class _Run:
    """What the searches of one planner query share: the states generated
    (against ``limit``) and the end of the current turn."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.spent = 0
        self.slice_end = 0.0

    def paused(self) -> bool:
        return time.monotonic() > self.slice_end


#: a formula over bits: a bool, ``(pos_mask, neg_mask)``, or ``("and"/"or", parts)``
Compiled = object


def _conjunctive(c: Compiled) -> bool:
    """Whether ``c`` is a conjunction of literals, ``(pos_mask, neg_mask)``."""
    return type(c) is tuple and type(c[0]) is int


def _compile(f: Formula, bit: dict[GroundAtom, int]) -> Compiled:
    """A ground formula over the task's fluents as bit tests: a pair of masks
    (all of ``pos`` set, none of ``neg``) when it is a conjunction of literals."""
    if f is True or f is False:
        return f
    if f[0] == "lit":
        if f[1] not in bit:  # an atom no reachable state holds
            return not f[2]
        return (1 << bit[f[1]], 0) if f[2] else (0, 1 << bit[f[1]])
    parts = tuple(_compile(p, bit) for p in f[1])
    if f[0] == "and" and False in parts or f[0] == "or" and True in parts:
        return f[0] == "or"
    parts = tuple(p for p in parts if p is not True and p is not False)
    if not parts:
        return f[0] == "and"
    if f[0] == "and" and all(type(p) is tuple and len(p) == 2 and type(p[0]) is int for p in parts):
        pos = neg = 0
        for p, n in parts:
            pos |= p
            neg |= n
        return (pos, neg) if not pos & neg else False
    return (f[0], parts)


def set_bits(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _test(c: Compiled, s: int) -> bool:
    if c is True or c is False:
        return c
    a, b = c
    if type(a) is int:
        return s & a == a and not s & b
    if a == "and":
        return all(_test(p, s) for p in b)
    return any(_test(p, s) for p in b)


@dataclass(slots=True)
class _Op:
    action: GroundAction
    pre: Compiled
    add: int
    delete: int
    conditional: tuple[tuple[Compiled, int, int], ...]

    def apply(self, s: int) -> int:
        if not self.conditional:
            return (s & ~self.delete) | self.add
        add, delete = self.add, self.delete
        for cond, a, d in self.conditional:
            if _test(cond, s):
                add |= a
                delete |= d
        return (s & ~delete) | add


def _needs(c: Compiled) -> tuple[int, int]:
    """The atoms a compiled formula needs true, and false, in every case (masks)."""
    if _conjunctive(c):
        return c
    pos = neg = 0
    if type(c) is tuple and c[0] == "and":
        for p in c[1]:
            a, b = _needs(p)
            pos |= a
            neg |= b
    return pos, neg


class _Relaxation:
    """The delete relaxation of a space's actions, for the FF heuristic. Its
    facts are the atoms (index ``i``) and their negations (``n + i``), both
    kept once reached: an action needs what its precondition requires in
    every case, and reaches every atom any of its effects may add and the
    negation of every atom one may delete — so the relaxation
    over-approximates what the actions can reach, and negative goals and
    preconditions count. The (fact, action) incidences are numpy arrays, so
    that one layer of the relaxed planning graph costs a few vector
    operations whatever the number of actions."""

    def __init__(self, ops: list[_Op], n_atoms: int) -> None:
        self.n_atoms = n_atoms
        self.n_ops = len(ops)
        self.index = {id(op): k for k, op in enumerate(ops)}
        self.pre: list[list[int]] = []
        pre_facts: list[int] = []
        pre_ops: list[int] = []
        add_facts: list[int] = []
        add_ops: list[int] = []
        for k, op in enumerate(ops):
            pos, neg = _needs(op.pre)
            pre = set_bits(pos) + [n_atoms + i for i in set_bits(neg)]
            add, delete = op.add, op.delete & ~op.add
            for _, a, d in op.conditional:
                add |= a
                delete |= d
            self.pre.append(pre)
            pre_facts += pre
            pre_ops += [k] * len(pre)
            reach = set_bits(add) + [n_atoms + i for i in set_bits(delete)]
            add_facts += reach
            add_ops += [k] * len(reach)
        self.pre_facts = np.array(pre_facts, dtype=np.intp)
        self.pre_ops = np.array(pre_ops, dtype=np.intp)
        self.add_facts = np.array(add_facts, dtype=np.intp)
        self.add_ops = np.array(add_ops, dtype=np.intp)
        self.needed = np.bincount(self.pre_ops, minlength=self.n_ops)

    def facts(self, s: int) -> np.ndarray:
        """State ``s`` as a boolean vector over the facts (atoms, then negations)."""
        n = self.n_atoms
        raw = np.frombuffer(s.to_bytes((n + 7) // 8 or 1, "little"), dtype=np.uint8)
        true = np.unpackbits(raw, count=n, bitorder="little").astype(bool)
        return np.concatenate((true, ~true))

    def goal(self, c: tuple[int, int]) -> np.ndarray:
        """A conjunctive compiled goal as an index vector over the facts."""
        pos, neg = c
        return np.array(set_bits(pos) + [self.n_atoms + i for i in set_bits(neg)], dtype=np.intp)

    def possible_before(self, s: int, fact: int) -> np.ndarray:
        """The actions the relaxation can apply from ``s`` while ``fact`` has
        never held (a boolean vector over the actions): nothing adds it."""
        reached = self.facts(s)
        fired = np.zeros(self.n_ops, dtype=bool)
        while True:
            met = np.bincount(self.pre_ops[reached[self.pre_facts]], minlength=self.n_ops)
            new = (met == self.needed) & ~fired
            if not new.any():
                return fired
            fired |= new
            reached[self.add_facts[new[self.add_ops]]] = True
            reached[fact] = False

    def landmarks(self, s: int, goal: np.ndarray, until: float) -> list[int]:
        """Facts false in ``s`` that every plan from ``s`` to the goal makes
        true at some point, goal facts left out: back-chained from the goal
        through the preconditions shared by all the achievers that can come
        first (those the relaxation applies before the fact ever holds) —
        Hoffmann, Porteous & Sebastia, "Ordered landmarks in planning", JAIR
        22, 2004. At most ``MAX_LANDMARKS``, and none found after ``until``."""
        truth = self.facts(s)
        goals = [g for g in goal.tolist() if not truth[g]]
        found = set(goal.tolist())
        out: list[int] = []
        todo = goals[:]
        while todo and len(out) < MAX_LANDMARKS and time.monotonic() < until:
            f = todo.pop()
            before = self.possible_before(s, f)
            achievers = self.add_ops[self.add_facts == f]
            first = achievers[before[achievers]].tolist()
            if not first:
                continue
            shared = set(self.pre[first[0]])
            for k in first[1:]:
                shared &= set(self.pre[k])
            for p in sorted(shared):
                if not truth[p] and p not in found:
                    found.add(p)
                    out.append(p)
                    todo.append(p)
        return out

    def evaluate(self, s: int, goal: np.ndarray) -> tuple[int, set[int]] | None:
        """The length of a relaxed plan from ``s`` to the goal atoms (an index
        vector), and the actions of its first step (the helpful ones); None
        when the relaxation reaches no goal state."""
        reached = self.facts(s)
        level = np.where(reached, 0, -1)
        achiever = np.full(2 * self.n_atoms, -1, dtype=np.intp)
        fired = np.zeros(self.n_ops, dtype=bool)
        fired_at = np.full(self.n_ops, -1, dtype=np.intp)
        layer = 0
        while not reached[goal].all():
            met = np.bincount(self.pre_ops[reached[self.pre_facts]], minlength=self.n_ops)
            new = (met == self.needed) & ~fired
            if not new.any():
                return None
            fired |= new
            fired_at[new] = layer
            fresh = new[self.add_ops] & ~reached[self.add_facts]
            atoms, first = np.unique(self.add_facts[fresh], return_index=True)
            layer += 1
            reached[atoms] = True
            level[atoms] = layer
            achiever[atoms] = self.add_ops[fresh][first]
        # extract a relaxed plan backwards, deepest sub-goals first
        level_of = level.tolist()
        buckets: list[list[int]] = [[] for _ in range(layer + 1)]
        wanted = set()
        for g in goal.tolist():
            if level_of[g]:
                buckets[level_of[g]].append(g)
                wanted.add(g)
        chosen: set[int] = set()
        helpful: set[int] = set()
        for depth in range(layer, 0, -1):
            for g in buckets[depth]:
                k = int(achiever[g])
                if k in chosen:
                    continue
                chosen.add(k)
                if not fired_at[k]:
                    helpful.add(k)
                for p in self.pre[k]:
                    if level_of[p] and p not in wanted:
                        wanted.add(p)
                        buckets[level_of[p]].append(p)
        return len(chosen), helpful


class Space:
    def __init__(self, task: Task, check: Callable[[], None] = lambda: None) -> None:
        self.task = task
        self.atoms = task.fluents
        self.bit = {a: i for i, a in enumerate(self.atoms)}
        self.init = self.state(task.init)
        self.ops: list[_Op] = []
        self._relaxed: _Relaxation | None = None
        self.always: list[_Op] = []  # no positive precondition atom to trigger on
        self.trigger: dict[int, list[_Op]] = {}
        count = [0] * len(self.atoms)
        pending = []
        for n, act in enumerate(task.actions):
            if n % 1024 == 0:
                check()
            add = delete = 0
            cond = []
            for eff in act.effects:
                a = sum(1 << self.bit[x] for x in eff.add if x in self.bit)
                d = sum(1 << self.bit[x] for x in eff.delete if x in self.bit)
                if eff.condition is True:
                    add |= a
                    delete |= d
                else:
                    c = _compile(eff.condition, self.bit)
                    if c is not False:
                        cond.append((c, a, d))
            op = _Op(act, _compile(act.precondition, self.bit), add, delete, tuple(cond))
            if op.pre is False:
                continue
            self.ops.append(op)
            pos = op.pre[0] if _conjunctive(op.pre) else 0
            bits = set_bits(pos)
            for i in bits:
                count[i] += 1
            pending.append((op, bits))
        for op, bits in pending:
            if bits:
                self.trigger.setdefault(min(bits, key=count.__getitem__), []).append(op)
            else:
                self.always.append(op)

    # ---- states ------------------------------------------------------------------

    def state(self, atoms) -> int:
        return sum(1 << self.bit[a] for a in atoms if a in self.bit)

    def facts(self, s: int) -> list[GroundAtom]:
        return [self.atoms[i] for i in set_bits(s)]

    def condition(self, f: Formula) -> Compiled:
        return _compile(f, self.bit)

    @staticmethod
    def test(c: Compiled, s: int) -> bool:
        return _test(c, s)

    # ---- moves ------------------------------------------------------------------------

    def successors(self, s: int) -> Iterator[tuple[_Op, int]]:
        for op in self.always:
            if _test(op.pre, s):
                yield op, op.apply(s)
        x = s
        while x:
            low = x & -x
            i = low.bit_length() - 1
            x ^= low
            for op in self.trigger.get(i, ()):
                if _test(op.pre, s):
                    yield op, op.apply(s)

    def replay(self, plan: list[GroundAction], goal: Compiled | None = None) -> int | None:
        """The state ``plan`` leads to from the initial state, or None when some
        step is not applicable (or the end does not satisfy ``goal``)."""
        by_action = {id(op.action): op for op in self.ops}
        s = self.init
        for act in plan:
            op = by_action.get(id(act))
            if op is None or not _test(op.pre, s):
                return None
            s = op.apply(s)
        if goal is not None and not _test(goal, s):
            return None
        return s

    def enumerate(self, limit: int, check: Callable[[], None]) -> list[int] | None:
        """All reachable states, or None when there are more than ``limit``."""
        seen = {self.init}
        order = [self.init]
        queue = deque(order)
        while queue:
            s = queue.popleft()
            check()
            for _, t in self.successors(s):
                if t not in seen:
                    if len(seen) >= limit:
                        return None
                    seen.add(t)
                    order.append(t)
                    queue.append(t)
        return order

    def plan(
        self,
        goal: Compiled,
        check: Callable[[], None],
        limit: int = 200_000,
        orders: dict[GroundAtom, set[GroundAtom]] | None = None,
        until: float | None = None,
    ) -> tuple[str, list[GroundAction] | None]:
        """``("found", plan)``, ``("none", None)`` when a search exhausted
        the reachable states (no state satisfies ``goal``), or
        ``("limit", None)`` after ``limit`` states or past ``until`` (a
        ``time.monotonic()`` instant).

        Two searches share the work, taking turns of ``PLAN_SLICE`` seconds:
        :meth:`_count_search` and, for a conjunctive goal, :meth:`_ff_search`.
        Neither is best everywhere (the goal count builds tall towers the FF
        heuristic misjudges; the FF heuristic sees through plateaus the count
        leaves), and taking turns costs at most twice the better one. ``orders`` maps a
        goal atom to the goal atoms that must be achieved before it
        (:meth:`~.closure.Knowledge.orders`)."""
        for result in self.planner(goal, check, limit, orders):
            if result is not None:
                return result
            if until is not None and time.monotonic() > until:
                return "limit", None
        raise AssertionError("unreachable")  # pragma: no cover - planner ends with a result

    def planner(
        self,
        goal: Compiled,
        check: Callable[[], None],
        limit: int = 200_000,
        orders: dict[GroundAtom, set[GroundAtom]] | None = None,
    ) -> Iterator[tuple[str, list[GroundAction] | None] | None]:
        """:meth:`plan` as a generator that yields None after each turn of
        its searches and its result last, so that several queries can take
        turns too (:meth:`plan` runs one alone)."""
        before = self._before(orders or {})
        run = _Run(limit)
        h = _GoalCount(goal, before)
        searches = [self._count_search(goal, h, before, check, run)]
        if _conjunctive(goal):
            searches.append(self._ff_search(goal, h, check, run))
        while True:
            for search in searches:
                run.slice_end = time.monotonic() + PLAN_SLICE
                result = next(search)
                if result is None and run.spent >= run.limit:
                    result = "limit", None
                yield result
                if result is not None:
                    return

    def _before(self, orders: dict[GroundAtom, set[GroundAtom]]) -> dict[int, int]:
        """Goal orders over bits: goal bit -> mask of the goal bits due before it."""
        return {
            self.bit[a]: sum(1 << self.bit[b] for b in pre if b in self.bit)
            for a, pre in orders.items()
            if a in self.bit and pre
        }

    def _path(self, parent: dict, s: int) -> list[GroundAction]:
        path = []
        while parent[s] is not None:
            s, op = parent[s]
            path.append(op.action)
        return path[::-1]

    def _count_search(
        self,
        goal: Compiled,
        h: _GoalCount,
        before: dict[int, int],
        check: Callable[[], None],
        run: _Run,
    ) -> Iterator[tuple[str, list[GroundAction] | None] | None]:
        """Best-first search over two queues popped in turn, one ordered by
        the unsatisfied goal literals (goal atoms achieved out of their
        reasonable order count twice), then helpful actions, then novelty,
        and one by novelty first. Yields None when its turn is over, and its
        result (``found`` or ``none``) at the end. ``h`` is the goal count;
        ``before``: goal bit -> mask of the goal bits due before it."""
        helpful = self._helpful(goal, before)
        parent: dict[int, tuple[int, _Op] | None] = {self.init: None}
        early = {self.init: h.early(self.init)}
        seen: dict[int, int] = {}  # goal count -> atoms already met at that count
        # landmarks: (atoms, negated atoms) once true on the path to a state
        lm_pos, lm_neg = self._landmarks(goal)
        passed = {self.init: (self.init & lm_pos, lm_neg & ~self.init)}

        def key(t: int, preferred: bool, tick: int) -> tuple[int, int, int, int]:
            p, n = passed[t]
            ht = h(t, early[t]) + (lm_pos & ~p).bit_count() + (lm_neg & ~n).bit_count()
            met = seen.get(ht, 0)
            seen[ht] = met | t
            return (ht, 0 if preferred else 1, 0 if t & ~met else 1, tick)

        start = key(self.init, True, 0)
        heaps = ([(*start, self.init)], [(start[2], start[0], start[1], 0, self.init)])
        expanded: set[int] = set()
        tick = turn = 0
        while heaps[0] or heaps[1]:
            turn ^= 1
            heap = heaps[turn] if heaps[turn] else heaps[turn ^ 1]
            *_, s = heapq.heappop(heap)
            if s in expanded:
                continue
            expanded.add(s)
            if _test(goal, s):
                yield "found", self._path(parent, s)
                return
            check()
            if len(expanded) % 32 == 0:
                while run.paused():
                    yield None
            want_add, want_delete = helpful(s)
            early_s, passed_s = early[s], passed[s]
            for op, t in self.successors(s):
                if t not in parent:
                    while run.spent >= run.limit:  # the driver stops
                        yield None
                    run.spent += 1
                    parent[t] = (s, op)
                    early[t] = h.early_after(s, early_s, t)
                    passed[t] = (passed_s[0] | (t & lm_pos), passed_s[1] | (lm_neg & ~t))
                    tick += 1
                    preferred = bool(op.add & want_add or op.delete & want_delete)
                    k = key(t, preferred, tick)
                    heapq.heappush(heaps[0], (*k, t))
                    heapq.heappush(heaps[1], (k[2], k[0], k[1], tick, t))
        yield "none", None

    def _ff_search(
        self, goal: tuple[int, int], h: _GoalCount, check: Callable[[], None], run: _Run
    ) -> Iterator[tuple[str, list[GroundAction] | None] | None]:
        """Greedy best-first search on the FF heuristic (Hoffmann & Nebel,
        "The FF planning system", JAIR 14, 2001) with lazy evaluation: a
        state is scored when it is taken from a queue, and its successors
        wait under its score; those reached by a helpful action (one of the
        relaxed plan's first steps) also wait on a second queue, popped all
        but one in ``FF_BOOST`` times, and first again after progress. A
        state the relaxation cannot bring to the goal is a dead end (the
        relaxation over-approximates), so running out of states proves the
        goal unreachable. A state's score is its relaxed plan's length plus
        the goal count's penalty for goal atoms achieved out of order (``h``).
        Yields as :meth:`_count_search` does."""
        relaxed = self._relaxation()
        goal_facts = relaxed.goal(goal)
        parent: dict[int, tuple[int, _Op] | None] = {self.init: None}
        queues: tuple[list, list] = ([(0, 0, 0, self.init)], [])
        closed: set[int] = set()
        tick = turn = 0
        best = None
        while queues[0] or queues[1]:
            turn = (turn + 1) % FF_BOOST
            queue = queues[1] if queues[1] and turn else queues[0] or queues[1]
            *_, s = heapq.heappop(queue)
            if s in closed:
                continue
            closed.add(s)
            if _test(goal, s):
                yield "found", self._path(parent, s)
                return
            check()
            while run.paused():
                yield None
            scored = relaxed.evaluate(s, goal_facts)
            if scored is None:
                continue  # no relaxed plan: no plan
            length, helpful = scored
            score = length + h.early(s)
            if best is None or score < best:
                best, turn = score, 1  # progress: the helpful queue again
            for op, t in self.successors(s):
                if t not in parent:
                    while run.spent >= run.limit:
                        yield None
                    run.spent += 1
                    parent[t] = (s, op)
                    tick += 1
                    good = relaxed.index[id(op)] in helpful
                    heapq.heappush(queues[0], (score, not good, tick, t))
                    if good:
                        heapq.heappush(queues[1], (score, 0, tick, t))
        yield "none", None

    def _landmarks(self, goal: Compiled) -> tuple[int, int]:
        """The landmarks of a conjunctive goal from the initial state, as
        masks of atoms that must become true and atoms that must become
        false; ``(0, 0)`` for other goals."""
        if not _conjunctive(goal):
            return 0, 0
        relaxed = self._relaxation()
        n = len(self.atoms)
        pos = neg = 0
        until = time.monotonic() + LANDMARK_SECONDS
        for f in relaxed.landmarks(self.init, relaxed.goal(goal), until):
            if f < n:
                pos |= 1 << f
            else:
                neg |= 1 << (f - n)
        return pos, neg

    def _relaxation(self) -> _Relaxation:
        if self._relaxed is None:
            self._relaxed = _Relaxation(self.ops, len(self.atoms))
        return self._relaxed

    def _helpful(self, goal: Compiled, before: dict[int, int]):
        """``state -> (atoms worth adding, atoms worth deleting)``: the goal
        atoms due next (false, everything ordered before them true) and the
        positive preconditions of the actions adding them; the true atoms a
        negative goal literal wants false."""
        if not _conjunctive(goal):
            return lambda s: (0, 0)
        pos, neg = goal
        support: dict[int, int] = {}
        for op in self.ops:
            hit = op.add & pos
            if hit and _conjunctive(op.pre):
                while hit:
                    low = hit & -hit
                    hit ^= low
                    support[low] = support.get(low, 0) | op.pre[0]
        goals = [(1 << i, before.get(i, 0)) for i in set_bits(pos)]

        def helpful(s: int) -> tuple[int, int]:
            add = 0
            for b, due in goals:
                if not s & b and not due & ~s:
                    add |= b | support.get(b, 0)
            add &= ~s
            return add, (0 if pos & ~s else neg & s)

        return helpful


def _transitive(orders: dict[int, int]) -> dict[int, int]:
    """``orders`` (bit -> mask of the bits due before it) closed under
    transitivity (on a cycle an atom ends up due before itself)."""
    out = dict(orders)
    changed = True
    while changed:
        changed = False
        for i, m in out.items():
            grown = m
            for j in set_bits(m):
                grown |= out.get(j, 0)
            if grown != m:
                out[i], changed = grown, True
    return out


class _GoalCount:
    """The planner's heuristic: unsatisfied literals of a conjunctive goal,
    plus two for each goal atom achieved too early — true while an atom due
    before it, directly or through others (``orders``: bit -> mask of the
    atoms due before it), is false: a tower built on a wrong base costs for
    every block, not just the lowest — negative literals counted as
    unsatisfied until every positive one holds; 0/1 for other formulas.

    The too-early part is kept per state and updated from the parent's over
    the bits an action changes (:meth:`early_after`), so a child costs a few
    mask operations however many orders the goal has."""

    def __init__(self, goal: Compiled, orders: dict[int, int]) -> None:
        self.goal = goal
        self.conjunctive = _conjunctive(goal)
        self.entries: list[tuple[int, int]] = []
        self.touching: dict[int, list[int]] = {}  # bit -> entries it takes part in
        self.relevant = 0
        if self.conjunctive:
            pos, _ = goal
            orders = _transitive(orders)
            for i, m in orders.items():
                if pos >> i & 1:
                    k = len(self.entries)
                    self.entries.append((1 << i, m))
                    for j in {i, *set_bits(m)}:
                        self.touching.setdefault(j, []).append(k)
                    self.relevant |= 1 << i | m

    def early(self, s: int) -> int:
        return sum(2 for b, m in self.entries if s & b and m & ~s)

    def early_after(self, s: int, early_s: int, t: int) -> int:
        """``early(t)`` for a successor ``t`` of ``s`` (``early_s = early(s)``)."""
        changed = (s ^ t) & self.relevant
        if not changed:
            return early_s
        affected = {k for i in set_bits(changed) for k in self.touching.get(i, ())}
        for k in affected:
            b, m = self.entries[k]
            early_s += (2 if t & b and m & ~t else 0) - (2 if s & b and m & ~s else 0)
        return early_s

    def __call__(self, s: int, early: int) -> int:
        if not self.conjunctive:
            return 0 if _test(self.goal, s) else 1
        pos, neg = self.goal
        open_pos = (pos & ~s).bit_count()
        # negative literals are neutral until every positive one holds
        return early + open_pos + ((neg.bit_count()) if open_pos else (neg & s).bit_count())
