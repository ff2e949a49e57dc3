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
    if p.errors:  # a truthy error list; format_errors() would print to C++ streams
        raise ValueError(f"Spot cannot parse {text!r}")
    return from_spot(p.f)


def to_spot_text(f: A.Formula, finite: bool = False) -> str:
    """Fully parenthesised Spot text of an AST (iterative). With ``finite``, for
    ``spot.from_ltlf``: ``X`` is written ``X[!]`` (Spot's strong next) and ``N``
    is written ``X`` (weak next in Spot's LTLf reading); otherwise ``N`` is ``X``."""
    names = {"X": "X[!]", "N": "X"} if finite else {"N": "X"}
    out: dict[int, str] = {}
    keep: list[A.Formula] = []
    stack = [f]
    while stack:
        n = stack[-1]
        if id(n) in out:
            stack.pop()
            continue
        kids = _children(n)
        todo = [k for k in kids if id(k) not in out]
        if todo:
            stack.extend(todo)
            continue
        stack.pop()
        keep.append(n)
        s = [out[id(k)] for k in kids]
        if isinstance(n, A.Atom):
            out[id(n)] = '"' + n.name + '"'
        elif isinstance(n, A.Const):
            out[id(n)] = "1" if n.value else "0"
        elif isinstance(n, A.Not):
            out[id(n)] = f"!({s[0]})"
        elif isinstance(n, (A.And, A.Or)):
            out[id(n)] = "(" + (" & " if isinstance(n, A.And) else " | ").join(s) + ")"
        elif isinstance(n, (A.Implies, A.Iff, A.Xor)):
            op = {A.Implies: "->", A.Iff: "<->", A.Xor: "xor"}[type(n)]
            out[id(n)] = f"({s[0]} {op} {s[1]})"
        elif isinstance(n, A.Unary):
            out[id(n)] = f"{names.get(n.op, n.op)}({s[0]})"
        else:
            out[id(n)] = f"(({s[0]}) {n.op} ({s[1]}))"  # type: ignore[attr-defined]
    return out[id(f)]


def _children(n: A.Formula) -> tuple[A.Formula, ...]:
    if isinstance(n, (A.And, A.Or)):
        return n.args
    if isinstance(n, (A.Not, A.Unary)):
        return (n.arg,)
    if isinstance(n, (A.Implies, A.Iff, A.Xor, A.Binary)):
        return (n.left, n.right)
    return ()
