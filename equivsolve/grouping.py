"""Domain-agnostic equivalence classes.

Items are parsed once; invalid ones are reported apart. Each kind's cheap
``signature`` (equal for any two equivalent items) buckets the rest, so items
in different buckets are never compared. Inside a bucket an item is compared
with one representative of each class found so far, and joined (union-find) to
the first class it is equivalent to: equivalence is transitive, so one
representative speaks for its class. Undecided pairs are counted and never
merged on a guess. The majority is the largest class, ties to the class that
appears first.
"""

from __future__ import annotations

import time
from typing import Any

from .budget import deadline
from .errors import BudgetExceeded, IllFormedError, ParseError, UnsupportedError
from .result import Grouping, Verdict
from .unionfind import UnionFind


def order_classes(members: list[list[int]]) -> tuple[tuple[int, ...], ...]:
    """Sort classes largest first, ties by first appearance."""
    classes = [tuple(sorted(m)) for m in members if m]
    classes.sort(key=lambda c: (-len(c), c[0]))
    return tuple(classes)


def group_items(
    items: list[str], *, handler: Any, timeout: float | None, **options: Any
) -> Grouping:
    """Group ``items`` of one kind; ``timeout`` bounds the whole grouping."""
    n = len(items)
    start = time.monotonic()

    def remaining() -> float | None:
        return None if timeout is None else timeout - (time.monotonic() - start)

    parsed: dict[int, Any] = {}
    invalid: list[int] = []
    errors: dict[int, str] = {}
    buckets: dict[Any, list[int]] = {}
    for i, text in enumerate(items):
        try:
            with deadline(remaining()):
                parsed[i] = handler.parse(text, **options)
                try:
                    key = handler.signature(parsed[i], **options)
                except Exception:  # no cheap invariant: compare it with everything
                    key = None
            buckets.setdefault(key, []).append(i)
        except (ParseError, IllFormedError) as exc:
            invalid.append(i)
            errors[i] = str(exc)
        except UnsupportedError as exc:  # cannot be compared with anything: kept apart
            invalid.append(i)
            errors[i] = f"unsupported: {exc}"
        except BudgetExceeded:  # out of time before this item could even be read
            parsed.pop(i, None)
            invalid.append(i)
            errors[i] = "timeout"
    wildcard = buckets.pop(None, [])

    uf = UnionFind(n)
    unknown_pairs = checks = 0

    def same(i: int, j: int) -> bool:
        nonlocal unknown_pairs, checks
        checks += 1
        left = remaining()
        if left is not None and left <= 0:
            unknown_pairs += 1
            return False
        try:
            with deadline(left) as budget:
                res = handler.check(parsed[i], parsed[j], budget=budget, **options)
        except BudgetExceeded:
            unknown_pairs += 1
            return False
        except Exception as exc:
            errors.setdefault(j, f"{type(exc).__name__}: {exc}")
            unknown_pairs += 1
            return False
        if res.verdict is Verdict.UNKNOWN:
            unknown_pairs += 1
        return res.verdict is Verdict.EQUIVALENT

    def place(members: list[int], reps: list[int]) -> None:
        for i in members:
            for rep in reps:
                if same(rep, i):
                    uf.union(rep, i)
                    break
            else:
                reps.append(i)

    for bucket in buckets.values():
        place(bucket, [])
    if wildcard:
        # Items without a signature may belong to any class: one representative each.
        loose = set(wildcard)
        roots: dict[int, int] = {}
        for i in sorted(parsed):
            if i not in loose:
                roots.setdefault(uf.find(i), i)
        place(wildcard, list(roots.values()))

    members: dict[int, list[int]] = {}
    for i in parsed:
        members.setdefault(uf.find(i), []).append(i)
    return Grouping(
        classes=order_classes(list(members.values())),
        invalid=tuple(invalid),
        unknown_pairs=unknown_pairs,
        checks=checks,
        errors=errors,
    )
