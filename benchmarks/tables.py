"""Printing the benchmark tables (aligned plain text or Markdown), and the
verdict tally every labelled-pair table reports."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_NUMERIC = re.compile(r"^(-|n/a|[0-9.]+%?x?)$")


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def table(headers: list[str], rows: list[list[Any]], markdown: bool) -> str:
    """Plain aligned columns, or Markdown; numeric columns are right-aligned."""
    cells = [[str(c) for c in r] for r in rows]
    numeric = [all(_NUMERIC.match(r[i]) for r in cells if r[i]) for i in range(len(headers))]
    if markdown:
        align = ["---:" if num else "---" for num in numeric]
        lines = [headers, align, *cells]
        return "\n".join(_md_row(ln) for ln in lines)
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]

    def fmt(r: list[str]) -> str:
        out = [c.rjust(w) if num else c.ljust(w) for c, w, num in zip(r, widths, numeric)]
        return "  ".join(out).rstrip()

    rule = "-" * len(fmt(headers))
    return "\n".join([fmt(headers), rule, *(fmt(r) for r in cells)])


@dataclass
class Score:
    """Verdicts against labels: right, said equivalent wrongly, said not
    equivalent wrongly, unknown, invalid (``unknown`` and ``invalid`` count as
    wrong in ``accuracy``)."""

    n: int = 0
    correct: int = 0
    false_eq: int = 0
    false_neq: int = 0
    unknown: int = 0
    invalid: int = 0

    def add(self, expected: str, verdict: str) -> None:
        self.n += 1
        if verdict == expected:
            self.correct += 1
        elif verdict == "equivalent":
            self.false_eq += 1
        elif verdict == "not_equivalent":
            self.false_neq += 1
        elif verdict == "invalid":
            self.invalid += 1
        else:
            self.unknown += 1

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else float("nan")
