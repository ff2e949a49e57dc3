"""Spot's bracketed operators: expanded as Spot expands them, or refused with
the position and what Spot reads."""

from __future__ import annotations

import pytest

import equivsolve as es
from equivsolve.domains.ltl.parse import parse_formula, to_text

EXPANSIONS = [
    ("X[!]a", "X[!]a"),  # the strong next, kept (plain X is weak on finite traces)
    ("X[!]X[!]a", "X[!]X[!]a"),
    ("X[3]a", "XXXa"),
    ("X [2] a", "XXa"),
    ("X[0]a", "a"),
    ("F[1..3]a", "X(a | X(a | Xa))"),
    ("G[2:4]a", "XX(a & X(a & Xa))"),
    ("G[3..1]a", "X(a & X(a & Xa))"),  # reversed bounds are swapped
    ("F[0..0]a", "a"),
    ("F[2..]a", "XXFa"),
    ("G[2:]a", "XXGa"),
    ("F[2:$]a", "XXFa"),
    ("F[1..2] a & G[1:] b", "X(a | Xa) & XGb"),
]


@pytest.mark.parametrize(("text", "expanded"), EXPANSIONS, ids=[t for t, _ in EXPANSIONS])
def test_expansion(text, expanded):
    assert to_text(parse_formula(text)) == expanded
    assert es.check(text, expanded, kind="ltl").verdict is es.Verdict.EQUIVALENT


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("F[!]a", 1, "has no strong form"),
        ("b & X[1..2]a", 5, "takes one count"),
        ("F[3]a", 1, "needs a range"),
        ("F[..2]a", 1, "is not a bounded operator Spot reads"),
        ("X[2000]a", 1, "repeats more than 1000 times"),
    ],
)
def test_refused(text, column, message):
    with pytest.raises(es.ParseError) as info:
        parse_formula(text)
    assert info.value.column == column and message in str(info.value)


def test_same_as_spot():
    spot = pytest.importorskip("spot")
    for text, _ in EXPANSIONS:
        theirs = str(spot.formula(text))
        for finite in (False, True):
            r = es.check(text, theirs, kind="ltl", finite=finite)
            assert r.verdict is es.Verdict.EQUIVALENT, (text, finite)
