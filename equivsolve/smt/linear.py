"""Exact questions about linear (mixed-integer) systems, answered by Z3.

A system is plain data: variables with bounds and integrality, rows
``sum(a_j x_j) (<=|=) b`` and a linear objective, all with ``Fraction``
coefficients. The questions are the semantic stage of LP/MILP equivalence:

* containment of projections: is there a point ``x`` over the shared variables
  with ``A(x, s)`` for some auxiliary ``s`` but ``B(x, t)`` for no ``t``?
  (linear real arithmetic admits quantifier elimination and linear integer
  arithmetic is Presburger arithmetic, so Z3's answer is a proof either way);
* objective order: are there feasible ``p``, ``q`` that objective A orders
  strictly one way and objective B not (two copies of the variables).

Answers are ``("holds", None)``, ``("point", {...})`` with exact rational
values, or ``("unknown", reason)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

import z3

Row = tuple[dict[str, Fraction], str, Fraction]


@dataclass(frozen=True)
class LinearSystem:
    #: name -> (lower or None, upper or None, is_integer)
    variables: dict[str, tuple[Fraction | None, Fraction | None, bool]]
    rows: tuple[Row, ...]
    objective: dict[str, Fraction] = field(default_factory=dict)

    @cached_property
    def compiled(self) -> tuple[dict[str, Any], Any]:
        """Z3 variables and the feasibility formula, built once per system."""
        env = _env(self, self.variables, "o")
        return env, feasible(self, env)


def _q(x: Fraction) -> Any:
    return z3.RealVal(f"{x.numerator}/{x.denominator}")


def _env(system: LinearSystem, names: Iterable[str], tag: str) -> dict[str, Any]:
    env = {}
    for name in names:
        is_int = system.variables[name][2]
        env[name] = (z3.Int if is_int else z3.Real)(f"{tag}|{name}")
    return env


def _lin(coeffs: dict[str, Fraction], env: dict[str, Any]) -> Any:
    terms = [_q(c) * (z3.ToReal(env[n]) if env[n].is_int() else env[n]) for n, c in coeffs.items()]
    return z3.Sum(terms) if terms else z3.RealVal(0)


def feasible(system: LinearSystem, env: dict[str, Any]) -> Any:
    """The conjunction of bounds and rows of ``system`` over ``env``."""
    parts = []
    for name, (lo, up, integer) in system.variables.items():
        v = env[name]
        if integer and not v.is_int():  # shared with a system that has it continuous
            parts.append(z3.IsInt(v))
        if lo is not None:
            parts.append(v >= _q(lo))
        if up is not None:
            parts.append(v <= _q(up))
    for coeffs, sense, rhs in system.rows:
        lhs = _lin(coeffs, env)
        parts.append(lhs <= _q(rhs) if sense == "<=" else lhs == _q(rhs))
    return z3.And(parts)


def _value(model: Any, var: Any) -> Fraction:
    return _rational(model.eval(var, model_completion=True))


def _solve(formula: Any, timeout_ms: int, want: dict[str, Any]) -> tuple[str, Any]:
    solver = z3.Solver()
    solver.set("timeout", max(1, int(timeout_ms)))
    solver.add(formula)
    answer = solver.check()
    if answer == z3.unsat:
        return "holds", None
    if answer != z3.sat:
        return "unknown", solver.reason_unknown() or "solver gave up"
    model = solver.model()
    try:
        return "point", {name: _value(model, var) for name, var in want.items()}
    except (z3.Z3Exception, AttributeError):
        return "unknown", "the witness is not a rational point"


def escapes(
    a: LinearSystem, b: LinearSystem, shared: list[str], *, timeout_ms: int
) -> tuple[str, Any]:
    """Is some point of ``a`` (projected on ``shared``) outside ``b``'s projection?

    ``("holds", None)`` means no: proj(a) is contained in proj(b).
    """
    ea = _env(a, a.variables, "a")
    eb_aux = _env(b, [n for n in b.variables if n not in shared], "b")
    eb = {**{n: ea[n] for n in shared}, **eb_aux}
    inside_b = feasible(b, eb)
    if eb_aux:
        inside_b = z3.Exists(list(eb_aux.values()), inside_b)
    formula = z3.And(feasible(a, ea), z3.Not(inside_b))
    verdict, point = _solve(formula, timeout_ms, ea)
    return ("contained", None) if verdict == "holds" else (verdict, point)


def order_differs(a: LinearSystem, b: LinearSystem, *, timeout_ms: int) -> tuple[str, Any]:
    """Over the feasible points of ``a`` (same variables as ``b``), is there a pair
    that objective ``a`` ranks strictly and objective ``b`` does not rank the same
    way? ``("holds", None)`` means the two objectives order all points alike."""
    names = list(a.variables)
    p, q = _env(a, names, "p"), _env(a, names, "q")
    fa_p, fa_q = _lin(a.objective, p), _lin(a.objective, q)
    fb_p, fb_q = _lin(b.objective, p), _lin(b.objective, q)
    disagree = z3.Or(z3.And(fa_p < fa_q, fb_p >= fb_q), z3.And(fb_p < fb_q, fa_p >= fa_q))
    formula = z3.And(feasible(a, p), feasible(a, q), disagree)
    verdict, point = _solve(
        formula,
        timeout_ms,
        {**{f"p.{k}": v for k, v in p.items()}, **{f"q.{k}": v for k, v in q.items()}},
    )
    return ("same", None) if verdict == "holds" else (verdict, point)


def is_feasible_point(
    system: LinearSystem, point: dict[str, Fraction], *, timeout_ms: int
) -> bool | None:
    """Exact re-check: can ``point`` (values of some variables) be completed to a
    feasible point of ``system``? None when the solver cannot say."""
    env = _env(system, system.variables, "r")
    fixed = [env[n] == _q(v) for n, v in point.items() if n in env]
    verdict, _ = _solve(z3.And(feasible(system, env), *fixed), timeout_ms, {})
    return {"holds": False, "point": True}.get(verdict)


def holds(
    system: LinearSystem, coeffs: dict[str, Fraction], bound: Fraction, *, timeout_ms: int
) -> bool | None:
    """Exactly: is ``sum(coeffs x) <= bound`` at every point of ``system``
    (vacuously when it has none)? None when the solver cannot say."""
    env, formula = system.compiled
    verdict, _ = _solve(z3.And(formula, _lin(coeffs, env) > _q(bound)), timeout_ms, {})
    return {"holds": True, "point": False}.get(verdict)


def unstated(
    system: LinearSystem, other: LinearSystem
) -> list[tuple[dict[str, Fraction], Fraction]]:
    """The constraints of ``system`` that ``other`` does not state literally,
    each as ``(c, b)`` meaning ``sum(c x) <= b`` (an equality gives two, a
    bound one): the places where a point of ``other`` may escape ``system``."""
    stated = {(tuple(sorted(c.items())), s, b) for c, s, b in other.rows}
    out = []
    for coeffs, sense, rhs in system.rows:
        if (tuple(sorted(coeffs.items())), sense, rhs) in stated:
            continue
        out.append((coeffs, rhs))
        if sense == "=":
            out.append(({n: -c for n, c in coeffs.items()}, -rhs))
    for name, (lo, up, _) in system.variables.items():
        olo, oup, _ = other.variables.get(name, (None, None, False))
        if up is not None and (oup is None or oup > up):
            out.append(({name: Fraction(1)}, up))
        if lo is not None and (olo is None or olo < lo):
            out.append(({name: Fraction(-1)}, -lo))
    return out


def satisfies(system: LinearSystem, point: dict[str, Fraction]) -> bool:
    """Exactly: is ``point`` (a value for every variable) feasible in ``system``?"""
    for name, (lo, up, integer) in system.variables.items():
        x = point[name]
        if (lo is not None and x < lo) or (up is not None and x > up):
            return False
        if integer and x.denominator != 1:
            return False
    for coeffs, sense, rhs in system.rows:
        lhs = sum((c * point[n] for n, c in coeffs.items()), Fraction(0))
        if lhs > rhs or (sense == "=" and lhs != rhs):
            return False
    return True


def complete(
    system: LinearSystem,
    fixed: dict[str, Fraction],
    beyond: tuple[dict[str, Fraction], Fraction],
    *,
    timeout_ms: int,
) -> dict[str, Fraction] | None:
    """A feasible point of ``system`` that agrees with ``fixed`` and has
    ``sum(c x) > b`` for ``beyond = (c, b)``, with exact values; None if there
    is none or the solver cannot say. With the integer variables fixed, this is
    a linear real arithmetic query, which Z3 answers quickly."""
    env, formula = system.compiled
    coeffs, bound = beyond
    pins = [env[n] == _q(v) for n, v in fixed.items()]
    verdict, point = _solve(z3.And(formula, *pins, _lin(coeffs, env) > _q(bound)), timeout_ms, env)
    return point if verdict == "point" else None


def optimum(
    system: LinearSystem,
    *,
    maximize: bool,
    timeout_ms: int,
    objective: dict[str, Fraction] | None = None,
) -> tuple[str, Any]:
    """The exact optimal value of ``objective`` (default: the system's own) over
    the system: ``("value", Fraction)``, ``("unbounded", None)``,
    ``("infeasible", None)`` or ``("unknown", reason)``."""
    env, formula = system.compiled
    opt = z3.Optimize()
    opt.set("timeout", max(1, int(timeout_ms)))
    opt.add(formula)
    objective = _lin(system.objective if objective is None else objective, env)
    handle = opt.maximize(objective) if maximize else opt.minimize(objective)
    answer = opt.check()
    if answer == z3.unsat:
        return "infeasible", None
    if answer != z3.sat:
        return "unknown", opt.reason_unknown() or "optimizer gave up"
    value = opt.upper(handle) if maximize else opt.lower(handle)
    if z3.is_rational_value(value) or z3.is_int_value(value):
        return "value", _rational(value)
    text = str(value)
    if "oo" in text:
        return "unbounded", None
    return "unknown", f"optimum not attained exactly ({text})"


def _rational(val: Any) -> Fraction:
    if z3.is_int_value(val):
        return Fraction(val.as_long())
    return Fraction(val.numerator_as_long(), val.denominator_as_long())


def has_interior(system: LinearSystem, *, timeout_ms: int) -> bool | None:
    """Is the (continuous) feasible set full-dimensional? True when some point
    satisfies every inequality and finite bound strictly and there are no
    equality rows; None when undecided."""
    if any(sense == "=" for _, sense, _ in system.rows):
        return False
    env = _env(system, system.variables, "i")
    parts = []
    for name, (lo, up, _) in system.variables.items():
        if lo is not None:
            parts.append(env[name] > _q(lo))
        if up is not None:
            parts.append(env[name] < _q(up))
    for coeffs, _, rhs in system.rows:
        parts.append(_lin(coeffs, env) < _q(rhs))
    verdict, _ = _solve(z3.And(parts), timeout_ms, {})
    return {"holds": False, "point": True}.get(verdict)


def project(
    system: LinearSystem, keep: Iterable[str], *, max_rows: int = 400
) -> LinearSystem | None:
    """The feasible set of ``system`` projected onto ``keep``, exactly: the
    other variables eliminated by substitution through an equality row where
    one holds them, else by Fourier-Motzkin (every pair of a row bounding the
    variable from above and one from below; Fourier 1826, Motzkin 1936).

    Exact for continuous eliminated variables whatever the kept ones are
    (for fixed kept values the rest is a linear real system); None when an
    eliminated variable is integer or the rows would exceed ``max_rows``.
    The objective keeps only its terms over ``keep`` (it is not projected)."""
    keep = set(keep)
    gone = [n for n in system.variables if n not in keep]
    if any(system.variables[n][2] for n in gone):
        return None
    rows: list[Row] = [(dict(c), s, b) for c, s, b in system.rows]
    for name in gone:
        lo, up, _ = system.variables[name]
        if lo is not None:
            rows.append(({name: Fraction(-1)}, "<=", -lo))
        if up is not None:
            rows.append(({name: Fraction(1)}, "<=", up))
    remaining = set(gone)
    while remaining:
        # the cheapest variable next: substitution, else the fewest new rows
        name = min(sorted(remaining), key=lambda n, rows=rows: _cost(rows, n))
        remaining.discard(name)
        rows = _eliminate(rows, name)
        if len(rows) > max_rows:
            return None
    variables = {n: system.variables[n] for n in system.variables if n in keep}
    objective = {n: c for n, c in system.objective.items() if n in keep}
    return LinearSystem(variables, tuple(rows), objective)


def _cost(rows: list[Row], n: str) -> tuple[int, int]:
    if any(s == "=" and n in c for c, s, _ in rows):
        return (0, 0)
    pos = sum(1 for c, s, _ in rows if s == "<=" and c.get(n, 0) > 0)
    neg = sum(1 for c, s, _ in rows if s == "<=" and c.get(n, 0) < 0)
    return (1, pos * neg - pos - neg)


def _eliminate(rows: list[Row], name: str) -> list[Row]:
    eqs = [r for r in rows if r[1] == "=" and name in r[0]]
    if eqs:
        pivot = min(eqs, key=lambda r: len(r[0]))
        pc, _, pb = pivot
        a = pc[name]
        out = []
        for r in rows:
            if r is pivot:
                continue
            c, s, b = r
            f = c.get(name)
            if f is None:
                out.append(r)
                continue
            k = f / a
            new = {n: c.get(n, Fraction(0)) - k * pc.get(n, Fraction(0)) for n in {*c, *pc}}
            out.append(({n: v for n, v in new.items() if v and n != name}, s, b - k * pb))
        return _tidy(out)
    upper = [r for r in rows if r[0].get(name, 0) > 0]
    lower = [r for r in rows if r[0].get(name, 0) < 0]
    out = [r for r in rows if name not in r[0]]
    for cu, _, bu in upper:
        for cl, _, bl in lower:
            fu, fl = 1 / cu[name], -1 / cl[name]
            new = {n: fu * cu.get(n, Fraction(0)) + fl * cl.get(n, Fraction(0)) for n in {*cu, *cl}}
            out.append(({n: v for n, v in new.items() if v and n != name}, "<=", fu * bu + fl * bl))
    return _tidy(out)


def _tidy(rows: list[Row]) -> list[Row]:
    """Rows scaled so their largest coefficient is 1 in absolute value, each
    once (the tightest of equal left sides); constant rows dropped when true
    and kept once as ``0 <= -1`` when false."""
    best: dict[tuple, Fraction] = {}
    eqs: dict[tuple, Fraction] = {}
    false = False
    for c, s, b in rows:
        if not c:
            false |= b < 0 if s == "<=" else b != 0
            continue
        m = max(abs(v) for v in c.values())
        if s == "=":
            first = c[min(c)]
            m = m if first > 0 else -m
        key = tuple(sorted((n, v / m) for n, v in c.items()))
        if s == "=":
            if key in eqs and eqs[key] != b / m:
                false = True
            eqs[key] = b / m
        else:
            best[key] = min(best.get(key, b / m), b / m)
    out: list[Row] = [(dict(k), "<=", b) for k, b in best.items()]
    out += [(dict(k), "=", b) for k, b in eqs.items()]
    if false:
        out.append(({}, "<=", Fraction(-1)))
    return out
