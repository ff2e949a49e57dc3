"""Typed, immutable AST of an LP/MILP model, faithful to the text.

Coefficients are exact rationals (``Fraction``) read from the text, never
floats. Nothing is normalised here: ``canon`` does that (sense of the
objective, row scaling, bounds from one-variable rows, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

#: a linear expression: (variable name, coefficient) pairs in text order
Terms = tuple[tuple[str, Fraction], ...]


@dataclass(frozen=True, slots=True)
class Row:
    """``name: sum(coef * var) sense rhs`` with ``sense`` in ``<=``, ``>=``, ``=``.

    Constants written on the left-hand side are already moved to ``rhs``.
    ``range_hi`` is set for a ranged row ``rhs <= expr <= range_hi`` (MPS RANGES,
    LP ``-R1 <= x + y <= 4`` forms); then ``sense`` is ``"range"``.
    """

    name: str | None
    terms: Terms
    sense: str
    rhs: Fraction
    range_hi: Fraction | None = None
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Bound:
    """Bounds of one variable; ``None`` means infinite (lower -inf / upper +inf)."""

    lower: Fraction | None = Fraction(0)
    upper: Fraction | None = None


@dataclass(frozen=True, slots=True)
class Model:
    """One optimization model.

    ``variables`` lists every variable in order of first appearance (objective,
    rows, bounds, type sections). ``bounds`` holds only variables whose bounds
    were written; the others have the LP default ``0 <= x < +inf``.
    ``quadratic`` is True when the text has a quadratic ``[ ... ]`` block
    (equivsolve parses it but does not decide quadratic models).
    """

    sense: str  # "min" or "max"
    objective: Terms
    objective_constant: Fraction
    rows: tuple[Row, ...]
    bounds: tuple[tuple[str, Bound], ...]
    integers: frozenset[str]
    binaries: frozenset[str]
    semicontinuous: frozenset[str] = frozenset()
    variables: tuple[str, ...] = ()
    objective_name: str | None = None
    quadratic: bool = False
    source_format: str = field(default="lp", compare=False)
