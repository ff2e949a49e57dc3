"""Text -> PDDL :class:`~equivsolve.domains.pddl.ast.Domain` / ``Problem``.

The grammar is ``grammars/pddl.lark`` (LALR, two start rules). Covered:
``:requirements``, ``:types`` (with ``either``), ``:constants``,
``:predicates``, ``:functions``, ``:action`` with ``:parameters``,
``:precondition`` and ``:effect``; problems with ``:domain``, ``:objects``,
``:init`` (atoms and ``(= (f) n)``), ``:goal`` and ``:metric`` over a single
function term. Goals: atoms, ``and or not imply exists forall =``; effects:
atoms, ``not``, ``and``, ``forall``, ``when``, ``increase``. Sections may
come in any order; a repeated section adds to the first. Names are lowercased
and untyped names get type ``"object"``. Not covered: ``:derived``,
``:constraints``, durative actions, preferences, general numeric expressions.

Bad input raises :class:`~equivsolve.errors.ParseError` with the line and
column. :func:`extract` pulls the first ``(define ...)`` out of LLM prose.

>>> parse_problem("(define (problem P) (:domain D) (:objects A b - Block) "
...               "(:init (On A b)) (:goal (not (on b a))))").goal
Not(arg=Atom(predicate='on', args=('b', 'a')))
"""

from __future__ import annotations

import re
from fractions import Fraction

from lark import Token, Transformer, v_args
from lark.exceptions import UnexpectedInput, VisitError

from ...errors import ParseError
from ...syntax import parser, to_parse_error
from .ast import (
    Action,
    And,
    Atom,
    Domain,
    Equals,
    Exists,
    Forall,
    Function,
    Imply,
    Increase,
    Metric,
    Not,
    Or,
    Predicate,
    Problem,
    When,
)
from .fastread import Unreadable, read_problem

_DEFINE = re.compile(r"\(\s*define\b", re.IGNORECASE)


def parse_domain(text: str) -> Domain:
    """Parse a PDDL domain; raise :class:`ParseError` on bad input."""
    return _parse(text, "domain")


def parse_problem(text: str) -> Problem:
    """Parse a PDDL problem; raise :class:`ParseError` on bad input.

    Well-formed problems take the fast path (:mod:`.fastread`); everything
    else, and every error, goes through the grammar."""
    try:
        return read_problem(text)
    except Unreadable:
        return _parse(text, "problem")


def extract(text: str, kind: str | None = None) -> str:
    """The first balanced ``(define ...)`` in ``text`` (prose, a markdown fence);
    with ``kind`` (``"problem"`` or ``"domain"``) the first of that kind, when
    the text holds several (a reply with the domain and then the problem).

    Without one, the text from ``(define`` to the end, or the stripped text,
    so that parsing it reports the error.

    >>> extract("Sure!\\n```pddl\\n(define (problem p) (:goal (a)))\\n```\\nDone.")
    '(define (problem p) (:goal (a)))'
    >>> extract("(define (domain d)) then (define (problem p))", "problem")
    '(define (problem p))'
    """
    starts = [m.start() for m in _DEFINE.finditer(text)]
    if not starts:
        return text.strip()
    if kind is not None:  # the forms of that kind first, in order (a stable sort)
        head = re.compile(r"\(\s*define\s*\(\s*" + kind + r"\b", re.IGNORECASE)
        starts.sort(key=lambda i: head.match(text, i) is None)
    return _balanced(text, starts[0])


def _balanced(text: str, start: int) -> str:
    """The balanced form opening at ``start`` (comments skipped), or the rest."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch == ";":
            i = text.find("\n", i)
            if i < 0:
                break
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
        i += 1
    return text[start:].strip()


def _parse(text: str, start: str):
    try:
        tree = parser("pddl", start).parse(text)
        return _Build(text).transform(tree)
    except UnexpectedInput as exc:
        raise to_parse_error(exc, text) from None
    except VisitError as exc:
        if isinstance(exc.orig_exc, ParseError):
            raise exc.orig_exc from None
        raise


def _typed(text: str, items: list, default: str = "object") -> tuple:
    """Pair a flat ``a b - t c`` list: ``(("a", "t"), ("b", "t"), ("c", default))``."""
    out: list[tuple] = []
    pending: list[str] = []
    it = iter(items)
    for item in it:
        if isinstance(item, Token) and item.type == "DASH":
            if not pending:
                raise ParseError("a type without names", text=text, **_pos(item))
            kind = next(it)
            out.extend((name, kind) for name in pending)
            pending = []
        else:
            pending.append(item)
    return tuple(out) + tuple((name, default) for name in pending)


def _pos(tok: Token) -> dict:
    return {"line": tok.line, "column": tok.column}


def _number(tok: Token) -> Fraction:
    return Fraction(str(tok))


@v_args(inline=True)
class _Build(Transformer):
    """Tree -> AST; sections become ``(section, value)`` pairs first."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        #: every NAME token seen: ``(name, line, column, start_pos)``
        self.names: list[tuple[str, int, int, int]] = []
        #: object name -> ``(line, column)`` from ``:objects`` sections
        self.object_positions: list[tuple[str, tuple[int, int]]] = []

    # ---- tokens and small pieces ---------------------------------------------
    def NAME(self, tok):  # noqa: N802 - lark terminal callback
        name = str(tok).lower()
        self.names.append((name, tok.line, tok.column, tok.start_pos))
        return name

    def VARIABLE(self, tok):  # noqa: N802 - lark terminal callback
        return str(tok).lower()

    REQUIREMENT = VARIABLE

    def either(self, *names):
        return tuple(names)

    def typed_names(self, *items):
        return _typed(self.text, list(items))

    typed_vars = typed_names

    def signature(self, name, params):
        return Predicate(name, params)

    def fhead(self, name, *args):
        return (name, tuple(args))

    # ---- goals and effects ---------------------------------------------------
    @v_args(meta=True)
    def atom(self, meta, children):
        name, *args = children
        line, column = (meta.line, meta.column) if not meta.empty else (None, None)
        return Atom(name, tuple(args), line=line, column=column)

    def empty(self):
        return And(())

    def and_(self, *args):
        return And(tuple(args))

    def or_(self, *args):
        return Or(tuple(args))

    not_ = Not
    imply = Imply
    exists = Exists
    forall = Forall
    equals = Equals
    when = When

    def increase(self, function, value):
        return Increase(function, _number(value) if isinstance(value, Token) else value)

    # ---- sections --------------------------------------------------------------
    def requirements(self, *names):
        return ("requirements", names)

    def types(self, pairs):
        return ("types", pairs)

    def constants(self, pairs):
        return ("constants", pairs)

    @v_args(meta=True)
    def objects(self, meta, children):
        (pairs,) = children
        if not meta.empty:
            spans = [n for n in self.names if meta.start_pos <= n[3] < meta.end_pos]
            declared = {name for name, _ in pairs}
            for name, line, column, _ in spans:
                if name in declared:
                    self.object_positions.append((name, (line, column)))
        return ("objects", pairs)

    def predicates(self, *sigs):
        return ("predicates", sigs)

    def functions(self, *items):
        pairs = _typed(self.text, list(items), default="number")
        return ("functions", tuple(Function(s.name, s.params, t) for s, t in pairs))

    def action(self, name, params, pre, eff):
        empty = And(())
        return ("actions", (Action(name, params or (), pre or empty, eff or empty),))

    def problem_domain(self, name):
        return ("domain_name", name)

    def init_numeric(self, head, value):
        return (head, _number(value))

    def init(self, *facts):
        atoms = tuple(f for f in facts if isinstance(f, Atom))
        numeric = tuple(f for f in facts if not isinstance(f, Atom))
        return ("init", (atoms, numeric))

    def goal(self, gd):
        return ("goal", gd)

    def metric(self, direction, head):
        return ("metric", Metric(str(direction).lower(), head))

    # ---- the two start rules ---------------------------------------------------
    def domain(self, name, *sections):
        return Domain(name, **_merge(sections))

    def problem(self, name, *sections):
        fields = _merge(sections)
        init, numeric = fields.pop("init", ((), ()))
        fields.setdefault("domain_name", "")
        positions = tuple(self.object_positions)
        return Problem(name, init=init, init_numeric=numeric, positions=positions, **fields)


def _merge(sections) -> dict:
    """``(section, value)`` pairs -> keyword arguments; repeated tuples concatenate."""
    fields: dict = {}
    for key, value in sections:
        if key in fields and key == "init":
            fields[key] = tuple(a + b for a, b in zip(fields[key], value))
        elif key in fields and isinstance(value, tuple):
            fields[key] = fields[key] + value
        else:
            fields[key] = value
    return fields
