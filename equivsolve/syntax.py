"""Grammar loading and parse-error reporting shared by every kind.

Each language has one ``grammars/<name>.lark`` file. Parsers are LALR, built
once per process and cached (building one costs tens of milliseconds). Lark's
exceptions become :class:`~equivsolve.errors.ParseError` with the line, the
column, the expected tokens and a caret snippet.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import lark
from lark import Lark, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from .errors import ParseError

# Friendly names for Lark's anonymous terminals in "expected ..." lists.
_TOKEN_NAMES = {
    "LPAR": "'('",
    "RPAR": "')'",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "LSQB": "'['",
    "RSQB": "']'",
    "COMMA": "','",
    "PLUS": "'+'",
    "MINUS": "'-'",
    "STAR": "'*'",
    "SLASH": "'/'",
    "EQUAL": "'='",
    "LESSTHAN": "'<'",
    "MORETHAN": "'>'",
    "CIRCUMFLEX": "'^'",
    "VBAR": "'|'",
    "SEMICOLON": "';'",
    "COLON": "':'",
}


def grammar_dir() -> Path:
    """The folder holding the ``.lark`` files, installed or in a source tree."""
    shipped = resources.files("equivsolve") / "grammars"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parent.parent / "grammars"


@cache
def parser(name: str, start: str = "start") -> Lark:
    """The cached LALR parser for ``grammars/<name>.lark``."""
    path = grammar_dir() / f"{name}.lark"
    return Lark(
        path.read_text(encoding="utf-8"),
        parser="lalr",
        start=start,
        propagate_positions=True,
        maybe_placeholders=True,
        import_paths=[grammar_dir()],
    )


def parse_tree(name: str, text: str, start: str = "start") -> Tree:
    """Parse ``text`` with grammar ``name``; raise :class:`ParseError` on failure."""
    try:
        return parser(name, start).parse(text)
    except UnexpectedInput as exc:
        raise to_parse_error(exc, text) from None


def to_parse_error(exc: UnexpectedInput, text: str) -> ParseError:
    line = getattr(exc, "line", None)
    column = getattr(exc, "column", None)
    at_end = isinstance(exc, UnexpectedToken) and exc.token.type == "$END"
    if isinstance(exc, UnexpectedEOF) or at_end or line in (None, -1):
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
        message = "unexpected end of input"
        expected = getattr(exc, "expected", ())
    elif isinstance(exc, UnexpectedCharacters):
        message = f"unexpected character {text[exc.pos_in_stream or 0]!r}"
        expected = tuple(sorted(exc.allowed or ()))
    elif isinstance(exc, UnexpectedToken):
        tok = exc.token
        shown = "end of input" if tok.type == "$END" else repr(str(tok))
        message = f"unexpected {shown}"
        expected = tuple(sorted(exc.expected or ()))
    else:  # pragma: no cover - lark's other subclasses
        message, expected = str(exc).splitlines()[0], ()
    names = tuple(_TOKEN_NAMES.get(t, t) for t in expected if not t.startswith("__"))
    return ParseError(message, text=text, line=line, column=column, expected=names)


__all__ = ["grammar_dir", "parser", "parse_tree", "to_parse_error", "lark"]
