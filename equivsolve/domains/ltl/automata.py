"""Satisfiability and equivalence of LTL formulas over infinite words.

A complete decision procedure in pure Python: the formula (for equivalence,
``f & !g`` and then ``!f & g``) is translated on the fly into a transition-based
generalized Büchi automaton by the tableau of :mod:`.tableau` (GPVW, in
Couvreur's transition-based form), and the automaton is searched for an
accepting lasso while it is built, with Couvreur's SCC-based emptiness check
(J.-M. Couvreur, *On-the-fly verification of linear temporal logic*, FM 1999;
the generalized form of Couvreur, Duret-Lutz & Poitrenaud, SPIN 2005): a DFS
with a stack of SCC roots, each carrying the union of the acceptance marks of
its SCC; an SCC carrying every mark holds an accepting cycle.

Departures from the papers: states are sets of obligations interned in a
per-thread store, so the automaton of ``f & !g`` is the automaton of the union
of two obligation sets and shares every state expansion with earlier calls
(an equivalence vote over 20 candidates reuses most of the work); the
acceptance marks are numbered per store and restricted to the eventualities of
the formulas at hand; states holding a formula next to its negation are
dropped. The witness is a DFS path to the accepting SCC followed by a cycle
through it that collects every mark (breadth-first inside the SCC). Every
returned word is re-checked with the independent evaluator of :mod:`.trace`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from ...budget import Budget
from . import ast as A
from .canon import to_node
from .nodes import Node, Store, discard, store
from .split import combine, components, conjuncts
from .tableau import Term, closure_events, event_bit, label_letter, successors
from .trace import Lasso, holds


class CertificateError(AssertionError):
    """A counterexample failed its independent re-check: an internal error."""


def satisfiable(f: A.Formula, *, budget: Budget | None = None) -> Lasso | None:
    """A lasso word satisfying ``f``, or ``None`` when ``f`` is unsatisfiable.

    Examples
    --------
    >>> from equivsolve.domains.ltl.ast import Atom, Binary, Not
    >>> aMb = Binary("M", Atom("a"), Atom("b"))
    >>> satisfiable(A.And((aMb, Not(aMb)))) is None
    True
    """
    s = store()
    try:
        word = _search(s, [to_node(f, s)], budget)
    except BaseException:
        discard()
        raise
    if word is not None and not holds(f, word):
        raise CertificateError(f"witness {word} does not satisfy the formula")
    return word


def equivalent(f: A.Formula, g: A.Formula, *, budget: Budget | None = None) -> Lasso | None:
    """``None`` when ``f`` and ``g`` hold on the same infinite words; otherwise a
    word on which exactly one of them holds.

    Examples
    --------
    >>> from equivsolve.domains.ltl.ast import Atom, Unary
    >>> a = Atom("a")
    >>> print(equivalent(Unary("G", Unary("F", a)), Unary("F", Unary("G", a))))
    cycle{a; {}}
    """
    s = store()
    try:
        word = _difference(s, to_node(f, s), to_node(g, s), budget)
    except BaseException:
        discard()
        raise
    if word is not None and holds(f, word) == holds(g, word):
        raise CertificateError(f"counterexample {word} does not separate the formulas")
    return word


def _difference(s: Store, f: Node, g: Node, budget: Budget | None) -> Lasso | None:
    if f is g:
        return None
    word = _search(s, [f, s.neg(g)], budget)
    if word is None:
        word = _search(s, [s.neg(f), g], budget)
    return word


def _search(s: Store, roots: list[Node], budget: Budget | None) -> Lasso | None:
    """Couvreur's emptiness check over the automaton of the conjunction of ``roots``,
    one group of conjuncts over shared atoms at a time (see :mod:`.split`)."""
    tick: Callable[[], None] = budget.check if budget is not None else _no_check
    tick()
    state = conjuncts(s, roots)
    if state is None:
        return None
    words = []
    for part in sorted(components(state), key=len):
        every = 0
        for e in closure_events(part):
            every |= event_bit(e, s)
        word = _couvreur(s, part, every, tick)
        if word is None:
            return None
        words.append(word)
    return combine(words) if words else Lasso((), (frozenset(),))


def _no_check() -> None:
    return None


def _couvreur(
    s: Store, init: frozenset[Node], every: int, tick: Callable[[], None]
) -> Lasso | None:
    number: dict[frozenset[Node], int] = {init: 1}  # DFS number; 0 once dead
    live: list[frozenset[Node]] = [init]  # states of the unfinished SCCs
    roots: list[list[int]] = [[1, 0, 0]]  # [dfs number, SCC marks, marks of the entry edge]
    todo: list[tuple[frozenset[Node], list[Term], int]] = [(init, successors(init, s), 0)]
    path: list[int] = []  # label (positive atoms) of each edge of the DFS stack
    while todo:
        state, out, i = todo[-1]
        if i < len(out):
            todo[-1] = (state, out, i + 1)
            pos, _neg, nxt, _strong, pend = out[i]
            if pend & ~every:
                raise AssertionError("an eventuality outside the closure")
            acc = every & ~pend
            k = number.get(nxt)
            if k is None:
                tick()
                number[nxt] = len(number) + 1
                live.append(nxt)
                roots.append([number[nxt], 0, acc])
                todo.append((nxt, successors(nxt, s), 0))
                path.append(pos)
                continue
            if k == 0:
                continue
            while roots[-1][0] > k:  # merge the SCCs on the cycle just closed
                _, marks, entry = roots.pop()
                acc |= marks | entry
            roots[-1][1] |= acc
            if roots[-1][1] == every:
                stack = [t[0] for t in todo]
                return _witness(s, stack, path, number, roots[-1][0], every, tick)
            continue
        todo.pop()
        if path:
            path.pop()
        if roots[-1][0] == number[state]:
            roots.pop()
            while True:
                dead = live.pop()
                number[dead] = 0
                if dead is state:
                    break
    return None


def _witness(
    s: Store,
    stack: list[frozenset[Node]],
    path: list[int],
    number: dict[frozenset[Node], int],
    root_number: int,
    every: int,
    tick: Callable[[], None],
) -> Lasso:
    """Prefix: the DFS path to the SCC root; cycle: through every mark, back to the root."""
    at = next(i for i, q in enumerate(stack) if number[q] == root_number)
    root = stack[at]
    inside = {q for q, k in number.items() if k >= root_number}
    cycle: list[int] = []
    here, missing = root, every
    while missing:
        labels, here, acc = _bfs(s, here, inside, missing, None, every, tick)
        cycle += labels
        missing &= ~acc
    if here != root or not cycle:
        labels, _, _ = _bfs(s, here, inside, 0, root, every, tick)
        cycle += labels
    return Lasso(
        tuple(label_letter(p, s) for p in path[:at]),
        tuple(label_letter(p, s) for p in cycle),
    )


def _bfs(
    s: Store,
    start: frozenset[Node],
    inside: set[frozenset[Node]],
    marks: int,
    target: frozenset[Node] | None,
    every: int,
    tick: Callable[[], None],
) -> tuple[list[int], frozenset[Node], int]:
    """Shortest path inside the SCC from ``start`` whose last edge carries one of
    ``marks``, or (when ``target`` is given) enters ``target``."""
    parent: dict[frozenset[Node], tuple[frozenset[Node], int] | None] = {start: None}
    queue = deque([start])
    while queue:
        q = queue.popleft()
        tick()
        for pos, _neg, nxt, _strong, pend in successors(q, s):
            if nxt not in inside:
                continue
            acc = every & ~pend
            if (nxt == target) if target is not None else (acc & marks):
                labels = [pos]
                back = q
                while parent[back] is not None:
                    back, label = parent[back]  # type: ignore[misc]
                    labels.append(label)
                labels.reverse()
                return labels, nxt, acc
            if nxt not in parent:
                parent[nxt] = (q, pos)
                queue.append(nxt)
    raise AssertionError("an accepting SCC without the expected cycle")
