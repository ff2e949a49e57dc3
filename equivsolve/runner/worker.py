"""What runs inside a worker: one task to one JSON-ready result row.

:func:`run_task` is shared by every engine. It never raises for a row's sake:
an unknown kind is ``invalid``, an exception inside a check is ``unknown`` with
reason ``error: ...``. What it cannot survive (a hang inside a C call, a
segfault, ``os._exit``) is the parent's business: it kills or replaces the
worker process and writes the row itself.
"""

from __future__ import annotations

import ctypes
import faulthandler
import os
import signal
import sys
import time
from dataclasses import replace
from typing import Any

from ..errors import BudgetExceeded
from .rows import Task, invalid_row, unknown_row

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def run_task(task: Task) -> dict[str, Any]:
    """Run one pair check or grouping; the ``to_dict()`` of its result, with the row's id."""
    from .. import api, domains

    start = time.perf_counter()
    try:
        try:
            domains.get(task.kind)
        except ValueError as exc:  # the registry's "unknown kind" message
            return invalid_row(task.id, str(exc))
        if task.op == "group":
            grouping = api.group(
                list(task.items), kind=task.kind, timeout=task.timeout, **task.options
            )
            return replace(grouping, id=task.id).to_dict()
        result = api.check(
            task.left, task.right, kind=task.kind, timeout=task.timeout, **task.options
        )
        return result.with_(id=task.id).to_dict()
    except BudgetExceeded:
        return unknown_row(task.id, "timeout", time.perf_counter() - start)
    except (Exception, SystemExit) as exc:  # a row must never take its worker down
        return unknown_row(task.id, describe_error(exc), time.perf_counter() - start)


def describe_error(exc: BaseException) -> str:
    """``error: TypeName: message`` (the message left out when empty)."""
    message = str(exc)
    return f"error: {type(exc).__name__}" + (f": {message}" if message else "")


def worker_main(conn: Any, inherited_fds: tuple[int, ...] = (), parent_pid: int = 0) -> None:
    """Serve tasks from ``conn`` until it closes or sends ``None``.

    ``inherited_fds`` are pipe ends that a forked child holds only by accident
    (the parent's ends of its own and the other workers' pipes); closing them
    lets every worker see end-of-file as soon as the parent goes away. A worker
    stuck in a C call never reads that end-of-file, so on Linux it also asks
    the kernel to kill it when the parent dies (``PR_SET_PDEATHSIG``).
    """
    _die_with_parent(parent_pid)
    for fd in inherited_fds:
        try:
            os.close(fd)
        except OSError:
            pass
    # Ctrl-C reaches the whole process group; the parent decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked child inherits the parent's handlers (the CLI's SIGTERM handler).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _quiet_faulthandler()
    _protect_stdout()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        seq, task = message
        row = run_task(task)
        try:
            conn.send((seq, row))
        except OSError:
            return


def _die_with_parent(parent_pid: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL))
    except (OSError, AttributeError):  # no prctl: the end-of-file still works
        return
    if parent_pid and os.getppid() != parent_pid:  # the parent died before prctl
        os._exit(1)


def _quiet_faulthandler() -> None:
    """A crashing row is reported in its output row; a forked copy of a host's
    faulthandler (pytest enables one) would also dump a traceback on stderr.
    Keep the dump only when the user asked for it."""
    if not (os.environ.get("PYTHONFAULTHANDLER") or "faulthandler" in sys._xoptions):
        faulthandler.disable()


def _protect_stdout() -> None:
    """Send stray prints of domain code to stderr: stdout may carry the JSONL output."""
    try:
        sys.stdout.flush()
        os.dup2(2, 1)
    except (OSError, ValueError, AttributeError):
        pass
    sys.stdout = sys.stderr
