"""Verdicts and results: the JSON contract of every check.

A check never answers with a bare boolean. It answers with a :class:`CheckResult`
that says what was decided, whether a proof or a re-checked witness stands behind
it, which stage decided, and why when it could not.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any


class Verdict(str, enum.Enum):
    """The four honest answers."""

    EQUIVALENT = "equivalent"
    NOT_EQUIVALENT = "not_equivalent"
    UNKNOWN = "unknown"
    INVALID = "invalid"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of comparing two items.

    Examples
    --------
    >>> r = CheckResult(Verdict.EQUIVALENT, certified=True, method="canonical")
    >>> r.to_dict()["verdict"]
    'equivalent'
    """

    verdict: Verdict
    certified: bool = False
    method: str | None = None
    reason: str | None = None
    certificate: Any = None
    elapsed_s: float = 0.0
    id: Any = None

    def __bool__(self) -> bool:
        raise TypeError(
            "CheckResult has no truth value; compare r.verdict with a Verdict explicitly"
        )

    def with_(self, **changes: Any) -> CheckResult:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": _jsonable(self.id),
            "verdict": self.verdict.value,
            "certified": self.certified,
            "method": self.method,
            "reason": self.reason,
            "certificate": _jsonable(self.certificate),
            "elapsed_s": round(self.elapsed_s, 6),
        }


@dataclass(frozen=True, slots=True)
class Grouping:
    """Equivalence classes over a list of items.

    ``classes`` hold indices into the input, largest class first, ties broken by
    first appearance; ``invalid`` lists items that could not be parsed;
    ``unknown_pairs`` counts pairs whose check was undecided (those items were
    kept apart, never merged on a guess).
    """

    classes: tuple[tuple[int, ...], ...]
    invalid: tuple[int, ...] = ()
    unknown_pairs: int = 0
    checks: int = 0
    errors: dict[int, str] = field(default_factory=dict)
    id: Any = None

    @property
    def majority(self) -> tuple[int, ...]:
        return self.classes[0] if self.classes else ()

    def __bool__(self) -> bool:
        raise TypeError("Grouping has no truth value")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": _jsonable(self.id),
            "classes": [list(c) for c in self.classes],
            "majority": list(self.majority),
            "invalid": list(self.invalid),
            "unknown_pairs": self.unknown_pairs,
        }
