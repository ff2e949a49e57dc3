"""Model -> LP file text, the inverse of the LP reader.

What ``parse_model(write_lp(m))`` preserves (``m`` as a reader produced it):
the sense, the objective (terms in order, constant, name), every row (name or
``None``, terms in order, sense, right-hand side, range), the bounds (entries
and their order), ``integers``, ``binaries``, ``semicontinuous``. Not
preserved: ``source_format``, ``Row.line`` (neither takes part in equality),
the content of a quadratic block (it was never kept; ``quadratic`` comes back
``False``), a variable that occurs nowhere but in ``variables``, and
``variables`` order when a variable first occurs in a type section.

Numbers are written exactly when their decimal expansion terminates (every
number read from text does); other rationals (``1/3`` from algebraic notation)
are written with 20 significant digits, so they do not round-trip exactly.
Rows without terms are written as Gurobi does (``c1: >= 2``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Context, Decimal
from fractions import Fraction

from .ast import Bound, Model, Row

_NAME = re.compile(
    r"[A-Za-z_](?:[A-Za-z0-9_.,(){}!\"#$%&/;?@'~|]|\[(?:[^\[\]\s]|\[[^\[\]\s]*\])*\])*"
)
_KEYWORD = re.compile(
    r"max(?:imi[sz]e|imum)?|min(?:imi[sz]e|imum)?|st\.?|s\.t\.?|bounds?|generals?|gen"
    r"|integers?|binar(?:y|ies)|bin|semi-continuous|semicontinuous|semis?|end|free"
    r"|inf(?:inity)?",
    re.IGNORECASE,
)
_WIDTH = 90


def fmt_number(q: Fraction) -> str:
    """Exact decimal text of ``q`` when it terminates, else 20 significant digits.

    >>> fmt_number(Fraction(-5, 8)), fmt_number(Fraction(3)), fmt_number(Fraction(1, 3))
    ('-0.625', '3', '0.33333333333333333333')
    """
    n, d = q.numerator, q.denominator
    rest, twos, fives = d, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return str(Context(prec=20).divide(Decimal(n), Decimal(d)))
    k = max(twos, fives)
    digits = str(abs(n) * 10**k // d).rjust(k + 1, "0")
    sign = "-" if n < 0 else ""
    return sign + (digits[:-k] + "." + digits[-k:] if k else digits)


def _check(name: str, what: str) -> str:
    if not _NAME.fullmatch(name) or _KEYWORD.fullmatch(name):
        raise ValueError(
            f"{what} name {name!r} cannot be written in the LP format "
            "(not an LP name, or an LP keyword); pass rename= to write_lp"
        )
    return name


def _expr(terms: Iterable[tuple[str, Fraction]], constant: Fraction = Fraction(0)) -> list[str]:
    parts: list[str] = []
    for var, coef in terms:
        sign = "-" if coef < 0 else "+"
        mag = abs(coef)
        body = var if mag == 1 else f"{fmt_number(mag)} {var}"
        parts.append(f"{sign} {body}" if parts or sign == "-" else body)
    if constant:
        sign = "-" if constant < 0 else "+"
        parts.append(f"{sign} {fmt_number(abs(constant))}" if parts else fmt_number(constant))
    return parts


def _wrap(head: str, parts: list[str]) -> list[str]:
    """Join parts after ``head``, breaking lines before a sign (never before a name)."""
    lines, line = [], head
    for p in parts:
        if len(line) + 1 + len(p) > _WIDTH and line.strip() and p[0] in "+-":
            lines.append(line)
            line = "   " + p
        else:
            line = f"{line} {p}" if line else p
    lines.append(line)
    return lines


def _row(row: Row, ren: Callable[[str], str], filler: str | None) -> list[str]:
    head = f" {_check(ren(row.name), 'row')}:" if row.name is not None else ""
    terms = [(_check(ren(v), "variable"), c) for v, c in row.terms]
    if row.sense == "range":
        if not terms:
            if filler is None:
                raise ValueError("an empty ranged row in a model without variables")
            terms = [(filler, Fraction(0))]
        assert row.range_hi is not None
        parts = [fmt_number(row.rhs), "<=", *_expr(terms), "<=", fmt_number(row.range_hi)]
    else:
        parts = [*_expr(terms), row.sense, fmt_number(row.rhs)]
    lines = _wrap(head, parts)
    return lines if head else [" " + lines[0], *lines[1:]]


def _bound(name: str, b: Bound) -> str:
    if b.lower is None and b.upper is None:
        return f" {name} free"
    if b.lower is not None and b.lower == b.upper:
        return f" {name} = {fmt_number(b.lower)}"
    lo = "-inf" if b.lower is None else fmt_number(b.lower)
    hi = "+inf" if b.upper is None else fmt_number(b.upper)
    return f" {lo} <= {name} <= {hi}"


def _names(header: str, names: list[str]) -> list[str]:
    if not names:
        return []
    return [header] + [" " + " ".join(names[i : i + 8]) for i in range(0, len(names), 8)]


def write_lp(
    model: Model, *, rename: Mapping[str, str] | Callable[[str], str] | None = None
) -> str:
    """The model in the LP file format; ``rename`` maps variable and row names.

    Raises ``ValueError`` for a name the LP format cannot hold (see ``rename``).

    Examples
    --------
    >>> from equivsolve.domains.lp.parse import parse_model
    >>> print(write_lp(parse_model("max 3x + 2y s.t. x + y <= 4, x, y >= 0")), end="")
    Maximize
     3 x + 2 y
    Subject To
     x + y <= 4
    Bounds
     0 <= x <= +inf
     0 <= y <= +inf
    End
    """
    if rename is None:
        ren: Callable[[str], str] = str
    elif isinstance(rename, Mapping):
        mapping = rename
        ren = lambda s: mapping.get(s, s)  # noqa: E731
    else:
        ren = rename
    out = ["Maximize" if model.sense == "max" else "Minimize"]
    objective = [(_check(ren(v), "variable"), c) for v, c in model.objective]
    head = f" {_check(ren(model.objective_name), 'objective')}:" if model.objective_name else ""
    parts = _expr(objective, model.objective_constant)
    if head or parts:
        lines = _wrap(head, parts)
        out += lines if head else [" " + lines[0], *lines[1:]]
    filler = _check(ren(model.variables[0]), "variable") if model.variables else None
    out.append("Subject To")
    for row in model.rows:
        out += _row(row, ren, filler)
    if model.bounds:
        out.append("Bounds")
        out += [_bound(_check(ren(v), "variable"), b) for v, b in model.bounds]
    order = {v: i for i, v in enumerate(model.variables)}

    def ordered(names: frozenset[str]) -> list[str]:
        first = sorted(names, key=lambda v: (order.get(v, len(order)), v))
        return [_check(ren(v), "variable") for v in first]

    out += _names("Generals", ordered(model.integers))
    out += _names("Binaries", ordered(model.binaries))
    out += _names("Semi-continuous", ordered(model.semicontinuous))
    out.append("End")
    return "\n".join(out) + "\n"
