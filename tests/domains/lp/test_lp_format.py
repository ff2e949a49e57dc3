"""The LP file format reader: the case table, error positions, unsupported sections."""

from __future__ import annotations

import pytest

from equivsolve.domains.lp.parse import parse_lp, parse_model
from equivsolve.errors import ParseError, UnsupportedError

from .helpers import assert_model
from .lp_cases import CASES, ERRORS


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case(text: str, expected: dict) -> None:
    m = parse_lp(text)
    assert_model(m, expected)
    assert m.source_format == "lp"


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case_detected_as_lp(text: str, expected: dict) -> None:
    assert parse_model(text) == parse_lp(text)


@pytest.mark.parametrize(
    "text,line,column,message", [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS]
)
def test_error_position(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_lp(text)
    err = info.value
    assert (err.line, err.column) == (line, column), str(err)
    assert message in err.message, str(err)
    assert "^" in str(err)  # the caret snippet


def test_row_line_numbers() -> None:
    m = parse_lp("Minimize\n x\nSubject To\n c1: x >= 1\n\n x +\n y <= 3\nEnd")
    assert [r.line for r in m.rows] == [4, 6]


@pytest.mark.parametrize(
    "text",
    [
        "Minimize\n x\nSubject To\n c: x >= 0\nSOS\n s1: S1:: x:1 y:2\nEnd",
        "Minimize\n x\nSubject To\n c: b = 1 -> x + y <= 3\nEnd",
        "Minimize\n x\nSubject To\n c: x >= 0\nGeneral Constraints\n g: y = MAX ( x , 1 )\nEnd",
    ],
    ids=["sos", "indicator", "general-constraints"],
)
def test_unsupported_sections(text: str) -> None:
    with pytest.raises(UnsupportedError):
        parse_lp(text)


def test_reversed_row_is_greedy() -> None:
    # After `constant sense`, the expression runs on across lines (documented):
    # an unnamed row starting with '-' right after a reversed row joins it.
    m = parse_lp("Minimize\n x\nSubject To\n 10 >= x\n - y\n c: y >= 1\nEnd")
    assert m.rows[0].terms == (("x", 1), ("y", -1))
