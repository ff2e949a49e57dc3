"""The hard labelled pairs of ``data/hard_pairs.jsonl`` (written by
``benchmarks/pddl_cases.py``): symmetric initial states, implied and
non-conjunctive goals, placeholder problems, and large constructed problems.

Every verdict must be right or ``unknown``; the pairs the independent oracle
decided exactly must all be right, and ``unknown`` stays rare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import equivsolve as es

ROWS = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "hard_pairs.jsonl").open(encoding="utf-8")
]


def _run(row: dict) -> es.CheckResult:
    return es.check(row["left"], row["right"], kind="pddl", domain=row["domain"], timeout=20)


@pytest.fixture(scope="module")
def verdicts() -> dict[str, es.CheckResult]:
    return {row["id"]: _run(row) for row in ROWS}


def test_no_wrong_verdict(verdicts):
    wrong = [
        (row["id"], verdicts[row["id"]].verdict.value, row["expected"])
        for row in ROWS
        if verdicts[row["id"]].verdict.value not in (row["expected"], "unknown")
    ]
    assert not wrong


def test_exactly_labelled_pairs_are_all_decided(verdicts):
    missed = [
        (row["id"], verdicts[row["id"]].reason)
        for row in ROWS
        if "oracle:exact" in row["tags"] and verdicts[row["id"]].verdict.value != row["expected"]
    ]
    assert not missed


def test_unknown_is_rare(verdicts):
    unknown = [i for i, r in verdicts.items() if r.verdict is es.Verdict.UNKNOWN]
    assert len(unknown) <= len(ROWS) // 100, unknown


def test_verdicts_are_certified(verdicts):
    # every decided hard pair comes with a proof or a verified witness
    loose = [
        i for i, r in verdicts.items() if r.verdict is not es.Verdict.UNKNOWN and not r.certified
    ]
    assert not loose
