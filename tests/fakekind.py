"""A fake kind for runner and CLI tests: behaviour chosen by the item text.

Two items are equivalent when they are equal after ``strip``. Special items
make a check misbehave in the ways the batch runner must survive:

``HANG``      sleep inside a C call that the async timeout cannot interrupt
``SEGV``      kill the process with SIGSEGV
``EXIT``      ``os._exit(3)``
``RAISE``     raise ``RuntimeError("boom")``
``SLOW``      loop in Python until the cooperative budget runs out
``PID``       equivalent, with the worker's process id as the certificate
``...!...``   a parse error at the '!' (``parse``/``check`` give ``invalid``)
"""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from equivsolve import domains
from equivsolve.errors import ParseError
from equivsolve.result import CheckResult, Verdict

KIND = "fake"


class FakeDomain:
    kind = KIND

    def parse(self, text: str, **options: Any) -> str:
        item = text.strip()
        if "!" in item:
            raise ParseError("unexpected '!'", text=text, line=1, column=text.index("!") + 1)
        return item

    def check(self, left: str, right: str, *, budget: Any, **options: Any) -> CheckResult:
        for item in (left, right):
            self._misbehave(item, budget)
        if "PID" in (left, right):
            return CheckResult(
                Verdict.EQUIVALENT, certified=True, method="fake", certificate={"pid": os.getpid()}
            )
        if options.get("domain") is not None:
            return CheckResult(
                Verdict.EQUIVALENT,
                certified=True,
                method="fake-domain",
                certificate={"domain": options["domain"]},
            )
        if left == right:
            return CheckResult(Verdict.EQUIVALENT, certified=True, method="fake")
        return CheckResult(
            Verdict.NOT_EQUIVALENT,
            certified=True,
            method="fake",
            certificate={"left": left, "right": right},
        )

    @staticmethod
    def _misbehave(item: str, budget: Any) -> None:
        if item == "HANG":
            time.sleep(10**6)  # a C call: the watchdog's async exception waits for it
        elif item == "SEGV":
            os.kill(os.getpid(), signal.SIGSEGV)
        elif item == "EXIT":
            os._exit(3)
        elif item == "RAISE":
            raise RuntimeError("boom")
        elif item == "SLOW":
            while True:
                budget.check()

    def signature(self, item: str, **options: Any) -> int:
        return len(item)

    def render(self, item: str) -> str:
        return f"fake<{item}>"


FAKE = domains.register(FakeDomain())
