"""Grouping: classes, majority, invalid items apart (math kind)."""

from hypothesis import given, settings
from hypothesis import strategies as st

import equivsolve as es


def test_classes_majority_and_invalid():
    items = ["1/2", r"\frac{1}{", "0.5", "2", r"\frac{2}{4}", "x+1", "1+x"]
    g = es.group(items, kind="math")
    assert g.classes == ((0, 2, 4), (5, 6), (3,))
    assert g.majority == (0, 2, 4)
    assert g.invalid == (1,)
    assert g.to_dict()["majority"] == [0, 2, 4]


def test_ties_go_to_first_appearance():
    g = es.group(["3", "4", "4", "3"], kind="math")
    assert g.classes == ((0, 3), (1, 2))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.fractions(min_value=-3, max_value=3, max_denominator=4), min_size=1, max_size=8))
def test_grouping_matches_exact_equality(values):
    items = [f"\\frac{{{v.numerator}}}{{{v.denominator}}}" for v in values]
    g = es.group(items, kind="math")
    expected = {}
    for i, v in enumerate(values):
        expected.setdefault(v, []).append(i)
    assert sorted(g.classes) == sorted(tuple(c) for c in expected.values())
