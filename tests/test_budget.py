"""Deadlines (``equivsolve.budget``) and ``es.check`` timeouts, from any thread.

Loops that "never end" are bounded by a hard stop far beyond the deadline, so
a deadline that fails to fire makes the test fail instead of hanging it. After
a block, ``spin`` runs pure-Python bytecode: an asynchronous exception left
pending by the watchdog would surface there.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from typing import Any

import pytest

import equivsolve as es
from equivsolve.budget import Budget, deadline
from equivsolve.errors import BudgetExceeded
from equivsolve.result import CheckResult, Verdict

HARD_STOP = 20.0  # seconds: "forever", for a loop that a deadline must interrupt


def spin(seconds: float) -> int:
    """Busy pure-Python work for ``seconds`` (bytecode boundaries, no C sleeps)."""
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += 1
    return n


def loop_until_interrupted() -> float:
    """An 'infinite' loop; returns its duration if nothing interrupted it."""
    start = time.monotonic()
    x = 0
    while time.monotonic() - start < HARD_STOP:
        x = (x * 31 + 7) % 1000003
    return time.monotonic() - start


def interrupted_after(seconds: float) -> float | None:
    """Run an endless loop under ``deadline(seconds)``; elapsed time, or None if never interrupted."""
    start = time.perf_counter()
    try:
        with deadline(seconds):
            loop_until_interrupted()
    except BudgetExceeded:
        return time.perf_counter() - start
    return None


# ------------------------------------------------------------------ Budget


def test_budget_without_limit_never_expires():
    b = Budget.of(None)
    assert b.remaining() == float("inf")
    assert not b.expired()
    b.check()
    with deadline(None) as b2:
        assert b2.remaining() == float("inf")
        spin(0.05)


def test_budget_expires_and_check_raises():
    b = Budget.of(0.05)
    assert 0 < b.remaining() <= 0.05
    b.check()
    time.sleep(0.06)
    assert b.expired() and b.remaining() < 0
    with pytest.raises(BudgetExceeded):
        b.check()


def test_budget_exceeded_is_not_an_exception_subclass():
    # library code full of ``except Exception`` (SymPy) must not swallow it
    assert not issubclass(BudgetExceeded, Exception)


# ------------------------------------------------------------------ interrupting loops


@pytest.mark.parametrize("seconds", [0.1, 0.3])
def test_deadline_interrupts_an_endless_loop_in_the_main_thread(seconds):
    elapsed = interrupted_after(seconds)
    assert elapsed is not None, "the deadline never fired"
    assert seconds <= elapsed < 2 * seconds


def test_deadline_interrupts_a_loop_that_catches_every_exception():
    start = time.perf_counter()
    with pytest.raises(BudgetExceeded):
        with deadline(0.2):
            while time.perf_counter() - start < HARD_STOP:
                try:
                    raise ZeroDivisionError
                except Exception:
                    pass
    assert time.perf_counter() - start < 0.4


def test_zero_deadline_fires_at_once():
    assert (interrupted_after(0) or HARD_STOP) < 0.2


def test_deadlines_in_four_worker_threads_and_the_main_thread_at_once():
    # different deadlines: each thread must get its own interruption, on time
    worker_deadlines = [0.2, 0.3, 0.4, 0.5]
    main_deadline = 0.35
    barrier = threading.Barrier(len(worker_deadlines) + 1)
    results: dict[int, float | None] = {}

    def worker(k: int, seconds: float) -> None:
        barrier.wait()
        results[k] = interrupted_after(seconds)

    threads = [
        threading.Thread(target=worker, args=(k, s), daemon=True)
        for k, s in enumerate(worker_deadlines)
    ]
    for t in threads:
        t.start()
    barrier.wait()
    main_elapsed = interrupted_after(main_deadline)
    for t in threads:
        t.join(HARD_STOP + 5)
    assert not any(t.is_alive() for t in threads)
    assert main_elapsed is not None and main_deadline <= main_elapsed < 2 * main_deadline
    for k, seconds in enumerate(worker_deadlines):
        elapsed = results[k]
        assert elapsed is not None, f"worker {k} was never interrupted"
        assert seconds <= elapsed < 2 * seconds, (k, seconds, elapsed)


# ------------------------------------------------------------------ never after the block


def test_many_short_blocks_never_fire_after_they_exit():
    for i in range(10_000):
        with deadline(1.0):
            i += 1
    time.sleep(1.1)  # past every deadline armed above
    spin(0.2)  # a pending asynchronous exception would be raised here


def test_short_blocks_in_threads_never_fire_after_they_exit():
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(2_500):
                with deadline(1.0):
                    pass
            time.sleep(1.1)
            spin(0.2)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not any(t.is_alive() for t in threads)
    assert errors == []


def test_a_fired_deadline_raises_once():
    assert interrupted_after(0.1) is not None
    spin(0.3)  # the same deadline must not fire a second time


# ------------------------------------------------------------------ nesting and exceptions


def test_inner_deadline_fires_first_and_outer_stays_armed():
    start = time.perf_counter()
    with pytest.raises(BudgetExceeded):
        with deadline(0.6) as outer:
            with pytest.raises(BudgetExceeded):
                with deadline(0.1):
                    loop_until_interrupted()
            inner_elapsed = time.perf_counter() - start
            assert 0.1 <= inner_elapsed < 0.2
            assert outer.remaining() > 0.3
            loop_until_interrupted()  # now the outer one must stop this
    assert 0.6 <= time.perf_counter() - start < 1.2


def test_outer_deadline_interrupts_through_a_longer_inner_one():
    start = time.perf_counter()
    with pytest.raises(BudgetExceeded):
        with deadline(0.1):
            with deadline(0.4):
                loop_until_interrupted()
    assert 0.1 <= time.perf_counter() - start < 0.2
    spin(0.5)  # the inner (0.4 s) deadline was disarmed when its block was left


def test_exceptions_propagate_unchanged_and_disarm_the_deadline():
    error = ValueError("mine")
    with pytest.raises(ValueError) as info:
        with deadline(0.2):
            raise error
    assert info.value is error
    spin(0.4)  # past the deadline: nothing fires

    def gen():
        with deadline(0.2):
            yield 1
            yield 2

    assert list(gen()) == [1, 2]
    spin(0.3)


def test_nested_blocks_that_finish_leave_nothing_armed():
    with deadline(0.2):
        with deadline(0.1):
            pass
        with deadline(0.3):
            pass
    spin(0.4)


# ------------------------------------------------------------------ es.check timeouts


class SpinKind:
    """A kind whose check (or parse) loops in pure Python, ignoring its budget."""

    def __init__(self, kind: str, *, where: str = "check", swallow: bool = False) -> None:
        self.kind, self.where, self.swallow = kind, where, swallow

    def _loop(self) -> None:
        start = time.monotonic()
        while time.monotonic() - start < HARD_STOP:
            if self.swallow:
                try:
                    raise KeyError("noise")
                except Exception:
                    pass

    def parse(self, text: str, **options: Any) -> str:
        if self.where == "parse" and text == "slow":
            self._loop()
        return text

    def check(self, left: str, right: str, *, budget: Any, **options: Any) -> CheckResult:
        if self.where == "check":
            self._loop()
        verdict = Verdict.EQUIVALENT if left == right else Verdict.NOT_EQUIVALENT
        return CheckResult(verdict, certified=True, method="not interrupted")

    def signature(self, item: str, **options: Any) -> str:
        return item

    def render(self, item: str) -> str:
        return item


def check_in_thread(left: str, right: str, kind: str, timeout: float) -> es.CheckResult:
    box: list[Any] = []
    t = threading.Thread(
        target=lambda: box.append(es.check(left, right, kind=kind, timeout=timeout)), daemon=True
    )
    t.start()
    t.join(HARD_STOP + 5)
    assert not t.is_alive() and box, "check did not return"
    return box[0]


def assert_timed_out(r: es.CheckResult, timeout: float) -> None:
    assert r.verdict is Verdict.UNKNOWN, r
    assert r.reason == "timeout"
    assert r.certified is False
    assert timeout <= r.elapsed_s < 2 * timeout


@pytest.mark.parametrize("where, swallow", [("check", False), ("check", True), ("parse", False)])
def test_check_times_out_from_a_worker_thread(register_kind, where, swallow):
    register_kind(SpinKind("test-budget-spin", where=where, swallow=swallow))
    r = check_in_thread("slow", "slow", "test-budget-spin", timeout=0.25)
    assert_timed_out(r, 0.25)


def test_check_times_out_in_four_threads_at_once(register_kind):
    register_kind(SpinKind("test-budget-spin"))
    results: list[es.CheckResult] = []
    threads = [
        threading.Thread(
            target=lambda: results.append(es.check("a", "b", kind="test-budget-spin", timeout=0.3)),
            daemon=True,
        )
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    main = es.check("a", "b", kind="test-budget-spin", timeout=0.3)
    for t in threads:
        t.join(HARD_STOP + 5)
    assert len(results) == 4
    for r in [*results, main]:
        assert_timed_out(r, 0.3)


def test_a_thread_keeps_working_after_a_timeout(register_kind):
    register_kind(SpinKind("test-budget-spin"))
    register_kind(SpinKind("test-budget-fast", where="nowhere"))
    out: list[Any] = []

    def worker() -> None:
        try:
            out.append(es.check("a", "b", kind="test-budget-spin", timeout=0.2))
            out.append(es.check("a", "a", kind="test-budget-fast", timeout=0.2))
            spin(0.4)  # past both deadlines: nothing may surface here
            out.append("done")
        except BaseException as exc:  # noqa: BLE001
            out.append(exc)

    t = threading.Thread(target=worker, daemon=True)
    t.start()
    t.join(HARD_STOP + 5)
    assert len(out) == 3 and out[2] == "done", out
    assert_timed_out(out[0], 0.2)
    assert out[1].verdict is Verdict.EQUIVALENT and out[1].method == "not interrupted"


# ------------------------------------------------------------------ the exit race

NEAR_MISS = textwrap.dedent(
    """
    import json, threading, time
    from equivsolve.budget import deadline
    from equivsolve.errors import BudgetExceeded

    def spin(s):
        end = time.monotonic() + s
        while time.monotonic() < end:
            pass

    def near_misses(n):
        # blocks that end just as their deadline fires
        for _ in range(n):
            try:
                with deadline(0.001):
                    spin(0.001)
            except BudgetExceeded:
                pass

    def probe():
        start = time.monotonic()
        try:
            with deadline(0.05):
                spin(2.0)
        except BudgetExceeded:
            return time.monotonic() - start
        return None

    threads = [threading.Thread(target=near_misses, args=(300,), daemon=True)
               for _ in range(THREADS)]
    for t in threads:
        t.start()
    if not threads:
        near_misses(300)
    stop = time.monotonic() + 5  # 300 blocks take 0.3 s
    for t in threads:
        t.join(max(0.0, stop - time.monotonic()))
    hung = sum(t.is_alive() for t in threads)
    print(json.dumps({"hung_threads": hung, "probe": None if hung else probe()}))
    """
)


# Regression: the watchdog's exception used to be able to land inside disarm
# while it held the watchdog's lock, so every later deadline was dead.
@pytest.mark.parametrize("threads", [0, 4])
def test_blocks_ending_as_their_deadline_fires_leave_deadlines_working(threads):
    code = NEAR_MISS.replace("THREADS", str(threads))
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=30
        )
    except subprocess.TimeoutExpired:
        pytest.fail("deadlock: the process never finished")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["hung_threads"] == 0, "threads blocked forever inside deadline()"
    assert report["probe"] is not None, "a later deadline(0.05) never fired"
    assert report["probe"] < 0.1
