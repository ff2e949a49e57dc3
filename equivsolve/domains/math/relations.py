"""Sets of reals and relations: intervals, set-builder notation, solution
sets, equations and inequalities (with the assignment, approximation and
worked-chain readings of ``docs/math.md``).

``canon.value`` reads every other kind of answer and calls in here; this
module calls back into it for the values inside a relation.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import sympy as sp

from ...errors import UnsupportedError
from . import ast as A
from .canon import (
    Context,
    FuncDef,
    RealSet,
    Relation,
    Scalar,
    _is_call,
    _is_label,
    scalar,
    value,
)
from .numeric import sign


def real_set(node: A.Node, ctx: Context) -> sp.Set:
    if isinstance(node, A.Reals):
        sets = {
            "R": sp.S.Reals,
            "Z": sp.S.Integers,
            "N": sp.S.Naturals,
            "Q": sp.S.Rationals,
            "C": sp.S.Complexes,
        }
        return sets.get(node.name, sp.S.Reals)
    if isinstance(node, A.Interval):
        return sp.Interval(
            scalar(node.lo, ctx),
            scalar(node.hi, ctx),
            left_open=not node.left_closed,
            right_open=not node.right_closed,
        )
    if isinstance(node, A.Tuple_) and len(node.items) == 2 and node.open == "(":
        return sp.Interval.open(scalar(node.items[0], ctx), scalar(node.items[1], ctx))
    if isinstance(node, A.SetLit):
        return sp.FiniteSet(*[scalar(x, ctx) for x in node.items])
    if isinstance(node, A.SetOp):
        a, b = real_set(node.left, ctx), real_set(node.right, ctx)
        return {"cup": sp.Union, "cap": sp.Intersection}.get(node.op, sp.Complement)(a, b)
    raise UnsupportedError(f"{type(node).__name__} used as a set")


def solve_set(cond: Any, x: sp.Symbol) -> sp.Set | None:
    """The real points where a relation in one variable holds (``And`` is an
    intersection, ``Or`` a union); None when SymPy cannot say exactly."""
    if cond is sp.true:
        return sp.S.Reals
    if cond is sp.false:
        return sp.S.EmptySet
    if isinstance(cond, (sp.And, sp.Or)):
        parts = [solve_set(c, x) for c in cond.args]
        if any(p is None for p in parts):
            return None
        return (sp.Intersection if isinstance(cond, sp.And) else sp.Union)(*parts)
    try:
        found = sp.solveset(cond, x, sp.S.Reals)
    except Exception:
        return None
    if isinstance(found, (sp.ConditionSet, sp.ImageSet)) or found.has(sp.ConditionSet):
        return None
    return found


def some_solutions(eq: sp.Eq, x: sp.Symbol) -> list[sp.Expr]:
    """A few real solutions of a one-variable equation, from SymPy's solution
    families (``2n\\pi + \\arcsin c``) at n = 0, 1, -1; empty when it has none."""
    try:
        found = sp.solveset(eq, x, sp.S.Reals)
    except Exception:
        return []
    families = found.args if isinstance(found, sp.Union) else (found,)
    out: list[sp.Expr] = []
    for fam in families:
        if isinstance(fam, sp.FiniteSet):
            out.extend(e for e in fam.args if e.is_real)
        elif isinstance(fam, sp.ImageSet) and len(fam.lamda.variables) == 1:
            out.extend(e for e in (fam.lamda(n) for n in (0, 1, -1)) if e.is_real)
    return out[:6]


def set_builder(node: A.SetBuilder, ctx: Context) -> Any:
    """``\\{x \\mid x>1\\}`` is the set of reals where the condition holds;
    ``\\{x \\in S \\mid ...\\}`` intersects with ``S``."""
    var: A.Node = node.var
    within: sp.Set | None = None
    if isinstance(var, A.Member):
        within = real_set(var.set, ctx)
        var = var.element
    if not isinstance(var, A.Sym):
        raise UnsupportedError("set-builder notation over several variables")
    x = ctx.sym(var.name)
    rel = relation(node.cond, ctx) if isinstance(node.cond, (A.Chain, A.Member, A.Logic)) else None
    if not isinstance(rel, Relation) or rel.cond is None:
        raise UnsupportedError("set-builder notation without a condition")
    found = solve_set(rel.cond, x)
    if found is None:
        raise UnsupportedError("a set-builder condition SymPy cannot solve")
    return RealSet(found if within is None else sp.Intersection(found, within))


_REL = {"=": sp.Eq, "!=": sp.Ne, "<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge, "~": sp.Eq}


def relation(node: A.Node, ctx: Context) -> Relation | FuncDef:
    if isinstance(node, A.Logic):
        parts = [_cond(relation(x, ctx)) for x in node.items]
        return Relation(sp.And(*parts) if node.op == "and" else sp.Or(*parts))
    if isinstance(node, A.Member):
        x = scalar(node.element, ctx)
        s = real_set(node.set, ctx)
        return Relation(
            s.as_relational(x) if x.is_Symbol else sp.Contains(x, s),
            lhs=x,
            rhs=RealSet(s),
            label=True,
        )
    assert isinstance(node, A.Chain)
    # "x = E \\approx D", or "E \\approx D" with E an expression (not a name)
    if "~" in node.ops and (len(node.terms) > 2 or not _is_label(node.terms[0])):
        approx = _approximation(node, ctx)
        if approx is not None:
            return approx
    terms = node.terms
    if len(terms) == 2 and node.ops == ("=",) and isinstance(terms[1], A.Sym):
        if not isinstance(terms[0], (A.Sym, A.Word)) and not _names_in(terms[0]):
            terms = (terms[1], terms[0])  # "2 = x" names the value as "x = 2" does
            node = A.Chain(node.ops, terms)
    if len(terms) == 2 and node.ops[0] in ("=", "~"):
        left = terms[0]
        if (
            isinstance(left, A.Op)
            and _is_call(left)
            and all(isinstance(p, A.Sym) for p in _call_params(left))
        ):
            return _funcdef(left, terms[1], ctx)
    if all(op in ("=", "~") for op in node.ops) and not all(_is_scalar(t) for t in terms):
        # "(p, q) = (3, 2)", "D = (0, 1)": a named answer, not an equation
        return Relation(
            None,
            lhs=terms[0],
            rhs=value(terms[-1], ctx),
            label=_is_label(terms[0])
            or isinstance(terms[0], A.Tuple_)
            and all(_is_label(t) for t in terms[0].items),
        )
    vals = [scalar(t, ctx) for t in terms]
    conds = [_relational(op, vals[k], vals[k + 1]) for k, op in enumerate(node.ops)]
    cond = conds[0] if len(conds) == 1 else sp.And(*conds)
    if all(op in ("=", "~") for op in node.ops):
        # a name on the left (x = 3, |AB| = 1), or a worked computation (1+1 = 2)
        label = _is_label(terms[0]) or not any(getattr(v, "free_symbols", ()) for v in vals)
        rhs = value(terms[-1], ctx)
        false_step = _false_step(terms, vals)
        return Relation(cond, lhs=vals[0], rhs=rhs, label=label, false_step=false_step)
    return Relation(cond)


def _relational(op: str, a: Any, b: Any) -> Any:
    """``a op b``; left unevaluated around sums and products, whose evaluation
    (``\\sum_{k=0}^{1000} \\binom{1000}{k} \\sqrt{3}^k``) cannot be interrupted."""
    lazy = any(getattr(v, "has", lambda *_: False)(sp.Sum, sp.Product) for v in (a, b))
    return _REL[op](a, b, evaluate=False) if lazy else _REL[op](a, b)


def _names_in(node: A.Node) -> bool:
    """Does the AST mention a variable?"""
    return isinstance(node, (A.Sym, A.Word)) or any(_names_in(c) for c in A.children(node))


def _approximation(node: A.Chain, ctx: Context) -> Any:
    """``x = E \\approx D``: the value ``E``, with ``D`` as a second reading
    (policy ``approximation``); None when the chain is not of that shape."""
    k = node.ops.index("~")
    if any(op != "=" for op in node.ops[:k]) or any(op != "~" for op in node.ops[k:]):
        return None
    head = node.terms[: k + 1]
    exact = value(head[0] if len(head) == 1 else A.Chain(node.ops[:k], head), ctx)
    approx = value(node.terms[-1], ctx)
    if not isinstance(approx, Scalar) or approx.expr.free_symbols:
        return None
    if isinstance(exact, Scalar) and not exact.expr.free_symbols:
        return Scalar(exact.expr, exact.places, (approx.expr,), "approximation")
    if isinstance(exact, Relation) and exact.label and isinstance(exact.rhs, Scalar):
        rhs = exact.rhs
        return replace(exact, rhs=Scalar(rhs.expr, rhs.places, (approx.expr,), "approximation"))
    return None


def _false_step(terms: tuple[A.Node, ...], vals: list[Any]) -> str | None:
    """The first equality between two exact constants that does not hold, as
    text; decimals are left alone (``= 3.30`` is often a rounding), and so is a
    single equation (``\\frac12 \\$ = \\frac{10}{9}`` states its last term)."""
    if len(vals) < 3:
        return None
    for k in range(len(vals) - 1):
        a, b = vals[k], vals[k + 1]
        if _has_decimal(terms[k]) or _has_decimal(terms[k + 1]):
            continue
        if not (isinstance(a, sp.Expr) and isinstance(b, sp.Expr) and a.is_number and b.is_number):
            continue
        if a.has(sp.Sum, sp.Product) or b.has(sp.Sum, sp.Product):
            continue  # not evaluated: a thousand-term sum is no quick check
        if sign(a - b):  # nonzero, exactly or at a precision SymPy vouches for
            return f"{a} = {b}"
    return None


def _has_decimal(node: A.Node) -> bool:
    if isinstance(node, A.Num):
        return node.places is not None
    return any(_has_decimal(c) for c in A.children(node))


def _is_scalar(node: A.Node) -> bool:
    return not isinstance(
        node, (A.Tuple_, A.Interval, A.SetLit, A.Seq, A.Matrix, A.SetOp, A.Reals, A.PlusMinus)
    )


def _cond(rel: Relation | FuncDef) -> Any:
    if isinstance(rel, FuncDef):
        raise UnsupportedError("a function definition inside and/or")
    return rel.cond


def _call_params(call: A.Op) -> tuple[A.Node, ...]:
    arg = call.args[1]
    return arg.items if isinstance(arg, A.Tuple_) else (arg,)


def _funcdef(call: A.Op, body: A.Node, ctx: Context) -> FuncDef:
    name = call.args[0].name  # type: ignore[attr-defined]
    params = tuple(ctx.sym(p.name) for p in _call_params(call))  # type: ignore[attr-defined]
    return FuncDef(name, params, value(body, ctx))
