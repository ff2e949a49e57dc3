"""The Ray engine: the same rows as Ray tasks, on one machine or a cluster.

Each row is one task running :func:`~equivsolve.runner.worker.run_task`, so the
result rows are exactly those of the local engine. Ray reuses its worker
processes across tasks. The hard time limit is enforced from the driver: a
task still running ``hard_limit`` seconds after submission is cancelled with
``force=True``, which kills its worker process (Ray starts another); a task
whose worker dies is reported as a crash and never retried (``max_retries=0``).
At most ``size`` tasks are in flight (and no more than the cluster has CPUs),
so every submitted task starts at once and the limit measures running time.

Ray connects to the cluster named by ``RAY_ADDRESS`` if set, else starts a
local one. Kinds registered at run time in the driver do not exist in Ray
workers; only kinds importable by name do.
"""

from __future__ import annotations

import time
from typing import Any

from ..errors import EquivsolveError
from .rows import Task, unknown_row
from .worker import run_task

Outcome = tuple[int, dict[str, Any]]


class EngineUnavailableError(EquivsolveError):
    """An engine asked for by name whose optional dependency is not installed."""


def import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise EngineUnavailableError(
            "the ray engine needs Ray, which is not installed; "
            "install the ray extra: pip install 'equivsolve[ray]'"
        ) from exc
    return ray


class RayEngine:
    """Run tasks on Ray with a hard per-task limit; same surface as ``WorkerPool``."""

    def __init__(self, size: int, *, hard_limit: float | None, ray: Any = None) -> None:
        if size < 1:
            raise ValueError("the ray engine needs at least one task in flight")
        self._ray = ray if ray is not None else import_ray()
        self.size = size
        self.hard_limit = hard_limit
        self._started_ray = False
        self._inflight: dict[Any, tuple[int, Task, float]] = {}
        self._remote: Any = None
        self.restarts = 0

    def __enter__(self) -> RayEngine:
        ray = self._ray
        if not ray.is_initialized():
            ray.init()
            self._started_ray = True
        cpus = ray.cluster_resources().get("CPU")
        if cpus:
            self.size = max(1, min(self.size, int(cpus)))
        self._remote = ray.remote(num_cpus=1, max_retries=0)(run_task)
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def close(self, *, graceful: bool = True) -> None:
        for ref in list(self._inflight):
            self._cancel(ref)
        self._inflight.clear()
        if self._started_ray:
            self._ray.shutdown()
            self._started_ray = False

    @property
    def free(self) -> int:
        return self.size - len(self._inflight)

    @property
    def busy(self) -> int:
        return len(self._inflight)

    def submit(self, seq: int, task: Task) -> Outcome | None:
        ref = self._remote.remote(task)
        self._inflight[ref] = (seq, task, time.monotonic())
        return None

    def poll(self, timeout: float | None = None) -> list[Outcome]:
        if not self._inflight:
            return []
        wait_s = timeout
        if self.hard_limit is not None:
            oldest = min(started for _, _, started in self._inflight.values())
            next_limit = oldest + self.hard_limit - time.monotonic()
            wait_s = max(0.0, next_limit if wait_s is None else min(wait_s, next_limit))
        refs = list(self._inflight)
        ready, rest = self._ray.wait(refs, num_returns=1, timeout=wait_s)
        if ready and rest:  # collect everything else that is already done
            more, _ = self._ray.wait(rest, num_returns=len(rest), timeout=0)
            ready = list(ready) + list(more)
        outcomes = [self._collect(ref) for ref in ready]
        if self.hard_limit is not None:
            now = time.monotonic()
            for ref, (seq, task, started) in list(self._inflight.items()):
                if now - started >= self.hard_limit:
                    self._cancel(ref)
                    del self._inflight[ref]
                    self.restarts += 1
                    outcomes.append((seq, unknown_row(task.id, "timeout", now - started)))
        return outcomes

    def _collect(self, ref: Any) -> Outcome:
        seq, task, started = self._inflight.pop(ref)
        exceptions = self._ray.exceptions
        try:
            return seq, self._ray.get(ref)
        except exceptions.WorkerCrashedError:
            self.restarts += 1
            reason = "crash: ray worker died"
        except exceptions.TaskCancelledError:
            reason = "timeout"
        except exceptions.RayTaskError as exc:
            cause = getattr(exc, "cause", None) or exc
            reason = f"error: {type(cause).__name__}: {cause}"
        except exceptions.RayError as exc:
            reason = f"crash: {type(exc).__name__}: {exc}"
        return seq, unknown_row(task.id, reason, time.monotonic() - started)

    def _cancel(self, ref: Any) -> None:
        try:
            self._ray.cancel(ref, force=True)
        except Exception:  # already finished or already gone: nothing to stop
            pass
