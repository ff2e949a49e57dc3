"""Validation of PDDL problems against their domains, with line and column."""

from __future__ import annotations

import json

import pytest

from equivsolve.domains.pddl.ast import Atom, Problem
from equivsolve.domains.pddl.parse import parse_domain, parse_problem
from equivsolve.domains.pddl.validate import validate
from equivsolve.errors import IllFormedError
from tests.conftest import CORPUS_DIR, requires_corpus

PDDL_CORPUS = CORPUS_DIR / "pddl"

DOMAIN = """(define (domain blocks)
  (:requirements :strips :typing)
  (:types block - thing thing table)
  (:constants floor - table)
  (:predicates (on ?x - block ?y - thing) (ontable ?x - block) (clear ?x - thing)
               (handempty) (holding ?x - block) (near ?x - (either block table)))
  (:action pick-up
    :parameters (?x - block)
    :precondition (and (clear ?x) (ontable ?x) (handempty))
    :effect (and (not (ontable ?x)) (not (clear ?x)) (not (handempty)) (holding ?x))))
"""

PROBLEM = """(define (problem p1)
  (:domain blocks)
  (:requirements :strips)
  (:objects a b - block t - thing)
  (:init (handempty) (clear a) (on a b) (ontable b) (clear t) (near floor))
  (:goal (and (on b a) (exists (?z - block) (on ?z t)) (forall (?w - block) (clear ?w)))))
"""


def _check(problem: str, domain: str = DOMAIN):
    validate(parse_domain(domain), parse_problem(problem))


def test_valid_problem_passes():
    _check(PROBLEM)
    validate(parse_domain(DOMAIN))


def test_positions_are_recorded_but_not_compared():
    p = parse_problem(PROBLEM)
    assert dict(p.positions)["t"] == (4, 25)
    first = p.init[0]
    assert (first.line, first.column) == (5, 10)
    assert first == Atom("handempty") and hash(first) == hash(Atom("handempty"))
    assert p == Problem(
        p.name, p.domain_name, p.requirements, p.objects, p.init, p.init_numeric, p.goal
    )


def _replace(old: str, new: str, text: str = PROBLEM) -> str:
    assert old in text
    return text.replace(old, new, 1)


ERRORS = [
    (
        "domain-name",
        _replace("(:domain blocks)", "(:domain blockz)"),
        "problem 'p1' is for domain 'blockz', not 'blocks'",
    ),
    (
        "requirement",
        _replace(":requirements :strips", ":requirements :stirps"),
        "unknown requirement ':stirps' in the problem 'p1' (not in PDDL 3.1)",
    ),
    (
        "object-type",
        _replace("t - thing", "t - thingy"),
        "line 4, column 25: undeclared type 'thingy' of object 't' (declared: block, object, "
        "table, thing)",
    ),
    (
        "predicate",
        _replace("(on a b)", "(onn a b)"),
        "line 5, column 32: undeclared predicate 'onn' (declared: clear, handempty, holding, "
        "near, on, ontable)",
    ),
    (
        "arity",
        _replace("(ontable b)", "(ontable b a)"),
        "line 5, column 41: predicate 'ontable' takes 1 argument(s), given 2",
    ),
    (
        "object",
        _replace("(clear a)", "(clear c)"),
        "line 5, column 22: undeclared object 'c' in argument 1 of 'clear' "
        "(not a problem object or domain constant)",
    ),
    (
        "variable",
        _replace("(on ?z t)", "(on ?v t)"),
        "line 6, column 45: unbound variable '?v' in argument 1 of 'on' "
        "(not a problem object or domain constant)",
    ),
    (
        "type",
        _replace("(ontable b)", "(ontable t)"),
        "line 5, column 41: argument 1 of 'ontable' is 't' of type 'thing', not of type 'block'",
    ),
    (
        "either",
        _replace("(near floor)", "(near t)"),
        "line 5, column 63: argument 1 of 'near' is 't' of type 'thing', "
        "not of type '(either block table)'",
    ),
    (
        "goal-type",
        _replace("(on b a)", "(on floor a)"),
        "line 6, column 15: argument 1 of 'on' is 'floor' of type 'table', not of type 'block'",
    ),
]


@pytest.mark.parametrize("text, message", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_problem_errors(text, message):
    with pytest.raises(IllFormedError) as info:
        _check(text)
    assert str(info.value) == message


DOMAIN_ERRORS = [
    (
        "param-type",
        _replace("(?x - block)\n    :pre", "(?x - blok)\n    :pre", DOMAIN),
        "undeclared type 'blok' of parameter ?x of action 'pick-up' (declared: block, object, "
        "table, thing)",
    ),
    (
        "pre-predicate",
        _replace("(clear ?x) (ontable", "(clean ?x) (ontable", DOMAIN),
        "line 9, column 24: undeclared predicate 'clean' (declared: clear, handempty, holding, "
        "near, on, ontable)",
    ),
    (
        "eff-arity",
        _replace("(holding ?x))))", "(holding))))", DOMAIN),
        "line 10, column 72: predicate 'holding' takes 1 argument(s), given 0",
    ),
    (
        "requirement",
        _replace(":typing", ":types", DOMAIN),
        "unknown requirement ':types' in the domain 'blocks' (not in PDDL 3.1)",
    ),
]


@pytest.mark.parametrize(
    "text, message", [e[1:] for e in DOMAIN_ERRORS], ids=[e[0] for e in DOMAIN_ERRORS]
)
def test_domain_errors(text, message):
    with pytest.raises(IllFormedError) as info:
        validate(parse_domain(text))
    assert str(info.value) == message
    with pytest.raises(IllFormedError):
        _check(PROBLEM, text)


def test_error_carries_line_and_column():
    with pytest.raises(IllFormedError) as info:
        _check(_replace("(on a b)", "(onn a b)"))
    assert (info.value.line, info.value.column) == (5, 32)


@requires_corpus
@pytest.mark.skipif(not PDDL_CORPUS.is_dir(), reason="no pddl corpus")
def test_corpus_problems_validate():
    domains = {
        p.stem: parse_domain(p.read_text()) for p in (PDDL_CORPUS / "domains").glob("*.pddl")
    }
    rows = [json.loads(line) for line in (PDDL_CORPUS / "problems.jsonl").read_text().splitlines()]
    for row in rows:
        validate(domains[row["domain"]], parse_problem(row["problem_pddl"]))
    pairs = [json.loads(line) for line in (PDDL_CORPUS / "pairs.jsonl").read_text().splitlines()]
    for pair in pairs:
        domain = parse_domain(pair["domain"])
        validate(domain, parse_problem(pair["left"]))
        validate(domain, parse_problem(pair["right"]))
    assert len(rows) == 1656 and len(pairs) == 600
