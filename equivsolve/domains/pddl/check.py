"""Deciding whether two PDDL problems under one domain are equivalent.

Two problems are equivalent when some bijection of their objects (types kept,
domain constants fixed) maps the initial state of one onto the other's and
the goals then denote the same set of reachable goal states. Stages, cheapest
first; each names itself in ``method``:

1. ``structural`` — the initial states (objects, facts, numeric values) are
   matched by the graph isomorphism search (:mod:`.graph`); no match proves
   the problems different. A match of initial states *and* goal formulas
   proves them equivalent, for any domain.
2. ``closure`` — goals that ground to sets of literals are compared by their
   closures (:mod:`.closure`: static facts, reachability, proved mutex groups,
   one-step regression), searched up to the symmetries of the initial state;
   a match is a proof.
3. ``reachability`` — when the reachable state space has at most
   ``MAX_STATES`` states it is enumerated and the goal state sets compared
   exactly (any goal formula); a difference comes with a reachable state
   satisfying one goal and not the other, and the plan reaching it.
4. ``search`` — otherwise a planner looks for such a state; found, the
   problems differ under the initial-state mapping tried, a proof when the
   initial state has no symmetry (``certified`` false otherwise).

What cannot be settled in the budget is ``unknown`` with the reason. Options:
``domain`` (the domain text; without it only stage 1 runs),
``placeholder`` (Planetarium's placeholder reading: the goals may be matched
by a different object bijection than the initial states) and ``effort``
(seconds one comparison may spend, ``EFFORT_SECONDS`` unless given; the
call's ``timeout`` still applies when it is shorter).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...budget import Budget
from ...errors import BudgetExceeded, IllFormedError
from ...graph import refine
from ...graph.iso import IsoStatus
from ...result import CheckResult, Verdict
from .. import flag, register, seconds
from .ast import Domain, Problem
from .closure import Knowledge, Literals
from .graph import Drawing, match
from .ground import Formula, Task, ground, ground_formula, holds, literals, negate
from .parse import extract, parse_domain, parse_problem
from .search import Space, set_bits
from .validate import validate

#: reachable state spaces up to this size are enumerated (stage 3)
MAX_STATES = 20_000
#: states a single planner query may visit (stage 4)
PLAN_STATES = 500_000
#: states the first, quick planner queries may visit (before enumerating)
QUICK_STATES = 3_000
#: search nodes spent proving that no symmetry saves a witness state
EMBED_NODES = 20_000
#: goal state sets drawn to search the initial state's symmetries: at most
#: this many (state, true fluent) pairs
MAX_STATE_SET_FACTS = 200_000
#: wall-clock seconds all planner queries of one comparison may take together
#: (so that a pair the planner cannot settle is ``unknown`` in a few seconds)
SEARCH_SECONDS = 3.8
#: wall-clock seconds one comparison may take (option ``effort``): past it the
#: verdict is ``unknown``, so that no pair holds a batch up for long
EFFORT_SECONDS = 4.5
#: distinguishing literals tried per side in stage 4
PLAN_TRIES = 4


@dataclass(frozen=True, slots=True)
class Parsed:
    """A problem with the domain it was validated against (None when no domain
    was given)."""

    problem: Problem
    domain: Domain | None


@lru_cache(maxsize=64)
def _domain(text: str) -> Domain:
    d = parse_domain(extract(text, "domain"))
    validate(d)
    return d


def _fact_text(atom: tuple) -> str:
    return f"({' '.join(atom)})"


class PDDLDomain:
    kind = "pddl"
    options = {"domain": str, "placeholder": flag, "effort": seconds}

    def parse(self, text: str, **options: Any) -> Parsed:
        problem = parse_problem(extract(text, "problem"))
        domain_text = options.get("domain")
        if domain_text is None:
            return Parsed(problem, None)
        try:
            domain = _domain(domain_text)
        except IllFormedError as exc:
            raise IllFormedError(f"in the domain: {exc}") from None
        validate(domain, problem)
        return Parsed(problem, domain)

    def signature(self, item: Parsed, **options: Any) -> Any:
        """Object types and initial facts per predicate, counted: equal for
        equivalent problems whatever their goals say."""
        p = item.problem
        types = sorted(
            (str(t), sum(1 for _, u in p.objects if u == t)) for t in {t for _, t in p.objects}
        )
        preds = sorted({a.predicate for a in p.init})
        counts = [(q, sum(1 for a in p.init if a.predicate == q)) for q in preds]
        return (tuple(types), tuple(counts), len(p.init_numeric))

    def render(self, item: Parsed) -> str:
        p = item.problem
        objects = " ".join(f"{o} - {t}" for o, t in sorted(p.objects))
        init = " ".join(sorted(_fact_text((a.predicate, *a.args)) for a in p.init))
        nums = " ".join(
            sorted(f"(= ({f} {' '.join(args)}) {v})" for (f, args), v in p.init_numeric)
        )
        return f"objects: {objects}\ninit: {init} {nums}".rstrip() + f"\ngoal: {p.goal!r}"

    def check(self, left: Parsed, right: Parsed, *, budget: Budget, **options: Any) -> CheckResult:
        effort = options.get("effort", EFFORT_SECONDS)
        cap = time.monotonic() + effort
        inner = Budget(cap if budget.deadline is None else min(cap, budget.deadline))
        comparison = _Comparison(left, right, inner, bool(options.get("placeholder")))
        try:
            return comparison.run()
        except BudgetExceeded:
            if budget.expired():
                raise
            return CheckResult(
                Verdict.UNKNOWN,
                method=comparison.stage,
                reason=f"undecided: the effort limit of {effort:g} s (option effort=) ran "
                f"out in the {comparison.stage} stage",
            )


# ---- the comparison ---------------------------------------------------------------------


def _objects(item: Parsed) -> tuple[list[str], dict[str, Any], set[str]]:
    """Objects (problem objects, then the domain constants and any other name
    the problem mentions), their types, and the ones fixed by name."""
    p = item.problem
    types: dict[str, Any] = dict(p.objects)
    fixed: set[str] = set()
    if item.domain is not None:
        for c, t in item.domain.constants:
            types.setdefault(c, t)
            fixed.add(c)
    mentioned = {x for a in p.init for x in a.args} | {
        x for (_, args), _ in p.init_numeric for x in args
    }
    for x in sorted(mentioned - types.keys()):
        types[x] = "object"
        fixed.add(x)
    return list(types), types, fixed


class _Comparison:
    def __init__(self, left: Parsed, right: Parsed, budget: Budget, placeholder: bool) -> None:
        self.left, self.right = left, right
        self.budget = budget
        self.placeholder = placeholder
        self.check = budget.check
        #: the instant the planner queries of this comparison stop (stage 4)
        self.search_until: float | None = None
        #: the stage running (the ``method`` of an ``unknown`` when time runs out)
        self.stage = "structural"
        #: whether the last planner queries ran out of states or time
        self.limited = False
        self._space: Space | None = None

    # -- drawings
    def drawing(self, item: Parsed, init: bool = True, extra_names=()) -> Drawing:
        objects, types, fixed = _objects(item)
        for x in extra_names:
            if x not in types:
                objects.append(x)
                types[x] = "object"
                fixed.add(x)
        d = Drawing(objects, lambda o: ("object", str(types[o]), o if o in fixed else None))
        if init:
            for a in item.problem.init:
                d.fact(("init", a.predicate), a.args)
            for (f, args), v in item.problem.init_numeric:
                d.fact(("=", f, v), args)
        return d

    def match(self, a: Drawing, b: Drawing):
        """:func:`.graph.match` under this comparison's budget; running out of
        time raises, so that the effort limit is reported as such."""
        res, sigma = match(a, b, self.budget)
        if res.status is IsoStatus.UNKNOWN and self.budget.expired():
            raise BudgetExceeded("timeout")
        return res, sigma

    def run(self) -> CheckResult:
        lt, r = self.left, self.right
        names_l, names_r = _goal_names(lt.problem), _goal_names(r.problem)
        dl, dr = self.drawing(lt, extra_names=names_l), self.drawing(r, extra_names=names_r)
        res, sigma = self.match(dl, dr)
        if res.status is IsoStatus.NOT_ISOMORPHIC:
            return CheckResult(
                Verdict.NOT_EQUIVALENT,
                True,
                "structural",
                reason="the initial states differ: " + _init_gap(lt.problem, r.problem),
            )
        if res.status is IsoStatus.UNKNOWN:
            return CheckResult(Verdict.UNKNOWN, method="structural", reason=res.reason or "timeout")
        if _same_init(lt.problem, r.problem):
            # the names already match: the goals are most likely meant that way
            sigma = {o: o for o in sigma}
        if _metric(lt.problem) != _metric(r.problem):
            return CheckResult(
                Verdict.NOT_EQUIVALENT, True, "structural", reason="the :metric sections differ"
            )
        gl = self.drawing(lt, init=not self.placeholder, extra_names=names_l)
        gr = self.drawing(r, init=not self.placeholder, extra_names=names_r)
        gl.formula(lt.problem.goal)
        gr.formula(r.problem.goal)
        res2, tau = self.match(gl, gr)
        if res2.status is IsoStatus.ISOMORPHIC:
            return self.equivalent("structural", tau if not self.placeholder else sigma, tau)
        domain = lt.domain or r.domain
        if domain is None:
            return CheckResult(
                Verdict.UNKNOWN,
                method="structural",
                reason="no domain given: the goals differ in form, and comparing what they "
                "mean needs the domain (option domain=)",
            )
        self.check()
        self.sigma = sigma
        self.stage = "closure"
        self.t2 = t2 = ground(domain, r.problem, check=self.check)
        self.kb2 = Knowledge(t2)
        # sigma maps the left initial state onto the right one, so the left
        # goal grounds in the right task with its objects renamed by sigma
        self.g1 = ground_formula(lt.problem.goal, dict(sigma), t2.universe, t2.value)
        self.g2 = t2.goal()
        if self.placeholder:
            self.t1 = ground(domain, lt.problem, check=self.check)
            return self.placeholder_goals(self.t1.goal(), self.g2)
        return self.goals(self.g1, self.g2)

    def space(self) -> Space:
        """The right task's state space, compiled once."""
        if self._space is None:
            self._space = Space(self.t2, self.check)
        return self._space

    def equivalent(
        self, method: str, mapping: dict, goal_mapping: dict | None = None
    ) -> CheckResult:
        cert: dict[str, Any] = {"mapping": dict(sorted(mapping.items()))}
        if self.placeholder and goal_mapping is not None:
            cert["goal_mapping"] = dict(sorted(goal_mapping.items()))
        return CheckResult(Verdict.EQUIVALENT, True, method, certificate=cert)

    # -- stage 2..4, one mapping of the initial states
    def goals(self, g1: Formula, g2: Formula) -> CheckResult:
        """``g1`` (the left goal renamed onto the right problem's objects by
        ``self.sigma``) against ``g2``, in the right problem's task."""
        kb = self.kb2
        l1, l2 = literals(g1), literals(g2)
        if l1 is not None and l2 is not None:
            k1, k2 = kb.close(l1, self.check), kb.close(l2, self.check)
            if k1 is None and k2 is None:
                return CheckResult(
                    Verdict.EQUIVALENT,
                    True,
                    "closure",
                    reason="neither goal holds in any reachable state",
                    certificate={"mapping": dict(sorted(self.sigma.items()))},
                )
            if k1 is not None and k2 is not None:
                found = self.closure_match(k1, k2)
                if found is not None:
                    return found
                k1 = kb.strengthen(k1, _differences(k2, k1), self.check)
                k2 = kb.strengthen(k2, _differences(k1 or {}, k2), self.check)
                if k1 is not None and k2 is not None:
                    found = self.closure_match(k1, k2)
                    if found is not None:
                        return found
        self.stage = "search"
        space = self.space()
        self.search_until = time.monotonic() + SEARCH_SECONDS
        quick = self.search(space, g1, g2, l1, l2, QUICK_STATES)
        if quick.verdict is Verdict.NOT_EQUIVALENT and quick.certified:
            return quick
        self.stage = "reachability"
        states = space.enumerate(MAX_STATES, self.check)
        if states is not None:
            return self.exact(space, states, g1, g2)
        if quick.verdict is Verdict.NOT_EQUIVALENT:
            return quick
        self.stage = "search"
        return self.search(space, g1, g2, l1, l2, PLAN_STATES)

    def closure_match(self, k1: Literals, k2: Literals) -> CheckResult | None:
        d1 = self.drawing(self.right)
        d2 = self.drawing(self.right)
        for d, k in ((d1, k1), (d2, k2)):
            for atom, v in k.items():
                d.fact(("goal", atom[0], v), atom[1:])
        res, alpha = self.match(d1, d2)
        if res.status is not IsoStatus.ISOMORPHIC:
            return None
        return self.equivalent("closure", {o: alpha[s] for o, s in self.sigma.items()})

    def exact(self, space: Space, states: list[int], g1: Formula, g2: Formula) -> CheckResult:
        c1, c2 = space.condition(g1), space.condition(g2)
        s1 = {s for s in states if space.test(c1, s)}
        s2 = {s for s in states if space.test(c2, s)}
        mapping = dict(sorted(self.sigma.items()))
        if s1 == s2:
            return CheckResult(
                Verdict.EQUIVALENT,
                True,
                "reachability",
                certificate={"mapping": mapping, "states": len(states)},
            )
        e1, e2 = _exact_closure(space, s1), _exact_closure(space, s2)
        if e1 is not None and e2 is not None:
            d1, d2 = self.drawing(self.right), self.drawing(self.right)
            for d, k in ((d1, e1), (d2, e2)):
                for atom, v in k.items():
                    d.fact(("goal", atom[0], v), atom[1:])
            res, alpha = self.match(d1, d2)
            if res.status is IsoStatus.ISOMORPHIC:
                if {_move(space, s, alpha) for s in s1} != s2:
                    status, alpha = self.state_set_match(space, s1, s2)
                    if status is IsoStatus.UNKNOWN:
                        return CheckResult(
                            Verdict.UNKNOWN,
                            method="reachability",
                            reason="the goal state sets differ under the mapping tried; "
                            "no other symmetry of the initial state searched: "
                            + (alpha or "timeout"),
                        )
                if alpha is not None:
                    return self.equivalent(
                        "reachability", {o: alpha[s] for o, s in self.sigma.items()}
                    )
            if res.status is IsoStatus.UNKNOWN:
                return CheckResult(Verdict.UNKNOWN, method="reachability", reason="timeout")
        elif (e1 is None) != (e2 is None):
            pass  # one goal is unreachable, the other not: they differ under every mapping
        witness = next(iter(s1 - s2), None)
        side = "left"
        if witness is None:
            witness, side = next(iter(s2 - s1)), "right"
        return self.different("reachability", True, space, witness, side, states=len(states))

    def state_set_match(self, space: Space, s1: set[int], s2: set[int]) -> tuple[IsoStatus, Any]:
        """Whether a symmetry of the initial state carries the state set
        ``s1`` onto ``s2``: the status, and the symmetry when there is one
        (or, when undecided, why).

        Each set is drawn over the initial state: a vertex per state, joined
        to a vertex per fluent fact true in it. An isomorphism of the two
        drawings fixes the initial facts, so its object part is such a
        symmetry, and it carries every state onto a state of the other set;
        conversely such a symmetry extends to an isomorphism."""
        if len(s1) != len(s2):
            return IsoStatus.NOT_ISOMORPHIC, None
        if sum(s.bit_count() for s in s1) > MAX_STATE_SET_FACTS:
            return IsoStatus.UNKNOWN, "the goal state sets are too large to draw"
        drawings = []
        for states in (s1, s2):
            d = self.drawing(self.right)
            vertex: dict[int, int] = {}
            for s in states:
                self.check()
                v = d.vertex(("state",))
                for i in set_bits(s):
                    if i not in vertex:
                        atom = space.atoms[i]
                        vertex[i] = d.fact(("fluent", atom[0]), atom[1:])
                    d.edges.append((v, vertex[i], "holds"))
            drawings.append(d)
        res, alpha = self.match(drawings[0], drawings[1])
        return res.status, alpha

    def different(
        self, method: str, certified: bool, space: Space, state: int, side: str, plan=None, **extra
    ) -> CheckResult:
        if plan is None:
            _, plan = space.plan(space.condition(_state_formula(space, state)), self.check)
        cert = {
            "mapping": dict(sorted(self.sigma.items())),
            "state": [_fact_text(a) for a in sorted(space.facts(state) + sorted(self.t2.static))],
            "holds_in": side,
            "plan": [str(a) for a in plan or ()],
            **extra,
        }
        reason = (
            f"a reachable state satisfies the {side} goal and not the "
            f"{'right' if side == 'left' else 'left'} one"
        )
        if not certified:
            reason += " under this mapping of the initial states (not proved for the others)"
        return CheckResult(
            Verdict.NOT_EQUIVALENT, certified, method, reason=reason, certificate=cert
        )

    def search(self, space: Space, g1: Formula, g2: Formula, l1, l2, limit: int) -> CheckResult:
        """Look for a reachable state satisfying one goal and not the other."""
        if l1 is not None and l2 is not None:
            tries = _queries(g1, l1, self.kb2.close(l1), g2, l2, self.kb2.close(l2))
        else:
            tries = [
                (g1, ("and", (g1, negate(g2))), None, "left"),
                (g2, ("and", (g2, negate(g1))), None, "right"),
            ]
        for q, end_state, facts, plan in self.witnesses(space, tries, limit):
            goal, _, _, side = tries[q]
            other = g2 if side == "left" else g1
            if not holds(goal, facts) or holds(other, facts):  # pragma: no cover
                continue
            proof = (
                other is False  # no state satisfies the other goal, under any mapping
                or self.nested(side, l1, l2)
                or self.rigid()
                or self.unembeddable(facts, literals(other))
            )
            return self.different("search", proof, space, end_state, side, plan)
        why = "the state space is too large to enumerate"
        return CheckResult(
            Verdict.UNKNOWN,
            method="search",
            reason=f"undecided: the goals' closures differ, {why}, and no reachable state "
            "separating them was found"
            + (
                f" within {limit} states per query, {SEARCH_SECONDS:g} s in all"
                if self.limited
                else ""
            ),
        )

    def witnesses(self, space: Space, tries: list, limit: int) -> Iterator[tuple]:
        """Run the planner queries ``tries`` (``(goal, target, literals,
        side)``) taking turns — each its searches' turns — so that one that
        needs few states is not starved by one that would need many, until
        they end or the planner's time (``search_until``) is up. Yields
        ``(query, state, facts, plan)`` for each plan found, replayed to a
        state satisfying its target; ``self.limited`` tells afterwards whether
        some query ran out of states or time."""
        targets = [space.condition(target) for _, target, _, _ in tries]
        running = {
            q: space.planner(
                targets[q],
                self.check,
                limit,
                self.kb2.orders([a for a, v in lits.items() if v]) if lits else None,
            )
            for q, (_, _, lits, _) in enumerate(tries)
        }
        self.limited = False
        while running:
            for q in list(running):
                result = next(running[q])
                if result is None:
                    if time.monotonic() > self.search_until:
                        self.limited = True
                        return
                    continue
                del running[q]
                status, plan = result
                self.limited |= status == "limit"
                if status != "found":
                    continue
                end_state = space.replay(plan, targets[q])
                if end_state is None:  # pragma: no cover - replay is the re-check
                    continue
                yield q, end_state, set(space.facts(end_state)), plan

    def nested(self, side: str, l1: Literals | None, l2: Literals | None) -> bool:
        """Whether the other goal's states are proved a subset of this side's:
        then a state of this side's goal outside the other's makes the sets
        differ in size, and no bijection of states maps one onto the other."""
        if l1 is None or l2 is None:
            return False
        mine, other = (l1, l2) if side == "left" else (l2, l1)
        closed = self.kb2.close(other)
        return closed is None or all(closed.get(a) == v for a, v in mine.items())

    def unembeddable(self, state: set, lits: Literals | None, free: bool = False) -> bool:
        """Proved that no symmetry of the right initial state moves ``lits``
        into ``state`` — then a state satisfying one goal and not the other
        is a witness for every mapping of the initial states, not just the one
        tried (``goal_state_sets equal under alpha`` would need ``alpha`` to
        map it into the other goal). With ``free`` (placeholder mode), no
        mapping at all that keeps the static facts does. A backtracking search
        over the objects the literals mention, each kept in its refined colour
        class, every literal and initial (static) fact checked as soon as its
        objects are placed."""
        if not lits:
            return False
        d = self.drawing(self.right, init=not free)
        if free:
            for atom in sorted(self.t2.static):
                d.fact(("static", atom[0]), atom[1:])
        colours = refine([d.graph()], budget=self.budget).colours[0]
        colour = {o: colours[i] for i, o in enumerate(d.objects)}
        statics = self.t2.static if free else self.t2.static | self.t2.init
        lit_list = list(lits.items())
        mentioned = {x for atom, _ in lit_list for x in atom[1:]}
        for atom, v in lit_list:
            if not atom[1:] and (atom in state) != v:
                return True  # no symmetry moves a nullary atom
        if not mentioned:
            return False  # nothing to move: the literals are false in the state
        # candidates: same refined colour, and at least as many true facts of
        # each (predicate, position) as the positive literals give the object
        need: dict[str, Counter] = {x: Counter() for x in mentioned}
        for atom, v in lit_list:
            if v:
                for pos, x in enumerate(atom[1:]):
                    need[x][atom[0], pos] += 1
        have: dict[str, Counter] = {}
        for atom in state:
            for pos, y in enumerate(atom[1:]):
                have.setdefault(y, Counter())[atom[0], pos] += 1
        empty: Counter = Counter()
        domain = {
            x: [
                y
                for y in d.objects
                if colour[y] == colour[x]
                and all(have.get(y, empty)[k] >= n for k, n in need[x].items())
            ]
            for x in mentioned
        }
        if not _matchable(domain):
            return True  # the counts alone rule every symmetry out
        objects = sorted(mentioned, key=lambda x: (len(domain[x]), x))
        place = {o: i for i, o in enumerate(objects)}
        due: list[list] = [[] for _ in objects]  # checks ready once objects[i] is placed
        for atom, v in lit_list:
            if atom[1:]:
                due[max(place[x] for x in atom[1:])].append((atom, v, state))
        for atom in statics:
            if atom[1:] and all(x in place for x in atom[1:]):
                due[max(place[x] for x in atom[1:])].append((atom, True, statics))
        beta: dict[str, str] = {}
        used: set[str] = set()
        nodes = [0]

        def ok(i: int) -> bool:
            for atom, v, world in due[i]:
                image = (atom[0], *(beta[x] for x in atom[1:]))
                if (image in world) != v:
                    return False
            return True

        def extend(i: int) -> bool:  # True: some beta found (or gave up)
            if i == len(objects):
                return True
            nodes[0] += 1
            if nodes[0] > EMBED_NODES:
                return True
            if nodes[0] % 512 == 0:
                self.check()
            for y in domain[objects[i]]:
                if y in used:
                    continue
                beta[objects[i]] = y
                used.add(y)
                if ok(i) and extend(i + 1):
                    return True
                used.discard(y)
            beta.pop(objects[i], None)
            return False

        return not extend(0)

    def rigid(self) -> bool:
        """Whether the right initial state has no symmetry (refinement separates
        every object), so one mapping of the initial states is the only one."""
        d = self.drawing(self.right)
        colours = refine([d.graph()], budget=self.budget).colours[0]
        objects = colours[: len(d.objects)]
        return len(set(objects)) == len(objects)

    # -- placeholder mode
    def placeholder_goals(self, g1: Formula, g2: Formula) -> CheckResult:
        kb1 = Knowledge(self.t1)
        l1, l2 = literals(g1), literals(g2)
        if l1 is None or l2 is None:
            return CheckResult(
                Verdict.UNKNOWN,
                method="closure",
                reason="unsupported: placeholder mode compares goals that are sets of literals",
            )
        k1, k2 = kb1.close(l1, self.check), self.kb2.close(l2, self.check)
        if k1 is None and k2 is None:
            return self.equivalent("closure", self.sigma, {})
        if k1 is not None and k2 is not None:
            found = self.goal_match(k1, k2, "closure")
            if found is not None:
                return found
        # exact goal closures, when both state spaces are small enough to list
        exact = []
        for task, g in ((self.t1, g1), (self.t2, g2)):
            space = Space(task, self.check) if task is self.t1 else self.space()
            states = space.enumerate(MAX_STATES, self.check)
            if states is None:
                return self.placeholder_search()
            c = space.condition(g)
            exact.append(_exact_closure(space, {s for s in states if space.test(c, s)}))
        e1, e2 = exact
        if e1 is None and e2 is None:
            return self.equivalent("reachability", self.sigma, {})
        if e1 is not None and e2 is not None:
            found = self.goal_match(e1, e2, "reachability")
            if found is not None:
                return found
            reason = "no object mapping carries one goal's reachable states onto the other's"
        else:
            reason = "one goal holds in no reachable state, the other does"
        return CheckResult(Verdict.NOT_EQUIVALENT, True, "reachability", reason=reason)

    def placeholder_search(self) -> CheckResult:
        """Placeholder mode, state space too large to list: a reachable state
        of one goal into which no mapping keeping the static facts moves the
        other goal's closure proves the goal state sets differ under every
        mapping (each state of the other goal satisfies its closure); so does
        one outside the other goal's states when those are proved a subset of
        this goal's (the sets differ in size, and a mapping of the objects is
        one-to-one on states). Both goals are taken in the right task, the left
        one through the mapping of the initial states."""
        self.stage = "search"
        g1, g2 = self.g1, self.g2
        l1, l2 = literals(g1), literals(g2)
        k1, k2 = self.kb2.close(l1, self.check), self.kb2.close(l2, self.check)
        space = self.space()
        self.search_until = time.monotonic() + SEARCH_SECONDS
        closure = {"left": k2, "right": k1}  # the other goal's, per side
        tries = _queries(g1, l1, k1, g2, l2, k2)
        for q, end_state, facts, plan in self.witnesses(space, tries, PLAN_STATES):
            side = tries[q][3]
            other = closure[side]
            if (
                other is None
                # one set inside the other and not equal: their sizes differ
                or self.nested(side, l1, l2)
                or self.unembeddable(facts, other, free=True)
            ):
                return self.different("search", True, space, end_state, side, plan)
        return CheckResult(
            Verdict.UNKNOWN,
            method="search",
            reason="undecided: the goals' closures differ under every object mapping, the "
            "state space is too large to enumerate, and no reachable goal state that the "
            "other goal's closure fits under no mapping was found",
        )

    def goal_match(self, k1: Literals, k2: Literals, method: str) -> CheckResult | None:
        """Placeholder mode: a mapping of the objects, free of the initial
        states but keeping static facts, carrying one goal's literals onto
        the other's."""

        def goal_drawing(item: Parsed, task: Task, k: Literals) -> Drawing:
            d = self.drawing(item, init=False)
            for atom in sorted(task.static):
                d.fact(("static", atom[0]), atom[1:])
            for atom, v in k.items():
                d.fact(("goal", atom[0], v), atom[1:])
            return d

        res, tau = self.match(
            goal_drawing(self.left, self.t1, k1), goal_drawing(self.right, self.t2, k2)
        )
        if res.status is IsoStatus.ISOMORPHIC:
            return self.equivalent(method, self.sigma, tau)
        return None


# ---- helpers --------------------------------------------------------------------------------


def _goal_names(p: Problem) -> set[str]:
    """Names a goal uses that are not variables (objects or constants)."""
    from .validate import _atoms

    out = set()
    if p.goal is None:
        return out
    for atom, bound in _atoms(p.goal, ()):
        names = {v for v, _ in bound}
        out |= {x for x in atom.args if x not in names and not x.startswith("?")}
    return out


def _same_init(a: Problem, b: Problem) -> bool:
    """Whether the identity on names maps one initial state onto the other."""
    return (
        dict(a.objects) == dict(b.objects)
        and {(x.predicate, *x.args) for x in a.init} == {(x.predicate, *x.args) for x in b.init}
        and dict(a.init_numeric) == dict(b.init_numeric)
    )


def _metric(p: Problem):
    if p.metric is None:
        return None
    return (p.metric.direction, p.metric.function[0], len(p.metric.function[1]))


def _init_gap(a: Problem, b: Problem) -> str:
    from collections import Counter

    ta, tb = Counter(str(t) for _, t in a.objects), Counter(str(t) for _, t in b.objects)
    if ta != tb:
        return f"objects per type {dict(sorted(ta.items()))} vs {dict(sorted(tb.items()))}"
    pa, pb = Counter(x.predicate for x in a.init), Counter(x.predicate for x in b.init)
    if pa != pb:
        diff = sorted(k for k in pa.keys() | pb.keys() if pa[k] != pb[k])
        return "; ".join(f"{k}: {pa[k]} facts vs {pb[k]}" for k in diff)
    if sorted(v for _, v in a.init_numeric) != sorted(v for _, v in b.init_numeric):
        return "the numeric values differ"
    return "no bijection of the objects maps one initial state onto the other"


def _matchable(domain: dict[str, list[str]]) -> bool:
    """Whether every key can be given a distinct value from its list (a
    bipartite matching covering the keys, by augmenting paths)."""
    owner: dict[str, str] = {}

    def augment(x: str, seen: set[str]) -> bool:
        for y in domain[x]:
            if y not in seen:
                seen.add(y)
                if y not in owner or augment(owner[y], seen):
                    owner[y] = x
                    return True
        return False

    return all(augment(x, set()) for x in sorted(domain, key=lambda x: len(domain[x])))


def _queries(g1: Formula, l1: Literals, k1, g2: Formula, l2: Literals, k2) -> list:
    """Planner queries ``(goal, target, literals, side)`` for conjunctive goals
    with closures ``k1``, ``k2`` (None: unreachable): a state of one goal that
    falsifies a literal of the other's closure — one query per distinct
    target, at most ``PLAN_TRIES`` per side, positive literals first; the goal
    alone when its own closure already falsifies the literal, or when the
    other goal is unreachable."""
    if (k1 is None) != (k2 is None):
        g, lits, side = (g1, l1, "left") if k2 is None else (g2, l2, "right")
        return [(g, g, lits, side)]
    tries: list = []
    if k1 is None:
        return tries
    for g, lits, mine, theirs, side in ((g1, l1, k1, k2, "left"), (g2, l2, k2, k1, "right")):
        diff = sorted(_differences(theirs, mine), key=lambda av: (not av[1], av))
        targets = set()
        for a, v in diff:
            target = {**mine, a: not v} if mine.get(a) is None else mine
            key = frozenset(target.items())
            if key not in targets:
                targets.add(key)
                if mine.get(a) is None:
                    tries.append((g, ("and", (g, ("lit", a, not v))), {**lits, a: not v}, side))
                else:  # implied: every state of the goal will do
                    tries.append((g, g, lits, side))
            if len(targets) == PLAN_TRIES:
                break
    return tries


def _differences(want: Literals, have: Literals) -> list:
    return [(a, v) for a, v in want.items() if have.get(a) != v]


def _exact_closure(space: Space, states: set[int]) -> Literals | None:
    """The literals true in every state of ``states`` (None when empty)."""
    if not states:
        return None
    every, some = -1, 0
    for s in states:
        every &= s
        some |= s
    out: Literals = {}
    for i, atom in enumerate(space.atoms):
        if every >> i & 1:
            out[atom] = True
        elif not some >> i & 1:
            out[atom] = False
    return out


def _move(space: Space, state: int, alpha: dict[str, str]) -> int:
    return space.state((a[0], *(alpha.get(x, x) for x in a[1:])) for a in space.facts(state))


def _state_formula(space: Space, state: int) -> Formula:
    true = set(space.facts(state))
    return ("and", tuple(("lit", a, a in true) for a in space.atoms)) if space.atoms else True


PDDL = register(PDDLDomain())
