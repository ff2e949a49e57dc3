"""PDDL domains and problems -> AST, extraction from prose, and parse errors."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equivsolve.domains.pddl.ast import (
    Action,
    And,
    Atom,
    Domain,
    Equals,
    Exists,
    Forall,
    Function,
    Imply,
    Increase,
    Metric,
    Not,
    Or,
    Predicate,
    Problem,
    When,
)
from equivsolve.domains.pddl.fastread import Unreadable, read_problem
from equivsolve.domains.pddl.parse import _parse, extract, parse_domain, parse_problem
from equivsolve.errors import ParseError
from tests.conftest import CORPUS_DIR, requires_corpus

PDDL_CORPUS = CORPUS_DIR / "pddl"

BLOCKS = """
(define (domain blocks)
  (:requirements :strips :typing)
  (:types block)
  (:predicates (on ?x - block ?y - block) (ontable ?x - block) (clear ?x - block)
               (handempty) (holding ?x - block))
  (:action pick-up
    :parameters (?x - block)
    :precondition (and (clear ?x) (ontable ?x) (handempty))
    :effect (and (not (ontable ?x)) (not (clear ?x)) (not (handempty)) (holding ?x)))
  (:action put-down
    :parameters (?x - block)
    :precondition (holding ?x)
    :effect (and (not (holding ?x)) (clear ?x) (handempty) (ontable ?x)))
  (:action stack
    :parameters (?x - block ?y - block)
    :precondition (and (holding ?x) (clear ?y))
    :effect (and (not (holding ?x)) (not (clear ?y)) (clear ?x) (handempty) (on ?x ?y)))
  (:action unstack
    :parameters (?x - block ?y - block)
    :precondition (and (on ?x ?y) (clear ?x) (handempty))
    :effect (and (holding ?x) (clear ?y) (not (clear ?x)) (not (handempty)) (not (on ?x ?y)))))
"""

B = (("?x", "block"),)
BB = (("?x", "block"), ("?y", "block"))


def _a(pred, *args):
    return Atom(pred, args)


BLOCKS_AST = Domain(
    name="blocks",
    requirements=(":strips", ":typing"),
    types=(("block", "object"),),
    predicates=(
        Predicate("on", BB),
        Predicate("ontable", B),
        Predicate("clear", B),
        Predicate("handempty"),
        Predicate("holding", B),
    ),
    actions=(
        Action(
            "pick-up",
            B,
            And((_a("clear", "?x"), _a("ontable", "?x"), _a("handempty"))),
            And(
                (
                    Not(_a("ontable", "?x")),
                    Not(_a("clear", "?x")),
                    Not(_a("handempty")),
                    _a("holding", "?x"),
                )
            ),
        ),
        Action(
            "put-down",
            B,
            _a("holding", "?x"),
            And(
                (Not(_a("holding", "?x")), _a("clear", "?x"), _a("handempty"), _a("ontable", "?x"))
            ),
        ),
        Action(
            "stack",
            BB,
            And((_a("holding", "?x"), _a("clear", "?y"))),
            And(
                (
                    Not(_a("holding", "?x")),
                    Not(_a("clear", "?y")),
                    _a("clear", "?x"),
                    _a("handempty"),
                    _a("on", "?x", "?y"),
                )
            ),
        ),
        Action(
            "unstack",
            BB,
            And((_a("on", "?x", "?y"), _a("clear", "?x"), _a("handempty"))),
            And(
                (
                    _a("holding", "?x"),
                    _a("clear", "?y"),
                    Not(_a("clear", "?x")),
                    Not(_a("handempty")),
                    Not(_a("on", "?x", "?y")),
                )
            ),
        ),
    ),
)

BLOCKS_PROBLEM = """
(define (problem two-blocks) (:domain blocks)
  (:objects a b - block)
  (:init (ontable a) (on b a) (clear b) (handempty))
  (:goal (and (on a b) (ontable b))))
"""

GRIPPER = """
(define (problem gripper-2)
  (:domain gripper)
  (:requirements :strips)
  (:objects rooma roomb ball1 ball2 left right)
  (:init (room rooma) (room roomb) (ball ball1) (ball ball2) (gripper left) (gripper right)
         (at-robby rooma) (at ball1 rooma) (at ball2 rooma) (free left) (free right))
  (:goal (and (at ball1 roomb) (at ball2 roomb))))
"""

EITHER = """
(define (domain logistics) (:requirements :typing)
  (:types truck airplane - vehicle package vehicle - physobj
          city location - object place - (either city location))
  (:constants depot - location hq)
  (:predicates (at ?x - physobj ?l - (either location city)) (in ?p ?v - vehicle)))
"""

QUANTIFIED = """
(define (problem q) (:domain d)
  (:objects a b c)
  (:init (p a))
  (:goal (and (not (p b))
              (or (q a) (imply (q b) (q c)))
              (exists (?x - t) (and (p ?x) (not (= ?x a))))
              (forall (?x ?y) (= ?x ?y)))))
"""

COSTS_DOMAIN = """
(define (domain costs) (:requirements :action-costs :conditional-effects)
  (:functions (total-cost) - number (road ?a ?b))
  (:action go :parameters (?a ?b)
    :effect (and (forall (?c) (when (p ?c) (not (p ?c))))
                 (increase (total-cost) 3)
                 (increase (total-cost) (road ?a ?b))))
  (:action wait))
"""

COSTS_PROBLEM = """
(define (problem c) (:domain costs)
  (:init (p a) (= (total-cost) 0) (= (road a b) 2.5))
  (:goal ())
  (:metric minimize (total-cost)))
"""

MIXED_CASE = """; a comment before the definition
(DEFINE (Problem Mixed) ; trailing comment
  (:Domain BlocksWorld)
  (:OBJECTS B1 b2 - Block)   ; typed objects
  ; a whole comment line (:goal (bogus
  (:Init (On-Table B1) (ARM-EMPTY))
  (:GOAL (AND (On b2 B1))))
"""

DOMAIN_CASES = [
    ("blocksworld", BLOCKS, BLOCKS_AST),
    (
        "either and constants",
        EITHER,
        Domain(
            name="logistics",
            requirements=(":typing",),
            types=(
                ("truck", "vehicle"),
                ("airplane", "vehicle"),
                ("package", "physobj"),
                ("vehicle", "physobj"),
                ("city", "object"),
                ("location", "object"),
                ("place", ("city", "location")),
            ),
            constants=(("depot", "location"), ("hq", "object")),
            predicates=(
                Predicate("at", (("?x", "physobj"), ("?l", ("location", "city")))),
                Predicate("in", (("?p", "vehicle"), ("?v", "vehicle"))),
            ),
        ),
    ),
    (
        "action costs and conditional effects",
        COSTS_DOMAIN,
        Domain(
            name="costs",
            requirements=(":action-costs", ":conditional-effects"),
            functions=(
                Function("total-cost", (), "number"),
                Function("road", (("?a", "object"), ("?b", "object")), "number"),
            ),
            actions=(
                Action(
                    "go",
                    (("?a", "object"), ("?b", "object")),
                    And(()),
                    And(
                        (
                            Forall((("?c", "object"),), When(_a("p", "?c"), Not(_a("p", "?c")))),
                            Increase(("total-cost", ()), Fraction(3)),
                            Increase(("total-cost", ()), ("road", ("?a", "?b"))),
                        )
                    ),
                ),
                Action("wait", (), And(()), And(())),
            ),
        ),
    ),
]

PROBLEM_CASES = [
    (
        "blocksworld",
        BLOCKS_PROBLEM,
        Problem(
            name="two-blocks",
            domain_name="blocks",
            objects=(("a", "block"), ("b", "block")),
            init=(_a("ontable", "a"), _a("on", "b", "a"), _a("clear", "b"), _a("handempty")),
            goal=And((_a("on", "a", "b"), _a("ontable", "b"))),
        ),
    ),
    (
        "gripper",
        GRIPPER,
        Problem(
            name="gripper-2",
            domain_name="gripper",
            requirements=(":strips",),
            objects=tuple(
                (o, "object") for o in ("rooma", "roomb", "ball1", "ball2", "left", "right")
            ),
            init=(
                _a("room", "rooma"),
                _a("room", "roomb"),
                _a("ball", "ball1"),
                _a("ball", "ball2"),
                _a("gripper", "left"),
                _a("gripper", "right"),
                _a("at-robby", "rooma"),
                _a("at", "ball1", "rooma"),
                _a("at", "ball2", "rooma"),
                _a("free", "left"),
                _a("free", "right"),
            ),
            goal=And((_a("at", "ball1", "roomb"), _a("at", "ball2", "roomb"))),
        ),
    ),
    (
        "negative and quantified goals",
        QUANTIFIED,
        Problem(
            name="q",
            domain_name="d",
            objects=(("a", "object"), ("b", "object"), ("c", "object")),
            init=(_a("p", "a"),),
            goal=And(
                (
                    Not(_a("p", "b")),
                    Or((_a("q", "a"), Imply(_a("q", "b"), _a("q", "c")))),
                    Exists((("?x", "t"),), And((_a("p", "?x"), Not(Equals("?x", "a"))))),
                    Forall((("?x", "object"), ("?y", "object")), Equals("?x", "?y")),
                )
            ),
        ),
    ),
    (
        "action costs",
        COSTS_PROBLEM,
        Problem(
            name="c",
            domain_name="costs",
            init=(_a("p", "a"),),
            init_numeric=((("total-cost", ()), 0), (("road", ("a", "b")), Fraction(5, 2))),
            goal=And(()),
            metric=Metric("minimize", ("total-cost", ())),
        ),
    ),
    (
        "comments and mixed case",
        MIXED_CASE,
        Problem(
            name="mixed",
            domain_name="blocksworld",
            objects=(("b1", "block"), ("b2", "block")),
            init=(_a("on-table", "b1"), _a("arm-empty")),
            goal=And((_a("on", "b2", "b1"),)),
        ),
    ),
]


@pytest.mark.parametrize(
    "text, expected", [c[1:] for c in DOMAIN_CASES], ids=[c[0] for c in DOMAIN_CASES]
)
def test_parse_domain(text, expected):
    assert parse_domain(text) == expected


@pytest.mark.parametrize(
    "text, expected", [c[1:] for c in PROBLEM_CASES], ids=[c[0] for c in PROBLEM_CASES]
)
def test_parse_problem(text, expected):
    assert parse_problem(text) == expected


EXTRACT_CASES = [
    ("prose", "Here is the problem: " + BLOCKS_PROBLEM.strip() + " Hope this helps (really)."),
    ("fence", "Here is the problem:\n```pddl\n" + BLOCKS_PROBLEM.strip() + "\n```\n"),
    (
        "comment with paren",
        "```\n(define (problem two-blocks) ; ) tricky\n" + BLOCKS_PROBLEM.strip()[29:] + "\n```",
    ),
]


@pytest.mark.parametrize("text", [c[1] for c in EXTRACT_CASES], ids=[c[0] for c in EXTRACT_CASES])
def test_extract(text):
    assert parse_problem(extract(text)) == PROBLEM_CASES[0][2]


def test_extract_without_define_returns_text():
    assert extract("  no pddl here  ") == "no pddl here"
    with pytest.raises(ParseError):
        parse_problem(extract("no pddl here"))


ERROR_CASES = [
    # (id, parse function, text, line, column)
    (
        "unbalanced",
        parse_problem,
        "(define (problem p)\n  (:domain d)\n  (:goal (and (p a))",
        3,
        21,
    ),
    (
        "unknown section",
        parse_domain,
        "(define (domain d)\n  (:requirements :strips)\n  (:bogus x))",
        3,
        4,
    ),
    ("extra close", parse_domain, "(define (domain d)))", 1, 20),
    ("bad character", parse_problem, "(define (problem p)\n (:objects a$b))", 2, 13),
    ("type without names", parse_domain, "(define (domain d) (:types - t))", 1, 28),
    ("wrong kind", parse_domain, "(define (problem p))", 1, 10),
]


@pytest.mark.parametrize(
    "parse, text, line, column", [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES]
)
def test_errors(parse, text, line, column):
    with pytest.raises(ParseError) as info:
        parse(text)
    assert (info.value.line, info.value.column) == (line, column)


@requires_corpus
@pytest.mark.skipif(not PDDL_CORPUS.is_dir(), reason="no pddl corpus")
def test_corpus_files_parse():
    domains = {
        p.stem: parse_domain(p.read_text()) for p in (PDDL_CORPUS / "domains").glob("*.pddl")
    }
    assert set(domains) >= {"blocksworld", "gripper"}
    rows = [json.loads(line) for line in (PDDL_CORPUS / "problems.jsonl").read_text().splitlines()]
    for row in rows:
        problem = parse_problem(row["problem_pddl"])
        assert problem.domain_name == row["domain"] and problem.goal is not None
    pairs = [json.loads(line) for line in (PDDL_CORPUS / "pairs.jsonl").read_text().splitlines()]
    for text in {pair["domain"] for pair in pairs}:
        parse_domain(text)
    for pair in pairs:
        parse_problem(pair["left"]), parse_problem(pair["right"])
    assert len(rows) == 1656 and len(pairs) == 600


# ---- the fast reader against the grammar ---------------------------------------------

HARD_PAIRS = Path(__file__).parent / "data" / "hard_pairs.jsonl"


def _same_as_grammar(text: str) -> None:
    assert read_problem(text) == _parse(text, "problem")


@pytest.mark.parametrize("text", [c[1] for c in PROBLEM_CASES], ids=[c[0] for c in PROBLEM_CASES])
def test_fast_reader_matches_grammar_on_cases(text):
    _same_as_grammar(text)


def test_fast_reader_matches_grammar_on_hard_pairs():
    texts = set()
    for line in HARD_PAIRS.open(encoding="utf-8"):
        row = json.loads(line)
        texts.update((row["left"], row["right"]))
    for text in sorted(texts)[::7]:
        _same_as_grammar(text)


@requires_corpus
@pytest.mark.skipif(not PDDL_CORPUS.is_dir(), reason="no pddl corpus")
def test_fast_reader_matches_grammar_on_corpus():
    rows = [json.loads(line) for line in (PDDL_CORPUS / "problems.jsonl").read_text().splitlines()]
    for row in rows[::5]:
        _same_as_grammar(row["problem_pddl"])


_SPACING = st.sampled_from([" ", "\n", "\t ", " ; a comment (with parens\n", "\n\n  "])


@settings(max_examples=60, deadline=None)
@given(st.lists(_SPACING, min_size=1), st.randoms(use_true_random=False))
def test_fast_reader_matches_grammar_on_respaced_and_recased_text(spacing, rng):
    # the same problem with random layout, comments and letter case
    pieces = BLOCKS_PROBLEM.replace("(", " ( ").replace(")", " ) ").split()
    out = []
    for i, piece in enumerate(pieces):
        out.append("".join(c.upper() if rng.random() < 0.3 else c for c in piece))
        out.append(spacing[i % len(spacing)] if rng.random() < 0.5 else " ")
    text = "".join(out)
    assert read_problem(text) == _parse(text, "problem") == parse_problem(BLOCKS_PROBLEM)


def test_fast_reader_gives_up_and_the_grammar_reports():
    bad = "(define (problem p)\n (:objects a$b))"
    with pytest.raises(Unreadable):
        read_problem(bad)
    with pytest.raises(ParseError) as info:
        parse_problem(bad)
    assert (info.value.line, info.value.column) == (2, 13)
