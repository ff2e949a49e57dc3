"""The ``equivsolve`` command line: exit codes, output formats, inputs."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import equivsolve
from equivsolve.cli import format_result, main
from tests.fakekind import KIND

ROOT = Path(__file__).resolve().parents[1]


def one_json(text: str) -> dict:
    """The output must be exactly one JSON object on one line."""
    assert text.endswith("\n") and text.count("\n") == 1, text
    obj = json.loads(text)
    assert isinstance(obj, dict)
    return obj


def set_stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


# -- check ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "code", "first_line"),
    [
        ("a", " a ", 0, "equivalent (certified, method=fake)"),
        ("a", "b", 1, "not_equivalent (certified, method=fake)"),
        ("!a", "b", 2, "invalid: parse error (left): line 1, column 1: unexpected '!'"),
        ("RAISE", "b", 2, "unknown: error: RuntimeError: boom"),
    ],
)
def test_check_exit_codes_follow_cmp(capsys, left, right, code, first_line):
    assert main(["check", "--kind", KIND, left, right]) == code
    out = capsys.readouterr().out
    assert out.splitlines()[0] == first_line


def test_check_prints_the_certificate(capsys):
    main(["check", "--kind", KIND, "a", "b"])
    assert capsys.readouterr().out.splitlines()[1] == 'certificate: {"left": "a", "right": "b"}'


def test_check_json_prints_exactly_one_object(capsys):
    assert main(["check", "--kind", KIND, "a", "b", "--json"]) == 1
    captured = capsys.readouterr()
    row = one_json(captured.out)
    assert row["verdict"] == "not_equivalent" and row["certified"] is True
    assert row["certificate"] == {"left": "a", "right": "b"}
    assert set(row) == {
        "id",
        "verdict",
        "certified",
        "method",
        "reason",
        "certificate",
        "elapsed_s",
    }


def test_check_json_on_parse_error_is_still_one_object(capsys):
    assert main(["check", "--kind", KIND, "a", "!b", "--json"]) == 2
    row = one_json(capsys.readouterr().out)
    assert row["verdict"] == "invalid" and "column 1" in row["reason"]


def test_check_unknown_kind(capsys):
    assert main(["check", "--kind", "nope", "a", "b"]) == 2
    captured = capsys.readouterr()
    assert "unknown kind 'nope'" in captured.err and captured.out == ""
    assert main(["check", "--kind", "nope", "a", "b", "--json"]) == 2
    assert one_json(capsys.readouterr().out)["verdict"] == "invalid"


def test_check_reads_at_file(tmp_path, capsys):
    (tmp_path / "left.txt").write_text("hello\n", encoding="utf-8")
    assert main(["check", "--kind", KIND, f"@{tmp_path / 'left.txt'}", "hello"]) == 0
    assert main(["check", "--kind", KIND, f"@{tmp_path / 'left.txt'}", "bye"]) == 1


def test_check_missing_at_file(tmp_path, capsys):
    assert main(["check", "--kind", KIND, f"@{tmp_path / 'absent'}", "x", "--json"]) == 2
    captured = capsys.readouterr()
    assert "cannot read" in captured.err and "absent" in captured.err
    assert one_json(captured.out)["verdict"] == "invalid"


def test_check_double_at_is_a_literal_at(monkeypatch, capsys):
    set_stdin(monkeypatch, "@home\n")
    assert main(["check", "--kind", KIND, "@@home", "-"]) == 0


def test_check_reads_one_side_from_stdin(monkeypatch, capsys):
    set_stdin(monkeypatch, "from stdin\n")
    assert main(["check", "--kind", KIND, "from stdin", "-"]) == 0
    set_stdin(monkeypatch, "from stdin\n")
    assert main(["check", "--kind", KIND, "-", "other"]) == 1


def test_check_stdin_for_both_sides_is_refused(monkeypatch, capsys):
    set_stdin(monkeypatch, "x\n")
    assert main(["check", "--kind", KIND, "-", "-"]) == 2
    assert "only one" in capsys.readouterr().err


def test_check_text_starting_with_a_dash_after_double_dash(capsys):
    assert main(["check", "--kind", KIND, "--", "-x", "-x"]) == 0


def test_check_domain_file_is_passed_as_text(tmp_path, capsys):
    domain = tmp_path / "domain.pddl"
    domain.write_text("(define (domain d))", encoding="utf-8")
    assert main(["check", "--kind", KIND, "a", "b", "--domain", str(domain), "--json"]) == 0
    row = one_json(capsys.readouterr().out)
    assert row["method"] == "fake-domain"
    assert row["certificate"] == {"domain": "(define (domain d))"}


def test_check_hard_timeout_when_the_check_hangs_in_c():
    code = (
        "import sys, tests.fakekind\n"
        "from equivsolve.cli import main\n"
        "sys.exit(main(['check', '--kind', 'fake', 'HANG', 'x', '--timeout', '0.2', '--json']))\n"
    )
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2, proc.stderr
    row = one_json(proc.stdout)
    assert row["verdict"] == "unknown" and row["reason"] == "timeout"
    assert time.monotonic() - start < 15


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["check", "a", "b"],
        ["check", "--kind", KIND, "a"],
        ["check", "--kind", KIND, "a", "b", "--timeout", "0"],
        ["check", "--kind", KIND, "a", "b", "--timeout", "soon"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"equivsolve {equivsolve.__version__}"


def test_format_result_for_unknown_and_uncertified():
    base = {"certified": False, "method": None, "reason": None, "certificate": None}
    assert format_result({**base, "verdict": "unknown", "reason": "timeout"}) == "unknown: timeout"
    row = {**base, "verdict": "equivalent", "method": "sampling"}
    assert format_result(row) == "equivalent (not certified, method=sampling)"


# -- parse ------------------------------------------------------------------------------


def test_parse_prints_the_canonical_form(capsys):
    assert main(["parse", "--kind", KIND, "  abc "]) == 0
    assert capsys.readouterr().out == "fake<abc>\n"
    assert main(["parse", "--kind", KIND, "abc", "--json"]) == 0
    assert one_json(capsys.readouterr().out) == {"kind": KIND, "canonical": "fake<abc>"}


def test_parse_error_goes_to_stderr_with_a_caret(capsys):
    assert main(["parse", "--kind", KIND, "ab!c"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "line 1, column 3: unexpected '!'" in captured.err
    assert "  ab!c\n    ^" in captured.err


def test_parse_error_with_json(capsys):
    assert main(["parse", "--kind", KIND, "ab!c", "--json"]) == 2
    obj = one_json(capsys.readouterr().out)
    assert obj["line"] == 1 and obj["column"] == 3 and obj["error"].startswith("parse error")


def test_parse_reads_stdin(monkeypatch, capsys):
    set_stdin(monkeypatch, "xyz\n")
    assert main(["parse", "--kind", KIND, "-"]) == 0
    assert capsys.readouterr().out == "fake<xyz>\n"


# -- group ------------------------------------------------------------------------------


def test_group_from_a_file(tmp_path, capsys):
    items = tmp_path / "items.txt"
    items.write_text("a\nbb\n\na\n!x\ncc\n", encoding="utf-8")
    assert main(["group", "--kind", KIND, str(items), "--json"]) == 0
    assert one_json(capsys.readouterr().out) == {
        "id": None,
        "classes": [[0, 2], [1], [4]],
        "majority": [0, 2],
        "invalid": [3],
        "unknown_pairs": 0,
    }
    assert main(["group", "--kind", KIND, str(items)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "5 items, 3 classes; majority: [0, 2]"
    assert lines[1:4] == ["  [0, 2]  a", "  [1]     bb", "  [4]     cc"]
    assert lines[4] == "invalid: [3]"


def test_group_from_stdin_by_default(monkeypatch, capsys):
    set_stdin(monkeypatch, "x\ny\nx\n")
    assert main(["group", "--kind", KIND, "--json"]) == 0
    assert one_json(capsys.readouterr().out)["majority"] == [0, 2]


def test_group_missing_file(tmp_path, capsys):
    assert main(["group", "--kind", KIND, str(tmp_path / "absent")]) == 2
    assert "cannot read" in capsys.readouterr().err


# -- batch ------------------------------------------------------------------------------


def write_rows(path: Path, rows: list) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def test_batch_writes_one_row_per_input_row(tmp_path, capsys):
    src = write_rows(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "left": "x", "right": "x"},
            {"id": "b", "left": "x", "right": "y"},
            "not json",
            {"id": "d", "left": "RAISE", "right": "y"},
        ],
    )
    dst = tmp_path / "out.jsonl"
    argv = [
        "batch",
        str(src),
        "--output",
        str(dst),
        "--kind",
        KIND,
        "--workers",
        "2",
        "--timeout",
        "5",
        "--no-progress",
    ]
    assert main(argv) == 0
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", None, "d"]
    assert [r["verdict"] for r in rows] == ["equivalent", "not_equivalent", "invalid", "unknown"]
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "equivsolve batch: 4 rows" in captured.err and "\r" not in captured.err


def test_batch_to_stdout(tmp_path, capsys):
    src = write_rows(tmp_path / "in.jsonl", [{"id": 1, "kind": KIND, "left": "x", "right": "x"}])
    assert main(["batch", str(src), "-o", "-"]) == 0
    assert one_json(capsys.readouterr().out)["verdict"] == "equivalent"


def test_batch_io_errors_exit_2(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "o")]) == 2
    assert "absent.jsonl" in capsys.readouterr().err
    src = write_rows(tmp_path / "in.jsonl", [])
    assert main(["batch", str(src), "-o", str(src)]) == 2
    assert "input file" in capsys.readouterr().err
    assert main(["batch", str(src), "-o", str(tmp_path / "no" / "dir" / "o")]) == 2


def test_batch_ray_engine_without_ray(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)
    src = write_rows(tmp_path / "in.jsonl", [{"id": 1, "kind": KIND, "left": "x", "right": "x"}])
    assert main(["batch", str(src), "-o", str(tmp_path / "o"), "--engine", "ray"]) == 2
    assert "pip install 'equivsolve[ray]'" in capsys.readouterr().err


# -- the installed console script ------------------------------------------------------


def console_script() -> str:
    path = Path(sys.executable).parent / "equivsolve"
    if not path.exists():
        pytest.skip("the equivsolve console script is not installed next to this Python")
    return str(path)


def test_console_script(tmp_path):
    script = console_script()
    proc = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == f"equivsolve {equivsolve.__version__}"

    src = write_rows(
        tmp_path / "in.jsonl", ["{", {"id": 2, "kind": "nope", "left": "a", "right": "b"}]
    )
    dst = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [script, "batch", str(src), "--output", str(dst)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in dst.read_text().splitlines()]
    assert [r["verdict"] for r in rows] == ["invalid", "invalid"]
    assert "equivsolve batch: 2 rows" in proc.stderr

    proc = subprocess.run(
        [script, "check", "--kind", "nope", "a", "b"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "unknown kind" in proc.stderr


# -- the math kind, per the contract in interface.md -------------------------------------


def test_math_check_contract(capsys):
    assert main(["check", "--kind", "math", r"\frac{1}{2}", "0.5"]) == 0
    assert capsys.readouterr().out.startswith("equivalent (certified")
    assert main(["check", "--kind", "math", "1/2", "0.6"]) == 1
    assert capsys.readouterr().out.startswith("not_equivalent")
    assert main(["check", "--kind", "math", r"\frac{1}{", "2", "--json"]) == 2
    row = one_json(capsys.readouterr().out)
    assert row["verdict"] == "invalid" and row["reason"].startswith("parse error (left)")


def test_math_parse_error_contract(capsys):
    assert main(["parse", "--kind", "math", r"\frac{1}{"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "^" in captured.err


def test_math_batch_contract(tmp_path, capsys):
    src = write_rows(
        tmp_path / "in.jsonl",
        [
            {"id": 1, "left": r"\frac{1}{2}", "right": "0.5"},
            {"id": 2, "left": "1/2", "right": "0.6"},
            {"id": 3, "left": r"\frac{1}{", "right": "2"},
        ],
    )
    dst = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "-o", str(dst), "--kind", "math", "--no-progress"]) == 0
    rows = [json.loads(line) for line in dst.read_text().splitlines()]
    assert [r["verdict"] for r in rows] == ["equivalent", "not_equivalent", "invalid"]


# -- options of a kind ------------------------------------------------------------------


def test_check_option_is_passed_to_the_kind(capsys):
    assert main(["check", "--kind", "ltl", "GFa", "FGa"]) == 1
    assert main(["check", "--kind", "ltl", "--option", "finite=true", "GFa", "FGa"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("equivalent")


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("foo=1", "unknown option 'foo' for kind 'ltl' (accepted: finite, syntax)"),
        ("finite=maybe", "option 'finite': expected true or false, got 'maybe'"),
        ("syntax=psl", "option 'syntax': expected one of spot, spin, got 'psl'"),
        ("finite", "--option takes KEY=VALUE, got 'finite'"),
    ],
)
def test_bad_options_exit_2_with_the_reason(capsys, option, message):
    assert main(["check", "--kind", "ltl", "--option", option, "a", "a"]) == 2
    assert message in capsys.readouterr().err


def test_parse_and_group_take_options(tmp_path, capsys):
    assert main(["parse", "--kind", "ltl", "--option", "syntax=spin", "[]<> p"]) == 0
    assert capsys.readouterr().out.strip() == "GFp"
    items = tmp_path / "items.txt"
    items.write_text("GFa\nFGa\nF a\n")
    argv = ["group", "--kind", "ltl", str(items), "--json", "--option", "finite=true"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["classes"] == [[0, 1], [2]]


def test_batch_options_for_every_row_and_per_row(tmp_path, capsys):
    rows = [
        {"id": 1, "left": "GFa", "right": "FGa"},
        {"id": 2, "left": "GFa", "right": "FGa", "options": {"finite": False}},
        {"id": 3, "left": "a", "right": "a", "options": {"bogus": 1}},
        {"id": 4, "left": "a", "right": "a", "options": "finite"},
    ]
    src, out = write_rows(tmp_path / "in.jsonl", rows), tmp_path / "out.jsonl"
    argv = ["batch", str(src), "--output", str(out), "--kind", "ltl", "--option", "finite=1"]
    assert main([*argv, "--no-progress"]) == 0
    got = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["verdict"] for r in got] == ["equivalent", "not_equivalent", "invalid", "invalid"]
    assert "unknown option 'bogus'" in got[2]["reason"]
    assert '"options" must be an object' in got[3]["reason"]
