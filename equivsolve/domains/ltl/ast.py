"""Typed, immutable AST of an LTL / LTLf formula.

Constructors are faithful to the text (``a -> b`` is ``Implies``, ``a W b`` is
``Binary("W", ...)``); rewriting happens only in ``canon``. Equality and hashing
are structural; source positions are not kept on nodes (the parser reports
positions in its errors).

Temporal operators, with their meaning on a word ``w`` at position ``i``:

=====  ==========================================================
``X``  strong next: position ``i+1`` exists and satisfies the arg
``N``  weak next (LTLf only; on infinite words it is ``X``):
       position ``i+1`` does not exist, or satisfies the arg
``F``  eventually;  ``G``  always
``U``  until (strong): b eventually, a until then
``R``  release (weak): dual of U, ``a R b = !(!a U !b)``
``W``  weak until: ``a W b = (a U b) | G a``
``M``  strong release: ``a M b = (a R b) & F a``
=====  ==========================================================
"""

from __future__ import annotations

from dataclasses import dataclass

UNARY_TEMPORAL = ("X", "N", "F", "G")
BINARY_TEMPORAL = ("U", "R", "W", "M")


class Formula:
    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Atom(Formula):
    """An atomic proposition; ``name`` as written (quotes removed)."""

    name: str


@dataclass(frozen=True, slots=True)
class Const(Formula):
    """``true`` / ``false`` (also written ``1`` / ``0``)."""

    value: bool


@dataclass(frozen=True, slots=True)
class Not(Formula):
    arg: Formula


@dataclass(frozen=True, slots=True)
class And(Formula):
    """n-ary conjunction, at least two arguments, in text order."""

    args: tuple[Formula, ...]


@dataclass(frozen=True, slots=True)
class Or(Formula):
    """n-ary disjunction, at least two arguments, in text order."""

    args: tuple[Formula, ...]


@dataclass(frozen=True, slots=True)
class Implies(Formula):
    left: Formula
    right: Formula


@dataclass(frozen=True, slots=True)
class Iff(Formula):
    left: Formula
    right: Formula


@dataclass(frozen=True, slots=True)
class Xor(Formula):
    left: Formula
    right: Formula


@dataclass(frozen=True, slots=True)
class Unary(Formula):
    """``op`` in ``X N F G``."""

    op: str
    arg: Formula


@dataclass(frozen=True, slots=True)
class Binary(Formula):
    """``op`` in ``U R W M``."""

    op: str
    left: Formula
    right: Formula


TRUE = Const(True)
FALSE = Const(False)
