"""The one place that imports Z3.

Translates SymPy relations over real variables (polynomial arithmetic with
rational coefficients, absolute values, ``and``/``or``/``not``) into Z3 and
decides whether two of them hold at exactly the same points. Z3's nlsat
procedure is complete for nonlinear real arithmetic, so within the time limit
the answer is a proof (unsat) or a model (a candidate counterexample that the
caller re-checks).
"""

from __future__ import annotations

from typing import Any

import sympy as sp
import z3

from ..errors import UnsupportedError


def _term(e: Any, env: dict[sp.Symbol, Any]) -> Any:
    if e.is_Symbol:
        if e not in env:
            env[e] = z3.Real(str(e))
        return env[e]
    if e.is_Rational:
        return z3.RealVal(f"{e.p}/{e.q}")
    if e.is_Add:
        return z3.Sum([_term(a, env) for a in e.args])
    if e.is_Mul:
        out = _term(e.args[0], env)
        for a in e.args[1:]:
            out = out * _term(a, env)
        return out
    if e.is_Pow and e.exp.is_Integer:
        n = int(e.exp)
        if abs(n) > 64:
            raise UnsupportedError("exponent too large for the SMT encoding")
        base = _term(e.base, env)
        out = z3.RealVal(1)
        for _ in range(abs(n)):
            out = out * base
        return out if n >= 0 else 1 / out
    if isinstance(e, sp.Abs):
        t = _term(e.args[0], env)
        return z3.If(t >= 0, t, -t)
    raise UnsupportedError(f"{type(e).__name__} is outside the SMT encoding")


_RELS = {
    sp.Eq: lambda a, b: a == b,
    sp.Ne: lambda a, b: a != b,
    sp.Lt: lambda a, b: a < b,
    sp.Le: lambda a, b: a <= b,
    sp.Gt: lambda a, b: a > b,
    sp.Ge: lambda a, b: a >= b,
}


def to_z3(cond: Any, env: dict[sp.Symbol, Any]) -> Any:
    """A SymPy boolean -> a Z3 formula (raises UnsupportedError outside the fragment)."""
    if cond is sp.true:
        return z3.BoolVal(True)
    if cond is sp.false:
        return z3.BoolVal(False)
    for cls, mk in _RELS.items():
        if isinstance(cond, cls):
            return mk(_term(cond.lhs, env), _term(cond.rhs, env))
    if isinstance(cond, sp.And):
        return z3.And([to_z3(a, env) for a in cond.args])
    if isinstance(cond, sp.Or):
        return z3.Or([to_z3(a, env) for a in cond.args])
    if isinstance(cond, sp.Not):
        return z3.Not(to_z3(cond.args[0], env))
    raise UnsupportedError(f"{type(cond).__name__} is outside the SMT encoding")


def same_truth(c1: Any, c2: Any, *, timeout_ms: int) -> tuple[str, dict[str, str] | None]:
    """Decide whether ``c1`` and ``c2`` hold at the same real points.

    Returns ``("equal", None)``, ``("differ", model)`` with the model's values
    as exact strings, or ``("unknown", None)``.
    """
    env: dict[sp.Symbol, Any] = {}
    f1, f2 = to_z3(c1, env), to_z3(c2, env)
    solver = z3.SolverFor("QF_NRA") if env else z3.Solver()
    solver.set("timeout", max(1, int(timeout_ms)))
    solver.add(f1 != f2)
    answer = solver.check()
    if answer == z3.unsat:
        return "equal", None
    if answer != z3.sat:
        return "unknown", None
    model = solver.model()
    point: dict[str, str] = {}
    for sym, var in env.items():
        val = model.eval(var, model_completion=True)
        if not z3.is_rational_value(val):
            return "differ", None  # an algebraic witness; the caller cannot re-check it exactly
        point[str(sym)] = f"{val.numerator_as_long()}/{val.denominator_as_long()}"
    return "differ", point
