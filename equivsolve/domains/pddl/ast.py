"""Typed, immutable AST of PDDL domains and problems.

Every name is lowercased (PDDL names are case-insensitive); variables keep
their ``?``. A type is a name, or a tuple of names for ``(either a b)``;
anything written without a type has type ``"object"``. Typed lists are tuples
of ``(name, type)`` pairs in text order. A function term is a pair
``(function, args)``, e.g. ``("total-cost", ())``. Numbers are ``Fraction``.
Equality and hashing are structural; source positions (``Atom.line`` and
``Atom.column``, ``Problem.positions``) are kept but never compared or hashed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

#: a type: a name, or the alternatives of ``(either ...)``
Type = str | tuple[str, ...]
#: a typed list, ``(name, type)`` pairs in text order
Typed = tuple[tuple[str, Type], ...]
#: a function term ``(function, args)``
FTerm = tuple[str, tuple[str, ...]]


class Node:
    """A goal description or an effect."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Atom(Node):
    """``(predicate arg ...)``; args are object names or ``?variables``.

    ``line`` and ``column`` give where the atom's ``(`` was, when parsed.
    """

    predicate: str
    args: tuple[str, ...] = ()
    line: int | None = field(default=None, compare=False, hash=False, repr=False)
    column: int | None = field(default=None, compare=False, hash=False, repr=False)


@dataclass(frozen=True, slots=True)
class Not(Node):
    arg: Node


@dataclass(frozen=True, slots=True)
class And(Node):
    """Conjunction in text order; ``()`` and ``(and)`` are ``And(())``."""

    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or(Node):
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Imply(Node):
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Exists(Node):
    variables: Typed
    body: Node


@dataclass(frozen=True, slots=True)
class Forall(Node):
    """Universal goal, or universal effect (``(forall (?x) EFF)``)."""

    variables: Typed
    body: Node


@dataclass(frozen=True, slots=True)
class Equals(Node):
    left: str
    right: str


@dataclass(frozen=True, slots=True)
class When(Node):
    """Conditional effect ``(when condition effect)``."""

    condition: Node
    effect: Node


@dataclass(frozen=True, slots=True)
class Increase(Node):
    """``(increase (f args) value)``; value is a number or a function term."""

    function: FTerm
    value: Fraction | FTerm


@dataclass(frozen=True, slots=True)
class Predicate:
    name: str
    params: Typed = ()


@dataclass(frozen=True, slots=True)
class Function:
    """A declared function; ``type`` is ``"number"`` unless written otherwise."""

    name: str
    params: Typed = ()
    type: Type = "number"


@dataclass(frozen=True, slots=True)
class Action:
    """An action; a missing precondition or effect is ``And(())``."""

    name: str
    params: Typed
    precondition: Node
    effect: Node


@dataclass(frozen=True, slots=True)
class Domain:
    """``types`` pairs each declared type with its parent (``"object"`` if none)."""

    name: str
    requirements: tuple[str, ...] = ()
    types: Typed = ()
    constants: Typed = ()
    predicates: tuple[Predicate, ...] = ()
    actions: tuple[Action, ...] = ()
    functions: tuple[Function, ...] = ()


@dataclass(frozen=True, slots=True)
class Metric:
    """``(:metric minimize (total-cost))``."""

    direction: str
    function: FTerm


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem; ``goal`` is ``None`` and ``metric`` is ``None`` when absent.

    ``positions`` pairs each object name with its ``(line, column)`` in
    ``:objects`` (when parsed); it is not compared or hashed. The initial
    state is a set: a repeated fact is kept once, whichever reader built it.
    """

    name: str
    domain_name: str
    requirements: tuple[str, ...] = ()
    objects: Typed = ()
    init: tuple[Atom, ...] = ()
    init_numeric: tuple[tuple[FTerm, Fraction], ...] = ()
    goal: Node | None = None
    metric: Metric | None = None
    positions: tuple[tuple[str, tuple[int, int]], ...] = field(
        default=(), compare=False, hash=False, repr=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "init", tuple(dict.fromkeys(self.init)))
        object.__setattr__(self, "init_numeric", tuple(dict.fromkeys(self.init_numeric)))
