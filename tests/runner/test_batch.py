"""The batch runner: one row out per row in, in order, whatever happens to a row."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from equivsolve.runner import BatchSummary, EngineUnavailableError, ProgressBar, run_batch
from equivsolve.runner import rows as rows_module
from equivsolve.runner.batch import dumps_row
from equivsolve.runner.pool import crash_reason
from tests.fakekind import KIND

FAST = {"timeout": 0.5, "grace": 0.5}  # a hung row costs about one second


def pair(row_id: Any, left: Any, right: Any, **extra: Any) -> dict[str, Any]:
    return {"id": row_id, "kind": KIND, "left": left, "right": right, **extra}


def run(rows: list[Any], **options: Any) -> tuple[list[dict[str, Any]], BatchSummary, str]:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    out, err = io.StringIO(), io.StringIO()
    options.setdefault("stderr", err)
    summary = run_batch(lines, out, **options)
    text = out.getvalue()
    assert text.endswith("\n") or not text
    return [json.loads(line) for line in text.splitlines()], summary, err.getvalue()


def verdicts(rows: list[dict[str, Any]]) -> list[str | None]:
    return [row.get("verdict") for row in rows]


def without_timing(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k != "elapsed_s"} for row in rows]


# -- ordinary rows ----------------------------------------------------------------------


def test_one_row_out_per_row_in_with_ids_in_input_order():
    rows = [pair(f"r{i}", "a", "a" if i % 3 else "b") for i in range(20)]
    out, summary, _ = run(rows, workers=2)
    assert [row["id"] for row in out] == [f"r{i}" for i in range(20)]
    assert verdicts(out) == ["not_equivalent" if i % 3 == 0 else "equivalent" for i in range(20)]
    assert out[1] == {**out[1], "certified": True, "method": "fake", "reason": None}
    assert set(out[0]) == {
        "id",
        "verdict",
        "certified",
        "method",
        "reason",
        "certificate",
        "elapsed_s",
    }
    assert summary.rows == 20
    assert summary.verdicts["equivalent"] == 13 and summary.verdicts["not_equivalent"] == 7


def test_default_kind_applies_to_rows_without_kind():
    out, _, _ = run([{"id": 1, "left": "x", "right": " x "}], kind=KIND)
    assert out[0]["verdict"] == "equivalent"


def test_row_kind_wins_over_default_kind():
    out, _, _ = run(
        [pair(1, "x", "x"), {"id": 2, "kind": "nope", "left": "x", "right": "x"}], kind="nope"
    )
    assert verdicts(out) == ["equivalent", "invalid"]
    assert "unknown kind 'nope'" in out[1]["reason"]


def test_numbers_are_accepted_as_item_text():
    out, _, _ = run([pair(1, 12, "12"), pair(2, 0.5, "0.5")])
    assert verdicts(out) == ["equivalent", "equivalent"]


def test_parse_failure_is_invalid_with_position():
    out, _, _ = run([pair(7, "a", "!b")])
    assert out[0]["id"] == 7 and out[0]["verdict"] == "invalid"
    assert out[0]["reason"].startswith("parse error (right): line 1, column 1")


def test_extra_fields_are_ignored_and_not_echoed():
    out, _, _ = run([pair(1, "a", "a", expected="equivalent", tags=["x"], domain="algebra")])
    assert out[0]["verdict"] == "equivalent" and out[0]["method"] == "fake"
    assert "expected" not in out[0] and "tags" not in out[0]


def test_domain_field_is_passed_for_domain_kinds(monkeypatch):
    monkeypatch.setattr(rows_module, "DOMAIN_KINDS", frozenset({KIND}))
    out, _, _ = run([pair(1, "a", "b", domain="(define (domain d))"), pair(2, "a", "b")])
    assert out[0]["method"] == "fake-domain"
    assert out[0]["certificate"] == {"domain": "(define (domain d))"}
    assert out[1]["verdict"] == "not_equivalent"
    bad, _, _ = run([pair(3, "a", "b", domain=5)])
    assert bad[0]["verdict"] == "invalid" and '"domain"' in bad[0]["reason"]


# -- malformed input --------------------------------------------------------------------


def test_malformed_rows_become_invalid_rows_and_blank_lines_are_skipped():
    rows = [
        '{"id": 1, "kind": "fake", "left": "a"',  # broken JSON
        "",
        "   ",
        "[1, 2]",
        {"id": 3, "left": "a", "right": "a"},  # no kind, no default
        {"id": 4, "kind": KIND, "left": "a"},
        {"id": 5, "kind": KIND, "left": ["a"], "right": "a"},
        {"id": 6, "kind": 3, "left": "a", "right": "a"},
        {"id": 7, "kind": KIND, "items": "a b"},
        {"id": 8, "kind": KIND, "items": ["a", None]},
        {"id": 9, "kind": KIND, "items": ["a"], "left": "a", "right": "a"},
        pair(10, "a", "a"),
    ]
    out, summary, _ = run(rows)
    assert len(out) == 10
    assert [row["id"] for row in out] == [None, None, 3, 4, 5, 6, 7, 8, 9, 10]
    assert verdicts(out) == ["invalid"] * 9 + ["equivalent"]
    reasons = [row["reason"] for row in out[:9]]
    assert reasons[0].startswith("line 1: invalid JSON")
    assert reasons[1] == "line 4: expected a JSON object, got an array"
    assert 'missing "kind"' in reasons[2]
    assert reasons[3] == 'line 6: missing "right"'
    assert '"left" must be a string' in reasons[4]
    assert '"kind" must be a string' in reasons[5]
    assert '"items" must be an array' in reasons[6]
    assert '"items" must hold strings; item 1 is null' in reasons[7]
    assert "not both" in reasons[8]
    assert summary.verdicts["invalid"] == 9


def test_invalid_utf8_line_is_an_invalid_row():
    out = io.StringIO()
    run_batch(
        [
            b'{"id": 1, "kind": "fake", "left": "\xff", "right": "a"}\n',
            json.dumps(pair(2, "a", "a")).encode(),
        ],
        out,
        summary=False,
    )
    got = [json.loads(line) for line in out.getvalue().splitlines()]
    assert verdicts(got) == ["invalid", "equivalent"]
    assert "UTF-8" in got[0]["reason"]


# -- rows that misbehave -----------------------------------------------------------------


def test_hanging_row_is_killed_and_the_batch_goes_on():
    rows = [
        pair(1, "PID", "x"),
        pair(2, "HANG", "x"),
        pair(3, "b", "b"),
        pair(4, "PID", "x"),
        pair(5, "a", "b"),
    ]
    start = time.monotonic()
    out, summary, _ = run(rows, **FAST)
    elapsed = time.monotonic() - start
    assert [row["id"] for row in out] == [1, 2, 3, 4, 5]
    assert verdicts(out) == ["equivalent", "unknown", "equivalent", "equivalent", "not_equivalent"]
    assert out[1]["reason"] == "timeout"
    assert 0.9 <= out[1]["elapsed_s"] < 3.0  # the hard limit: timeout + grace
    assert elapsed < 6.0
    # the hung worker was killed and replaced by a new process
    assert out[0]["certificate"]["pid"] != out[3]["certificate"]["pid"]
    assert summary.timeouts == 1 and summary.restarts == 1


def test_cooperative_timeout_answers_before_the_hard_limit():
    out, summary, _ = run([pair(1, "SLOW", "x"), pair(2, "x", "x")], timeout=0.3, grace=5.0)
    assert out[0]["verdict"] == "unknown" and out[0]["reason"] == "timeout"
    assert out[0]["elapsed_s"] < 2.0
    assert summary.timeouts == 1 and summary.restarts == 0


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ("SEGV", "crash: worker exited with code -11 (SIGSEGV)"),
        ("EXIT", "crash: worker exited with code 3"),
    ],
)
def test_crashing_row_is_reported_and_the_worker_restarted(item, reason):
    rows = [pair(1, "PID", "x"), pair(2, item, "x"), pair(3, "PID", "x"), pair(4, "c", "c")]
    out, summary, err = run(rows, **FAST)
    assert [row["id"] for row in out] == [1, 2, 3, 4]
    assert out[1]["verdict"] == "unknown" and out[1]["reason"] == reason
    assert verdicts(out)[2:] == ["equivalent", "equivalent"]
    assert out[0]["certificate"]["pid"] != out[2]["certificate"]["pid"]
    assert summary.crashes == 1
    assert "crashes 1" in err


def test_exception_in_a_row_is_unknown_and_the_worker_is_kept():
    out, summary, _ = run([pair(1, "PID", "x"), pair(2, "RAISE", "x"), pair(3, "PID", "x")])
    assert out[1]["verdict"] == "unknown"
    assert out[1]["reason"] == "error: RuntimeError: boom"
    assert out[0]["certificate"]["pid"] == out[2]["certificate"]["pid"]  # reused, not restarted
    assert summary.errors == 1


def test_several_misbehaving_rows_in_parallel():
    rows = [
        pair(1, "HANG", "x"),
        pair(2, "SEGV", "x"),
        pair(3, "HANG", "x"),
        pair(4, "a", "a"),
        pair(5, "EXIT", "x"),
        pair(6, "a", "b"),
    ]
    out, summary, _ = run(rows, workers=3, **FAST)
    assert [row["id"] for row in out] == [1, 2, 3, 4, 5, 6]
    assert [row["reason"] for row in out] == [
        "timeout",
        "crash: worker exited with code -11 (SIGSEGV)",
        "timeout",
        None,
        "crash: worker exited with code 3",
        None,
    ]
    assert summary.timeouts == 2 and summary.crashes == 2


def test_two_workers_give_the_same_rows_as_one():
    rows: list[Any] = []
    for i in range(40):
        rows.append(pair(i, "a", "a" if i % 2 else "b"))
        if i % 10 == 3:
            rows.append(pair(f"s{i}", "SEGV", "x"))
        if i % 10 == 7:
            rows.append(pair(f"e{i}", "RAISE", "x"))
    rows.append("not json")
    rows.append({"id": "g", "kind": KIND, "items": ["a", "bb", "a", "cc", "!"]})
    one, s1, _ = run(rows, workers=1, **FAST)
    two, s2, _ = run(rows, workers=2, **FAST)
    assert len(one) == len(rows)
    assert without_timing(one) == without_timing(two)
    assert s1.to_dict()["verdicts"] == s2.to_dict()["verdicts"]


# -- grouping rows -----------------------------------------------------------------------


def test_grouping_rows_give_classes_and_majority():
    rows = [
        {"id": "g1", "kind": KIND, "items": ["a", "bb", " a", "!x", "cc", "bb", "a"]},
        pair(2, "a", "a"),
        {"id": "g2", "items": []},
    ]
    out, summary, err = run(rows, kind=KIND)
    assert out[0] == {
        "id": "g1",
        "classes": [[0, 2, 6], [1, 5], [4]],
        "majority": [0, 2, 6],
        "invalid": [3],
        "unknown_pairs": 0,
    }
    assert out[1]["verdict"] == "equivalent"
    assert out[2] == {"id": "g2", "classes": [], "majority": [], "invalid": [], "unknown_pairs": 0}
    assert summary.groupings == 2 and "groupings 2" in err


def test_grouping_row_that_crashes_is_an_unknown_row():
    out, _, _ = run([{"id": "g", "kind": KIND, "items": ["SEGV", "SEGV"]}], **FAST)
    assert out[0]["id"] == "g" and out[0]["verdict"] == "unknown"
    assert out[0]["reason"].startswith("crash:")


# -- files, streams, memory --------------------------------------------------------------


def test_paths_in_and_out(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(
        "\n".join(json.dumps(pair(i, "é", "é")) for i in range(5)) + "\n\n", encoding="utf-8"
    )
    summary = run_batch(src, str(dst), stderr=io.StringIO())
    got = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in got] == list(range(5)) and summary.rows == 5
    assert verdicts(got) == ["equivalent"] * 5


def test_stdin_and_stdout(monkeypatch, capsys):
    data = json.dumps(pair("s", "a", "a")) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    run_batch("-", "-", stderr=io.StringIO())
    out = capsys.readouterr().out
    assert json.loads(out)["id"] == "s" and out.count("\n") == 1


def test_binary_output_stream():
    out = io.BytesIO()
    run_batch([json.dumps(pair(1, "ü", "ü"))], out, summary=False)
    assert json.loads(out.getvalue().decode("utf-8"))["verdict"] == "equivalent"


def test_refuses_to_overwrite_its_input(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(pair(1, "a", "a")) + "\n")
    with pytest.raises(ValueError, match="input file"):
        run_batch(src, tmp_path / "." / "in.jsonl")
    assert src.read_text().strip()  # untouched


def test_missing_input_file_raises_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        run_batch(tmp_path / "absent.jsonl", tmp_path / "out.jsonl", summary=False)


def test_input_is_streamed_with_bounded_work_in_flight():
    read = 0

    def source() -> Iterator[str]:
        nonlocal read
        for i in range(3000):
            read += 1
            yield json.dumps(pair(i, "a", "a"))

    class Sink:
        def __init__(self) -> None:
            self.rows = 0
            self.read_at_first_write: int | None = None
            self.max_ahead = 0

        def write(self, text: str) -> None:
            if self.read_at_first_write is None:
                self.read_at_first_write = read
            self.rows += 1
            self.max_ahead = max(self.max_ahead, read - self.rows)

    sink = Sink()
    summary = run_batch(source(), sink, workers=2, summary=False)
    assert summary.rows == sink.rows == 3000
    assert sink.read_at_first_write is not None and sink.read_at_first_write <= 100
    assert sink.max_ahead <= 100  # never more than the reorder window ahead of the output


# -- settings, engines -------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        {"workers": 0},
        {"workers": 1.5},
        {"timeout": 0},
        {"timeout": -1.0},
        {"grace": -1.0},
        {"engine": "spark"},
    ],
)
def test_bad_settings_are_rejected(options):
    with pytest.raises(ValueError):
        run_batch([], io.StringIO(), **options)


def test_ray_engine_without_ray_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` fail
    with pytest.raises(EngineUnavailableError, match=r"pip install 'equivsolve\[ray\]'"):
        run_batch([json.dumps(pair(1, "a", "a"))], io.StringIO(), engine="ray")


# -- progress and summary ----------------------------------------------------------------


def test_summary_goes_to_stderr():
    out, summary, err = run([pair(1, "a", "a"), pair(2, "a", "b"), "oops"])
    assert err.startswith("equivsolve batch: 3 rows in ")
    assert "rows/s" in err
    assert "equivalent 1, not_equivalent 1, invalid 1" in err
    assert "timeouts 0, crashes 0, errors 0" in err
    assert "\r" not in err  # stderr is not a terminal: no progress bar
    assert summary.to_dict()["rows"] == 3 and summary.rows_per_s > 0


def test_summary_can_be_silenced():
    _, _, err = run([pair(1, "a", "a")], summary=False)
    assert err == ""


def test_progress_bar_when_asked_for():
    _, _, err = run([pair(i, "a", "a") for i in range(5)], progress=True)
    assert re.search(r"\r[0-5]/5 rows +\d+% \[[#.]+\] [\d.]+ rows/s  ETA", err)
    assert "\r" + " " * 10 in err  # wiped before the summary
    assert "equivsolve batch: 5 rows" in err


def test_progress_bar_is_throttled_and_shows_eta():
    now = [0.0]
    stream = io.StringIO()
    bar = ProgressBar(stream, total=100, min_interval=0.5, clock=lambda: now[0])
    now[0] = 1.0
    bar.update(10)
    bar.update(11)  # too soon: not drawn
    now[0] = 2.0
    bar.update(20)
    assert bar.draws == 2
    assert "20/100 rows" in stream.getvalue() and "10.0 rows/s" in stream.getvalue()
    assert "ETA 8s" in stream.getvalue()
    bar.update(21, force=True)
    assert bar.draws == 3
    unknown_total = ProgressBar(io.StringIO(), total=None, clock=lambda: 4.0)
    assert unknown_total.render(8, 4.0).startswith("8 rows  2.0 rows/s")


# -- small pieces ------------------------------------------------------------------------


def test_crash_reason_names_the_signal():
    assert crash_reason(-11) == "crash: worker exited with code -11 (SIGSEGV)"
    assert crash_reason(-9) == "crash: worker exited with code -9 (SIGKILL)"
    assert crash_reason(1) == "crash: worker exited with code 1"


def test_non_finite_numbers_are_written_as_valid_json():
    line = dumps_row({"id": 1, "certificate": {"x": float("nan"), "y": [float("inf")]}})
    assert json.loads(line) == {"id": 1, "certificate": {"x": "nan", "y": ["inf"]}}


# -- stopping a batch --------------------------------------------------------------------

CLI = "import sys, tests.fakekind\nfrom equivsolve.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def _gone(pid: int) -> bool:
    """No such process, or only a zombie left for init to reap."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    ("sig", "code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGKILL, -9)],
)
def test_stopping_the_batch_stops_its_hung_workers(tmp_path, sig, code):
    rows = [pair(1, "PID", "x"), pair(2, "PID", "x")] + [pair(i, "HANG", "x") for i in range(3, 7)]
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps(row) + "\n" for row in rows))
    argv = ["batch", str(src), "-o", str(dst), "--workers", "2", "--timeout", "60"]
    root = Path(__file__).resolve().parents[2]
    log = (tmp_path / "stderr.txt").open("w")  # not a pipe: a stray worker could hold it open
    proc = subprocess.Popen([sys.executable, "-c", CLI, *argv], cwd=root, stderr=log)
    pids: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while not (dst.exists() and dst.read_text().count("\n") == 2):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        pids = [json.loads(line)["certificate"]["pid"] for line in dst.read_text().splitlines()]
        assert len(set(pids)) == 2
        time.sleep(0.3)  # both workers are now inside the hanging rows
        proc.send_signal(sig)
        assert proc.wait(timeout=20) == code
        deadline = time.monotonic() + 10
        while not all(_gone(pid) for pid in pids):
            assert time.monotonic() < deadline, "a hung worker outlived the batch"
            time.sleep(0.05)
    finally:
        proc.kill()
        proc.wait(timeout=20)
        log.close()
        for pid in pids:  # whatever happened above, leave no hung worker behind
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)


def test_spawned_workers_serve_registered_kinds_by_name():
    # "spawn" starts fresh interpreters: a kind registered at run time in the parent
    # is unknown there, which the worker reports as an invalid row (not a crash).
    from equivsolve.runner.pool import WorkerPool
    from equivsolve.runner.rows import Task

    with WorkerPool(1, hard_limit=30.0, start_method="spawn") as pool:
        assert pool.submit(0, Task(id="s", kind=KIND, op="check", left="a", right="a")) is None
        outcomes = []
        while not outcomes:
            outcomes = pool.poll(30.0)
    assert outcomes[0][0] == 0
    assert outcomes[0][1]["id"] == "s" and outcomes[0][1]["verdict"] == "invalid"
    assert "unknown kind 'fake'" in outcomes[0][1]["reason"]
