"""Hash-consed formulas in negation normal form, built by simplifying constructors.

The decision procedures work on :class:`Node` objects, never on the AST: every
node is interned in a :class:`Store` (one per thread and per semantics), so
structural equality is identity, sets of obligations hash by address, and the
negation, the tableau expansion and the sort key are computed once per node.

Negations sit on atoms only (``AP`` / ``NAP``); ``->``, ``<->`` and ``xor`` are
expanded by :mod:`.canon`; ``W`` and ``M`` are kept (the tableau expands them
directly, and keeping them keeps canonical forms close to the input). ``And``
and ``Or`` are n-ary, flattened, deduplicated and sorted by :attr:`Node.key`, a
total structural order: constants, then literals by atom name, then compound
nodes by (size, operator, a stable structural hash), with a rendering as the
last tie-break.

The constructors apply local rewrite rules that hold for every word. Rules that
hold only on infinite words (``X true = true``, ``G X a = X G a``, ...) are
switched off in the finite-trace store (LTLf, strong ``X`` and weak ``N``), where
``N`` is a node of its own; on infinite words ``N`` is ``X``. Rules that call
other constructors are nested at most :data:`MAX_NEST` deep, so no input depth
can exhaust the Python stack (beyond that depth a rule is simply not applied).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from operator import attrgetter
from typing import TypeVar

TRUE, FALSE, AP, NAP, AND, OR, X, N, F, G, U, R, W, M = range(14)
OP_NAMES = ("true", "false", "ap", "nap", "&", "|", "X", "N", "F", "G", "U", "R", "W", "M")
UNARY = (X, N, F, G)
BINARY = (U, R, W, M)
#: nesting limit for rewrite rules that call other constructors
MAX_NEST = 48
_SIZE_CAP = 1 << 62
#: a thread's store is rebuilt when it holds more nodes than this
MAX_NODES = 200_000


#: ``Node.terms`` before the tableau expands the node (compared by identity)
NOT_EXPANDED: list[tuple[int, int, frozenset[Node], bool, int]] = []


class Node:
    """One interned NNF formula. Identity is structural equality."""

    __slots__ = (
        "op",
        "a",
        "b",
        "args",
        "name",
        "size",
        "key",
        "shash",
        "neg",
        "terms",
        "ev",
        "atoms",
    )

    # ``a`` / ``b`` are the operands of unary and binary nodes (``None`` elsewhere,
    # which only ``children`` looks at)
    a: Node
    b: Node
    size: int

    def __init__(
        self, op: int, a: Node | None, b: Node | None, args: tuple[Node, ...], name: str
    ) -> None:
        self.op = op
        self.a = a  # type: ignore[assignment]
        self.b = b  # type: ignore[assignment]
        self.args = args
        self.name = name
        # the negation, once computed; a node is never its own negation, so
        # ``neg is self`` means "not yet"
        self.neg: Node = self
        self.terms: list[tuple[int, int, frozenset[Node], bool, int]] = NOT_EXPANDED
        self.ev = 0  # acceptance bit of an eventuality, assigned by the tableau
        self.atoms: frozenset[str] | None = None  # see ``atoms_of``
        kids = children(self)
        # tree size, capped: shared subformulas (from <->) can make it exponential
        self.size = min(1 + sum(k.size for k in kids), _SIZE_CAP)
        if op in (AP, NAP):
            digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
            self.shash = hash((op, int.from_bytes(digest, "little")))
            self.key: tuple[object, ...] = (1, name, op - AP)
        elif op in (TRUE, FALSE):
            self.shash = op
            self.key = (0, op)
        else:
            self.shash = hash((op, *(k.shash for k in kids)))
            self.key = (2, self.size, op, self.shash)

    def __repr__(self) -> str:
        return render(self)


def children(n: Node) -> tuple[Node, ...]:
    if n.args:
        return n.args
    if n.b is not None:
        return (n.a, n.b)
    if n.a is not None:
        return (n.a,)
    return ()


def atoms_of(root: Node) -> frozenset[str]:
    """The atom names below a node (memoised on the nodes; iterative)."""
    stack = [root]
    while stack:
        n = stack[-1]
        if n.atoms is not None:
            stack.pop()
            continue
        todo = [k for k in children(n) if k.atoms is None]
        if todo:
            stack.extend(todo)
            continue
        stack.pop()
        if n.op in (AP, NAP):
            n.atoms = frozenset((n.name,))
        else:
            found: set[str] = set()
            for k in children(n):
                found.update(k.atoms or ())
            n.atoms = frozenset(found)
    return root.atoms or frozenset()


def fold(root: Node, build: Callable[[Node, dict[Node, T]], T]) -> T:
    """``build(n, done)`` for every node below ``root``, children first, each
    node once; ``done`` holds the results of the children. Iterative, so
    formulas thousands of levels deep are fine."""
    out: dict[Node, T] = {}
    stack = [root]
    while stack:
        n = stack[-1]
        if n in out:
            stack.pop()
            continue
        todo = [k for k in children(n) if k not in out]
        if todo:
            stack.extend(todo)
            continue
        stack.pop()
        out[n] = build(n, out)
    return out[root]


def render(root: Node) -> str:
    """Fully parenthesised text of a node."""

    def text(n: Node, out: dict[Node, str]) -> str:
        op = n.op
        if op in (TRUE, FALSE):
            return OP_NAMES[op]
        if op == AP:
            return n.name
        if op == NAP:
            return "!" + n.name
        if op in (AND, OR):
            return "(" + f" {OP_NAMES[op]} ".join(out[k] for k in n.args) + ")"
        if op in UNARY:
            return f"{OP_NAMES[op]}({out[n.a]})"
        return f"({out[n.a]} {OP_NAMES[op]} {out[n.b]})"

    return fold(root, text)


T = TypeVar("T")
_by_key = attrgetter("key")


class Store:
    """Interning table and simplifying constructors for one semantics."""

    def __init__(self, finite: bool = False) -> None:
        self.finite = finite
        self.table: dict[tuple[object, ...], Node] = {}
        self.true = self._intern(TRUE, None, None, (), "")
        self.false = self._intern(FALSE, None, None, (), "")
        self.true.neg, self.false.neg = self.false, self.true
        self.bits: dict[str, int] = {}  # atom name -> bit index in labels
        self.names: list[str] = []
        self.n_ev = 0  # eventualities numbered so far
        self.succ: dict[frozenset[Node], list[tuple[int, int, frozenset[Node], bool, int]]] = {}
        self.dead: dict[frozenset[Node], bool] = {}
        self.norm: dict[frozenset[Node], frozenset[Node]] = {}
        self._nest = 0

    # -- interning ---------------------------------------------------------------
    def _intern(
        self, op: int, a: Node | None, b: Node | None, args: tuple[Node, ...], name: str
    ) -> Node:
        k = (op, a, b, args, name)
        n = self.table.get(k)
        if n is None:
            n = Node(op, a, b, args, name)
            self.table[k] = n
        return n

    def atom(self, name: str, positive: bool = True) -> Node:
        if name not in self.bits:
            self.bits[name] = len(self.names)
            self.names.append(name)
        return self._intern(AP if positive else NAP, None, None, (), name)

    def const(self, value: bool) -> Node:
        return self.true if value else self.false

    # -- n-ary -------------------------------------------------------------------
    def and_(self, args: list[Node] | tuple[Node, ...]) -> Node:
        return self._junction(AND, list(args))

    def or_(self, args: list[Node] | tuple[Node, ...]) -> Node:
        return self._junction(OR, list(args))

    def _junction(self, op: int, args: list[Node]) -> Node:
        """Flatten, fold, absorb; ``X a & X b = X(a & b)`` (likewise ``|``), iteratively."""
        levels: list[list[Node]] = []
        while True:
            items = self._flat(op, args)
            if isinstance(items, Node):
                node = items
                break
            xs = [x for x in items if x.op == X]
            if len(xs) < 2:
                node = self._finish(op, items)
                break
            levels.append([x for x in items if x.op != X])
            args = [x.a for x in xs]
        while levels:
            rest = levels.pop()
            rest.append(self.x(node))
            items = self._flat(op, rest)
            node = items if isinstance(items, Node) else self._finish(op, items)
        return node

    def _flat(self, op: int, args: list[Node]) -> list[Node] | Node:
        unit, zero = (self.true, self.false) if op == AND else (self.false, self.true)
        seen: dict[Node, None] = {}
        for x in args:
            if x.op == op:
                for y in x.args:
                    seen[y] = None
            elif x is zero:
                return zero
            elif x is not unit:
                seen[x] = None
        pos = {x.name for x in seen if x.op == AP}
        if pos and any(x.op == NAP and x.name in pos for x in seen):
            return zero
        drop = self._absorbed(op, seen)
        items = [x for x in seen if x not in drop]
        if not items:
            return unit
        return self._unfolded(op, items)

    def _unfolded(self, op: int, items: list[Node]) -> list[Node] | Node:
        """``a | X F a = F a``; ``a & X G a = G a`` (``N G a`` on finite traces);
        ``(a U b) | G a = a W b``; ``(a R b) & F a = a M b``."""
        step, loop = (X, F) if op == OR else (N if self.finite else X, G)
        strong, forever, weak = (U, G, W) if op == OR else (R, F, M)
        have = set(items)
        for x in items:
            if x.op == step and x.a.op == loop and x.a.a in have:
                have.discard(x)
                have.discard(x.a)
                have.discard(x.a.a)
                have.add(x.a)
            elif x.op == strong:
                y = self.table.get((forever, x.a, None, (), ""))
                if y is not None and y in have:
                    have.discard(x)
                    have.discard(y)
                    have.add(self.binary(weak, x.a, x.b))
        if len(have) == len(items) and all(x in have for x in items):
            return items
        return self._flat(op, list(have))

    def _absorbed(self, op: int, seen: dict[Node, None]) -> set[Node]:
        """Arguments implied by (for ``&``: implying) another argument."""
        drop: set[Node] = set()
        other = OR if op == AND else AND
        always, sometimes = (G, F) if op == AND else (F, G)
        table = self.table
        for x in seen:
            xo = x.op
            if xo == other:
                if any(y in seen for y in x.args):
                    drop.add(x)  # a & (a | b) = a
            elif xo == always:
                drop.add(x.a)  # G a & a = G a
                s = table.get((sometimes, x.a, None, (), ""))
                if s is not None:
                    drop.add(s)  # G a & F a = G a
            elif (op == AND and xo in (R, M)) or (op == OR and xo in (U, W)):
                drop.add(x.b)  # (a R b) & b = a R b
        return drop

    def _finish(self, op: int, items: list[Node]) -> Node:
        if len(items) == 1:
            return items[0]
        items.sort(key=_by_key)
        for i in range(1, len(items)):
            if items[i - 1].key == items[i].key:  # hash collision: fall back on the text
                items.sort(key=lambda n: (n.key, render(n)))
                break
        return self._intern(op, None, None, tuple(items), "")

    # -- unary -------------------------------------------------------------------
    def x(self, a: Node) -> Node:
        if a is self.false:
            return a
        if not self.finite and (a is self.true or _prefix_invariant(a)):
            return a  # X true = true, X GF a = GF a, X FG a = FG a
        return self._intern(X, a, None, (), "")

    def n(self, a: Node) -> Node:
        """Weak next: LTLf only; on infinite words it is ``X``."""
        if not self.finite:
            return self.x(a)
        if a is self.true:
            return a
        return self._intern(N, a, None, (), "")

    def f(self, a: Node) -> Node:
        return self._eventually(F, a)

    def g(self, a: Node) -> Node:
        return self._eventually(G, a)

    def _eventually(self, op: int, a: Node) -> Node:
        """``F`` (or dually ``G``) with ``F F a = F a``, ``F(a | b) = F a | F b``,
        ``F(a U b) = F b``, ``F(a M b) = F(a & b)``, ``F G F a = G F a``, and on
        infinite words ``F X a = X F a``."""
        dual, spread, weak = (G, OR, (U,)) if op == F else (F, AND, (R,))
        depth = 0
        while True:
            if a.op in (TRUE, FALSE) or a.op == op:
                node = a
                break
            if a.op in weak:
                a = a.b
            elif a.op == (M if op == F else W):
                # F(a M b) = F(a & b); G(a W b) = G(a | b)
                a = (self.and_ if op == F else self.or_)([a.a, a.b])
            elif a.op == dual and a.a.op == op:
                node = a
                break
            elif a.op == X and not self.finite:
                depth += 1
                a = a.a
            elif a.op == spread and self._nest < MAX_NEST:
                self._nest += 1
                try:
                    parts = [self._eventually(op, y) for y in a.args]
                finally:
                    self._nest -= 1
                node = self._junction(spread, parts)
                break
            else:
                node = self._intern(op, a, None, (), "")
                break
        for _ in range(depth):
            node = self.x(node)
        return node

    # -- binary ------------------------------------------------------------------
    def binary(self, op: int, a: Node, b: Node) -> Node:
        depth = 0
        while not self.finite and a.op == X and b.op == X:
            depth += 1  # X a U X b = X(a U b), on infinite words
            a, b = a.a, b.a
        node = self._binary(op, a, b)
        for _ in range(depth):
            node = self.x(node)
        return node

    def _binary(self, op: int, a: Node, b: Node) -> Node:
        t, f = self.true, self.false
        if a is b:
            return a
        if op == U:
            if b is t or b is f or a is f:
                return b
            if a is t:
                return self.f(b)
            if b.op == F or (b.op == U and b.a is a):
                return b
        elif op == R:
            if b is t or b is f or a is t:
                return b
            if a is f:
                return self.g(b)
            if b.op == G or (b.op == R and b.a is a):
                return b
        elif op == W:
            if b is t or a is t:
                return t
            if a is f:
                return b
            if b is f:
                return self.g(a)
            if b.op == W and b.a is a:
                return b
        else:  # M
            if b is f or a is f:
                return f
            if a is t:
                return b
            if b is t:
                return self.f(a)
            if b.op == M and b.a is a:
                return b
        return self._intern(op, a, b, (), "")

    # -- negation ----------------------------------------------------------------
    def neg(self, root: Node) -> Node:
        """The NNF of ``!root`` (memoised on the node; iterative)."""
        if root.neg is not root:
            return root.neg
        stack = [root]
        while stack:
            n = stack[-1]
            if n.neg is not n:
                stack.pop()
                continue
            todo = [k for k in children(n) if k.neg is k]
            if todo:
                stack.extend(todo)
                continue
            stack.pop()
            n.neg = self._neg1(n)
        return root.neg

    def _neg1(self, n: Node) -> Node:
        op = n.op
        if op in (AP, NAP):
            return self.atom(n.name, op == NAP)
        if op in (AND, OR):
            negs = [k.neg for k in n.args]
            return self.or_(negs) if op == AND else self.and_(negs)
        a = n.a.neg
        if op == X:
            return self.n(a) if self.finite else self.x(a)
        if op == N:
            return self.x(a)
        if op == F:
            return self.g(a)
        if op == G:
            return self.f(a)
        dual = {U: R, R: U, W: M, M: W}[op]
        return self.binary(dual, a, n.b.neg)

    def contradictory(self, state: frozenset[Node]) -> bool:
        """True when the obligations hold some formula next to its negation."""
        r = self.dead.get(state)
        if r is None:
            neg = self.neg
            r = any(neg(x) in state for x in state)
            self.dead[state] = r
        return r

    def too_big(self) -> bool:
        return len(self.table) > MAX_NODES or len(self.succ) > MAX_NODES


def _prefix_invariant(a: Node) -> bool:
    """``G F b`` and ``F G b``: their truth does not depend on a finite prefix."""
    return (a.op == G and a.a.op == F) or (a.op == F and a.a.op == G)


_local = threading.local()


def store(finite: bool = False) -> Store:
    """This thread's store for the given semantics (a fresh one when it grew too big)."""
    name = "finite" if finite else "infinite"
    s: Store | None = getattr(_local, name, None)
    if s is None or s.too_big():
        s = Store(finite)
        setattr(_local, name, s)
    return s


def discard(finite: bool = False) -> None:
    """Forget this thread's store (after an interrupted computation)."""
    setattr(_local, "finite" if finite else "infinite", None)
