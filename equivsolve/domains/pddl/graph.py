"""PDDL problems as labelled graphs, for the shared isomorphism search.

One vertex per object, coloured by its type (a domain constant also by its
name: constants are never renamed); one vertex per fact, coloured by what it
is — ``("init", predicate)``, ``("goal", predicate, value)``, a numeric
``("=", function, value)`` — with an edge to each argument labelled by its
position. An isomorphism of two such graphs maps objects to objects (vertices
``0..n-1`` come first) and carries every fact onto a fact of the same colour:
the object bijection the definition of equivalence asks for.

Goal formulas that are not sets of literals are drawn as their syntax tree
(:func:`formula_facts`): a vertex per connective, children unordered under
``and``/``or`` and ordered under ``imply``, a vertex per quantified variable
hung from its quantifier. Isomorphic trees are the same formula up to renaming
and reordering, so a structural match is a proof of equivalence.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

from ...graph import Graph, find_isomorphism
from ...graph.iso import IsoResult
from .ast import And, Atom, Equals, Exists, Forall, Imply, Node, Not, Or

#: a fact: (colour, arguments) where an argument is an object name, or
#: ("#", k) for the k-th extra vertex (connectives, bound variables)
Fact = tuple[Hashable, tuple]


class Drawing:
    """A problem-like structure under construction: objects, then extra vertices."""

    def __init__(self, objects: Sequence[str], colour_of) -> None:
        self.objects = list(objects)
        self.index = {o: i for i, o in enumerate(self.objects)}
        self.colours: list[Hashable] = [colour_of(o) for o in self.objects]
        self.edges: list[tuple[int, int, Hashable]] = []

    def vertex(self, colour: Hashable) -> int:
        self.colours.append(colour)
        return len(self.colours) - 1

    def fact(self, colour: Hashable, args: Iterable, scope: dict | None = None) -> int:
        v = self.vertex(colour)
        for pos, a in enumerate(args):
            target = scope[a] if scope and a in scope else self.index[a]
            self.edges.append((v, target, pos))
        return v

    def graph(self) -> Graph:
        return Graph(self.colours, self.edges)

    def formula(self, node: Node | None, scope: dict | None = None) -> int:
        """Draw a lifted goal formula; returns its root vertex."""
        scope = scope or {}
        if node is None:
            return self.vertex(("and",))
        if isinstance(node, Atom):
            return self.fact(("atom", node.predicate), node.args, scope)
        if isinstance(node, Equals):
            v = self.vertex(("=",))
            for a in (node.left, node.right):
                self.edges.append((v, scope[a] if a in scope else self.index[a], 0))
            return v
        if isinstance(node, (And, Or)):
            v = self.vertex((type(node).__name__.lower(),))
            for a in node.args:
                self.edges.append((v, self.formula(a, scope), "child"))
            return v
        if isinstance(node, Not):
            v = self.vertex(("not",))
            self.edges.append((v, self.formula(node.arg, scope), "child"))
            return v
        if isinstance(node, Imply):
            v = self.vertex(("imply",))
            self.edges.append((v, self.formula(node.left, scope), "if"))
            self.edges.append((v, self.formula(node.right, scope), "then"))
            return v
        if isinstance(node, (Exists, Forall)):
            v = self.vertex((type(node).__name__.lower(),))
            inner = dict(scope)
            for name, kind in node.variables:
                x = self.vertex(("var", kind))
                self.edges.append((v, x, "binds"))
                inner[name] = x
            self.edges.append((v, self.formula(node.body, inner), "child"))
            return v
        raise TypeError(f"not a goal: {node!r}")


def match(left: Drawing, right: Drawing, budget) -> tuple[IsoResult, dict[str, str] | None]:
    """The isomorphism search on two drawings; the object mapping when found."""
    r = find_isomorphism(left.graph(), right.graph(), budget=budget)
    if r.mapping is None:
        return r, None
    n = len(left.objects)
    return r, {left.objects[i]: right.objects[r.mapping[i]] for i in range(n)}
