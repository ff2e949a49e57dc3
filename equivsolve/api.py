"""The public verbs: :func:`check`, :func:`parse`, :func:`group`.

They dispatch by kind to the registry and wrap every outcome in a result: a
parse failure is ``INVALID``, a budget overrun ``UNKNOWN`` with reason
``timeout``, an internal error ``UNKNOWN`` with the error named. ``check``
never raises for bad input, so a batch of model outputs never stops on one row.
"""

from __future__ import annotations

import time
from typing import Any

from . import domains
from .budget import deadline
from .errors import BudgetExceeded, IllFormedError, ParseError, UnsupportedError
from .result import CheckResult, Grouping, Verdict

DEFAULT_TIMEOUT = 10.0


def parse(text: str, *, kind: str, **options: Any) -> Any:
    """Parse ``text`` as ``kind`` into its typed AST.

    Raises :class:`~equivsolve.errors.ParseError` (with line, column and a
    caret snippet) when the text does not parse.

    Examples
    --------
    >>> import equivsolve as es
    >>> es.parse(r"\\frac{1}{2}", kind="math") == es.parse("1/2", kind="math")
    True
    """
    return domains.get(kind).parse(text, **options)


def _invalid(side: str, exc: Exception) -> CheckResult:
    kind = "parse error" if isinstance(exc, ParseError) else "ill-formed"
    return CheckResult(Verdict.INVALID, reason=f"{kind} ({side}): {exc}")


def check(
    left: str, right: str, *, kind: str, timeout: float | None = DEFAULT_TIMEOUT, **options: Any
) -> CheckResult:
    """Decide whether ``left`` and ``right`` are equivalent.

    ``timeout`` (seconds, ``None`` for no limit) works from any thread. Options
    are passed to the kind (for example ``domain=`` for PDDL, or the math
    policies documented in ``docs/math.md``).

    Examples
    --------
    >>> import equivsolve as es
    >>> es.check(r"\\frac{1}{2}", "0.5", kind="math").verdict
    <Verdict.EQUIVALENT: 'equivalent'>
    """
    domain = domains.get(kind)
    start = time.perf_counter()
    try:
        with deadline(timeout) as budget:
            sides = []
            for side, text in (("left", left), ("right", right)):
                try:
                    sides.append(domain.parse(text, **options))
                except (ParseError, IllFormedError) as exc:
                    # a kind may grade an unreadable side itself (math: a prediction
                    # without an answer is wrong); otherwise the row is invalid
                    graded = getattr(domain, "unreadable", None)
                    result = graded(side, text, exc, **options) if graded else None
                    if result is None:
                        result = _invalid(side, exc)
                    return result.with_(elapsed_s=time.perf_counter() - start)
            result = domain.check(sides[0], sides[1], budget=budget, **options)
    except BudgetExceeded:
        result = CheckResult(Verdict.UNKNOWN, reason="timeout")
    except UnsupportedError as exc:
        result = CheckResult(Verdict.UNKNOWN, reason=f"unsupported: {exc}")
    except RecursionError:
        result = CheckResult(Verdict.UNKNOWN, reason="unsupported: input nested too deeply")
    except Exception as exc:  # an internal error must not take a batch down
        result = CheckResult(Verdict.UNKNOWN, reason=f"error: {type(exc).__name__}: {exc}")
    return result.with_(elapsed_s=time.perf_counter() - start)


def group(
    items: list[str], *, kind: str, timeout: float | None = DEFAULT_TIMEOUT, **options: Any
) -> Grouping:
    """Partition ``items`` into equivalence classes (see :mod:`equivsolve.grouping`).

    Examples
    --------
    >>> import equivsolve as es
    >>> es.group(["1/2", "0.5", "2", r"\\frac{2}{4}"], kind="math").classes
    ((0, 1, 3), (2,))
    """
    from .grouping import group_items

    return group_items(items, handler=domains.get(kind), timeout=timeout, **options)
