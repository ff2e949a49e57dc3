"""Grounding: the flat-conjunction fast path gives exactly what the general
tree walk gives, on every schema of the test domains that it accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from equivsolve.domains.pddl.ground import (
    Universe,
    _action_bindings,
    _ground_effects,
    _strips_grounder,
    ground,
    ground_formula,
)
from equivsolve.domains.pddl.parse import extract, parse_domain, parse_problem

DATA = Path(__file__).parent / "data"


def _one_problem_per_domain() -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    with open(DATA / "hard_pairs.jsonl") as f:
        for line in f:
            row = json.loads(line)
            seen.setdefault(row["domain"], row["left"])
    return list(seen.items())


def _grounded(domain_text: str, problem_text: str):
    """The domain, its task for the problem, the problem's objects, and its
    static initial facts."""
    domain = parse_domain(extract(domain_text))
    problem = parse_problem(extract(problem_text))
    task = ground(domain, problem)
    init = frozenset((a.predicate, *a.args) for a in problem.init)
    static = frozenset(a for a in init if a[0] in task.statics)
    return domain, task, Universe(domain, problem), static


@pytest.mark.parametrize("domain_text,problem_text", _one_problem_per_domain())
def test_fast_path_matches_the_tree_walk(domain_text: str, problem_text: str) -> None:
    domain, task, universe, static = _grounded(domain_text, problem_text)

    def value(atom):
        return (atom in static) if atom[0] in task.statics else None

    compared = 0
    for schema in domain.actions:
        fast = _strips_grounder(schema, value)
        if fast is None:
            continue
        for b in _action_bindings(schema, universe, static, set(task.statics)):
            pre = ground_formula(schema.precondition, b, universe, value)
            got_pre, got_effects = fast(b)
            assert got_pre == pre
            if pre is not False:
                assert got_effects == _ground_effects(schema.effect, b, universe, value)
            compared += 1
    assert compared > 0


def test_schemas_outside_the_fast_path_are_refused() -> None:
    domain = parse_domain(
        """(define (domain d) (:requirements :adl)
        (:predicates (p ?x) (q ?x))
        (:action a :parameters (?x) :precondition (or (p ?x) (q ?x)) :effect (q ?x))
        (:action b :parameters (?x) :precondition (p ?x)
          :effect (forall (?y) (when (p ?y) (q ?y))))
        (:action c :parameters (?x) :precondition (and (p ?x) (not (= ?x ?x)))
          :effect (and (q ?x) (not (p ?x)))))"""
    )
    got = [_strips_grounder(a, lambda atom: None) is not None for a in domain.actions]
    assert got == [False, False, True]


@pytest.mark.parametrize("domain_text,problem_text", _one_problem_per_domain())
def test_joined_bindings_are_the_filtered_product(domain_text: str, problem_text: str) -> None:
    """The bindings found through the static-fact joins are exactly the typed
    parameter tuples whose static preconditions hold."""
    from itertools import product

    from equivsolve.domains.pddl.ast import Atom, Equals
    from equivsolve.domains.pddl.ground import _static_constraints

    domain, task, universe, static = _grounded(domain_text, problem_text)
    for schema in domain.actions:
        params = [v for v, _ in schema.params]
        got = {
            tuple(b[v] for v in params)
            for b in _action_bindings(schema, universe, static, set(task.statics))
        }
        constraints = _static_constraints(schema.precondition, set(task.statics))
        want = set()
        for combo in product(*(universe.of(t) for _, t in schema.params)):
            b = dict(zip(params, combo))
            holds = True
            for node, polarity in constraints:
                if isinstance(node, Equals):
                    value = b.get(node.left, node.left) == b.get(node.right, node.right)
                else:
                    assert isinstance(node, Atom)
                    value = (node.predicate, *(b.get(a, a) for a in node.args)) in static
                holds &= value == polarity
            if holds:
                want.add(combo)
        assert got == want, schema.name
