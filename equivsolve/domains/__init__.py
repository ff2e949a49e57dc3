"""The kind registry.

Each kind is one :class:`Domain` object with the same small surface, so the API,
grouping, the batch runner and the CLI never special-case a kind. Kinds are
imported on first use so that ``import equivsolve`` stays cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Hashable, Mapping
from typing import Any, Protocol

from ..budget import Budget
from ..result import CheckResult

#: kind name -> module that registers it on import
_MODULES = {
    "math": "equivsolve.domains.math",
    "lp": "equivsolve.domains.lp",
    "ltl": "equivsolve.domains.ltl",
    "pddl": "equivsolve.domains.pddl",
}
_REGISTRY: dict[str, Domain] = {}


class Domain(Protocol):
    """What a kind provides."""

    kind: str
    #: the options the kind accepts from the command line and batch rows:
    #: name -> converter from a string or a JSON value (raises ValueError)
    options: Mapping[str, Callable[[Any], Any]]

    def parse(self, text: str, **options: Any) -> Any:
        """Text -> typed AST; raises ParseError / IllFormedError."""

    def check(self, left: Any, right: Any, *, budget: Budget, **options: Any) -> CheckResult:
        """Decide two parsed items within the budget."""

    def signature(self, item: Any, **options: Any) -> Hashable:
        """A cheap invariant: equal for any two equivalent items."""

    def render(self, item: Any) -> str:
        """The canonical form as text (``equivsolve parse``)."""

    # Optional: ``unreadable(side, text, error, **options) -> CheckResult | None``.
    # ``api.check`` asks it before reporting a side that does not parse as
    # ``invalid``; the math kind grades an unreadable prediction as wrong.


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


def options_for(kind: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """``given`` (from ``--option KEY=VALUE`` or a batch row's ``options``)
    checked against the options ``kind`` accepts and converted; raises
    ``ValueError`` naming the accepted ones.

    >>> options_for("ltl", {"finite": "true", "syntax": "spin"})
    {'finite': True, 'syntax': 'spin'}
    """
    accepted = getattr(get(kind), "options", {})
    out = {}
    for name, value in given.items():
        if name not in accepted:
            known = ", ".join(sorted(accepted)) or "none"
            raise ValueError(f"unknown option {name!r} for kind {kind!r} (accepted: {known})")
        try:
            out[name] = accepted[name](value)
        except ValueError as exc:
            raise ValueError(f"option {name!r}: {exc}") from None
    return out


def flag(value: Any) -> bool:
    """A boolean option: JSON true/false, or true/false/yes/no/1/0 as text."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1", "on"):
        return True
    if text in ("false", "no", "0", "off"):
        return False
    raise ValueError(f"expected true or false, got {value!r}")


def seconds(value: Any) -> float:
    """A positive number of seconds."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"expected a number of seconds, got {value!r}") from None
    if not out > 0:
        raise ValueError(f"expected a positive number of seconds, got {value!r}")
    return out


def choice(*names: str) -> Callable[[Any], str]:
    """An option that takes one of ``names`` (case-insensitive)."""

    def convert(value: Any) -> str:
        text = str(value).strip().lower()
        if text not in names:
            raise ValueError(f"expected one of {', '.join(names)}, got {value!r}")
        return text

    return convert
