"""The kind registry.

Each kind is one :class:`Domain` object with the same small surface, so the API,
grouping, the batch runner and the CLI never special-case a kind. Kinds are
imported on first use so that ``import equivsolve`` stays cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Hashable
from typing import Any, Protocol

from ..budget import Budget
from ..result import CheckResult

#: kind name -> module that registers it on import
_MODULES = {
    "math": "equivsolve.domains.math",
    "lp": "equivsolve.domains.lp",
    "ltl": "equivsolve.domains.ltl",
}
_REGISTRY: dict[str, Domain] = {}


class Domain(Protocol):
    """What a kind provides."""

    kind: str

    def parse(self, text: str, **options: Any) -> Any:
        """Text -> typed AST; raises ParseError / IllFormedError."""

    def check(self, left: Any, right: Any, *, budget: Budget, **options: Any) -> CheckResult:
        """Decide two parsed items within the budget."""

    def signature(self, item: Any, **options: Any) -> Hashable:
        """A cheap invariant: equal for any two equivalent items."""

    def render(self, item: Any) -> str:
        """The canonical form as text (``equivsolve parse``)."""


def register(domain: Domain) -> Domain:
    _REGISTRY[domain.kind] = domain
    return domain


def kinds() -> tuple[str, ...]:
    return tuple(sorted(set(_MODULES) | set(_REGISTRY)))


def get(kind: str) -> Domain:
    if kind not in _REGISTRY:
        if kind not in _MODULES:
            raise ValueError(f"unknown kind {kind!r}; known kinds: {', '.join(kinds())}")
        importlib.import_module(_MODULES[kind])
    return _REGISTRY[kind]
