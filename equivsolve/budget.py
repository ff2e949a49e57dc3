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
import itertools
import os
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

    def check(self) -> None:
        if self.expired():
            raise BudgetExceeded("timeout")


class _Watchdog:
    """One daemon thread serving every armed deadline in the process."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int]] = []
        self._armed: dict[int, list] = {}  # token -> [thread_id, fired]
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, when: float, thread_id: int) -> int:
        with self._cond:
            token = next(self._tokens)
            self._armed[token] = [thread_id, False]
            heapq.heappush(self._heap, (when, token))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="equivsolve-watchdog", daemon=True
                )
                self._thread.start()
            self._cond.notify()
            return token

    def disarm(self, token: int) -> bool:
        """Disarm; returns True if the deadline had fired."""
        with self._cond:
            thread_id, fired = self._armed.pop(token)
            if fired:
                # The exception may still be pending: clear it so it cannot
                # surface after the guarded block has been left.
                _set_async_exc(thread_id, None)
            return fired

    def _run(self) -> None:
        with self._cond:
            while True:
                while self._heap and self._heap[0][1] not in self._armed:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cond.wait()
                    continue
                when, token = self._heap[0]
                delay = when - time.monotonic()
                if delay > 0:
                    self._cond.wait(delay)
                    continue
                heapq.heappop(self._heap)
                entry = self._armed[token]
                entry[1] = True
                _set_async_exc(entry[0], id(BudgetExceeded))


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
    token = _watchdog.arm(budget.deadline, threading.get_ident())  # type: ignore[arg-type]
    try:
        yield budget
    finally:
        _watchdog.disarm(token)
