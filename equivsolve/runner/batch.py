"""``run_batch``: JSON Lines of pairs (or groupings) in, one result row per row out.

The driver reads rows lazily, hands them to an engine (local worker processes
or Ray), and writes results in input order through a reorder buffer. At most
``window`` rows are between "read" and "written" at any time, which bounds
both the work in flight and the buffer: a batch of millions of rows streams
in constant memory. A row that hangs or crashes its worker costs at most
``timeout + grace`` seconds and becomes an ``unknown`` row; the batch goes on.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any, TextIO

from .progress import BatchSummary, ProgressBar
from .rows import Source, Task, count_rows, is_binary_stream, is_path, open_rows, prepare, same_file

ENGINES = ("local", "ray")
DEFAULT_GRACE = 2.0


def run_batch(
    source: Source,
    sink: Any,
    *,
    kind: str | None = None,
    workers: int = 1,
    timeout: float | None = 10.0,
    engine: str = "local",
    progress: bool | None = None,
    grace: float = DEFAULT_GRACE,
    stderr: TextIO | None = None,
    summary: bool = True,
    options: dict[str, Any] | None = None,
) -> BatchSummary:
    """Check every row of a JSON Lines batch; write one result row per input row.

    Parameters
    ----------
    source
        A path (``"-"`` for stdin), an open file, or an iterable of JSON lines
        (str or bytes) or of already decoded row dicts.
    sink
        A path (``"-"`` for stdout) or a writable text or binary stream.
    kind
        Default kind for rows without a ``kind`` field.
    workers
        Worker processes (local engine) or tasks in flight (Ray).
    timeout
        Seconds per row, passed to the check as its budget; ``None``: no limit.
    engine
        ``"local"`` or ``"ray"`` (needs ``pip install 'equivsolve[ray]'``).
    progress
        Draw a progress bar on ``stderr``: ``None`` when it is a terminal.
    grace
        Extra seconds beyond ``timeout`` before a row's worker is killed.
    stderr
        Where the progress bar and the summary go (default ``sys.stderr``).
    summary
        Print the summary at the end.
    options
        Options of the kind for every row (``{"finite": "true"}``); a row's
        own ``options`` object overrides them. An option the row's kind does
        not accept makes that row ``invalid``.

    Returns
    -------
    BatchSummary
        Rows, counts per verdict, timeouts, crashes, elapsed time.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> s = run_batch(['{"id": 1, "left": "a"}'], out, summary=False)
    >>> json.loads(out.getvalue())["verdict"], s.rows
    ('invalid', 1)
    """
    _validate(workers=workers, timeout=timeout, grace=grace, engine=engine)
    if same_file(source, sink):
        raise ValueError("the output file is the input file; refusing to overwrite it")
    err = stderr if stderr is not None else sys.stderr
    show = _want_progress(progress, err)
    hard_limit = None if timeout is None else timeout + grace
    stats = BatchSummary()
    start = time.monotonic()
    with ExitStack() as stack:
        rows = stack.enter_context(open_rows(source))
        write, flush = stack.enter_context(_open_sink(sink))
        pool = stack.enter_context(_make_engine(engine, workers, hard_limit, kind))
        bar = ProgressBar(err, count_rows(source)) if show else None
        driver = _Driver(
            rows, write, flush, pool, kind=kind, timeout=timeout, bar=bar, options=options
        )
        try:
            driver.run(stats)
        finally:
            flush()
            if bar is not None:
                bar.close()
        stats.restarts = getattr(pool, "restarts", 0)
    stats.elapsed_s = time.monotonic() - start
    if summary:
        print(stats.format(), file=err, flush=True)
    return stats


def _validate(*, workers: int, timeout: float | None, grace: float, engine: str) -> None:
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer, got {workers!r}")
    if timeout is not None and not (timeout > 0 and math.isfinite(timeout)):
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    if not (grace >= 0 and math.isfinite(grace)):
        raise ValueError(f"grace must be a non-negative number of seconds, got {grace!r}")
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")


def _want_progress(progress: bool | None, stream: TextIO) -> bool:
    if progress is not None:
        return progress
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _make_engine(engine: str, workers: int, hard_limit: float | None, kind: str | None) -> Any:
    if engine == "ray":
        from .ray_engine import RayEngine

        return RayEngine(workers, hard_limit=hard_limit)
    from .pool import WorkerPool

    return WorkerPool(workers, hard_limit=hard_limit, preload=(kind,) if kind else ())


@contextmanager
def _open_sink(sink: Any) -> Iterator[tuple[Callable[[str], Any], Callable[[], None]]]:
    """``(write, flush)`` for a path, ``"-"``, or a text or binary stream."""
    if is_path(sink) and os.fspath(sink) == "-":
        sink = sys.stdout
    if is_path(sink):
        with open(sink, "w", encoding="utf-8", newline="\n") as handle:
            yield handle.write, handle.flush
        return
    if is_binary_stream(sink):
        yield (lambda text: sink.write(text.encode("utf-8"))), sink.flush
        return
    yield sink.write, getattr(sink, "flush", lambda: None)


def dumps_row(row: dict[str, Any]) -> str:
    """One output line; non-finite floats (not JSON) are written as strings."""
    try:
        return json.dumps(row, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(row), ensure_ascii=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


class _Driver:
    """Read, dispatch, collect, reorder, write: the batch main loop."""

    def __init__(
        self,
        rows: Iterator[tuple[int, Any]],
        write: Callable[[str], Any],
        flush: Callable[[], None],
        pool: Any,
        *,
        kind: str | None,
        timeout: float | None,
        bar: ProgressBar | None,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.rows = rows
        self.options = options or {}
        self.write = write
        self.flush = flush
        self.pool = pool
        self.kind = kind
        self.timeout = timeout
        self.bar = bar
        self.window = max(64, 16 * pool.size)
        self.queue: deque[tuple[int, Task]] = deque()
        self.done: dict[int, dict[str, Any]] = {}  # the reorder buffer
        self.next_seq = 0  # sequence number of the next row read
        self.next_out = 0  # sequence number of the next row to write
        self.exhausted = False

    def run(self, stats: BatchSummary) -> None:
        # With a bar, wake up regularly to redraw it; otherwise sleep until work finishes.
        tick = 0.25 if self.bar is not None else None
        while True:
            self._read()
            self._dispatch()
            self._write(stats)
            if self.exhausted and self.next_out == self.next_seq:
                break
            for seq, row in self.pool.poll(tick):
                self.done[seq] = row

    def _read(self) -> None:
        while not self.exhausted and self.next_seq - self.next_out < self.window:
            try:
                lineno, raw = next(self.rows)
            except StopIteration:
                self.exhausted = True
                return
            item = prepare(
                lineno, raw, default_kind=self.kind, timeout=self.timeout, options=self.options
            )
            if item is None:  # blank line
                continue
            seq, self.next_seq = self.next_seq, self.next_seq + 1
            if isinstance(item, Task):
                self.queue.append((seq, item))
            else:
                self.done[seq] = item

    def _dispatch(self) -> None:
        while self.queue and self.pool.free > 0:
            seq, task = self.queue.popleft()
            outcome = self.pool.submit(seq, task)
            if outcome is not None:
                self.done[outcome[0]] = outcome[1]

    def _write(self, stats: BatchSummary) -> None:
        wrote = False
        while self.next_out in self.done:
            row = self.done.pop(self.next_out)
            self.write(dumps_row(row) + "\n")
            stats.add(row)
            self.next_out += 1
            wrote = True
        if wrote:
            self.flush()
        if self.bar is not None:
            self.bar.update(self.next_out)
