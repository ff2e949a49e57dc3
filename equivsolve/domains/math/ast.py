"""Typed, immutable AST of a math answer.

Constructors are faithful to the text; rewriting happens in ``canon``. Source
positions are not kept on these nodes (the parser reports positions in its
errors); equality and hashing are structural.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


class Node:
    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Num(Node):
    """A number literal; ``places`` is the count of decimals written (None: exact)."""

    value: Fraction
    places: int | None = None


@dataclass(frozen=True, slots=True)
class Sym(Node):
    """A variable, possibly subscripted (``a_3`` is ``Sym('a_3')``)."""

    name: str


@dataclass(frozen=True, slots=True)
class Const(Node):
    """``pi``, ``e``, ``i``, ``inf``."""

    name: str


@dataclass(frozen=True, slots=True)
class Op(Node):
    """Arithmetic: ``add mul pow neg div sqrt root abs factorial binom``, a
    function name (``sin``, ``log``, ``f`` ...) or ``call`` (unknown function)."""

    op: str
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Percent(Node):
    value: Node


@dataclass(frozen=True, slots=True)
class Degree(Node):
    value: Node


@dataclass(frozen=True, slots=True)
class PlusMinus(Node):
    """``a \\pm b`` (``a`` may be None for a unary ``\\pm b``)."""

    left: Node | None
    right: Node


@dataclass(frozen=True, slots=True)
class Text(Node):
    """Free text, normalised (case folded, spacing collapsed)."""

    text: str


@dataclass(frozen=True, slots=True)
class Seq(Node):
    """A bare comma/semicolon list of answers: unordered."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class SetLit(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Tuple_(Node):
    """An ordered tuple written with brackets; ``(a, b)`` may also be an interval."""

    items: tuple[Node, ...]
    open: str = "("
    close: str = ")"


@dataclass(frozen=True, slots=True)
class Interval(Node):
    lo: Node
    hi: Node
    left_closed: bool
    right_closed: bool


@dataclass(frozen=True, slots=True)
class Reals(Node):
    name: str = "R"


@dataclass(frozen=True, slots=True)
class SetOp(Node):
    """``cup``, ``cap`` or ``minus`` of two set expressions."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Matrix(Node):
    rows: tuple[tuple[Node, ...], ...]


@dataclass(frozen=True, slots=True)
class Chain(Node):
    """A relation chain ``a op b op c`` (ops: = != < <= > >= ~)."""

    ops: tuple[str, ...]
    terms: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Member(Node):
    """``x \\in S``."""

    element: Node
    set: Node


@dataclass(frozen=True, slots=True)
class Logic(Node):
    """``and`` / ``or`` of relations."""

    op: str
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Word(Node):
    """A run of letters such as ``xy`` or ``Evelyn``: a product of variables in
    an expression, free text when it stands alone (decided in ``canon``)."""

    text: str


@dataclass(frozen=True, slots=True)
class SetBuilder(Node):
    """``\\{x \\mid x > 1\\}``: the values of ``var`` where ``cond`` holds."""

    var: Node
    cond: Node


@dataclass(frozen=True, slots=True)
class Dots(Node):
    """``\\ldots``: terms left out of a list, sum or product."""


@dataclass(frozen=True, slots=True)
class Time(Node):
    """A time of day in minutes after midnight; ``alt`` the other half of the
    day when no a.m./p.m. was written."""

    minutes: int
    alt: int | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """A parsed answer with what extraction took from the text (not compared)."""

    node: Node
    extracted: str = field(default="", compare=False)
    rule: str = field(default="bare", compare=False)
    #: the grammar rejected the answer and it is kept as text (a reading of last resort)
    fallback: bool = field(default=False, compare=False)


def children(node: Node) -> tuple[Node, ...]:
    """The sub-answers of a node (operation arguments, list items, chain terms)."""
    for name in ("args", "items", "terms"):
        kids = getattr(node, name, None)
        if kids is not None:
            return tuple(k for k in kids if isinstance(k, Node))
    return ()
