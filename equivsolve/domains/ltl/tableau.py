"""One-step expansion of NNF formulas: the tableau shared by LTL and LTLf.

Every formula is unfolded into a disjunction of *terms* ``(pos, neg, next,
strong, pending)``: a cube over the atoms (bit masks of the atoms required true
and false now), the set of obligations for the next position, whether the next
position is required (LTLf: a trace may end only after a term whose ``strong``
is false; on infinite words every term with obligations is strong), and the bit
mask of the eventualities (``F``, ``U``, ``M``, ``G F``) the term postpones.
These are the expansion laws of the tableau of Gerth, Peled, Vardi & Wolper
(*Simple on-the-fly automatic verification of linear temporal logic*, PSTV
1995) in the transition-based form of Couvreur (FM 1999): ``a U b = b | (a &
X(a U b))`` with the second branch marked as postponing ``a U b``; a run is
accepting when, for every eventuality, infinitely many of its transitions do
not postpone it. On finite traces the same laws give an NFA (De Giacomo &
Vardi, IJCAI 2013): ``a R b = b & (a | N(a R b))`` uses the weak next, ``a U
b`` the strong one, and no acceptance marks are needed.

Departures from the papers:

* the expansion of a node is memoised on the node, and the expansion of a state
  (a set of obligations, read as their conjunction) is the product of its
  members' expansions, memoised per state;
* labels are cubes, never letters, so ``2^AP`` is never enumerated;
* a term is dropped when another has a weaker cube, fewer obligations, fewer
  postponements and no stronger end condition (it accepts every word the
  dropped one does; the usual completeness argument, choosing the earliest
  fulfilment, still goes through), and two terms with the same obligations
  whose cubes differ in one atom are merged;
* a required next state holding a formula next to its negation is dropped;
* ``G F a`` is one recurring eventuality (``a`` now, or postpone its own mark)
  rather than ``G (F a)``, which would create ``2^k`` states for ``k``
  conjuncts ``G F a_i`` (the same idea as the "GF" handling of LTL2BA and Spot).
"""

from __future__ import annotations

from collections.abc import Iterable

from .nodes import (
    AND,
    AP,
    FALSE,
    NAP,
    NOT_EXPANDED,
    OR,
    TRUE,
    F,
    G,
    M,
    N,
    Node,
    Store,
    U,
    W,
    X,
    children,
)

Term = tuple[int, int, frozenset[Node], bool, int]
_NONE: frozenset[Node] = frozenset()
_TOP: list[Term] = [(0, 0, _NONE, False, 0)]


def prune(terms: list[Term]) -> list[Term]:
    """Drop terms subsumed by another one and merge cubes that differ in one atom
    (see the module docstring)."""
    if len(terms) < 2:
        return terms
    kept = _subsume(list(dict.fromkeys(terms)))
    merged = _merge(kept)
    return kept if merged is None else _subsume(merged)


def _subsume(unique: list[Term]) -> list[Term]:
    unique.sort(key=lambda t: (len(t[2]), (t[0] | t[1]).bit_count(), t[4].bit_count(), t[3]))
    kept: list[Term] = []
    by_next: dict[frozenset[Node], list[Term]] = {}  # few distinct next sets, many cubes
    for t in unique:
        p, n, nxt, strong, pend = t
        for knxt, group in by_next.items():
            if knxt <= nxt and any(
                not (k[0] & ~p) and not (k[1] & ~n) and not (k[4] & ~pend) and (strong or not k[3])
                for k in group
            ):
                break
        else:
            kept.append(t)
            by_next.setdefault(nxt, []).append(t)
    return kept


def _merge(terms: list[Term]) -> list[Term] | None:
    """``a & c | !a & c = c`` between terms with the same obligations; ``None`` if
    nothing merges."""
    groups: dict[tuple[frozenset[Node], bool, int], set[tuple[int, int]]] = {}
    for p, n, nxt, strong, pend in terms:
        groups.setdefault((nxt, strong, pend), set()).add((p, n))
    if len(groups) == len(terms):
        return None
    changed = False
    for cubes in groups.values():
        if len(cubes) > 1:
            changed |= _merge_cubes(cubes)
    if not changed:
        return None
    return [(p, n, k[0], k[1], k[2]) for k, cubes in groups.items() for p, n in cubes]


def _merge_cubes(cubes: set[tuple[int, int]]) -> bool:
    changed = again = True
    changed = False
    while again:
        again = False
        for p, n in list(cubes):
            if (p, n) not in cubes:
                continue
            rest = p | n
            while rest:
                bit = rest & -rest
                rest ^= bit
                other = (p ^ bit, n ^ bit)
                if other in cubes:
                    cubes.discard((p, n))
                    cubes.discard(other)
                    cubes.add((p & ~bit, n & ~bit))
                    again = changed = True
                    break
    return changed


def product(a: list[Term], b: list[Term]) -> list[Term]:
    """The terms of a conjunction."""
    out: list[Term] = []
    for p1, n1, x1, s1, e1 in a:
        for p2, n2, x2, s2, e2 in b:
            p = p1 | p2
            n = n1 | n2
            if p & n:
                continue
            if x1 and x2:
                # every obligation put in a next set by ``_expand`` has its
                # negation computed, so ``y.neg`` is never the placeholder ``y``
                if (s1 or s2) and any(y.neg in x1 for y in x2):
                    continue  # the next state would be empty, and is required
                out.append((p, n, x1 | x2, s1 or s2, e1 | e2))
            else:
                out.append((p, n, x1 or x2, s1 or s2, e1 | e2))
    return prune(out)


def terms(root: Node, s: Store) -> list[Term]:
    """The expansion of one node (memoised; iterative over the node's children)."""
    if root.terms is not NOT_EXPANDED:
        return root.terms
    stack = [root]
    while stack:
        n = stack[-1]
        if n.terms is not NOT_EXPANDED:
            stack.pop()
            continue
        todo = [k for k in _expanded_children(n) if k.terms is NOT_EXPANDED]
        if todo:
            stack.extend(todo)
            continue
        stack.pop()
        n.terms = _expand(n, s)
    return root.terms


def _expanded_children(n: Node) -> tuple[Node, ...]:
    return () if n.op in (X, N) else children(n)


def _expand(n: Node, s: Store) -> list[Term]:
    op = n.op
    if op == TRUE:
        return _TOP
    if op == FALSE:
        return []
    if op in (AP, NAP):
        bit = 1 << s.bits[n.name]
        return [(bit, 0, _NONE, False, 0)] if op == AP else [(0, bit, _NONE, False, 0)]
    if op == AND:
        acc = _TOP
        for k in sorted(n.args, key=lambda k: len(k.terms)):
            acc = product(acc, k.terms)
            if not acc:
                break
        return acc
    if op == OR:
        return prune([t for k in n.args for t in k.terms])
    if op in (X, N):
        s.neg(n.a)  # products look obligations' negations up
        return [(0, 0, frozenset((n.a,)), op == X or not s.finite, 0)]
    s.neg(n)
    if op == G and n.a.op == F:
        return _infinitely_often(n, s)
    # the postponing branch of U, F, M needs a next position; on infinite words
    # every next position exists, so every obligation is strong
    ev = event_bit(n, s) if op in (F, U, M) else 0
    again: list[Term] = [(0, 0, frozenset((n,)), ev != 0 or not s.finite, ev)]
    a = n.a.terms
    if op == F:
        return prune(a + again)
    if op == G:
        return product(a, [(0, 0, frozenset((n,)), not s.finite, 0)])
    b = n.b.terms
    if op in (U, W):
        return prune(b + product(a, again))
    # R, M: b now, and a now or the obligation again
    return product(b, prune(a + again))


def _infinitely_often(n: Node, s: Store) -> list[Term]:
    """``G F a`` as one recurring obligation: ``a`` now (and ``G F a`` again), or
    ``G F a`` again postponing its own mark. No ``F a`` states are created, so the
    automaton of ``G F a & G F b & ...`` has one state instead of ``2^k``. On
    finite traces the postponing branch needs a next position: ``a`` holds last."""
    again = frozenset((n,))
    fulfil = product(n.a.a.terms, [(0, 0, again, not s.finite, 0)])
    return prune(fulfil + [(0, 0, again, True, event_bit(n, s))])


def is_event(n: Node) -> bool:
    """Formulas that carry an acceptance mark: ``F``, ``U``, ``M`` and ``G F``."""
    return n.op in (F, U, M) or (n.op == G and n.a.op == F)


def successors(state: frozenset[Node], s: Store) -> list[Term]:
    """Terms of a state (the conjunction of its obligations), without the ones
    leading to a contradictory state; memoised per state, fulfilling terms first."""
    out = s.succ.get(state)
    if out is not None:
        return out
    acc = _TOP
    for node in sorted(state, key=lambda k: (len(terms(k, s)), k.key)):
        acc = product(acc, node.terms)
        if not acc:
            break
    out = []
    for p, n, nxt, strong, pend in acc:
        if nxt:
            nxt = normal_state(nxt, s)
            # a weak term may still end a finite trace when its next state is empty
            if strong and (s.false in nxt or s.contradictory(nxt)):
                continue
        out.append((p, n, nxt, strong, pend))
    out.sort(key=lambda t: (t[4].bit_count(), len(t[2])))
    s.succ[state] = out
    return out


def normal_state(state: frozenset[Node], s: Store) -> frozenset[Node]:
    """The state without the conjuncts the simplified conjunction drops (``{G a,
    a}`` is ``{G a}``), so that more successor states coincide; ``{false}`` when
    it is unsatisfiable. Only subsets are used: a rewrite that builds a new
    formula (``(a R b) & F a = a M b``) could bring an eventuality outside the
    closure, whose acceptance mark the emptiness check would not know."""
    out = s.norm.get(state)
    if out is None:
        node = s.and_(list(state))
        if node is s.false:
            out = frozenset((node,))
        else:
            parts = frozenset(node.args if node.op == AND else () if node is s.true else (node,))
            out = parts if parts <= state else state
        s.norm[state] = out
    return out


def event_bit(n: Node, s: Store) -> int:
    """The acceptance bit of an eventuality, numbered per store on first use."""
    if not n.ev:
        n.ev = 1 << s.n_ev
        s.n_ev += 1
    return n.ev


def closure_events(roots: Iterable[Node]) -> list[Node]:
    """Every node below the roots that carries an acceptance mark."""
    seen: set[Node] = set()
    stack = list(roots)
    out = []
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        if is_event(n):
            out.append(n)
        stack.extend(children(n))
    return out


def label_letter(pos: int, s: Store) -> frozenset[str]:
    """The letter chosen for a cube: its positive atoms (the others false)."""
    names = s.names
    out = []
    i = 0
    while pos:
        if pos & 1:
            out.append(names[i])
        pos >>= 1
        i += 1
    return frozenset(out)
