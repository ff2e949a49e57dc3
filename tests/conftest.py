"""Shared test helpers: where the labelled corpora live, and temporary kinds.

The corpora sit next to the checkout, in ``../shared/corpora`` (one folder per
kind). Tests that need them use the ``corpus_dir`` fixture or the
``requires_corpus`` marker and are skipped, not failed, when the folder is
absent (an sdist, a fresh clone). ``EQUIVSOLVE_CORPORA`` points elsewhere.

    from tests.conftest import requires_corpus

    @requires_corpus
    def test_own_dev(corpus_dir):
        rows = (corpus_dir / "math" / "own_dev.jsonl").read_text()
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from equivsolve import domains

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = Path(os.environ.get("EQUIVSOLVE_CORPORA") or REPO_ROOT.parent / "shared" / "corpora")
HAVE_CORPUS = CORPUS_DIR.is_dir()

#: mark a test (or a module, via ``pytestmark``) as needing the corpora: it is
#: selected by ``-m corpus`` and skipped when they are absent
requires_corpus = pytest.mark.corpus


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if HAVE_CORPUS:
        return
    skip = pytest.mark.skip(reason=f"corpora not found at {CORPUS_DIR}")
    for item in items:
        if item.get_closest_marker("corpus") is not None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``../shared/corpora`` (or ``$EQUIVSOLVE_CORPORA``); skips the test when absent."""
    if not HAVE_CORPUS:
        pytest.skip(f"corpora not found at {CORPUS_DIR}")
    return CORPUS_DIR


@pytest.fixture
def register_kind() -> Iterator[Callable[[object], object]]:
    """``equivsolve.domains.register`` for one test: the fake kinds it registers
    are removed (and any kind they shadowed restored) when the test ends.

    Only the names registered here are touched, so a real kind that is imported
    for the first time during the test stays registered.
    """
    saved: dict[str, object] = {}
    missing = object()

    def register(domain: object) -> object:
        kind = domain.kind  # type: ignore[attr-defined]
        saved.setdefault(kind, domains._REGISTRY.get(kind, missing))
        return domains.register(domain)  # type: ignore[arg-type]

    yield register
    for kind, previous in saved.items():
        if previous is missing:
            domains._REGISTRY.pop(kind, None)
        else:
            domains._REGISTRY[kind] = previous  # type: ignore[assignment]
