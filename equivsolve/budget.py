"""Time budgets that work from any thread.

``signal.alarm`` only works in the main thread and cannot interrupt a call that
never returns to Python; RL trainers call checkers from worker threads. A
:class:`Budget` is a deadline that the decision stages consult cooperatively
(``budget.check()`` between steps), and :func:`deadline` additionally arms one
shared watchdog thread that raises :class:`~equivsolve.errors.BudgetExceeded`
asynchronously in the calling thread when the deadline passes
(``PyThreadState_SetAsyncExc``). That interrupts pure-Python loops such as a
slow SymPy simplification at the next bytecode boundary. Long calls inside C
extensions (a huge integer power) cannot be interrupted this way; the math
domain refuses such computations up front by estimating their size, and the
batch runner enforces a hard limit by killing the worker process.
"""

from __future__ import annotations

import ctypes
import heapq
import os
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .errors import BudgetExceeded

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
# c_void_p so that None passes NULL (clears a pending exception); the class
# object is a module global that outlives every call, so its id is safe.
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.c_void_p)


@dataclass(slots=True)
class Budget:
    """A deadline on the monotonic clock; ``None`` means no limit."""

    deadline: float | None = None

    @classmethod
    def of(cls, seconds: float | None) -> Budget:
        return cls(None if seconds is None else time.monotonic() + seconds)

    def remaining(self) -> float:
        if self.deadline is None:
            return float("inf")
        return self.deadline - time.monotonic()

    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def solver_ms(self, unlimited: int = 30_000) -> int:
        """What is left as a solver time limit in milliseconds (at least 1;
        ``unlimited`` when there is no deadline)."""
        r = self.remaining()
        return unlimited if r == float("inf") else max(1, int(r * 1000))

    def check(self) -> None:
        if self.expired():
            raise BudgetExceeded("timeout")


class _Entry:
    """One armed deadline. ``active`` is cleared by the guarded thread with a
    single attribute store (no lock, no call), so an asynchronous exception
    arriving at that moment cannot leave anything half-done."""

    __slots__ = ("when", "thread_id", "active", "fired")

    def __init__(self, when: float, thread_id: int) -> None:
        self.when = when
        self.thread_id = thread_id
        self.active = True
        self.fired = False

    def __lt__(self, other: _Entry) -> bool:
        return self.when < other.when


class _Watchdog:
    """One daemon thread serving every armed deadline in the process.

    The guarded threads never take a lock the watchdog holds: they hand new
    deadlines over through a ``SimpleQueue`` (its ``put`` is one C call, which
    an asynchronous exception cannot split) and cancel by clearing a flag. The
    watchdog fires an entry only while it is marked as firing it, and a
    cancelling thread waits for that to finish before clearing any exception
    still pending, so no exception can escape the guarded block.
    """

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[_Entry] = queue.SimpleQueue()
        self._heap: list[_Entry] = []
        self._firing: _Entry | None = None
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    def arm(self, when: float, thread_id: int) -> _Entry:
        entry = _Entry(when, thread_id)
        if self._thread is None:  # first deadline in this process
            with self._start:
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._run, name="equivsolve-watchdog", daemon=True
                    )
                    self._thread.start()
        self._queue.put(entry)
        return entry

    def disarm(self, entry: _Entry) -> bool:
        """Disarm (the caller has already cleared ``entry.active``); returns True
        if the deadline had fired."""
        entry.active = False
        while self._firing is entry:  # the watchdog is mid-fire: it ends at once
            time.sleep(0)
        if entry.fired:
            _set_async_exc(entry.thread_id, None)  # clear it if still pending
        return entry.fired

    def _run(self) -> None:
        heap = self._heap
        while True:
            while heap and not heap[0].active:
                heapq.heappop(heap)
            timeout = None if not heap else heap[0].when - time.monotonic()
            try:
                if timeout is None:
                    item = self._queue.get()
                elif timeout > 0:
                    item = self._queue.get(timeout=timeout)
                else:
                    item = self._queue.get_nowait()
            except queue.Empty:
                item = None
            if item is not None:
                heapq.heappush(heap, item)
                continue
            entry = heapq.heappop(heap)
            self._firing = entry  # set before reading ``active`` (see disarm)
            if entry.active:
                entry.fired = True
                _set_async_exc(entry.thread_id, id(BudgetExceeded))
            self._firing = None


_watchdog = _Watchdog()


def _fresh_watchdog_after_fork() -> None:
    # The watchdog thread does not survive fork(), and a lock held at that
    # moment would stay held forever in the child: start over.
    global _watchdog
    _watchdog = _Watchdog()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fresh_watchdog_after_fork)


@contextmanager
def deadline(seconds: float | None) -> Iterator[Budget]:
    """Run a block under a deadline, from any thread.

    Examples
    --------
    >>> with deadline(5.0) as budget:
    ...     budget.remaining() > 0
    True
    """
    budget = Budget.of(seconds)
    if seconds is None:
        yield budget
        return
    entry = _watchdog.arm(budget.deadline, threading.get_ident())  # type: ignore[arg-type]
    try:
        yield budget
    finally:
        entry.active = False  # first, as one store: see _Entry
        _watchdog.disarm(entry)
