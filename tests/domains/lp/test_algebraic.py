"""Algebraic notation: the case table (variables are free unless bounded), errors."""

from __future__ import annotations

import pytest

from equivsolve.domains.lp.parse import detect_format, parse_algebraic, parse_lp, parse_model
from equivsolve.errors import ParseError, UnsupportedError

from .helpers import assert_model

FREE = (None, None)

CASES = [
    (
        "one-line",
        "max 3x + 2y s.t. x + y <= 4, x - y >= -2, x, y >= 0, y integer",
        {
            "sense": "max",
            "objective": {"x": 3, "y": 2},
            "rows": [(None, {"x": 1, "y": 1}, "<=", 4), (None, {"x": 1, "y": -1}, ">=", -2)],
            "bounds": {"x": (0, None), "y": (0, None)},
            "integers": {"y"},
            "variables": ["x", "y"],
        },
    ),
    (
        "multi-line",
        "maximize 3x + 2y\nsubject to\n  x + y <= 4\n  x - y >= -2\n  x, y >= 0\n",
        {
            "rows": [(None, {"x": 1, "y": 1}, "<=", 4), (None, {"x": 1, "y": -1}, ">=", -2)],
            "bounds": {"x": (0, None), "y": (0, None)},
        },
    ),
    ("free-by-default", "min x + y s.t. x + y >= 1", {"bounds": {"x": FREE, "y": FREE}}),
    (
        "semicolons-st",
        "minimize 2x + 3y st x + y >= 10; 2x + y <= 30; x >= 0; y >= 0",
        {
            "rows": [(None, {"x": 1, "y": 1}, ">=", 10), (None, {"x": 2, "y": 1}, "<=", 30)],
            "bounds": {"x": (0, None), "y": (0, None)},
        },
    ),
    (
        "coefficient-forms",
        "max 3x + 3*y + 1.5 z - w + x1/2 + (1/3)x_1 + 2(x[1] - v) - .5u + 2e1 t",
        {
            "objective": {
                "x": 3,
                "y": 3,
                "z": "1.5",
                "w": -1,
                "x1": "0.5",
                "x_1": "1/3",
                "x[1]": 2,
                "v": -2,
                "u": "-0.5",
                "t": 20,
            },
        },
    ),
    ("fraction-before-name", "min 3/4 x + 2^3 y - x/4", {"objective": {"x": "0.5", "y": 8}}),
    (
        "objective-name-and-colon",
        "Maximize: Z = 3x + 2y\nSubject to:\n x + y <= 4",
        {"objective_name": "Z", "sense": "max"},
    ),
    ("objective-constant", "min x + 5 - 2 s.t. x >= 1", {"objective": {"x": 1}, "constant": 3}),
    (
        "objective-on-next-line",
        "Maximize\n  3x + 2y\nsuch that\n  x + y <= 4",
        {"objective": {"x": 3, "y": 2}},
    ),
    (
        "continuation-lines",
        "max 3x +\n 2y\n + z\ns.t.\n x + y\n  <= 4\n y + z <=\n 5",
        {
            "objective": {"x": 3, "y": 2, "z": 1},
            "rows": [(None, {"x": 1, "y": 1}, "<=", 4), (None, {"y": 1, "z": 1}, "<=", 5)],
        },
    ),
    (
        "variables-on-both-sides",
        "min x s.t. 2x + 1 >= y - 3",
        {"rows": [(None, {"x": 2, "y": -1}, ">=", -4)]},
    ),
    (
        "cancelled-terms-dropped",
        "min x s.t. x - y = 3 - y",
        {"rows": [(None, {"x": 1}, "=", 3)], "variables": ["x", "y"]},
    ),
    (
        "single-variable-bound-forms",
        "min x s.t. x >= 2, 5 >= x, y = 3, 0 <= z <= 4, 7 >= w >= -1",
        {
            "rows": [],
            "bounds": {"x": (2, 5), "y": (3, 3), "z": (0, 4), "w": (-1, 7)},
        },
    ),
    ("bounds-intersect", "min x s.t. x >= 0, x >= 2, x <= 9, x <= 7", {"bounds": {"x": (2, 7)}}),
    (
        "coefficient-makes-a-row",
        "min x s.t. 2x <= 4, -x <= 0",
        {
            "rows": [(None, {"x": 2}, "<=", 4), (None, {"x": -1}, "<=", 0)],
            "bounds": {"x": FREE},
        },
    ),
    (
        "labelled-single-variable-is-a-row",
        "min x s.t. c1: x <= 4",
        {"rows": [("c1", {"x": 1}, "<=", 4)], "bounds": {"x": FREE}},
    ),
    (
        "ranged-row",
        "min x s.t. -5 <= x + y <= 4, 4 >= x - y >= -5",
        {
            "rows": [
                (None, {"x": 1, "y": 1}, "range", -5, 4),
                (None, {"x": 1, "y": -1}, "range", -5, 4),
            ],
        },
    ),
    (
        "chain-split",
        "min x s.t. x <= y <= 3",
        {"rows": [(None, {"x": 1, "y": -1}, "<=", 0)], "bounds": {"y": (None, 3)}},
    ),
    (
        "relations",
        "min x s.t. a: x =< 1, b: x => 1, c: x < 1, d: x > 1, e: x == 1, f: x ≤ 1, g: x ≥ 1",
        {
            "rows": [
                ("a", {"x": 1}, "<=", 1),
                ("b", {"x": 1}, ">=", 1),
                ("c", {"x": 1}, "<=", 1),
                ("d", {"x": 1}, ">=", 1),
                ("e", {"x": 1}, "=", 1),
                ("f", {"x": 1}, "<=", 1),
                ("g", {"x": 1}, ">=", 1),
            ],
        },
    ),
    (
        "types",
        "max x + y + z + w + v s.t. x + y <= 4, x, y int, z binary, w in {0,1}, v free",
        {
            "integers": {"x", "y"},
            "binaries": {"z", "w"},
            "bounds": {"z": (0, 1), "w": (0, 1), "v": FREE, "x": FREE},
        },
    ),
    (
        "types-sets",
        "max a + b + c + d s.t. a + b <= 4, a ∈ Z, b in Z+, c in N, d in R+",
        {
            "integers": {"a", "b", "c"},
            "bounds": {"a": FREE, "b": (0, None), "c": (0, None), "d": (0, None)},
        },
    ),
    (
        "bound-and-type",
        "max x + y s.t. x + y <= 4, x, y >= 0 and integer",
        {"integers": {"x", "y"}, "bounds": {"x": (0, None)}},
    ),
    (
        "nonnegative-word",
        "max x + y s.t. x + y <= 4, x, y nonnegative",
        {"bounds": {"x": (0, None), "y": (0, None)}},
    ),
    (
        "unicode-minus-and-dot",
        "min 3·x − 2y s.t. x − y ≥ −1",
        {"objective": {"x": 3, "y": -2}, "rows": [(None, {"x": 1, "y": -1}, ">=", -1)]},
    ),
    (
        "names",
        "min x_1 + x[2] + y_{3} + flow[a,b] s.t. x_1 >= 1",
        {"variables": ["x_1", "x[2]", "y_{3}", "flow[a,b]"]},
    ),
    ("trailing-separators", "max x s.t. x <= 4,\n\n", {"bounds": {"x": (None, 4)}}),
    (
        "no-st-keyword",
        "max 3x + 2y\nx + y <= 4\nx, y >= 0",
        {"rows": [(None, {"x": 1, "y": 1}, "<=", 4)]},
    ),
    (
        "quadratic-flagged",
        "min x*y + x^2 + x s.t. x >= 1",
        {"quadratic": True, "objective": {"x": 1}},
    ),
    (
        "power-of-constant",
        "min 2^2 x + (x)^1 s.t. x >= 1",
        {"objective": {"x": 5}, "quadratic": False},
    ),
]

ERRORS = [
    ("missing-relation", "max 3x + 2y\ns.t.\nx + y\nx >= 0", 3, 6, "expected a relation"),
    ("bad-token", "max 3x + 2y s.t. x + y <= 4 $", 1, 29, "unexpected"),
    ("division-by-zero", "max x/0", 1, 6, "division by zero"),
    ("bad-set", "max x s.t. x in {0,2}", 1, 18, "{0, 1}"),
    ("list-bound-not-constant", "max x s.t. x, y >= z", 1, 17, "constant"),
    ("second-line", "max x\ns.t.\n  x + y <= 4\n  x + * y >= 2", 4, 7, "unexpected"),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case(text: str, expected: dict) -> None:
    m = parse_algebraic(text)
    assert_model(m, expected)
    assert m.source_format == "algebraic"
    # every variable has explicit bounds: free is not the LP default
    assert [v for v, _ in m.bounds] == list(m.variables)


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case_detected(text: str, expected: dict) -> None:
    if detect_format(text) == "algebraic":
        assert parse_model(text) == parse_algebraic(text)
        return
    # section headers alone on a line make it LP; the algebraic reading is the
    # fallback when the LP reading fails
    try:
        lp = parse_lp(text)
    except ParseError:
        assert parse_model(text) == parse_algebraic(text)
    else:
        assert parse_model(text) == lp


def test_header_lines_mean_lp_semantics() -> None:
    # Ambiguous text: `subject to` alone on a line makes it an LP file, whose
    # variables are nonnegative by default (documented in parse.py).
    text = "maximize 3x + 2y\nsubject to\n  x + y <= 4\n"
    assert detect_format(text) == "lp"
    assert parse_model(text).bounds == ()
    # ... unless the LP reading fails: `x, y >= 0` is not LP, so it is algebraic
    m = parse_model(text + "  x, y >= 0\n")
    assert m.source_format == "algebraic" and dict(m.bounds)["x"].lower == 0
    # an LP-only section (End, Bounds, ...) rules the algebraic reading out
    with pytest.raises(ParseError):
        parse_model(text + "  x, y >= 0\nEnd\n")


@pytest.mark.parametrize(
    "text,line,column,message", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS]
)
def test_error_position(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_algebraic(text)
    err = info.value
    assert (err.line, err.column) == (line, column), str(err)
    assert message in err.message, str(err)


def test_division_by_variable_unsupported() -> None:
    with pytest.raises(UnsupportedError):
        parse_algebraic("min 1/x s.t. x >= 1")


def test_detected_as_algebraic() -> None:
    assert detect_format("max 3x + 2y s.t. x + y <= 4") == "algebraic"
    assert detect_format("minimize 2x + 3y\nx + y >= 10") == "algebraic"
