"""Verdicts on the labelled LP dev pairs in ../shared/corpora/lp (skipped when
absent): never a wrong ``equivalent``, quadratic models ``unknown`` with the
reason, and accuracy at the level docs/lp.md reports (a drop is a regression)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import equivsolve as es

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpora" / "lp"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="shared LP corpus not available"),
]


@pytest.fixture(scope="module")
def verdicts():
    rows = [json.loads(line) for line in (CORPUS / "dev_pairs.jsonl").open()]
    return [(r, es.check(r["left"], r["right"], kind="lp", timeout=20)) for r in rows]


def test_no_wrong_equivalent(verdicts):
    wrong = [r["id"] for r, v in verdicts if v.verdict.value == "equivalent" != r["expected"]]
    assert wrong == []


def test_every_equivalent_is_certified(verdicts):
    assert all(v.certified for _, v in verdicts if v.verdict is es.Verdict.EQUIVALENT)


def test_quadratic_models_are_unknown(verdicts):
    for r, v in verdicts:
        if "quadratic" in r["tags"]:
            assert v.verdict is es.Verdict.UNKNOWN and "quadratic" in v.reason, r["id"]


def test_accuracy(verdicts):
    right = sum(v.verdict.value == r["expected"] for r, v in verdicts)
    assert right / len(verdicts) >= 0.98, right
