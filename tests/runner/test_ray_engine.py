"""The Ray engine's bookkeeping, against a stand-in for the parts of Ray it uses.

Ray itself is an optional extra and is not installed for the tests; the stand-in
follows Ray's documented behaviour: ``ray.wait`` returns (ready, not ready),
``ray.get`` raises ``WorkerCrashedError`` when the worker died, and
``ray.cancel(force=True)`` kills a running task.
"""

from __future__ import annotations

import io
import json
import sys
import time
import types
from typing import Any

import pytest

from equivsolve.runner import run_batch
from equivsolve.runner.ray_engine import RayEngine
from equivsolve.runner.worker import run_task
from tests.fakekind import KIND


class _Exceptions:
    class RayError(Exception):
        pass

    class RayTaskError(RayError):
        pass

    class WorkerCrashedError(RayError):
        pass

    class TaskCancelledError(RayError):
        pass


class FakeRef:
    def __init__(self, value: Any = None, error: Exception | None = None, done: bool = True):
        self.value, self.error, self.done = value, error, done


class FakeRay(types.ModuleType):
    exceptions = _Exceptions

    def __init__(self, cpus: int = 4) -> None:
        super().__init__("ray")
        self.cpus = cpus
        self.initialized = False
        self.shutdowns = 0
        self.cancelled: list[tuple[FakeRef, bool]] = []
        self.remote_options: dict[str, Any] = {}
        self.max_in_flight = 0
        self.pending: set[FakeRef] = set()

    def is_initialized(self) -> bool:
        return self.initialized

    def init(self) -> None:
        self.initialized = True

    def shutdown(self) -> None:
        self.initialized = False
        self.shutdowns += 1

    def cluster_resources(self) -> dict[str, float]:
        return {"CPU": float(self.cpus)}

    def remote(self, **options: Any) -> Any:
        self.remote_options = options

        def decorate(fn: Any) -> Any:
            return types.SimpleNamespace(remote=lambda task: self._submit(fn, task))

        return decorate

    def _submit(self, fn: Any, task: Any) -> FakeRef:
        if task.left == "HANG":
            ref = FakeRef(done=False)
        elif task.left == "SEGV":
            ref = FakeRef(error=self.exceptions.WorkerCrashedError("worker died"))
        else:
            ref = FakeRef(fn(task))
        self.pending.add(ref)
        self.max_in_flight = max(self.max_in_flight, len(self.pending))
        return ref

    def wait(self, refs: list[FakeRef], *, num_returns: int = 1, timeout: float | None = None):
        ready = [ref for ref in refs if ref.done][:num_returns]
        if not ready:
            assert timeout is not None, "would block forever"
            time.sleep(timeout)
        return ready, [ref for ref in refs if ref not in ready]

    def get(self, ref: FakeRef) -> Any:
        self.pending.discard(ref)
        if ref.error is not None:
            raise ref.error
        return ref.value

    def cancel(self, ref: FakeRef, *, force: bool = False) -> None:
        self.pending.discard(ref)
        self.cancelled.append((ref, force))


@pytest.fixture
def fake_ray(monkeypatch):
    ray = FakeRay()
    monkeypatch.setitem(sys.modules, "ray", ray)
    return ray


def pair(row_id: Any, left: str, right: str) -> str:
    return json.dumps({"id": row_id, "kind": KIND, "left": left, "right": right})


def test_ray_rows_match_the_contract(fake_ray):
    rows = [
        pair(1, "a", "a"),
        pair(2, "HANG", "x"),
        pair(3, "SEGV", "x"),
        pair(4, "a", "b"),
        "{oops",
        json.dumps({"id": 6, "kind": KIND, "items": ["a", "a", "b"]}),
    ]
    out = io.StringIO()
    summary = run_batch(rows, out, engine="ray", workers=2, timeout=0.2, grace=0.1, summary=False)
    got = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row["id"] for row in got] == [1, 2, 3, 4, None, 6]
    assert [row.get("verdict") for row in got] == [
        "equivalent",
        "unknown",
        "unknown",
        "not_equivalent",
        "invalid",
        None,
    ]
    assert got[1]["reason"] == "timeout" and got[1]["elapsed_s"] >= 0.3
    assert got[2]["reason"] == "crash: ray worker died"
    assert got[5]["classes"] == [[0, 1], [2]]
    assert summary.timeouts == 1 and summary.crashes == 1
    # the hung task was cancelled with force (which kills its worker), never retried
    assert [force for _, force in fake_ray.cancelled] == [True]
    assert fake_ray.remote_options["max_retries"] == 0
    assert fake_ray.max_in_flight <= 2
    assert fake_ray.shutdowns == 1 and not fake_ray.initialized


def test_ray_results_equal_local_results(fake_ray):
    rows = [pair(i, "a", "a" if i % 3 else "c") for i in range(30)]
    outs = []
    for engine in ("ray", "local"):
        out = io.StringIO()
        run_batch(rows, out, engine=engine, workers=2, summary=False)
        outs.append(
            [
                {k: v for k, v in json.loads(line).items() if k != "elapsed_s"}
                for line in out.getvalue().splitlines()
            ]
        )
    assert outs[0] == outs[1]


def test_tasks_in_flight_are_capped_by_cluster_cpus(fake_ray):
    fake_ray.cpus = 2
    with RayEngine(16, hard_limit=None) as engine:
        assert engine.size == 2 and engine.free == 2


def test_an_existing_ray_session_is_left_running(fake_ray):
    fake_ray.initialized = True
    with RayEngine(1, hard_limit=None):
        pass
    assert fake_ray.initialized and fake_ray.shutdowns == 0


def test_run_task_is_what_ray_runs(fake_ray):
    from equivsolve.runner.rows import Task

    row = run_task(Task(id="t", kind=KIND, op="check", left="x", right="x"))
    assert row["id"] == "t" and row["verdict"] == "equivalent"
