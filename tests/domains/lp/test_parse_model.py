"""parse_model: format detection, fenced blocks, the format option; write_lp round trips."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equivsolve.domains.lp.ast import Bound, Model, Row
from equivsolve.domains.lp.parse import (
    detect_format,
    extract_fenced,
    fmt_number,
    parse_algebraic,
    parse_lp,
    parse_model,
    write_lp,
)
from equivsolve.errors import ParseError

from . import lp_cases, mps_cases
from .test_algebraic import CASES as ALG_CASES

LP = "Minimize\n obj: x + 2 y\nSubject To\n c1: x + y >= 1\nEnd\n"


@pytest.mark.parametrize(
    "text,fmt",
    [
        (LP, "lp"),
        ("\\ comment\nMaximize\n x\nEnd", "lp"),
        ("max: 3x + 2y\nst\n x + y <= 4", "lp"),
        ("Maximize obj: x\nBounds\n x <= 4\nEnd", "lp"),
        (mps_cases.FREE, "mps"),
        ("max 3x + 2y s.t. x + y <= 4, x, y >= 0", "algebraic"),
        ("minimize x + y\nx + y >= 1", "algebraic"),
        ("Maximize 3x + 2y subject to x + y <= 4", "algebraic"),
    ],
)
def test_detect_format(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


PROSE = f"""Here is the model in LP format:

```lp
{LP}```

and here it is again in words: minimize x + 2y ...
"""


def test_fenced_block_is_extracted() -> None:
    assert extract_fenced(PROSE) == LP
    assert parse_model(PROSE) == parse_lp(LP)


def test_fenced_block_choice() -> None:
    text = "```python\nprint(1)\n```\nthen\n```\nmax x s.t. x <= 1\n```"
    assert parse_model(text).sense == "max"  # the unlabelled block, not python
    text = "```json\n{}\n```\n~~~mps\n" + mps_cases.FREE + "~~~\n"
    assert parse_model(text).source_format == "mps"
    assert extract_fenced("```lp\nMinimize\n x\n") == "Minimize\n x\n"  # unclosed fence


def test_format_option() -> None:
    assert parse_model(LP, format="lp") == parse_lp(LP)
    assert parse_model(LP, format="LP") == parse_lp(LP)
    assert parse_model("max x s.t. x <= 1", format="alg").source_format == "algebraic"
    assert parse_model(mps_cases.FREE, format="mps").source_format == "mps"
    assert parse_model(LP, format="auto") == parse_lp(LP)
    with pytest.raises(ParseError):
        parse_model("max x s.t. x <= 1", format="mps")
    with pytest.raises(ValueError):
        parse_model(LP, format="xlsx")


def test_empty_model() -> None:
    with pytest.raises(ParseError):
        parse_model("   \n")


def test_error_reports_the_reading_that_got_further() -> None:
    text = "Maximize\n 3x + 2y\nSubject To\n c1: x + y <= 4\n c2: x + y + <= 3\n"
    with pytest.raises(ParseError) as info:
        parse_model(text)
    assert info.value.line == 5


# -- write_lp ---------------------------------------------------------------


def _round_trip(m: Model) -> Model:
    return parse_model(write_lp(m))


@pytest.mark.parametrize("case", lp_cases.CASES, ids=[c[0] for c in lp_cases.CASES])
def test_lp_cases_round_trip(case) -> None:
    m = parse_lp(case[1])
    if case[0] == "kw-keyword-names-mid-line":
        with pytest.raises(ValueError, match="keyword"):
            write_lp(m)  # `st`, `end`, ... are refused as names (they may start a line)
        return
    back = _round_trip(m)
    assert back == Model(**{**_fields(m), "quadratic": False})


@pytest.mark.parametrize("case", ALG_CASES, ids=[c[0] for c in ALG_CASES])
def test_algebraic_cases_round_trip(case) -> None:
    m = parse_algebraic(case[1])
    if any(c.denominator % 3 == 0 for _, c in m.objective):
        pytest.skip("1/3 has no finite decimal: written to 20 digits")
    back = _round_trip(m)
    assert back == Model(**{**_fields(m), "quadratic": False})


def _fields(m: Model) -> dict:
    return {f: getattr(m, f) for f in Model.__slots__}


def test_fmt_number() -> None:
    assert fmt_number(Fraction("991.4565553276492")) == "991.4565553276492"
    assert fmt_number(Fraction("1e-30")) == "0." + "0" * 29 + "1"
    assert fmt_number(Fraction(-7)) == "-7"
    assert Fraction(fmt_number(Fraction(1, 3))) != Fraction(1, 3)


def test_write_rejects_names_it_cannot_write() -> None:
    m = parse_algebraic("max λ + end s.t. λ <= 1")
    with pytest.raises(ValueError):
        write_lp(m)
    text = write_lp(m, rename={"λ": "lam", "end": "end_"})
    assert parse_model(text).variables == ("lam", "end_")
    assert "lam" in write_lp(m, rename=lambda s: {"λ": "lam"}.get(s, s + "_"))


def test_write_empty_rows_and_objective() -> None:
    m = Model(
        "min", (), Fraction(0), (Row("c", (), ">=", Fraction(-1)),), (), frozenset(), frozenset()
    )
    assert _round_trip(m) == m


# -- hypothesis: parse_model(write_lp(m)) == m ---------------------------------

NAMES = ["x", "y1", "x_2", "z[3]", "flow[a,b]", "w.a", "e1", "E", "k[0]", "q#1", "_u", "x[0,1]"]
ROWNAMES = ["c1", "R0", "demand[2]", "cap.a", "k[4]"]
# decimal numbers, as read from text (zero included)
NUMBERS = st.builds(
    lambda n, k: Fraction(n, 10**k), st.integers(-(10**7), 10**7), st.integers(0, 6)
)


@st.composite
def models(draw) -> Model:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True))
    seen: dict[str, None] = {}

    def terms(min_size: int):
        vs = draw(st.lists(st.sampled_from(names), min_size=min_size, max_size=4, unique=True))
        for v in vs:
            seen.setdefault(v, None)
        return tuple((v, draw(NUMBERS)) for v in vs)

    objective = terms(0)
    rows = []
    rownames = draw(st.lists(st.sampled_from(ROWNAMES), max_size=4, unique=True))
    for i in range(draw(st.integers(0, 5))):
        name = rownames[i] if i < len(rownames) else None
        sense = draw(st.sampled_from(["<=", ">=", "=", "range"]))
        row_terms = terms(1 if sense == "range" else 0)
        lo = draw(NUMBERS)
        hi = lo + abs(draw(NUMBERS)) if sense == "range" else None
        rows.append(Row(name, row_terms, sense, lo, hi))
    bounded = draw(st.lists(st.sampled_from(names), max_size=4, unique=True))
    bounds = {}
    for v in bounded:
        seen.setdefault(v, None)
        lo = draw(st.none() | NUMBERS)
        hi = draw(st.none() | NUMBERS)
        bounds[v] = Bound(lo, hi)
    known = list(seen)
    integers = (
        frozenset(draw(st.lists(st.sampled_from(known), max_size=3))) if known else frozenset()
    )
    binaries = (
        frozenset(draw(st.lists(st.sampled_from(known), max_size=2))) if known else frozenset()
    )
    semis = frozenset(draw(st.lists(st.sampled_from(known), max_size=2))) if known else frozenset()
    for v in binaries:  # a binary's bounds are [0, 1], as the reader records them
        bounds[v] = Bound(Fraction(0), Fraction(1))
    return Model(
        sense=draw(st.sampled_from(["min", "max"])),
        objective=objective,
        objective_constant=draw(NUMBERS),
        rows=tuple(rows),
        bounds=tuple(bounds.items()),
        integers=integers,
        binaries=binaries,
        semicontinuous=semis,
        variables=tuple(known),
        objective_name=draw(st.sampled_from([None, "obj", "cost[1]"])),
    )


@settings(max_examples=300, deadline=None)
@given(models())
def test_write_parse_round_trip(m: Model) -> None:
    assert parse_model(write_lp(m)) == m
