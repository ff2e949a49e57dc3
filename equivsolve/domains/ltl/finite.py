"""Satisfiability and equivalence of LTLf formulas (finite non-empty traces).

Semantics of De Giacomo & Vardi (*Linear temporal logic and linear dynamic
logic on finite traces*, IJCAI 2013): a trace is a non-empty finite sequence of
letters; ``X a`` (strong next) needs a next position, ``N a`` (weak next) holds
at the last position; ``a U b`` needs ``b`` before the end, ``a R b`` may be
released by the end of the trace, ``G a`` ranges over the remaining positions.

The decision procedure translates the formula on the fly into an NFA whose
states are sets of obligations, by the finite-trace tableau of :mod:`.tableau`
(the expansion laws with strong and weak next), and searches it breadth-first
for a term after which the trace may end (one without a strong obligation).
No acceptance condition is needed: an eventuality that is never fulfilled keeps
a strong obligation alive, so the trace cannot end. Breadth-first search gives a
shortest witness. Differences from the paper's construction (via alternating
automata): states are conjunctions of interned NNF formulas, shared with every
earlier call in the thread, and contradictory states are dropped. Every returned
trace is re-checked with :func:`.trace.holds_finite`.
"""

from __future__ import annotations

from collections import deque

from ...budget import Budget
from . import ast as A
from .automata import CertificateError
from .canon import to_node
from .nodes import Node, Store, discard, store
from .split import conjuncts
from .tableau import label_letter, successors
from .trace import Letter, holds_finite

Trace = tuple[Letter, ...]


def satisfiable_finite(f: A.Formula, *, budget: Budget | None = None) -> Trace | None:
    """A shortest finite trace satisfying ``f``, or ``None`` when there is none.

    Examples
    --------
    >>> from equivsolve.domains.ltl.ast import Atom, Unary, TRUE
    >>> satisfiable_finite(Unary("X", Atom("a")))
    (frozenset(), frozenset({'a'}))
    >>> satisfiable_finite(Unary("G", Unary("X", TRUE))) is None
    True
    """
    s = store(finite=True)
    try:
        word = _search(s, [to_node(f, s)], budget)
    except BaseException:
        discard(finite=True)
        raise
    if word is not None and not holds_finite(f, word):
        raise CertificateError(f"witness {word} does not satisfy the formula")
    return word


def equivalent_finite(f: A.Formula, g: A.Formula, *, budget: Budget | None = None) -> Trace | None:
    """``None`` when ``f`` and ``g`` hold on the same finite traces; otherwise a
    shortest trace (of the first side tried) on which exactly one of them holds.

    Examples
    --------
    >>> from equivsolve.domains.ltl.ast import Atom, Unary
    >>> a = Atom("a")
    >>> equivalent_finite(Unary("G", Unary("F", a)), Unary("F", Unary("G", a))) is None
    True
    """
    s = store(finite=True)
    try:
        fn, gn = to_node(f, s), to_node(g, s)
        word = None
        if fn is not gn:
            word = _search(s, [fn, s.neg(gn)], budget)
            if word is None:
                word = _search(s, [s.neg(fn), gn], budget)
    except BaseException:
        discard(finite=True)
        raise
    if word is not None and holds_finite(f, word) == holds_finite(g, word):
        raise CertificateError(f"counterexample {word} does not separate the formulas")
    return word


def _search(s: Store, roots: list[Node], budget: Budget | None) -> Trace | None:
    init = conjuncts(s, roots)
    if init is None:
        return None
    parent: dict[frozenset[Node], tuple[frozenset[Node], int] | None] = {init: None}
    queue = deque([init])
    while queue:
        state = queue.popleft()
        if budget is not None:
            budget.check()
        out = successors(state, s)
        for pos, _neg, _nxt, strong, _pend in out:
            if not strong:
                return _trace(s, parent, state, pos)
        for pos, _neg, nxt, _strong, _pend in out:
            if nxt not in parent and not s.contradictory(nxt):
                parent[nxt] = (state, pos)
                queue.append(nxt)
    return None


def _trace(
    s: Store,
    parent: dict[frozenset[Node], tuple[frozenset[Node], int] | None],
    state: frozenset[Node],
    last: int,
) -> Trace:
    labels = [last]
    link = parent[state]
    while link is not None:
        state, pos = link
        labels.append(pos)
        link = parent[state]
    return tuple(label_letter(p, s) for p in reversed(labels))
