"""The error hierarchy.

``es.parse`` raises these; ``es.check`` turns them into ``INVALID`` results so a
batch of model outputs never stops on one bad row.
"""

from __future__ import annotations


class EquivsolveError(Exception):
    """Base class of every error equivsolve raises on purpose."""


class ParseError(EquivsolveError):
    """Text that does not parse, with the position and a caret snippet.

    Examples
    --------
    >>> e = ParseError("unexpected ')'", text="1+)", line=1, column=3)
    >>> print(e)
    line 1, column 3: unexpected ')'
      1+)
        ^
    """

    def __init__(
        self,
        message: str,
        *,
        text: str = "",
        line: int | None = None,
        column: int | None = None,
        expected: tuple[str, ...] = (),
    ) -> None:
        self.message = message
        self.text = text
        self.line = line
        self.column = column
        self.expected = tuple(expected)
        super().__init__(self._render())

    @property
    def snippet(self) -> str:
        if self.line is None or self.column is None or not self.text:
            return ""
        lines = self.text.splitlines() or [""]
        src = lines[min(self.line, len(lines)) - 1]
        start = max(0, self.column - 40)
        shown = src[start : self.column + 40]
        return f"  {shown}\n  {' ' * (self.column - 1 - start)}^"

    def _render(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line is not None else ""
        msg = where + self.message
        if self.expected:
            msg += "; expected one of: " + ", ".join(self.expected[:12])
        snip = self.snippet
        return msg + ("\n" + snip if snip else "")


class IllFormedError(EquivsolveError):
    """Parsed, but not meaningful (wrong arity, undeclared symbol, ...)."""


class UnsupportedError(EquivsolveError):
    """A construct equivsolve recognises but cannot decide; gives ``UNKNOWN``."""


class BudgetExceeded(BaseException):
    """Raised inside a check when its time budget runs out.

    A ``BaseException`` so that library code with broad ``except Exception``
    clauses (SymPy has many) cannot swallow it.
    """
