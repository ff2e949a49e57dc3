"""Short constructors for LTL ASTs in test tables (no parser needed):
``G(Imp(a, F(b)))`` is ``G(a -> F b)``."""

from __future__ import annotations

from equivsolve.domains.ltl import ast as A

a, b, c, d = (A.Atom(n) for n in "abcd")
T, FF = A.TRUE, A.FALSE


def Not(f: A.Formula) -> A.Formula:
    return A.Not(f)


def And(*fs: A.Formula) -> A.Formula:
    return A.And(tuple(fs))


def Or(*fs: A.Formula) -> A.Formula:
    return A.Or(tuple(fs))


def Imp(f: A.Formula, g: A.Formula) -> A.Formula:
    return A.Implies(f, g)


def Iff(f: A.Formula, g: A.Formula) -> A.Formula:
    return A.Iff(f, g)


def Xor(f: A.Formula, g: A.Formula) -> A.Formula:
    return A.Xor(f, g)


def X(f: A.Formula) -> A.Formula:
    return A.Unary("X", f)


def N(f: A.Formula) -> A.Formula:
    return A.Unary("N", f)


def F(f: A.Formula) -> A.Formula:
    return A.Unary("F", f)


def G(f: A.Formula) -> A.Formula:
    return A.Unary("G", f)


def U(f: A.Formula, g: A.Formula) -> A.Formula:
    return A.Binary("U", f, g)


def R(f: A.Formula, g: A.Formula) -> A.Formula:
    return A.Binary("R", f, g)


def W(f: A.Formula, g: A.Formula) -> A.Formula:
    return A.Binary("W", f, g)


def M(f: A.Formula, g: A.Formula) -> A.Formula:
    return A.Binary("M", f, g)


def Xn(n: int, f: A.Formula) -> A.Formula:
    """``X`` applied ``n`` times."""
    for _ in range(n):
        f = X(f)
    return f


def letter(*atoms: str) -> frozenset[str]:
    return frozenset(atoms)
