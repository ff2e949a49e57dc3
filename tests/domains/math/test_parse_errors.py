"""Math parse errors carry the line, the column, the expected tokens and a caret."""

import pytest

import equivsolve as es


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (r"\frac{1}{", 1, 10, "unexpected end of input"),
        ("1+)", 1, 3, "unexpected"),
        ("(1,2", 1, 5, "unexpected end of input"),
        ("x = = 2", 1, 5, "unexpected"),
        ("|x", 1, 1, "unmatched '|'"),
    ],
)
def test_parse_error_position(text, line, column, message):
    with pytest.raises(es.ParseError) as info:
        es.parse(text, kind="math")
    err = info.value
    assert (err.line, err.column) == (line, column)
    assert message in err.message
    assert "^" in str(err)


def test_check_reports_invalid_instead_of_raising():
    r = es.check(r"\frac{1}{", "2", kind="math")
    assert r.verdict is es.Verdict.INVALID
    assert r.reason.startswith("parse error (left): line 1, column 10")


def test_unsupported_construct_is_unknown_not_invalid():
    r = es.check(r"1, 2, \ldots", "1, 2", kind="math")
    assert r.verdict is es.Verdict.UNKNOWN
    assert "ldots" in r.reason
