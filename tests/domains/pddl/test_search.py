"""The planner's two searches against exhaustive enumeration: a plan found
replays to a goal state, "none" only when no reachable state is a goal state,
and the landmarks and the FF relaxation never claim more than is true."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from equivsolve.domains.pddl.closure import Knowledge
from equivsolve.domains.pddl.ground import ground
from equivsolve.domains.pddl.parse import parse_domain, parse_problem
from equivsolve.domains.pddl.search import Space, _GoalCount, _Run, _transitive, set_bits
from tests.domains.pddl.test_check import BLOCKS, GRIPPER, LIGHTS, blocks, gripper

ROOMS = """(define (problem l) (:domain lights) (:objects r0 r1 r2 - room la lb lc - lamp)
  (:init (at r0) (door r0 r1) (door r1 r0) (door r1 r2) (door r2 r1)
         (in la r0) (in lb r1) (in lc r2))
  (:goal (on la)))"""


def _spaces() -> list[Space]:
    tower = "(arm-empty) (on-table a) (on b a) (on c b) (clear c) (on-table d) (clear d)"
    problems = [
        (BLOCKS, blocks("a b c d", tower, "(on a b)")),
        (
            GRIPPER,
            gripper(
                ["b1", "b2", "b3"], dict.fromkeys(["b1", "b2", "b3"], "rooma"), "(at b1 roomb)"
            ),
        ),
        (LIGHTS, ROOMS),
    ]
    out = []
    for d, p in problems:
        out.append(Space(ground(parse_domain(d), parse_problem(p))))
    return out


SPACES = _spaces()
STATES = [s.enumerate(100_000, lambda: None) for s in SPACES]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(SPACES) - 1), st.integers(0, 2**32), st.integers(1, 4))
def test_searches_agree_with_enumeration(which, seed, size):
    space, states = SPACES[which], STATES[which]
    assert states is not None
    rng = random.Random(seed)
    atoms = rng.sample(range(len(space.atoms)), min(size, len(space.atoms)))
    pos = sum(1 << i for i in atoms if rng.random() < 0.6)
    neg = sum(1 << i for i in atoms) & ~pos
    goal = (pos, neg)
    reachable = any(space.test(goal, s) for s in states)
    # the goal orders the comparison would pass, so that the goal count's
    # penalties and the landmarks are exercised too
    orders = Knowledge(space.task).orders([space.atoms[i] for i in set_bits(pos)])
    before = space._before(orders)
    h = _GoalCount(goal, before)
    runs = [_Run(10_000_000), _Run(10_000_000)]
    for run in runs:
        run.slice_end = float("inf")  # one search alone: its turn never ends
    searches = {
        "goal count": space._count_search(goal, h, before, lambda: None, runs[0]),
        "FF": space._ff_search(goal, h, lambda: None, runs[1]),
    }
    for name, search in searches.items():
        status, plan = next(search)
        assert status == ("found" if reachable else "none"), name
        if plan is not None:
            assert space.replay(plan, goal) is not None
    status, plan = space.plan(goal, lambda: None)
    assert status == ("found" if reachable else "none")


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(SPACES) - 1), st.integers(0, 2**32))
def test_relaxation_and_landmarks_are_sound(which, seed):
    space, states = SPACES[which], STATES[which]
    rng = random.Random(seed)
    atoms = rng.sample(range(len(space.atoms)), min(3, len(space.atoms)))
    goal = (sum(1 << i for i in atoms[:2]), sum(1 << i for i in atoms[2:]))
    relaxed = space._relaxation()
    start = rng.choice(states)
    goal_states = [s for s in states if space.test(goal, s)]
    if relaxed.evaluate(start, relaxed.goal(goal)) is None:
        # no relaxed plan: no goal state is reachable from start either
        assert not _reachable_from(space, start, goal)
    status, plan = space.plan(goal, lambda: None)
    if status != "found":
        assert not goal_states
        return
    pos, neg = space._landmarks(goal)
    # every landmark holds somewhere on the plan found
    s = seen_true = space.init
    seen_false = ~space.init
    for act in plan:
        s = _step(space, s, act)
        seen_true |= s
        seen_false |= ~s
    assert pos & ~seen_true == 0
    assert neg & ~seen_false == 0


def _step(space: Space, s: int, act) -> int:
    op = next(o for o in space.ops if o.action is act)
    return op.apply(s)


def _reachable_from(space: Space, start: int, goal) -> bool:
    seen, todo = {start}, [start]
    while todo:
        s = todo.pop()
        if space.test(goal, s):
            return True
        for _, t in space.successors(s):
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return False


def test_transitive_orders():
    got = _transitive({1: 0b1, 2: 0b10, 3: 0b100, 5: 0b100000})
    assert got == {1: 0b1, 2: 0b11, 3: 0b111, 5: 0b100000}
    assert set_bits(got[3]) == [0, 1, 2]
