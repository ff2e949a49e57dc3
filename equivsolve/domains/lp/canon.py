"""Canonical form of an LP/MILP model, exact and name-independent.

Each pass states what it makes the comparison invariant to:

* objective: ``max f`` becomes ``min -f``; the constant offset is set aside
  (an offset never changes which points are optimal); the vector is scaled by
  a positive factor so that its largest absolute coefficient is 1;
* rows: ``>=`` rows are multiplied by -1 (so every inequality reads ``<=``),
  each row is scaled by a positive factor so its largest absolute coefficient
  is 1, an equality row takes the sign whose sorted coefficients are
  lexicographically larger (``x+y=5`` and ``-x-y=-5`` become one row); terms of
  the same variable are added; zero terms dropped;
* one-variable rows become bounds; an integer variable's bounds are rounded
  inward (``2x <= 5`` with x integer is ``x <= 2``); integer variables with
  bounds inside [0, 1] are binary;
* identical rows are merged, and of ``<=`` rows with the same left side the
  tightest is kept;
* every variable gets explicit bounds (LP default ``0 <= x < +inf``);
* a fixed variable (``lower == upper``, such as Gurobi's ``Constant = 1``) is
  replaced by its value in the rows and the objective.

A row without variables is either always true (dropped) or never (the model is
infeasible, recorded in ``Canonical.infeasible``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from .ast import Bound, Model, Row

Coeffs = tuple[tuple[str, Fraction], ...]  # sorted by variable name


@dataclass(frozen=True, slots=True)
class CRow:
    coeffs: Coeffs
    sense: str  # "<=" or "="
    rhs: Fraction


@dataclass(frozen=True, slots=True)
class CVar:
    name: str
    lower: Fraction | None  # None: -inf
    upper: Fraction | None  # None: +inf
    kind: str  # "C" continuous, "I" integer, "B" binary
    obj: Fraction


@dataclass(frozen=True, slots=True)
class Canonical:
    variables: tuple[CVar, ...]
    rows: tuple[CRow, ...]
    obj_scale: Fraction  # the positive factor the (min-form) objective was divided by
    obj_constant: Fraction  # min-form constant, for reporting
    infeasible: bool = False
    quadratic: bool = False


def _add_terms(terms) -> dict[str, Fraction]:
    out: dict[str, Fraction] = {}
    for name, c in terms:
        out[name] = out.get(name, Fraction(0)) + c
    return {k: v for k, v in out.items() if v != 0}


def _scale(coeffs: dict[str, Fraction]) -> Fraction:
    return max(abs(c) for c in coeffs.values())


def _sign_key(coeffs: dict[str, Fraction], rhs: Fraction) -> tuple:
    return (sorted(coeffs.values(), reverse=True), rhs)


def _equality_sign(coeffs: dict[str, Fraction], rhs: Fraction) -> int:
    pos = _sign_key(coeffs, rhs)
    neg = _sign_key({k: -v for k, v in coeffs.items()}, -rhs)
    return 1 if pos >= neg else -1


def canonicalize(model: Model) -> Canonical:
    """The canonical form of ``model`` (see the module docstring)."""
    sign = 1 if model.sense == "min" else -1
    obj = {k: sign * v for k, v in _add_terms(model.objective).items()}
    scale = _scale(obj) if obj else Fraction(1)
    obj = {k: v / scale for k, v in obj.items()}

    names = list(dict.fromkeys(model.variables))
    lower: dict[str, Fraction | None] = {n: Fraction(0) for n in names}
    upper: dict[str, Fraction | None] = {n: None for n in names}
    for name, b in model.bounds:
        if name not in lower:
            names.append(name)
        lower[name], upper[name] = b.lower, b.upper
    integer = set(model.integers) | set(model.binaries)
    for name in model.binaries:
        lower[name] = max(lower.get(name) or Fraction(0), Fraction(0))
        up = upper.get(name)
        upper[name] = Fraction(1) if up is None else min(up, Fraction(1))
    for name in [*obj, *integer]:
        if name not in lower:
            names.append(name)
            lower[name], upper[name] = Fraction(0), None

    infeasible = False
    rows: list[tuple[dict[str, Fraction], str, Fraction]] = []
    for row in model.rows:
        coeffs = _add_terms(row.terms)
        for name in coeffs:
            if name not in lower:
                names.append(name)
                lower[name], upper[name] = Fraction(0), None
        parts: list[tuple[dict[str, Fraction], str, Fraction]]
        if row.sense == "range" and row.range_hi is not None:
            parts = [(coeffs, ">=", row.rhs), (coeffs, "<=", row.range_hi)]
        else:
            parts = [(coeffs, row.sense, row.rhs)]
        for cf, sense, rhs in parts:
            if sense == ">=":
                cf, sense, rhs = {k: -v for k, v in cf.items()}, "<=", -rhs
            if not cf:
                ok = rhs >= 0 if sense == "<=" else rhs == 0
                infeasible |= not ok
                continue
            if len(cf) == 1:
                ((name, a),) = cf.items()
                _tighten(lower, upper, name, a, sense, rhs)
                continue
            s = _scale(cf)
            if sense == "=":
                s *= _equality_sign(cf, rhs)
            rows.append(({k: v / s for k, v in cf.items()}, sense, rhs / s))

    variables = []
    for name in names:
        lo, up = lower[name], upper[name]
        kind = "C"
        if name in integer:
            lo = None if lo is None else Fraction(math.ceil(lo))
            up = None if up is None else Fraction(math.floor(up))
            kind = "B" if lo is not None and up is not None and lo >= 0 and up <= 1 else "I"
        if lo is not None and up is not None and lo > up:
            infeasible = True
        variables.append(CVar(name, lo, up, kind, obj.get(name, Fraction(0))))

    result = Canonical(
        variables=tuple(sorted(variables, key=lambda v: v.name)),
        rows=_merge_rows(rows),
        obj_scale=scale,
        obj_constant=sign * model.objective_constant,
        infeasible=infeasible,
        quadratic=model.quadratic,
    )
    used = {n for r in result.rows for n, _ in r.coeffs}
    fixed = {
        v.name: v.lower
        for v in result.variables
        if v.lower is not None and v.lower == v.upper and (v.obj or v.name in used)
    }
    if fixed and not infeasible:
        return _substitute(result, fixed)
    return result


def _substitute(c: Canonical, fixed: dict[str, Fraction]) -> Canonical:
    """``c`` with its fixed variables (``lower == upper``, such as the
    ``Constant = 1`` Gurobi writes for an objective offset) replaced by their
    values in the rows and the objective: a fixed variable is a constant in
    every feasible point. The variable stays, alone, with its bounds (the
    reduction drops it where the other model has no counterpart)."""
    value = fixed
    rows = []
    for r in c.rows:
        shift = sum((a * value[n] for n, a in r.coeffs if n in value), Fraction(0))
        terms = tuple((n, a) for n, a in r.coeffs if n not in value)
        rows.append(Row(None, terms, r.sense, r.rhs - shift))
    kept = c.variables
    offset = sum((v.obj * value[v.name] for v in c.variables if v.name in value), Fraction(0))
    inner = canonicalize(
        Model(
            sense="min",
            objective=tuple((v.name, v.obj) for v in kept if v.obj and v.name not in value),
            objective_constant=Fraction(0),
            rows=tuple(rows),
            bounds=tuple((v.name, Bound(v.lower, v.upper)) for v in kept),
            integers=frozenset(v.name for v in kept if v.kind != "C"),
            binaries=frozenset(),
            variables=tuple(v.name for v in kept),
        )
    )
    return Canonical(
        variables=inner.variables,
        rows=inner.rows,
        obj_scale=c.obj_scale * inner.obj_scale,
        obj_constant=c.obj_constant + c.obj_scale * offset,
        infeasible=inner.infeasible,
        quadratic=c.quadratic,
    )


def _tighten(lower, upper, name, a: Fraction, sense: str, rhs: Fraction) -> None:
    bound = rhs / a
    if sense == "=":
        lower[name] = bound if lower[name] is None else max(lower[name], bound)
        upper[name] = bound if upper[name] is None else min(upper[name], bound)
    elif a > 0:
        upper[name] = bound if upper[name] is None else min(upper[name], bound)
    else:
        lower[name] = bound if lower[name] is None else max(lower[name], bound)


def _merge_rows(rows) -> tuple[CRow, ...]:
    """Identical rows once; of ``<=`` rows with the same left side, the tightest."""
    inequalities: dict[Coeffs, Fraction] = {}
    equalities: set[tuple[Coeffs, Fraction]] = set()
    for coeffs, sense, rhs in rows:
        key = tuple(sorted(coeffs.items()))
        if sense == "<=":
            inequalities[key] = min(inequalities.get(key, rhs), rhs)
        else:
            equalities.add((key, rhs))
    out = [CRow(k, "<=", v) for k, v in inequalities.items()]
    out += [CRow(k, "=", v) for k, v in equalities]
    return tuple(sorted(out, key=lambda r: (r.sense, r.coeffs, r.rhs)))
