"""Our LTL verdicts against the labels of the dev corpus (``ltl/pairs.jsonl``).

Labels come from Spot's ``are_equivalent``. Until the LTL parser is wired in,
the formulas are parsed by Spot and converted with :mod:`.spot_ast` (so the test
needs ``spottl``); it should switch to ``equivsolve.domains.ltl.parse`` then.
"""

from __future__ import annotations

import json

import pytest

from equivsolve.budget import Budget
from equivsolve.domains.ltl.automata import equivalent
from equivsolve.domains.ltl.trace import holds
from tests.conftest import CORPUS_DIR, requires_corpus

from .spot_ast import parse_spot

pytestmark = requires_corpus


def _rows() -> list[dict[str, object]]:
    path = CORPUS_DIR / "ltl" / "pairs.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_every_pair_matches_its_label() -> None:
    pytest.importorskip("spot")
    rows = _rows()
    assert len(rows) > 600
    wrong = []
    for row in rows:
        f, g = parse_spot(str(row["left"])), parse_spot(str(row["right"]))
        word = equivalent(f, g, budget=Budget.of(10.0))
        verdict = "equivalent" if word is None else "not_equivalent"
        if verdict != row["expected"]:
            wrong.append(row["id"])
        if word is not None:
            assert holds(f, word) != holds(g, word)
    assert wrong == []
