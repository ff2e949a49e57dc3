"""Deadlines that work from any thread, without signal.alarm."""

import threading
import time

import pytest

import equivsolve as es
from equivsolve import domains
from equivsolve.budget import deadline
from equivsolve.errors import BudgetExceeded
from equivsolve.result import CheckResult, Verdict


class _Spin:
    """A kind whose check loops in pure Python forever (never checks its budget)."""

    kind = "spin"

    def parse(self, text, **options):
        return text

    def check(self, left, right, *, budget, **options):
        while True:
            pass
        return CheckResult(Verdict.EQUIVALENT)  # pragma: no cover

    def signature(self, item, **options):
        return None

    def render(self, item):
        return item


domains.register(_Spin())


def test_deadline_interrupts_a_python_loop_in_the_main_thread():
    start = time.monotonic()
    with pytest.raises(BudgetExceeded):
        with deadline(0.2):
            while True:
                pass
    assert time.monotonic() - start < 2.0


def test_check_times_out_from_worker_threads():
    results = []

    def worker():
        results.append(es.check("a", "b", kind="spin", timeout=0.3))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert time.monotonic() - start < 5.0
    assert len(results) == 4
    assert all(r.verdict is Verdict.UNKNOWN and r.reason == "timeout" for r in results)


def test_disarmed_deadlines_never_fire_later():
    for _ in range(2000):
        with deadline(0.05):
            pass
    time.sleep(0.2)  # past every deadline: nothing may be raised here


def test_exceptions_inside_a_deadline_propagate_unchanged():
    with pytest.raises(ZeroDivisionError):
        with deadline(5.0):
            raise ZeroDivisionError


def test_math_check_respects_the_timeout():
    # a simplification that takes far longer than the budget
    big = r"\frac{(x+1)^{60}(x-2)^{45}}{(x^2+3)^{20}}"
    start = time.monotonic()
    r = es.check(big, big + "+x-x+(x+1)^{60}-(x+1)^{60}", kind="math", timeout=0.5)
    assert time.monotonic() - start < 5.0
    assert r.verdict in (Verdict.EQUIVALENT, Verdict.UNKNOWN)
