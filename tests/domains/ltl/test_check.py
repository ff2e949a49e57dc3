"""The ``ltl`` kind through the public API: text in, verdicts and groupings out."""

from __future__ import annotations

import json

import pytest

import equivsolve as es
from tests.conftest import CORPUS_DIR

E, N = es.Verdict.EQUIVALENT, es.Verdict.NOT_EQUIVALENT

CASES = [
    ("implication", "a -> b", "!a | b", E, False),
    ("gf-fg", "GFa", "FGa", N, False),
    ("gf-fg-ltlf", "GFa", "FGa", E, True),
    ("weak-until", "a W b", "(a U b) | G a", E, False),
    ("strong-release", "a M b", "(a R b) & F a", E, False),
    ("until-not-weak", "a U b", "a W b", N, False),
    ("response", "G(a -> F b)", "G(!a | F b)", E, False),
    # LTLf as Spot reads it: plain X is the weak next, X[!] the strong one
    ("weak-next-ltlf", "X true", "true", E, True),
    ("strong-next-ltlf", "X[!] true", "true", N, True),
    ("strong-is-weak-and-not-last", "X[!] a", "X a & X[!] true", E, True),
    ("nexts-agree-on-infinite-words", "X[!] a", "X a", E, False),
]


@pytest.mark.parametrize(
    ("left", "right", "expected", "finite"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_cases(left, right, expected, finite):
    for a, b in ((left, right), (right, left)):
        r = es.check(a, b, kind="ltl", finite=finite, timeout=30)
        assert r.verdict is expected and r.certified, r


def test_counterexample_word_is_reported():
    r = es.check("GFa", "FGa", kind="ltl")
    assert r.certificate["holds_in"] == "left"
    assert r.certificate["cycle"] and all(x in ("a", "!a") for x in r.certificate["cycle"])


def test_parse_error_is_invalid_with_a_position():
    r = es.check("a U", "a", kind="ltl")
    assert r.verdict is es.Verdict.INVALID and "column" in r.reason


def _rows(name):
    path = CORPUS_DIR / "ltl" / name
    if not path.exists():
        pytest.skip("corpus not available")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_corpus_pairs_through_our_parser():
    wrong = []
    for row in _rows("pairs.jsonl"):
        r = es.check(row["left"], row["right"], kind="ltl", timeout=30)
        if r.verdict.value != row["expected"]:
            wrong.append((row["id"], r.verdict.value, r.reason))
    assert not wrong, wrong[:5]


def test_corpus_votes_have_spots_classes():
    for row in _rows("groups.jsonl"):
        g = es.group(row["items"], kind="ltl", timeout=30)
        assert [list(c) for c in g.classes] == row["expected_classes"], row["id"]
        assert list(g.invalid) == row["expected_invalid"], row["id"]
