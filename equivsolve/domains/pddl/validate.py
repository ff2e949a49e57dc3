"""Check a PDDL problem against its domain, and a domain on its own.

:func:`validate` raises :class:`~equivsolve.errors.IllFormedError` for the
first problem found, with ``line L, column C:`` in front of the message when
the parser recorded where the offending atom or object was. Checked:

* the domain: requirements are PDDL 3.1 ones; every type, constant type,
  predicate parameter type and action parameter type is declared; every atom
  in a precondition or effect names a declared predicate with the right arity;
* the problem: its ``:domain`` is the domain's name; requirements are PDDL 3.1
  ones; object types are declared; every atom in ``:init`` and ``:goal`` names
  a declared predicate with the right arity, and each argument is a problem
  object, a domain constant or a variable bound by ``exists``/``forall``, of
  the declared parameter type or a subtype of it (``either`` means any of).

>>> from equivsolve.domains.pddl.parse import parse_domain, parse_problem
>>> d = parse_domain("(define (domain d) (:predicates (p ?x)))")
>>> validate(d, parse_problem("(define (problem q) (:domain d) (:objects a) (:goal (p a)))"))
>>> validate(d, parse_problem("(define (problem q) (:domain d) (:objects a)\\n(:goal (pp a)))"))
Traceback (most recent call last):
...
equivsolve.errors.IllFormedError: line 2, column 8: undeclared predicate 'pp' (declared: p)
"""

from __future__ import annotations

from ...errors import IllFormedError
from .ast import (
    Action,
    And,
    Atom,
    Domain,
    Equals,
    Exists,
    Forall,
    Imply,
    Increase,
    Node,
    Not,
    Or,
    Problem,
    Type,
    When,
)

#: the requirement flags of PDDL 3.1
REQUIREMENTS = frozenset(
    """:strips :typing :negative-preconditions :disjunctive-preconditions :equality
    :existential-preconditions :universal-preconditions :quantified-preconditions
    :conditional-effects :adl :action-costs :numeric-fluents :derived-predicates
    :timed-initial-literals :durative-actions :preferences :constraints
    :object-fluents""".split()
)


def validate(domain: Domain, problem: Problem | None = None) -> None:
    """Raise :class:`IllFormedError` for the first problem in ``domain`` (on
    its own when ``problem`` is None) and in ``problem`` against it."""
    checker = _Checker(domain)
    checker.domain()
    if problem is not None:
        checker.problem(problem)


def _error(message: str, line: int | None = None, column: int | None = None) -> IllFormedError:
    where = f"line {line}, column {column}: " if line is not None else ""
    exc = IllFormedError(where + message)
    exc.line, exc.column = line, column
    return exc


def _listing(names) -> str:
    names = sorted(set(names))
    shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    return shown or "none"


def _show(kind: Type) -> str:
    return f"(either {' '.join(kind)})" if isinstance(kind, tuple) else kind


class _Checker:
    def __init__(self, domain: Domain) -> None:
        self.d = domain
        self.parents: dict[str, tuple[str, ...]] = {"object": ()}
        for name, parent in domain.types:
            alts = parent if isinstance(parent, tuple) else (parent,)
            self.parents.setdefault(name, ())
            self.parents[name] += tuple(a for a in alts if a != name)
        self.predicates = {p.name: p for p in domain.predicates}
        self.constants = dict(domain.constants)

    # ---- types -----------------------------------------------------------------
    def check_type(self, kind: Type, what: str, line=None, column=None) -> None:
        alts = kind if isinstance(kind, tuple) else (kind,)
        for a in alts:
            if a not in self.parents:
                raise _error(
                    f"undeclared type '{a}' of {what} (declared: {_listing(self.parents)})",
                    line,
                    column,
                )

    def ancestors(self, name: str) -> set[str]:
        seen, todo = {name}, [name]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen | {"object"}

    def subtype(self, kind: Type, of: Type) -> bool:
        if isinstance(kind, tuple):
            return all(self.subtype(k, of) for k in kind)
        wanted = of if isinstance(of, tuple) else (of,)
        return bool(self.ancestors(kind) & set(wanted))

    # ---- the domain --------------------------------------------------------------
    def requirements(self, reqs, where: str) -> None:
        for req in reqs:
            if req not in REQUIREMENTS:
                raise _error(f"unknown requirement '{req}' in the {where} (not in PDDL 3.1)")

    def domain(self) -> None:
        d = self.d
        self.requirements(d.requirements, f"domain '{d.name}'")
        for name, parent in d.types:
            self.check_type(parent, f"the parent of type '{name}'")
        for name, kind in d.constants:
            self.check_type(kind, f"constant '{name}'")
        for pred in d.predicates:
            for var, kind in pred.params:
                self.check_type(kind, f"parameter {var} of predicate '{pred.name}'")
        for action in d.actions:
            self.action(action)

    def action(self, action: Action) -> None:
        for var, kind in action.params:
            self.check_type(kind, f"parameter {var} of action '{action.name}'")
        for node in (action.precondition, action.effect):
            for atom, _ in _atoms(node, ()):
                self.signature(atom)
        for node in (action.precondition, action.effect):
            for var, kind in _quantified(node):
                self.check_type(kind, f"variable {var} in action '{action.name}'")

    def signature(self, atom: Atom):
        pred = self.predicates.get(atom.predicate)
        if pred is None:
            raise _error(
                f"undeclared predicate '{atom.predicate}' (declared: {_listing(self.predicates)})",
                atom.line,
                atom.column,
            )
        if len(atom.args) != len(pred.params):
            raise _error(
                f"predicate '{atom.predicate}' takes {len(pred.params)} argument(s), "
                f"given {len(atom.args)}",
                atom.line,
                atom.column,
            )
        return pred

    # ---- the problem -------------------------------------------------------------
    def problem(self, p: Problem) -> None:
        if p.domain_name != self.d.name:
            raise _error(f"problem '{p.name}' is for domain '{p.domain_name}', not '{self.d.name}'")
        self.requirements(p.requirements, f"problem '{p.name}'")
        positions: dict[str, tuple[int, int]] = {}
        for name, pos in p.positions:
            positions.setdefault(name, pos)
        for name, kind in p.objects:
            self.check_type(kind, f"object '{name}'", *positions.get(name, (None, None)))
        objects = dict(self.constants)
        objects.update(p.objects)
        for atom in p.init:
            self.ground(atom, objects)
        if p.goal is not None:
            for var, kind in _quantified(p.goal):
                self.check_type(kind, f"variable {var} in the goal")
            for atom, bound in _atoms(p.goal, ()):
                self.ground(atom, {**objects, **dict(bound)})

    def ground(self, atom: Atom, objects: dict[str, Type]) -> None:
        pred = self.signature(atom)
        for i, (arg, (_, want)) in enumerate(zip(atom.args, pred.params), 1):
            kind = objects.get(arg)
            if kind is None:
                what = "unbound variable" if arg.startswith("?") else "undeclared object"
                raise _error(
                    f"{what} '{arg}' in argument {i} of '{atom.predicate}' "
                    "(not a problem object or domain constant)",
                    atom.line,
                    atom.column,
                )
            if not self.subtype(kind, want):
                raise _error(
                    f"argument {i} of '{atom.predicate}' is '{arg}' of type '{_show(kind)}', "
                    f"not of type '{_show(want)}'",
                    atom.line,
                    atom.column,
                )


def _atoms(node: Node, bound: tuple):
    """Every atom in ``node`` with the variables bound around it (innermost last)."""
    if isinstance(node, Atom):
        yield node, bound
    elif isinstance(node, (And, Or)):
        for arg in node.args:
            yield from _atoms(arg, bound)
    elif isinstance(node, Not):
        yield from _atoms(node.arg, bound)
    elif isinstance(node, Imply):
        yield from _atoms(node.left, bound)
        yield from _atoms(node.right, bound)
    elif isinstance(node, (Exists, Forall)):
        yield from _atoms(node.body, bound + tuple(node.variables))
    elif isinstance(node, When):
        yield from _atoms(node.condition, bound)
        yield from _atoms(node.effect, bound)
    elif isinstance(node, (Equals, Increase)) or node is None:
        return


def _quantified(node: Node):
    """The ``(variable, type)`` pairs of every ``exists``/``forall`` in ``node``."""
    if isinstance(node, (Exists, Forall)):
        yield from node.variables
        yield from _quantified(node.body)
    elif isinstance(node, (And, Or)):
        for arg in node.args:
            yield from _quantified(arg)
    elif isinstance(node, Not):
        yield from _quantified(node.arg)
    elif isinstance(node, Imply):
        yield from _quantified(node.left)
        yield from _quantified(node.right)
    elif isinstance(node, When):
        yield from _quantified(node.condition)
        yield from _quantified(node.effect)


__all__ = ["REQUIREMENTS", "validate"]
