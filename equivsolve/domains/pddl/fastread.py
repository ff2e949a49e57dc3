"""A fast reader for well-formed PDDL problems.

Problems are the hot path (a benchmark or a reward loop parses two per
check, domains are parsed once and cached), and Lark's pure-Python LALR
parser spends about 2.5 ms on a 20-object problem. This reader covers the
same language as ``grammars/pddl.lark``'s ``problem`` rule with one regular
expression and a recursive descent, and builds the same AST (names lowercased,
atom and object positions). It gives up — :class:`Unreadable` — at the first
thing it does not expect; :func:`~equivsolve.domains.pddl.parse.parse_problem`
then parses with the grammar, which is the specification and reports errors
with line and column. ``tests/domains/pddl/test_parse.py`` checks that both
give equal ASTs on the corpus and on generated problems.
"""

from __future__ import annotations

import re
from fractions import Fraction

from .ast import And, Atom, Equals, Exists, Forall, Imply, Metric, Node, Not, Or, Problem

_PIECES = re.compile(r"\s+|;[^\n]*|[()]|[^\s();]+")
_NAME = re.compile(r"[a-z][a-z0-9_\-]*", re.I)
_VARIABLE = re.compile(r"\?[a-z][a-z0-9_\-]*", re.I)
_REQUIREMENT = re.compile(r":[a-z][a-z0-9_\-]*", re.I)
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
#: words the grammar reserves where a goal or a section starts
_KEYWORDS = {"and", "or", "not", "imply", "exists", "forall", "either", "define", "problem"}


class Unreadable(Exception):
    """Not something this reader handles; parse with the grammar instead."""


def _tokens(text: str) -> list[tuple[str, int, int]]:
    out = []
    line, line_start = 1, 0
    for m in _PIECES.finditer(text):
        piece = m.group()
        first = piece[0]
        if first.isspace() or first == ";":
            n = piece.count("\n")
            if n:
                line += n
                line_start = m.start() + piece.rindex("\n") + 1
            continue
        out.append((piece, line, m.start() - line_start + 1))
    return out


class _Reader:
    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.i = 0

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.toks[j][0] if j < len(self.toks) else ""

    def take(self) -> tuple[str, int, int]:
        if self.i >= len(self.toks):
            raise Unreadable
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, piece: str) -> None:
        if self.take()[0].lower() != piece:
            raise Unreadable

    def name(self) -> str:
        piece = self.take()[0]
        if not _NAME.fullmatch(piece) or piece.lower() in _KEYWORDS:
            raise Unreadable
        return piece.lower()

    def term(self) -> str:
        piece = self.take()[0]
        if _VARIABLE.fullmatch(piece):
            return piece.lower()
        if _NAME.fullmatch(piece) and piece.lower() not in _KEYWORDS:
            return piece.lower()
        raise Unreadable

    # ---- typed lists
    def typed(self, variables: bool, positions: list | None = None) -> tuple:
        out: list[tuple] = []
        pending: list[str] = []
        while self.peek() != ")":
            piece, line, col = self.take()
            if piece == "-":
                if not pending:
                    raise Unreadable
                kind = self.type_()
                out.extend((n, kind) for n in pending)
                pending = []
                continue
            if variables:
                if not _VARIABLE.fullmatch(piece):
                    raise Unreadable
            elif not _NAME.fullmatch(piece) or piece.lower() in _KEYWORDS:
                raise Unreadable
            pending.append(piece.lower())
            if positions is not None:
                positions.append((piece.lower(), (line, col)))
        return tuple(out) + tuple((n, "object") for n in pending)

    def type_(self):
        if self.peek() == "(":
            self.take()
            self.expect("either")
            names = []
            while self.peek() != ")":
                names.append(self.name())
            self.take()
            if not names:
                raise Unreadable
            return tuple(names)
        return self.name()

    # ---- goals
    def atom(self) -> Atom:
        _, line, col = self.take()  # "("
        pred = self.name()
        args = []
        while self.peek() != ")":
            args.append(self.term())
        self.take()
        return Atom(pred, tuple(args), line=line, column=col)

    def gd(self) -> Node:
        if self.peek() != "(":
            raise Unreadable
        head = self.peek(1).lower()
        if head == ")":
            self.take()
            self.take()
            return And(())
        if head in ("and", "or"):
            self.take()
            self.take()
            parts = []
            while self.peek() != ")":
                parts.append(self.gd())
            self.take()
            return And(tuple(parts)) if head == "and" else Or(tuple(parts))
        if head == "not":
            self.take()
            self.take()
            arg = self.gd()
            self.expect(")")
            return Not(arg)
        if head == "imply":
            self.take()
            self.take()
            left = self.gd()
            right = self.gd()
            self.expect(")")
            return Imply(left, right)
        if head in ("exists", "forall"):
            self.take()
            self.take()
            self.expect("(")
            variables = self.typed(True)
            self.take()
            body = self.gd()
            self.expect(")")
            return Exists(variables, body) if head == "exists" else Forall(variables, body)
        if head == "=":
            self.take()
            self.take()
            left, right = self.term(), self.term()
            self.expect(")")
            return Equals(left, right)
        return self.atom()

    def fhead(self) -> tuple[str, tuple[str, ...]]:
        if self.peek() != "(":
            return (self.name(), ())
        self.take()
        name = self.name()
        args = []
        while self.peek() != ")":
            args.append(self.term())
        self.take()
        return (name, tuple(args))

    def number(self) -> Fraction:
        piece = self.take()[0]
        if not _NUMBER.fullmatch(piece):
            raise Unreadable
        return Fraction(piece)

    # ---- the problem
    def problem(self) -> Problem:
        self.expect("(")
        self.expect("define")
        self.expect("(")
        self.expect("problem")
        name = self.name()
        self.expect(")")
        fields: dict = {}
        init: list[Atom] = []
        numeric: list = []
        positions: list = []
        while self.peek() == "(":
            self.take()
            section = self.take()[0].lower()
            if section == ":domain":
                fields["domain_name"] = self.name()
            elif section == ":requirements":
                reqs = []
                while self.peek() != ")":
                    piece = self.take()[0]
                    if not _REQUIREMENT.fullmatch(piece):
                        raise Unreadable
                    reqs.append(piece.lower())
                fields["requirements"] = fields.get("requirements", ()) + tuple(reqs)
            elif section == ":objects":
                found: list = []
                objs = self.typed(False, found)
                declared = {n for n, _ in objs}
                positions.extend(p for p in found if p[0] in declared)
                fields["objects"] = fields.get("objects", ()) + objs
            elif section == ":init":
                while self.peek() != ")":
                    if self.peek() != "(":
                        raise Unreadable
                    if self.peek(1) == "=":
                        self.take()
                        self.take()
                        head = self.fhead()
                        numeric.append((head, self.number()))
                        self.expect(")")
                    else:
                        init.append(self.atom())
            elif section == ":goal":
                fields["goal"] = self.gd()
            elif section == ":metric":
                direction = self.take()[0].lower()
                if direction not in ("minimize", "maximize"):
                    raise Unreadable
                fields["metric"] = Metric(direction, self.fhead())
            else:
                raise Unreadable
            self.expect(")")
        self.expect(")")
        if self.i != len(self.toks):
            raise Unreadable
        fields.setdefault("domain_name", "")
        return Problem(
            name,
            init=tuple(init),
            init_numeric=tuple(numeric),
            positions=tuple(positions),
            **fields,
        )


def read_problem(text: str) -> Problem:
    """The problem in ``text``; raises :class:`Unreadable` when unsure."""
    return _Reader(text).problem()
