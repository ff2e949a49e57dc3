"""The math case table through the public API, the CLI-free way users call it."""

import pytest

import equivsolve as es

from .cases import CASES, REAL_CASES

ALL = CASES + REAL_CASES
MIRRORED = [c for c in ALL if c[4] != "languages"]


@pytest.mark.parametrize(
    ("left", "right", "expected"), [c[1:4] for c in ALL], ids=[c[0] for c in ALL]
)
def test_case_table(left, right, expected):
    result = es.check(left, right, kind="math")
    assert result.verdict.value == expected, result


@pytest.mark.parametrize(
    ("left", "right", "expected"), [c[1:4] for c in MIRRORED], ids=[c[0] for c in MIRRORED]
)
def test_case_table_is_symmetric(left, right, expected):
    assert es.check(right, left, kind="math").verdict.value == expected


def test_percent_and_degree_policies_are_independent():
    # regression: turning one policy off used to turn both off
    assert (
        es.check(r"50\%", "50", kind="math", degrees_as_number=False).verdict
        is es.Verdict.EQUIVALENT
    )
    assert (
        es.check(r"50\%", "50", kind="math", percent_as_number=False).verdict
        is es.Verdict.NOT_EQUIVALENT
    )
    assert (
        es.check(r"90^\circ", "90", kind="math", percent_as_number=False).verdict
        is es.Verdict.EQUIVALENT
    )
    assert (
        es.check(r"90^\circ", "90", kind="math", degrees_as_number=False).verdict
        is es.Verdict.NOT_EQUIVALENT
    )
    assert (
        es.check(r"50\%", "0.5", kind="math", percent_as_number=False).verdict
        is es.Verdict.EQUIVALENT
    )
