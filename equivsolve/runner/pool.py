"""The local engine: reusable worker processes with a hard per-row time limit.

A cooperative deadline (:mod:`equivsolve.budget`) stops pure-Python work, but
not a call stuck inside a C extension, and nothing in-process survives a
segfault. So every check runs in a worker process; the parent waits on the
workers' pipes and process sentinels together (``multiprocessing.connection.
wait``), kills a worker whose row overruns ``hard_limit`` and starts a
replacement, and turns a worker that dies into a ``crash`` row. Workers are
reused across rows: importing SymPy costs about half a second, paid once per
worker rather than once per row.

Linux uses the ``fork`` start method, so kinds registered at run time in the
parent exist in the workers and a replacement worker starts warm; other
platforms use ``spawn``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

from .rows import Task, unknown_row
from .worker import describe_error, worker_main

#: a finished row: its sequence number and its JSON-ready result
Outcome = tuple[int, dict[str, Any]]


def default_start_method() -> str:
    """``fork`` on Linux where available, ``spawn`` elsewhere."""
    if sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods():
        return "fork"
    return "spawn"


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Any
    seq: int | None = None
    task: Task | None = None
    started: float = 0.0


def crash_reason(exitcode: int | None) -> str:
    """``crash: worker exited with code -11 (SIGSEGV)``."""
    if exitcode is None:
        return "crash: worker stopped responding"
    reason = f"crash: worker exited with code {exitcode}"
    if exitcode < 0:
        try:
            reason += f" ({signal.Signals(-exitcode).name})"
        except ValueError:
            pass
    return reason


class WorkerPool:
    """``size`` worker processes; rows overrunning ``hard_limit`` seconds are killed.

    Use as a context manager; :meth:`submit` hands a task to an idle worker and
    :meth:`poll` returns the rows that finished, timed out or crashed.
    """

    def __init__(
        self,
        size: int,
        *,
        hard_limit: float | None,
        start_method: str | None = None,
        preload: tuple[str, ...] = (),
    ) -> None:
        if size < 1:
            raise ValueError("the pool needs at least one worker")
        self.size = size
        self.hard_limit = hard_limit
        self._ctx: Any = mp.get_context(start_method or default_start_method())
        self._fork = self._ctx.get_start_method() == "fork"
        self._preload = preload
        self._workers: list[_Worker] = []
        self.restarts = 0

    # -- lifecycle -----------------------------------------------------------
    def __enter__(self) -> WorkerPool:
        if self._fork:
            self._warm()
        try:
            for _ in range(self.size):
                self._workers.append(self._start())
        except BaseException:  # e.g. fork failed: do not leave the first workers behind
            self.close(graceful=False)
            raise
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close(graceful=exc_info[0] is None)

    def _warm(self) -> None:
        """Import the expected kinds once in the parent, so forked workers start warm."""
        from .. import domains

        for kind in self._preload:
            try:
                domains.get(kind)
            except Exception:  # the workers will report the problem row by row
                pass

    def _start(self) -> _Worker:
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        inherited: tuple[int, ...] = ()
        if self._fork:  # pipe ends a forked child would otherwise hold open
            inherited = tuple(w.conn.fileno() for w in self._workers if not w.conn.closed)
            inherited += (parent_conn.fileno(),)
        process = self._ctx.Process(
            target=worker_main,
            args=(child_conn, inherited, os.getpid()),
            name="equivsolve-worker",
            daemon=True,
        )
        process.start()
        child_conn.close()
        return _Worker(process, parent_conn)

    def _replace(self, worker: _Worker) -> None:
        self._stop(worker)
        index = self._workers.index(worker)
        self._workers[index] = self._start()
        self.restarts += 1

    @staticmethod
    def _stop(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def close(self, *, graceful: bool = True) -> None:
        """Stop every worker: idle ones are asked to exit, busy ones killed."""
        for worker in self._workers:
            if graceful and worker.seq is None:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 1.0
        for worker in self._workers:
            if graceful and worker.seq is None:
                worker.process.join(max(0.0, deadline - time.monotonic()))
            self._stop(worker)
        self._workers = []

    # -- work ----------------------------------------------------------------
    @property
    def free(self) -> int:
        return sum(1 for w in self._workers if w.seq is None)

    @property
    def busy(self) -> int:
        return len(self._workers) - self.free

    def submit(self, seq: int, task: Task) -> Outcome | None:
        """Give ``task`` to an idle worker; an outcome only if it cannot even be sent."""
        for _attempt in range(3):
            worker = self._idle()
            if not worker.process.is_alive():  # died while idle (killed from outside)
                self._replace(worker)
                worker = self._idle()
            try:
                worker.conn.send((seq, task))
            except OSError:  # the pipe broke under us: try a fresh worker
                self._replace(worker)
                continue
            except Exception as exc:  # the task itself cannot be pickled
                return seq, unknown_row(task.id, describe_error(exc))
            worker.seq, worker.task, worker.started = seq, task, time.monotonic()
            return None
        raise RuntimeError("cannot hand work to a worker process: new workers keep dying")

    def _idle(self) -> _Worker:
        return next(w for w in self._workers if w.seq is None)

    def poll(self, timeout: float | None = None) -> list[Outcome]:
        """Wait up to ``timeout`` seconds (and no later than the next hard limit).

        Returns the rows that finished, crashed their worker or overran the
        hard limit; crashed and killed workers are replaced before returning.
        """
        busy = [w for w in self._workers if w.seq is not None]
        if not busy:
            return []
        wait_s = timeout
        if self.hard_limit is not None:
            next_limit = min(w.started for w in busy) + self.hard_limit - time.monotonic()
            wait_s = max(0.0, next_limit if wait_s is None else min(wait_s, next_limit))
        handles = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(handles, timeout=wait_s))
        outcomes = []
        for worker in busy:
            if worker.conn in ready or worker.process.sentinel in ready:
                outcomes.append(self._collect(worker))
        if self.hard_limit is not None:
            now = time.monotonic()
            for worker in busy:
                if worker.seq is not None and now - worker.started >= self.hard_limit:
                    outcomes.append(self._finish_broken(worker, "timeout"))
        return outcomes

    def _collect(self, worker: _Worker) -> Outcome:
        try:
            if worker.conn.poll():
                seq, row = worker.conn.recv()
                if seq == worker.seq:
                    worker.seq = worker.task = None
                    return seq, row
        except Exception:  # died mid-message (EOFError, OSError), or garbage on the pipe
            pass
        worker.process.join(1.0)
        return self._finish_broken(worker, crash_reason(worker.process.exitcode))

    def _finish_broken(self, worker: _Worker, reason: str) -> Outcome:
        """The row of a worker that timed out or died; the worker is replaced."""
        seq, task = worker.seq, worker.task
        assert seq is not None and task is not None
        elapsed = time.monotonic() - worker.started
        worker.seq = worker.task = None
        self._replace(worker)
        return seq, unknown_row(task.id, reason, elapsed)
