"""Parser conformance against Spot (needs ``spottl``; skipped without it).

Random formulas from Spot's ``randltl`` are printed by Spot in its own
syntax, in Spin's and in Wring's; our parser reads each print, and the result
must be the formula Spot built: equivalent by our decision procedure to the
AST converted from Spot's object (structure may differ: Spot's constructors
sort operands and apply trivial identities)."""

from __future__ import annotations

import pytest

from equivsolve.budget import Budget
from equivsolve.domains.ltl.check import LTL
from equivsolve.domains.ltl.parse import parse_formula
from equivsolve.result import Verdict

spot = pytest.importorskip("spot")

from .spot_ast import from_spot  # noqa: E402


def formulas(n: int, seed: int) -> list:
    gen = spot.randltl(["a", "b", "c"], seed=seed, tree_size=(5, 25))
    return [next(gen) for _ in range(n)]


@pytest.mark.parametrize(
    ("style", "syntax"), [("spot", "spot"), ("spin", "spin"), ("wring", "spot")]
)
def test_spots_prints_parse_to_spots_formula(style, syntax):
    for f in formulas(150, seed={"spot": 1, "spin": 2, "wring": 3}[style]):
        text = f.to_str(style)
        ours = parse_formula(text, syntax=syntax)
        r = LTL.check(ours, from_spot(f), budget=Budget.of(20))
        assert r.verdict is Verdict.EQUIVALENT, (text, r)


def test_operator_words_and_precedence_as_spot():
    texts = [
        "GFa",
        "Fire",
        "X1 U b",
        "a U b U c",
        "!a U b",
        "a & b -> c",
        "a -> b -> c",
        "a <-> b <-> c",
        "a xor b & c",
        "F a U b",
        "a Wb",
        "(a)Mfoo",
        "[]<> p",
        "a | b & c",
        "FFalse",
        "Xtrue",
        "G!a",
        "a R b W c",
        "true U a",
    ]
    for text in texts:
        theirs = spot.formula(text)
        r = LTL.check(parse_formula(text), from_spot(theirs), budget=Budget.of(20))
        assert r.verdict is Verdict.EQUIVALENT, (text, str(theirs), r)


def test_ltlf_from_text_agrees_with_spot_from_ltlf():
    # plain X is the weak next and X[!] the strong one, as Spot reads LTLf
    import random

    import equivsolve as es

    rng = random.Random(5)
    gen = spot.randltl(["a", "b", "c"], seed=11, tree_size=(4, 18))
    for _ in range(120):
        f = next(gen)
        g = spot.simplify(f) if rng.random() < 0.5 else next(gen)
        text = str(g).replace("X", "X[!]", 1) if rng.random() < 0.3 else str(g)
        theirs = spot.are_equivalent(spot.from_ltlf(f), spot.from_ltlf(spot.formula(text)))
        r = es.check(str(f), text, kind="ltl", finite=True, timeout=20)
        assert r.verdict is (Verdict.EQUIVALENT if theirs else Verdict.NOT_EQUIVALENT), (f, text)
