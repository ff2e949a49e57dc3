"""Spot formulas -> our LTL AST (a test helper; needs ``spottl``).

Used by the decision-procedure tests to build formulas without our parser, and
to compare verdicts with ``spot.are_equivalent``. Walks ``spot.formula`` by its
``kind()`` and children, without recursion (Spot itself parses deep formulas).
"""

from __future__ import annotations

from typing import Any

from equivsolve.domains.ltl import ast as A


def from_spot(f: Any) -> A.Formula:
    """The AST of a ``spot.formula`` (LTL operators only)."""
    import spot

    unary = {spot.op_X: "X", spot.op_F: "F", spot.op_G: "G"}
    binary = {spot.op_U: "U", spot.op_R: "R", spot.op_W: "W", spot.op_M: "M"}
    pairs = {spot.op_Implies: A.Implies, spot.op_Equiv: A.Iff, spot.op_Xor: A.Xor}
    done: dict[str, A.Formula] = {}
    stack = [f]
    while stack:
        g = stack[-1]
        key = str(g)
        if key in done:
            stack.pop()
            continue
        kids = list(g)
        todo = [k for k in kids if str(k) not in done]
        if todo:
            stack.extend(todo)
            continue
        stack.pop()
        k = g.kind()
        sub = [done[str(c)] for c in kids]
        if k == spot.op_ap:
            done[key] = A.Atom(g.ap_name())
        elif k == spot.op_tt:
            done[key] = A.TRUE
        elif k == spot.op_ff:
            done[key] = A.FALSE
        elif k == spot.op_Not:
            done[key] = A.Not(sub[0])
        elif k == spot.op_And:
            done[key] = A.And(tuple(sub))
        elif k == spot.op_Or:
            done[key] = A.Or(tuple(sub))
        elif k in pairs:
            done[key] = pairs[k](sub[0], sub[1])
        elif k in unary:
            done[key] = A.Unary(unary[k], sub[0])
        elif k in binary:
            done[key] = A.Binary(binary[k], sub[0], sub[1])
        else:
            raise ValueError(f"not an LTL operator: {g}")
    return done[str(f)]


def parse_spot(text: str) -> A.Formula:
    """Parse with Spot (strict infix) and convert."""
    import spot

    p = spot.parse_infix_psl(text)
    if p.format_errors(spot.get_cout()):
        raise ValueError(f"Spot cannot parse {text!r}")
    return from_spot(p.f)
