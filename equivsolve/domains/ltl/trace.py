"""Exact evaluation of LTL formulas on lasso words and of LTLf formulas on finite traces.

This is the independent re-check of every counterexample: it reads the AST as
written (no canonical form, no automaton) and computes, for each subformula, the
set of positions of the word where it holds, as a bit mask. A lasso
``prefix cycle^omega`` has finitely many distinct suffixes, one per position of
``prefix + cycle``; the successor of the last position is the first position of
the cycle. Temporal operators are fixpoints of their one-step unfolding over
these positions (least for ``U``, ``F``, ``M``; greatest for ``R``, ``G``,
``W``), computed by Kleene iteration until stable, which is exact, unlike a
bounded unrolling (Clarke, Grumberg & Peled, *Model Checking*, ch. 4; the
fixpoint characterisation of the temporal operators).

On finite traces (LTLf, De Giacomo & Vardi, IJCAI 2013) the strong next ``X``
is false at the last position and the weak next ``N`` is true there; on
infinite words ``N`` is ``X``.
"""

from __future__ import annotations

import functools
import hashlib
import operator
from collections.abc import Callable
from dataclasses import dataclass

from . import ast as A
from .canon import _ast_children, atoms

Letter = frozenset[str]


@dataclass(frozen=True, slots=True)
class Lasso:
    """The infinite word ``prefix cycle cycle cycle ...``; each letter is the set of
    atoms true at that position."""

    prefix: tuple[Letter, ...]
    cycle: tuple[Letter, ...]

    def __post_init__(self) -> None:
        if not self.cycle:
            raise ValueError("a lasso needs a non-empty cycle")

    def __str__(self) -> str:
        def show(letter: Letter) -> str:
            return " & ".join(sorted(letter)) or "{}"

        pre = "; ".join(show(x) for x in self.prefix)
        cyc = "; ".join(show(x) for x in self.cycle)
        return (pre + "; " if pre else "") + "cycle{" + cyc + "}"


def holds(f: A.Formula, word: Lasso) -> bool:
    """Whether ``f`` holds at the first position of the infinite word.

    >>> from equivsolve.domains.ltl.ast import Atom, Unary
    >>> a = Atom("a")
    >>> w = Lasso((), (frozenset({"a"}), frozenset()))
    >>> holds(Unary("G", Unary("F", a)), w), holds(Unary("F", Unary("G", a)), w)
    (True, False)
    """
    letters = word.prefix + word.cycle
    return bool(_positions(f, letters, len(word.prefix)) & 1)


def holds_finite(f: A.Formula, trace: tuple[Letter, ...]) -> bool:
    """Whether ``f`` holds at the first position of a finite non-empty trace (LTLf).

    >>> from equivsolve.domains.ltl.ast import Atom, Unary, TRUE
    >>> last = (frozenset(),)
    >>> holds_finite(Unary("X", TRUE), last), holds_finite(Unary("N", TRUE), last)
    (False, True)
    """
    if not trace:
        raise ValueError("LTLf traces are non-empty")
    return bool(_positions(f, tuple(trace), None) & 1)


@functools.lru_cache(maxsize=256)
def sample_words(names: frozenset[str], count: int = 12) -> tuple[Lasso, ...]:
    """``count`` fixed pseudo-random lassos (prefix up to 2, cycle up to 4 letters).

    Whether atom ``p`` holds at position ``i`` of word ``k`` depends only on
    ``(k, i, p)``, so two formulas get consistent words whatever their atoms.
    """
    words = []
    for k in range(count):
        lengths = (k % 3, 1 + (k // 3) % 4)
        letters = [
            frozenset(
                p
                for p in names
                if hashlib.blake2b(f"{k}:{i}:{p}".encode(), digest_size=1).digest()[0] & 1
            )
            for i in range(sum(lengths))
        ]
        words.append(Lasso(tuple(letters[: lengths[0]]), tuple(letters[lengths[0] :])))
    return tuple(words)


def fingerprint(f: A.Formula, count: int = 12) -> tuple[bool, ...]:
    """Truth values of ``f`` on :func:`sample_words`: equal for equivalent formulas
    (a cheap necessary condition for grouping), and any difference comes with a
    separating word.

    >>> from equivsolve.domains.ltl.ast import Atom, Unary, Or, Not, TRUE
    >>> a = Atom("a")
    >>> fingerprint(Unary("G", Or((a, Not(a))))) == fingerprint(TRUE)
    True
    """
    return tuple(holds(f, w) for w in sample_words(atoms(f), count))


class _Word:
    """Position sets of one word as bit masks; ``loop`` is where the cycle starts,
    ``None`` for a finite trace."""

    def __init__(self, letters: tuple[Letter, ...], loop: int | None) -> None:
        self.loop = loop
        self.full = (1 << len(letters)) - 1
        self.last = 1 << (len(letters) - 1)
        self.atoms: dict[str, int] = {}
        for i, letter in enumerate(letters):
            for name in letter:
                self.atoms[name] = self.atoms.get(name, 0) | (1 << i)

    def strong_next(self, v: int) -> int:
        if self.loop is None:
            return v >> 1
        return (v >> 1) | (self.last if (v >> self.loop) & 1 else 0)

    def weak_next(self, v: int) -> int:
        return self.strong_next(v) | (self.last if self.loop is None else 0)

    @staticmethod
    def fix(v: int, step: Callable[[int], int]) -> int:
        """Kleene iteration from ``v`` (0: least fixpoint, all ones: greatest)."""
        while True:
            w = step(v)
            if w == v:
                return v
            v = w


def _positions(f: A.Formula, letters: tuple[Letter, ...], loop: int | None) -> int:
    """Bit ``i`` of the result: ``f`` holds at position ``i`` (iterative walk)."""
    word = _Word(letters, loop)
    val: dict[int, int] = {}
    keep: list[A.Formula] = []  # keeps ids stable during the walk
    stack = [f]
    while stack:
        node = stack[-1]
        if id(node) in val:
            stack.pop()
            continue
        kids = _ast_children(node)
        todo = [k for k in kids if id(k) not in val]
        if todo:
            stack.extend(todo)
            continue
        stack.pop()
        keep.append(node)
        val[id(node)] = _one(node, [val[id(k)] for k in kids], word)
    return val[id(f)]


def _one(node: A.Formula, v: list[int], w: _Word) -> int:
    full, nx, wx, fix = w.full, w.strong_next, w.weak_next, w.fix
    if isinstance(node, A.Atom):
        return w.atoms.get(node.name, 0)
    if isinstance(node, A.Const):
        return full if node.value else 0
    if isinstance(node, A.Not):
        return full & ~v[0]
    if isinstance(node, A.And):
        return functools.reduce(operator.and_, v, full)
    if isinstance(node, A.Or):
        return functools.reduce(operator.or_, v, 0)
    if isinstance(node, A.Implies):
        return (full & ~v[0]) | v[1]
    if isinstance(node, A.Iff):
        return full & ~(v[0] ^ v[1])
    if isinstance(node, A.Xor):
        return v[0] ^ v[1]
    if isinstance(node, A.Unary):
        a = v[0]
        if node.op == "X":
            return nx(a)
        if node.op == "N":
            return wx(a)
        if node.op == "F":
            return fix(0, lambda z: a | nx(z))
        if node.op == "G":
            return fix(full, lambda z: a & wx(z))
        raise ValueError(f"unknown unary operator {node.op!r}")
    if isinstance(node, A.Binary):
        a, b = v
        if node.op == "U":
            return fix(0, lambda z: b | (a & nx(z)))
        if node.op == "R":
            return fix(full, lambda z: b & (a | wx(z)))
        if node.op == "W":
            return fix(full, lambda z: b | (a & wx(z)))
        if node.op == "M":
            return fix(0, lambda z: b & (a | nx(z)))
        raise ValueError(f"unknown binary operator {node.op!r}")
    raise TypeError(f"not an LTL formula: {node!r}")
