"""Progress bar and end-of-batch summary, both on stderr.

The bar is drawn only when stderr is a terminal (or when asked for), redrawn at
most every ``min_interval`` seconds on one line with ``\\r``, and wiped when the
batch ends; it shows rows done (of the total when known), rate and ETA.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO


def format_duration(seconds: float) -> str:
    """``42s``, ``3m07s``, ``2h05m``.

    >>> format_duration(187)
    '3m07s'
    """
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class ProgressBar:
    """A one-line progress display for ``done`` of ``total`` rows."""

    def __init__(
        self,
        stream: TextIO,
        total: int | None = None,
        *,
        min_interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.total = total
        self.min_interval = min_interval
        self._clock = clock
        self._start = clock()
        self._last_draw = float("-inf")
        self._width = 0
        self.draws = 0

    def update(self, done: int, *, force: bool = False) -> None:
        now = self._clock()
        if not force and now - self._last_draw < self.min_interval:
            return
        self._last_draw = now
        line = self.render(done, now - self._start)
        pad = " " * max(0, self._width - len(line))
        self.stream.write("\r" + line + pad)
        self.stream.flush()
        self._width = len(line)
        self.draws += 1

    def render(self, done: int, elapsed: float) -> str:
        columns = shutil.get_terminal_size((80, 24)).columns - 1
        rate = done / elapsed if elapsed > 0 else 0.0
        speed = f"{rate:.1f} rows/s"
        if not self.total:
            return f"{done} rows  {speed}  {format_duration(elapsed)}"[:columns]
        frac = min(1.0, done / self.total)
        eta = format_duration((self.total - done) / rate) if rate > 0 else "?"
        head = f"{done}/{self.total} rows {int(frac * 100):3d}% "
        tail = f" {speed}  ETA {eta}"
        width = max(0, min(40, columns - len(head) - len(tail) - 2))
        filled = int(frac * width)
        bar = "[" + "#" * filled + "." * (width - filled) + "]" if width >= 5 else ""
        return (head + bar + tail)[:columns]

    def close(self) -> None:
        """Wipe the bar so the summary starts on a clean line."""
        if self.draws:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


@dataclass(slots=True)
class BatchSummary:
    """What a batch did: rows, verdicts, timeouts, crashes, time.

    >>> s = BatchSummary()
    >>> s.add({"verdict": "unknown", "reason": "timeout"})
    >>> s.verdicts["unknown"], s.timeouts
    (1, 1)
    """

    rows: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    groupings: int = 0
    timeouts: int = 0
    crashes: int = 0
    errors: int = 0
    restarts: int = 0
    elapsed_s: float = 0.0

    def add(self, row: dict[str, Any]) -> None:
        self.rows += 1
        if "verdict" not in row:
            self.groupings += 1
            return
        self.verdicts[row["verdict"]] += 1
        reason = row.get("reason") or ""
        if reason == "timeout":
            self.timeouts += 1
        elif reason.startswith("crash"):
            self.crashes += 1
        elif reason.startswith("error"):
            self.errors += 1

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "verdicts": dict(self.verdicts),
            "groupings": self.groupings,
            "timeouts": self.timeouts,
            "crashes": self.crashes,
            "errors": self.errors,
            "worker_restarts": self.restarts,
            "elapsed_s": round(self.elapsed_s, 3),
            "rows_per_s": round(self.rows_per_s, 2),
        }

    def format(self) -> str:
        """The human summary printed to stderr at the end of a batch."""
        order = ("equivalent", "not_equivalent", "unknown", "invalid")
        names = list(order) + sorted(set(self.verdicts) - set(order))
        counts = [f"{name} {self.verdicts[name]}" for name in names if self.verdicts[name]]
        if self.groupings:
            counts.append(f"groupings {self.groupings}")
        return (
            f"equivsolve batch: {self.rows} rows in {self.elapsed_s:.1f} s "
            f"({self.rows_per_s:.1f} rows/s)\n"
            f"  {', '.join(counts) or 'no rows'}\n"
            f"  timeouts {self.timeouts}, crashes {self.crashes}, errors {self.errors}"
        )
