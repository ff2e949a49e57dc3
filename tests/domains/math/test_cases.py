"""The math case table through the public API, the CLI-free way users call it."""

import pytest

import equivsolve as es

from .cases import CASES


@pytest.mark.parametrize(
    ("left", "right", "expected"), [c[1:4] for c in CASES], ids=[c[0] for c in CASES]
)
def test_case_table(left, right, expected):
    result = es.check(left, right, kind="math")
    assert result.verdict.value == expected, result


@pytest.mark.parametrize(
    ("left", "right", "expected"), [c[1:4] for c in CASES], ids=[c[0] for c in CASES]
)
def test_case_table_is_symmetric(left, right, expected):
    assert es.check(right, left, kind="math").verdict.value == expected
