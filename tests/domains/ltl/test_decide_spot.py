"""Differential tests against Spot (optional: skipped without ``spottl``).

Random formula pairs, and pairs of a formula with a one-step mutation of it (the
near misses that matter), are decided by our procedure and by
``spot.are_equivalent``; the verdicts must agree. Finite-trace verdicts are
compared with Spot's LTLf-to-LTL reduction (``spot.from_ltlf``, where ``X[!]``
is the strong next).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equivsolve.domains.ltl import ast as A
from equivsolve.domains.ltl.automata import equivalent
from equivsolve.domains.ltl.finite import equivalent_finite

from .spot_ast import from_spot, to_spot_text
from .test_decide_properties import formulas

spot = pytest.importorskip("spot")

SETTINGS = {"deadline": None, "max_examples": 150}


def _spot(f: A.Formula, finite: bool = False) -> object:
    text = to_spot_text(f, finite)
    return spot.from_ltlf(spot.formula(text)) if finite else spot.formula(text)


def mutate(f: A.Formula, choice: int) -> A.Formula:
    """One small edit at the root: swap an operator or wrap in a temporal operator."""
    swaps = {"U": "W", "W": "U", "R": "M", "M": "R", "F": "G", "G": "F", "X": "F"}
    if isinstance(f, A.Binary) and choice % 2 == 0:
        return A.Binary(swaps[f.op], f.left, f.right)
    if isinstance(f, A.Unary) and f.op in swaps and choice % 2 == 0:
        return A.Unary(swaps[f.op], f.arg)
    return A.Unary("FGX"[choice % 3], f)


@settings(**SETTINGS)
@given(formulas(), formulas())
def test_random_pairs_agree_with_spot(f: A.Formula, g: A.Formula) -> None:
    assert (equivalent(f, g) is None) == spot.are_equivalent(_spot(f), _spot(g))


@settings(**SETTINGS)
@given(formulas(), st.integers(0, 5))
def test_near_misses_agree_with_spot(f: A.Formula, choice: int) -> None:
    g = mutate(f, choice)
    assert (equivalent(f, g) is None) == spot.are_equivalent(_spot(f), _spot(g))


@settings(**SETTINGS)
@given(formulas(), st.integers(0, 5))
def test_spot_simplification_is_equivalent(f: A.Formula, choice: int) -> None:
    simplified = from_spot(spot.simplify(_spot(f)))
    assert equivalent(f, simplified) is None
    g = mutate(simplified, choice)
    assert (equivalent(f, g) is None) == spot.are_equivalent(_spot(f), _spot(g))


@settings(**SETTINGS)
@given(formulas(finite=True), st.integers(0, 5))
def test_finite_agrees_with_spot(f: A.Formula, choice: int) -> None:
    g = mutate(f, choice)
    ours = equivalent_finite(f, g) is None
    assert ours == spot.are_equivalent(_spot(f, True), _spot(g, True))
