"""Canonical form of LTL / LTLf formulas: simplified negation normal form.

``canonical(f)`` rewrites a formula into a normal form that means the same on
every word:

* negation normal form: ``!`` only on atoms; ``->``, ``<->`` and ``xor`` are
  expanded (``a <-> b`` becomes ``(a & b) | (!a & !b)``); ``W`` and ``M`` are
  kept, and pushed through negation as duals (``!(a W b) = !a M !b``);
* ``&`` and ``|`` n-ary, flattened, deduplicated and sorted by a total structural
  order (constants, literals by atom name, then larger formulas);
* constant folding and sound local rules (:mod:`.nodes`): ``F F a = F a``,
  ``G G a = G a``, ``F(a | b) = F a | F b``, ``G(a & b) = G a & G b``,
  ``F(a U b) = F b``, ``G(a R b) = G b``, ``F(a M b) = F(a & b)``,
  ``G(a W b) = G(a | b)``, ``G F G a = F G a``, ``F G F a = G F a``, ``a U a = a``,
  ``true U a = F a``, ``false R a = G a``, ``a W false = G a``, ``a M true = F a``,
  ``a U (a U b) = a U b``, ``a U F b = F b``, ``X a & X b = X(a & b)``,
  absorption (``a & (a | b) = a``, ``G a & a = G a``, ``G a & F a = G a``,
  ``(a R b) & b = a R b``), unfolding (``a | X F a = F a``), and folding
  (``(a U b) | G a = a W b``, ``(a R b) & F a = a M b``); on infinite words also
  ``X true = true``, ``F X a = X F a``, ``G X a = X G a``, ``X a U X b = X(a U b)``
  and ``X G F a = G F a``.

On infinite words (the default) the weak next ``N`` is ``X``; with
``finite=True`` the LTLf rules apply (``X true`` means "not the last position"
and is kept, ``N`` stays). Every walk is iterative, so 10,000-deep inputs are
fine. The rules are local rewrites in the style of Spot's basic reductions
(Duret-Lutz, *Spot 2.0*, ATVA 2016, and Somenzi & Bloem, CAV 2000); equal
canonical forms prove equivalence, different ones prove nothing.
"""

from __future__ import annotations

from . import ast as A
from .nodes import (
    AND,
    AP,
    BINARY,
    FALSE,
    NAP,
    OP_NAMES,
    OR,
    TRUE,
    Node,
    Store,
    discard,
    fold,
    store,
)

_BIN = {"U": 10, "R": 11, "W": 12, "M": 13}
_OPS = {name: i for i, name in enumerate(OP_NAMES)}


def canonical(f: A.Formula, *, finite: bool = False) -> A.Formula:
    """The canonical form of ``f``.

    Parameters
    ----------
    f : Formula
        Any formula of :mod:`.ast`.
    finite : bool
        Read ``f`` over finite traces (LTLf) instead of infinite words.

    Examples
    --------
    >>> from equivsolve.domains.ltl.ast import TRUE, Atom, Binary, Not, Unary
    >>> a = Atom("a")
    >>> canonical(Binary("U", TRUE, Unary("F", a)))
    Unary(op='F', arg=Atom(name='a'))
    >>> canonical(Not(Unary("X", Not(a)))) == Unary("X", a)
    True
    """
    s = store(finite)
    try:
        return to_ast(to_node(f, s))
    except BaseException:
        discard(finite)
        raise


def atoms(f: A.Formula) -> frozenset[str]:
    """The atomic propositions occurring in ``f``.

    >>> from equivsolve.domains.ltl.ast import Atom, Binary
    >>> sorted(atoms(Binary("U", Atom("b"), Atom("a"))))
    ['a', 'b']
    """
    out: set[str] = set()
    seen: set[int] = set()
    stack = [f]
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, A.Atom):
            out.add(n.name)
        else:
            stack.extend(_ast_children(n))
    return frozenset(out)


def _ast_children(n: A.Formula) -> tuple[A.Formula, ...]:
    if isinstance(n, (A.And, A.Or)):
        return n.args
    if isinstance(n, (A.Not, A.Unary)):
        return (n.arg,)
    if isinstance(n, (A.Implies, A.Iff, A.Xor, A.Binary)):
        return (n.left, n.right)
    if isinstance(n, (A.Atom, A.Const)):
        return ()
    raise TypeError(f"not an LTL formula: {n!r}")


def to_node(f: A.Formula, s: Store) -> Node:
    """The interned, simplified NNF node of ``f`` (iterative, memoised on AST identity)."""
    done: dict[int, Node] = {}
    keep: list[A.Formula] = []  # keeps ids stable during the walk
    stack = [f]
    while stack:
        n = stack[-1]
        if id(n) in done:
            stack.pop()
            continue
        if isinstance(n, A.Not) and isinstance(n.arg, A.Atom):
            kids: tuple[A.Formula, ...] = ()
        else:
            kids = _ast_children(n)
        todo = [k for k in kids if id(k) not in done]
        if todo:
            stack.extend(todo)
            continue
        stack.pop()
        keep.append(n)
        done[id(n)] = _build(n, [done[id(k)] for k in kids], s)
    return done[id(f)]


def _build(n: A.Formula, k: list[Node], s: Store) -> Node:
    if isinstance(n, A.Atom):
        return s.atom(n.name)
    if isinstance(n, A.Const):
        return s.const(n.value)
    if isinstance(n, A.Not):
        if isinstance(n.arg, A.Atom):
            return s.atom(n.arg.name, False)
        return s.neg(k[0])
    if isinstance(n, A.And):
        return s.and_(k)
    if isinstance(n, A.Or):
        return s.or_(k)
    if isinstance(n, A.Implies):
        return s.or_([s.neg(k[0]), k[1]])
    if isinstance(n, (A.Iff, A.Xor)):
        a, b = k
        na, nb = s.neg(a), s.neg(b)
        if isinstance(n, A.Xor):
            b, nb = nb, b
        return s.or_([s.and_([a, b]), s.and_([na, nb])])
    if isinstance(n, A.Unary):
        build = {"X": s.x, "N": s.n, "F": s.f, "G": s.g}.get(n.op)
        if build is None:
            raise ValueError(f"unknown unary operator {n.op!r}")
        return build(k[0])
    if isinstance(n, A.Binary):
        if n.op not in _BIN:
            raise ValueError(f"unknown binary operator {n.op!r}")
        return s.binary(_BIN[n.op], k[0], k[1])
    raise TypeError(f"not an LTL formula: {n!r}")


def to_ast(root: Node) -> A.Formula:
    """The AST of a node (shared subformulas stay shared)."""

    def build(n: Node, out: dict[Node, A.Formula]) -> A.Formula:
        op = n.op
        if op in (TRUE, FALSE):
            return A.TRUE if op == TRUE else A.FALSE
        if op == AP:
            return A.Atom(n.name)
        if op == NAP:
            return A.Not(A.Atom(n.name))
        if op in (AND, OR):
            args = tuple(out[k] for k in n.args)
            return A.And(args) if op == AND else A.Or(args)
        if op in BINARY:
            return A.Binary(OP_NAMES[op], out[n.a], out[n.b])
        return A.Unary(OP_NAMES[op], out[n.a])

    return fold(root, build)
