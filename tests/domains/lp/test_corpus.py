"""The LP corpus in ../shared/corpora/lp (skipped when absent).

Every Gurobi-written model and both sides of every dev pair parse; quadratic
files are flagged; parse -> write_lp -> parse is the identity; and, when the
optional ``highspy`` is installed, our coefficient matrix, costs, bounds and
row bounds match HiGHS's own LP reader on the same text (names with brackets
and the `<` / `=>` senses HiGHS rejects are rewritten in HiGHS's copy only).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from equivsolve.domains.lp.parse import detect_format, parse_model, write_lp

from .highs_compare import compare, for_highs, highs_lp

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpora" / "lp"
HAVE = CORPUS.is_dir()
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not HAVE, reason="shared LP corpus not available"),
]
MODELS = sorted(CORPUS.glob("models/*/*.lp")) if HAVE else []
PAIRS = [json.loads(line) for line in (CORPUS / "dev_pairs.jsonl").open()] if HAVE else []
TEXTS = [(p.relative_to(CORPUS).as_posix(), p.read_text()) for p in MODELS] + [
    (f"{r['id']}-{side}", r[side]) for r in PAIRS for side in ("left", "right")
]
QUADRATIC_FILES = {
    "models/blending/pharmaceuticals_var5.lp",
    "models/transportation/public_transportation_var4.lp",
}


def test_corpus_sizes() -> None:
    assert len(MODELS) == 105
    assert len(PAIRS) == 498


@pytest.mark.parametrize("path", MODELS, ids=[p.name for p in MODELS])
def test_model_file_parses(path: Path) -> None:
    text = path.read_text()
    m = parse_model(text)
    assert detect_format(text) == "lp"
    assert m.variables and m.rows
    assert m.quadratic == (path.relative_to(CORPUS).as_posix() in QUADRATIC_FILES)
    # every name occurs in the text (nothing invented by the lexer)
    assert all(v in text for v in m.variables)


def test_every_dev_pair_side_parses() -> None:
    for row in PAIRS:
        left, right = parse_model(row["left"]), parse_model(row["right"])
        assert left.quadratic == right.quadratic == ("quadratic" in row["tags"]), row["id"]


def test_round_trip_through_write_lp() -> None:
    for name, text in TEXTS:
        m = parse_model(text)
        assert parse_model(write_lp(m)) == replace(m, quadratic=False), name


# -- differential test against HiGHS (optional dependency) ----------------------

LINEAR_TEXTS = [(n, t) for n, t in TEXTS if "[ " not in t and "[\n" not in t]


@pytest.mark.parametrize("name,text", LINEAR_TEXTS, ids=[n for n, _ in LINEAR_TEXTS])
def test_matches_highs_lp_reader(tmp_path: Path, name: str, text: str) -> None:
    lp, highspy = highs_lp(tmp_path, for_highs(text), ".lp")
    compare(parse_model(text), lp, highspy)
