"""Text -> LP/MILP :class:`~equivsolve.domains.lp.ast.Model`, in three notations.

* the **LP file format** as CPLEX and Gurobi write it (``grammars/lp.lark``,
  conventions in ``_lpfile``): default bounds ``0 <= x < +inf``;
* **MPS**, fixed and free (a line parser, conventions in ``_mps``): the same
  default bounds; an RHS on the objective row is minus the objective constant;
* plain **algebraic notation** (``grammars/lp_alg.lark``, conventions in
  ``_algebraic``): ``max 3x + 2y s.t. x + y <= 4, x, y >= 0``. **Variables are
  free unless a statement bounds them**, unlike the two file formats.

:func:`parse_model` finds a fenced code block in an LLM's prose first, then
picks the notation (:func:`detect_format`); :func:`write_lp` writes a model
back in the LP format. Coefficients are exact ``Fraction``\\ s read from the
decimal text, never through a float.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...errors import ParseError
from ._algebraic import parse_algebraic
from ._lpfile import parse_lp
from ._mps import parse_mps
from ._write import fmt_number, write_lp
from .ast import Model

#: the notations ``parse_model(format=...)`` accepts, with their aliases
FORMATS = {
    "lp": "lp",
    "cplex": "lp",
    "cplex-lp": "lp",
    "mps": "mps",
    "free-mps": "free-mps",
    "fixed-mps": "fixed-mps",
    "algebraic": "algebraic",
    "alg": "algebraic",
}

_FENCE = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)\n"
    r"(?P<body>.*?)(?:^[ \t]*(?P=fence)[ \t]*$|\Z)",
    re.MULTILINE | re.DOTALL,
)
_FENCE_LANGS = ("lp", "cplex", "gurobi", "mps", "lpfile", "cplex-lp", "model", "text", "")
_MPS_ROWS = re.compile(r"^ROWS[ \t]*\r?$", re.MULTILINE | re.IGNORECASE)
_MPS_COLUMNS = re.compile(r"^COLUMNS[ \t]*\r?$", re.MULTILINE | re.IGNORECASE)
_ST_LINE = re.compile(
    r"^[ \t]*(?:subject[ \t]+to|such[ \t]+that|s\.t\.?|st)[ \t]*:?[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)
_OBJ_LINE = re.compile(r"(?:max|min)(?:imi[sz]e|imum)?[ \t]*:?", re.IGNORECASE)
_LP_ONLY_LINE = re.compile(
    r"^[ \t]*(?:bounds?|generals?|gen|integers?|binar(?:y|ies)|bin|semi-continuous|semis?|end)"
    r"[ \t]*:?[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)


def extract_fenced(text: str) -> str:
    """The content of the fenced code block in ``text``, or ``text`` itself.

    With several blocks, the first one labelled ``lp``/``mps``/``cplex``/... (or
    unlabelled) is chosen, else the first. An unclosed fence runs to the end.

    >>> extract_fenced("The model:\\n```lp\\nMinimize\\n x\\nEnd\\n```\\nDone.")
    'Minimize\\n x\\nEnd\\n'
    """
    blocks = [(m.group("info").strip().lower(), m.group("body")) for m in _FENCE.finditer(text)]
    if not blocks:
        return text
    for info, body in blocks:
        if info.split()[:1] in ([lang] for lang in _FENCE_LANGS) or not info:
            return body
    return blocks[0][1]


def _first_content_line(text: str) -> str:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("\\"):
            return stripped
    return ""


def detect_format(text: str) -> str:
    """``"mps"``, ``"lp"`` or ``"algebraic"``, from the section headers.

    MPS when there are ``ROWS`` and ``COLUMNS`` header lines; LP when a line is
    a ``Subject To`` (``st``, ``s.t.``, ``such that``) header, the first line is
    ``Minimize``/``Maximize`` alone, or a line is an LP-only section header
    (``Bounds``, ``Generals``, ``Binaries``, ``End``, ...); algebraic otherwise.

    >>> detect_format("max 3x + 2y s.t. x + y <= 4"), detect_format("Maximize\\n x\\nEnd")
    ('algebraic', 'lp')
    """
    if _MPS_ROWS.search(text) and _MPS_COLUMNS.search(text):
        return "mps"
    if (
        _ST_LINE.search(text)
        or _OBJ_LINE.fullmatch(_first_content_line(text))
        or _LP_ONLY_LINE.search(text)
    ):
        return "lp"
    return "algebraic"


def _further(a: ParseError, b: ParseError) -> ParseError:
    """Of two failed readings, the one that got further into the text."""
    return a if (a.line or 0, a.column or 0) >= (b.line or 0, b.column or 0) else b


@lru_cache(maxsize=256)
def _parse(text: str, fmt: str | None) -> Model:
    if fmt is None:
        fmt = detect_format(text)
        if fmt == "lp" and not _LP_ONLY_LINE.search(text):
            # "maximize ... subject to ..." on lines of their own is also how
            # people write algebraic models: try that reading when LP fails.
            try:
                return parse_lp(text)
            except ParseError as lp_error:
                try:
                    return parse_algebraic(text)
                except ParseError as alg_error:
                    raise _further(lp_error, alg_error) from None
    if fmt == "lp":
        return parse_lp(text)
    if fmt in ("mps", "free-mps", "fixed-mps"):
        return parse_mps(text, fixed={"mps": None, "free-mps": False, "fixed-mps": True}[fmt])
    return parse_algebraic(text)


def parse_model(text: str, *, format: str | None = None) -> Model:
    """Parse an LP/MILP model in the LP format, MPS or algebraic notation.

    Parameters
    ----------
    text
        The model, or prose holding it in a fenced code block (extracted first;
        line numbers in errors then count from the block's first line).
    format
        ``"lp"``, ``"mps"`` (``"free-mps"``, ``"fixed-mps"``), ``"algebraic"``,
        or ``None`` to detect it (:func:`detect_format`). When the detected LP
        reading fails and the text has no LP-only section (``Bounds``, ``End``,
        ...), the algebraic reading is tried too.

    Raises
    ------
    ParseError
        With the line, the column and a caret snippet.
    UnsupportedError
        For recognised constructs outside LP/MILP (SOS, indicator constraints).

    Examples
    --------
    >>> m = parse_model("max 3x + 2y s.t. x + y <= 4, x, y >= 0, y integer")
    >>> m.sense, m.objective, sorted(m.integers)
    ('max', (('x', Fraction(3, 1)), ('y', Fraction(2, 1))), ['y'])
    """
    if format is not None and format.lower() not in FORMATS and format.lower() != "auto":
        raise ValueError(f"unknown LP format {format!r}; known: {', '.join(sorted(FORMATS))}")
    fmt = None if format is None or format.lower() == "auto" else FORMATS[format.lower()]
    body = extract_fenced(text)
    if not body.strip():
        raise ParseError("empty model", text=text, line=1, column=1)
    return _parse(body, fmt)


__all__ = [
    "FORMATS",
    "Model",
    "detect_format",
    "extract_fenced",
    "fmt_number",
    "parse_algebraic",
    "parse_lp",
    "parse_model",
    "parse_mps",
    "write_lp",
]
