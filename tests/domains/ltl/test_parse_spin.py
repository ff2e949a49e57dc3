"""Spin's LTL syntax (``syntax="spin"``), read as Spin's lexer reads it."""

from __future__ import annotations

import pytest

import equivsolve as es
from equivsolve.domains.ltl.parse import parse_formula, to_text

CASES = [
    ("[](req -> <>ack)", "G(req -> Fack)"),
    ("Xc", "Xc"),  # X is one character: X c
    ("[]X<>c", "GXFc"),
    ("a Ub", "a U b"),
    ("aUb", "aUb"),  # an atom starts lowercase and goes on with letters and digits
    ("p U q U r", "(p U q) U r"),  # left-associative, as Spin's yacc grammar
    ("a -> b -> c", "(a -> b) -> c"),
    ("next a && always b", "Xa & Gb"),
    ("p V q", "p R q"),
    ("p W q", "p W q"),
    ("x_1 /\\ y \\/ z", "(x_1 & y) | z"),
]


@pytest.mark.parametrize(("text", "spot"), CASES, ids=[c[0] for c in CASES])
def test_spin_reads_as(text, spot):
    assert to_text(parse_formula(text, syntax="spin")) == to_text(parse_formula(spot))


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Fa", "Spin writes F as <>"),
        ("G a", "Spin writes G as []"),
        ("a R b", "Spin writes R as V"),
        ("a M b", "Spin has no M"),
        ("a & b", "Spin writes and as &&"),
    ],
)
def test_spot_spellings_get_a_hint(text, hint):
    with pytest.raises(es.ParseError) as info:
        parse_formula(text, syntax="spin")
    assert hint in str(info.value)
