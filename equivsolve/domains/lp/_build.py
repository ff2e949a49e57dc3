"""What every LP reader shares: exact numbers and a mutable model builder.

The readers (LP file, MPS, algebraic notation) collect a model piece by piece
in a :class:`ModelBuilder`, then freeze it into the immutable
:class:`~equivsolve.domains.lp.ast.Model`.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache

from ...errors import ParseError
from .ast import Bound, Model, Row, Terms

ZERO = Fraction(0)
ONE = Fraction(1)

#: bound values at or beyond this magnitude mean "infinite" (the CPLEX and
#: HiGHS convention, ``infinite_bound = 1e20``); applied to variable bounds only
INFINITE_BOUND = Fraction(10) ** 20


@lru_cache(maxsize=1 << 16)
def number(text: str) -> Fraction:
    """The exact value of a decimal numeral: ``number("1e-3") == Fraction(1, 1000)``."""
    return Fraction(text)


def merge_terms(terms: Iterable[tuple[str, Fraction]]) -> dict[str, Fraction]:
    """Sum the coefficients of repeated variables, keeping first-appearance order."""
    out: dict[str, Fraction] = {}
    for name, coef in terms:
        out[name] = out[name] + coef if name in out else coef
    return out


class ModelBuilder:
    """Collects a model; variables are registered in order of first appearance.

    ``default_free`` selects the default bounds of a variable no bound mentions:
    ``0 <= x < +inf`` for the LP and MPS formats, free for algebraic notation.
    With ``default_free`` every variable gets an explicit entry in ``bounds``,
    because the :class:`Model` convention is that an absent entry means the LP
    default.
    """

    def __init__(self, source_format: str, *, default_free: bool = False) -> None:
        self.source_format = source_format
        self.default_free = default_free
        self.sense = "min"
        self.objective: dict[str, Fraction] = {}
        self.objective_constant = ZERO
        self.objective_name: str | None = None
        self.rows: list[Row] = []
        self.bounds: dict[str, Bound] = {}
        self.integers: dict[str, None] = {}
        self.binaries: dict[str, None] = {}
        self.semicontinuous: dict[str, None] = {}
        self.variables: dict[str, None] = {}
        self.quadratic = False

    # -- variables -------------------------------------------------------
    def var(self, name: str) -> str:
        self.variables.setdefault(name, None)
        return name

    def bound(self, name: str) -> Bound:
        """The current bounds of ``name`` (the default if none was written)."""
        self.var(name)
        found = self.bounds.get(name)
        if found is not None:
            return found
        return Bound(None, None) if self.default_free else Bound(ZERO, None)

    def set_bound(
        self,
        name: str,
        lower: Fraction | None | str = "keep",
        upper: Fraction | None | str = "keep",
    ) -> None:
        """Overwrite one or both bounds (``"keep"`` leaves that side alone)."""
        old = self.bound(name)
        lo = old.lower if lower == "keep" else lower
        hi = old.upper if upper == "keep" else upper
        self.bounds[name] = Bound(lo, hi)  # type: ignore[arg-type]

    # -- objective and rows ------------------------------------------------
    def add_objective(self, terms: Iterable[tuple[str, Fraction]], constant: Fraction) -> None:
        for name, coef in terms:
            self.var(name)
            self.objective[name] = self.objective.get(name, ZERO) + coef
        self.objective_constant += constant

    def add_row(
        self,
        name: str | None,
        terms: dict[str, Fraction],
        sense: str,
        rhs: Fraction,
        range_hi: Fraction | None = None,
        line: int | None = None,
    ) -> None:
        for var in terms:
            self.var(var)
        row_terms: Terms = tuple(terms.items())
        self.rows.append(Row(name, row_terms, sense, rhs, range_hi, line))

    def build(self) -> Model:
        bounds: dict[str, Bound] = dict(self.bounds)
        if self.default_free:
            bounds = {v: self.bound(v) for v in self.variables}
        return Model(
            sense=self.sense,
            objective=tuple(self.objective.items()),
            objective_constant=self.objective_constant,
            rows=tuple(self.rows),
            bounds=tuple(bounds.items()),
            integers=frozenset(self.integers),
            binaries=frozenset(self.binaries),
            semicontinuous=frozenset(self.semicontinuous),
            variables=tuple(self.variables),
            objective_name=self.objective_name,
            quadratic=self.quadratic,
            source_format=self.source_format,
        )


def error_at(text: str, pos: int, message: str, expected: tuple[str, ...] = ()) -> ParseError:
    """A :class:`ParseError` at character offset ``pos`` of ``text``."""
    pos = max(0, min(pos, len(text)))
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return ParseError(message, text=text, line=line, column=column, expected=expected)
