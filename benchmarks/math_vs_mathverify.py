"""equivsolve vs math-verify on the same labelled math pairs, in one run.

    python benchmarks/math_vs_mathverify.py [--corpus DIR] [--files F ...]
        [--repeat N] [--show-disagreements] [--exclude-tag TAG] [--include-tag TAG]
        [--mv-row-precision] [--markdown] [--json OUT]

For each corpus file and overall it prints, side by side for both tools:
accuracy against the label, false equivalents (said ``equivalent``, labelled
``not_equivalent``: the costly error for a grader), false not-equivalents,
undecided answers, and single-threaded throughput; then the cold-start cost
and accuracy per category (``cat:`` tag, else the ``file:`` tag). See
``benchmarks/README.md`` for what every column means.

How each tool is called:

* equivsolve: ``equivsolve.check(left, right, kind="math", timeout=...)``.
  ``unknown`` and ``invalid`` count as wrong and are also reported apart.
* math-verify: ``verify(parse(gold), parse(pred))`` with its default
  extraction configs, gold (``left``) first because it is asymmetric, in the
  main thread (its timeouts use ``signal.alarm``) with its own
  ``parsing_timeout`` / ``timeout_seconds`` guards. An exception, or a
  ``False`` reached after a timeout or an internal error that math-verify
  logged and swallowed, counts as ``unknown``. Bare answers from our own
  corpus are wrapped in ``$...$`` (math-verify extracts LaTeX only inside
  delimiters, as its README shows); rows from math-verify's own test suite are
  passed exactly as its tests pass them. ``--mv-wrap`` changes that.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tables import Score, table

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "math"
DEFAULT_FILES = ["own_dev.jsonl", "mv_tests.jsonl", "peers/pairs.jsonl"]
#: real model responses collected from public repositories (see its README)
REAL_DIR = REPO_ROOT / "benchmarks" / "data" / "real_math"
REAL_FILES = [str(REAL_DIR / "responses.jsonl")]
#: the pair used to measure the first-call (cold) cost of each tool
COLD_PAIR = (r"\frac{1}{2}", "0.5")

EQ, NEQ, UNK, INV = "equivalent", "not_equivalent", "unknown", "invalid"


# --------------------------------------------------------------------------- data


def corpus_name(path: Path) -> str:
    """``peers/pairs.jsonl`` is ``peers``; other files go by their stem."""
    if path.parent.name == "real_math":
        return "real_math"
    return path.parent.name if path.stem == "pairs" else path.stem


def load_rows(corpus: Path, names: list[str], include: list[str], exclude: list[str]):
    """``({corpus name: labelled rows}, {corpus name: unlabelled rows})`` after tag
    filtering, in the order of ``names``; unlabelled rows serve the reading table."""
    out: dict[str, list[dict]] = {}
    unlabelled: dict[str, list[dict]] = {}
    for name in names:
        path = Path(name) if Path(name).is_absolute() else corpus / name
        if not path.is_file():
            print(f"# skipped {path}: not found", file=sys.stderr)
            continue
        stem = corpus_name(path)
        rows = []
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                row.setdefault("id", f"{stem}:{lineno}")
                row["_key"] = (stem, row["id"])  # ids need not be unique across files
                tags = set(row.get("tags", ()))
                if include and not tags.intersection(include):
                    continue
                if tags.intersection(exclude):
                    continue
                rows.append(row)
        out[stem] = [r for r in rows if r.get("expected")]
        unlabelled[stem] = [r for r in rows if not r.get("expected")]
    return out, unlabelled


def is_policy(row: dict) -> bool:
    """A label that rests on one grader's convention (peers ``policy``, ``mv-policy``)."""
    return bool(row.get("policy")) or "mv-policy" in row.get("tags", ())


def source(row: dict, corpus: str) -> str:
    """The repository a row comes from (``owner/name``), else its corpus."""
    if corpus == "mv_tests":
        return "huggingface/Math-Verify"
    if corpus == "own_dev":
        return "own_dev"
    return str(row.get("source", corpus)).split(":")[0]


def category(row: dict) -> str:
    """The row's ``cat:`` tag; rows without one (math-verify's suite) use ``file:``."""
    tags = row.get("tags", ())
    for prefix in ("cat:", "file:"):
        for tag in tags:
            if tag.startswith(prefix):
                return tag
    return "(untagged)"


# --------------------------------------------------------------------------- tools


@dataclass
class Outcome:
    verdict: str  # EQ, NEQ, UNK or INV
    detail: str = ""  # the deciding method, or why it is unknown


class _Capture(logging.Handler):
    """Collects the timeouts and errors that math-verify logs and swallows."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if msg.startswith(("Timeout during", "Error during", "Error parsing")):
            self.problems.append(msg.split(":")[0])


_DELIMITED = re.compile(r"(?<!\\)\$|\\boxed|\\\(|\\\[")


class MathVerify:
    """``verify(parse(gold), parse(pred))`` with default configs, guarded."""

    def __init__(self, name: str, *, timeout: int, wrap: str, row_precision: bool) -> None:
        from math_verify import parse, verify
        from math_verify.errors import TimeoutException

        self.name = name
        self._parse, self._verify, self._timeout_exc = parse, verify, TimeoutException
        self.timeout, self.wrap, self.row_precision = timeout, wrap, row_precision
        self.capture = _Capture()
        log = logging.getLogger("math_verify")
        if self.capture not in log.handlers:
            log.addHandler(self.capture)
        log.setLevel(logging.DEBUG)
        log.propagate = False  # its timeout warnings are counted, not printed

    def _text(self, row: dict, side: str) -> str:
        text = row[side]
        if self.wrap == "never" or _DELIMITED.search(text):
            return text
        if self.wrap == "auto" and "src:math-verify-tests" in row.get("tags", ()):
            return text  # its own suite: exactly what its tests pass to parse()
        return f"${text}$"

    def __call__(self, row: dict) -> Outcome:
        kwargs: dict[str, Any] = {"timeout_seconds": self.timeout}
        if self.row_precision and row.get("precision") is not None:
            kwargs["float_rounding"] = int(row["precision"])
        self.capture.problems.clear()
        try:
            gold = self._parse(self._text(row, "left"), parsing_timeout=self.timeout)
            pred = self._parse(self._text(row, "right"), parsing_timeout=self.timeout)
            ok = self._verify(gold, pred, **kwargs)
        except (Exception, self._timeout_exc) as exc:  # TimeoutException is a BaseException
            return Outcome(UNK, f"{type(exc).__name__}: {exc}"[:120])
        if ok:
            return Outcome(EQ)
        if self.capture.problems:
            return Outcome(UNK, "; ".join(dict.fromkeys(self.capture.problems)))
        return Outcome(NEQ)

    def reads(self, row: dict, text: str) -> bool:
        """Does math-verify's ``parse`` extract anything from ``text``?"""
        wrapped = self._text({**row, "left": text}, "left")
        try:
            return bool(self._parse(wrapped, parsing_timeout=self.timeout))
        except (Exception, self._timeout_exc):
            return False

    def reset(self) -> None:
        _clear_sympy_cache()


class Equivsolve:
    """``equivsolve.check(left, right, kind="math")``."""

    def __init__(self, name: str, *, timeout: float | None) -> None:
        import equivsolve

        self.name = name
        self._check = equivsolve.check
        self.timeout = timeout

    def __call__(self, row: dict) -> Outcome:
        try:
            r = self._check(row["left"], row["right"], kind="math", timeout=self.timeout)
        except Exception as exc:  # check() must not raise; if it does, say so
            return Outcome(UNK, f"crash: {type(exc).__name__}: {exc}"[:120])
        return Outcome(r.verdict.value, r.method or r.reason or "")

    def reset(self) -> None:
        """Drop the answer caches so repeated passes do not measure cache hits.

        Only bounded ``lru_cache``s in the math kind are cleared; unbounded
        ones (``functools.cache``) hold one-off builds such as parsers.
        """
        for modname, mod in list(sys.modules.items()):
            if not modname.startswith("equivsolve.domains.math") or mod is None:
                continue
            for obj in vars(mod).values():
                info = getattr(obj, "cache_info", None)
                if callable(info) and info().maxsize is not None:
                    obj.cache_clear()
        _clear_sympy_cache()


def _clear_sympy_cache() -> None:
    from sympy.core.cache import clear_cache

    clear_cache()


# --------------------------------------------------------------------------- runs


@dataclass
class ToolRun:
    tool: Any
    outcomes: dict[Any, Outcome] = field(default_factory=dict)  # (corpus, id) -> outcome
    seconds: dict[str, float] = field(default_factory=dict)  # corpus -> timed seconds
    row_seconds: dict[Any, float] = field(default_factory=dict)  # (corpus, id) -> timed seconds
    unstable: set = field(default_factory=set)  # ids whose verdict changed between passes
    import_s: float = 0.0
    cold_s: float = 0.0
    shared: bool = False  # same package as an earlier tool: no cold-start figures
    error: str | None = None


def timed_import(factory: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    obj = factory()
    return obj, time.perf_counter() - start


def cold_call(run: ToolRun) -> None:
    row = {"id": "cold", "left": COLD_PAIR[0], "right": COLD_PAIR[1], "tags": []}
    start = time.perf_counter()
    try:
        out = run.tool(row)
    except BaseException as exc:  # noqa: BLE001 - report and carry on without the tool
        run.error = f"{type(exc).__name__}: {exc}"
        return
    run.cold_s = time.perf_counter() - start
    if out.detail.startswith("crash:"):
        run.error = out.detail


def accuracy_pass(runs: list[ToolRun], data: dict[str, list[dict]]) -> None:
    """One pass over every row: the verdicts, and the warm-up for timing."""
    for rows in data.values():
        for row in rows:
            for run in runs:
                run.outcomes[row["_key"]] = run.tool(row)


def timing_passes(runs: list[ToolRun], data: dict[str, list[dict]], repeat: int) -> None:
    """``repeat`` timed loops per corpus and tool, caches dropped before each."""
    for name, rows in data.items():
        for run in runs:
            for _ in range(repeat):
                run.tool.reset()
                for row in rows:
                    start = time.perf_counter()
                    verdict = run.tool(row).verdict
                    key = row["_key"]
                    run.row_seconds[key] = run.row_seconds.get(key, 0.0) + (
                        time.perf_counter() - start
                    )
                    if verdict != run.outcomes[key].verdict:
                        run.unstable.add(row["id"])
            run.seconds[name] = sum(run.row_seconds[r["_key"]] for r in rows)


# --------------------------------------------------------------------------- scoring


def score(run: ToolRun, rows: Iterable[dict]) -> Score:
    s = Score()
    for row in rows:
        s.add(row["expected"], run.outcomes[row["_key"]].verdict)
    return s


def wrong(row: dict, out: Outcome) -> bool:
    return out.verdict != row["expected"]


# --------------------------------------------------------------------------- output


def pct(x: float) -> str:
    return "n/a" if x != x else f"{100 * x:.1f}%"


def rate(n: int, seconds: float | None) -> str:
    return "n/a" if not seconds else f"{n / seconds:.0f}"


def summary_table(runs, data, repeat, markdown) -> str:
    headers = [
        "corpus",
        "tool",
        "n",
        "accuracy",
        "false eq",
        "false neq",
        "unknown",
        "invalid",
        "pairs/s",
    ]
    body = []
    scopes = [*data.items()]
    if len(data) > 1:
        scopes.append(("all", [r for rows in data.values() for r in rows]))
    for name, rows in scopes:
        for i, run in enumerate(runs):
            s = score(run, rows)
            secs = sum(run.seconds.values()) if name == "all" else run.seconds.get(name)
            inv = s.invalid if run.tool.name == "equivsolve" else "-"
            label = name if i == 0 or markdown else ""
            body.append(
                [
                    label,
                    run.tool.name,
                    s.n,
                    pct(s.accuracy),
                    s.false_eq,
                    s.false_neq,
                    s.unknown,
                    inv,
                    rate(s.n * repeat, secs),
                ]
            )
    return table(headers, body, markdown)


def cold_table(runs, sympy_s, markdown) -> str:
    body = [["sympy (imported first, used by both)", f"{sympy_s:.3f}", "-"]]
    for r in runs:
        if r.shared:
            body.append([r.tool.name, "-", "-"])  # same package as a tool above: already warm
        else:
            body.append([r.tool.name, f"{r.import_s:.3f}", f"{r.cold_s:.3f}"])
    return table(["tool", "import s", "first call s"], body, markdown)


def source_table(runs, data, repeat, markdown) -> str:
    """Per source repository: accuracy on the rows that are mathematics, and apart
    on the rows whose label is one grader's policy."""
    groups: dict[str, list[dict]] = {}
    for corpus, rows in data.items():
        for row in rows:
            groups.setdefault(source(row, corpus), []).append(row)
    headers = ["source", "tool", "n", "accuracy", "false eq", "unknown", "invalid",
               "policy n", "policy acc", "pairs/s"]  # fmt: skip
    body = []
    for name, rows in groups.items():
        plain = [r for r in rows if not is_policy(r)]
        policy = [r for r in rows if is_policy(r)]
        for i, run in enumerate(runs):
            s, sp_ = score(run, plain), score(run, policy)
            secs = sum(run.row_seconds.get(r["_key"], 0.0) for r in rows)
            body.append([
                name if i == 0 or markdown else "", run.tool.name, s.n, pct(s.accuracy),
                s.false_eq, s.unknown, s.invalid if run.tool.name == "equivsolve" else "-",
                sp_.n, pct(sp_.accuracy) if sp_.n else "-", rate(len(rows) * repeat, secs),
            ])  # fmt: skip
    return table(headers, body, markdown)


def reading_table(runs, data, unlabelled, markdown) -> str:
    """How many distinct real answer texts each tool reads at all: equivsolve
    (``es.parse`` raises, or the text is kept only as text) and math-verify
    (``parse`` returns nothing)."""
    import equivsolve as es

    groups: dict[str, dict[str, dict]] = {}
    every = [(c, r) for part in (data, unlabelled) for c, rows in part.items() for r in rows]
    for corpus, row in every:
        for side in ("left", "right"):
            groups.setdefault(corpus, {}).setdefault(row[side], row)
    gold = REAL_DIR / "gold.jsonl"
    if gold.is_file():
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                groups.setdefault("real_math gold", {})[g["answer"]] = {"tags": []}
    mv = next((r.tool for r in runs if isinstance(r.tool, MathVerify)), None)
    headers = ["corpus", "texts", "equivsolve unread", "no answer", "text fallback",
               "math-verify unread"]  # fmt: skip
    body, totals = [], [0, 0, 0, 0, 0]
    for corpus, texts in groups.items():
        counts = [len(texts), 0, 0, 0, 0]
        for text, row in texts.items():
            try:
                counts[3] += es.parse(text, kind="math").fallback
            except es.ParseError as exc:
                counts[2 if exc.message == "no answer in the response" else 1] += 1
            if mv is not None and not mv.reads(row, text):
                counts[4] += 1
        totals = [a + b for a, b in zip(totals, counts)]
        body.append([corpus, counts[0], *(pct(c / counts[0]) for c in counts[1:4]),
                     pct(counts[4] / counts[0]) if mv else "-"])  # fmt: skip
    n = totals[0]
    body.append(["all", n, *(pct(c / n) for c in totals[1:4]),
                 pct(totals[4] / n) if mv else "-"])  # fmt: skip
    return table(headers, body, markdown)


def category_table(runs, data, markdown) -> str:
    cats: dict[str, list[dict]] = {}
    for rows in data.values():
        for row in rows:
            cats.setdefault(category(row), []).append(row)
    headers = ["category", "n", *(f"{r.tool.name} acc" for r in runs)]
    body = [
        [c, len(rows), *(pct(score(r, rows).accuracy) for r in runs)] for c, rows in cats.items()
    ]
    return table(headers, body, markdown)


def disagreements_table(runs, data, markdown) -> str:
    def short(text: str, width: int = 48, code: bool = True) -> str:
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
        text = text if len(text) <= width else text[: width - 1] + "…"
        return f"`{text}`" if markdown and code else text

    body = []
    for rows in data.values():
        for row in rows:
            outs = [r.outcomes[row["_key"]] for r in runs]
            if not any(wrong(row, o) for o in outs):
                continue
            flags = ",".join(t for t in row.get("tags", ()) if t.startswith("mv-"))
            verdicts = [
                f"✗ {o.verdict}" + (f" ({short(o.detail, 40, code=False)})" if o.detail else "")
                if wrong(row, o)
                else o.verdict
                for o in outs
            ]
            body.append(
                [
                    row["id"],
                    row["expected"],
                    *verdicts,
                    flags,
                    short(row["left"]),
                    short(row["right"]),
                ]
            )
    headers = ["id", "label", *(r.tool.name for r in runs), "flags", "left (gold)", "right"]
    if not body:
        return "(no disagreements with the labels)"
    return table(headers, body, markdown)


def dump_json(path: Path, runs, data) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for name, rows in data.items():
            for row in rows:
                out = {"id": row["id"], "corpus": name, "expected": row["expected"]}
                for r in runs:
                    o = r.outcomes[row["_key"]]
                    out[r.tool.name] = {"verdict": o.verdict, "detail": o.detail}
                fh.write(json.dumps(out, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- main


def arguments(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .jsonl files")
    ap.add_argument("--files", nargs="+", default=DEFAULT_FILES, help="files in --corpus")
    ap.add_argument(
        "--no-real",
        action="store_true",
        help="leave out the real model responses in benchmarks/data/real_math",
    )
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per corpus and tool")
    ap.add_argument(
        "--show-disagreements",
        action="store_true",
        help="list rows where either tool disagrees with the label",
    )
    ap.add_argument(
        "--exclude-tag",
        action="append",
        default=[],
        metavar="TAG",
        help="drop rows with this tag (repeatable), e.g. mv-policy",
    )
    ap.add_argument(
        "--include-tag",
        action="append",
        default=[],
        metavar="TAG",
        help="keep only rows with one of these tags (repeatable)",
    )
    ap.add_argument("--timeout", type=float, default=10.0, help="equivsolve timeout per pair (s)")
    ap.add_argument(
        "--mv-timeout",
        type=int,
        default=5,
        help="math-verify parsing_timeout and timeout_seconds (whole s)",
    )
    ap.add_argument(
        "--mv-row-precision",
        action="store_true",
        help="also run math-verify with float_rounding=row['precision']",
    )
    ap.add_argument(
        "--mv-wrap",
        choices=["auto", "always", "never"],
        default="auto",
        help="wrap undelimited answers in $...$ for math-verify (auto: not "
        "the rows of its own test suite)",
    )
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write per-row verdicts as JSONL")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    return args


def make_runs(args: argparse.Namespace) -> tuple[list[ToolRun], float]:
    """Build the tools; time their imports and first calls. Also returns sympy's import time."""
    _, sympy_s = timed_import(lambda: __import__("sympy"))
    factories = [
        (False, lambda: Equivsolve("equivsolve", timeout=args.timeout)),
        (
            False,
            lambda: MathVerify(
                "math-verify", timeout=args.mv_timeout, wrap=args.mv_wrap, row_precision=False
            ),
        ),
    ]
    if args.mv_row_precision:
        factories.append(
            (
                True,
                lambda: MathVerify(
                    "math-verify row-prec",
                    row_precision=True,
                    timeout=args.mv_timeout,
                    wrap=args.mv_wrap,
                ),
            )
        )
    runs = []
    for shared, factory in factories:
        try:
            tool, import_s = timed_import(factory)
        except ImportError as exc:
            print(f"# skipped a tool: {exc} (pip install -e '.[bench]')", file=sys.stderr)
            continue
        run = ToolRun(tool, import_s=import_s, shared=shared)
        cold_call(run)
        if run.error:
            print(f"# {tool.name} is unavailable and left out: {run.error}", file=sys.stderr)
            continue
        runs.append(run)
    return runs, sympy_s


def report(args: argparse.Namespace, runs: list[ToolRun], data, unlabelled, sympy_s: float) -> None:
    head = "###" if args.markdown else "=="
    filters = "".join(
        [
            f"; only rows tagged {' or '.join(args.include_tag)}" if args.include_tag else "",
            f"; rows tagged {' or '.join(args.exclude_tag)} left out" if args.exclude_tag else "",
        ]
    )
    print(f"{head} accuracy and throughput{filters}\n")
    print(summary_table(runs, data, args.repeat, args.markdown))
    print(
        f"\npairs/s: {args.repeat} timed pass(es) per corpus after a warm-up pass, one "
        "thread, answer and SymPy caches dropped before each pass."
    )
    if len(runs) > 1 and all(r.seconds for r in runs):
        n = sum(len(rows) for rows in data.values())
        speeds = [n / sum(r.seconds.values()) for r in runs]
        print(
            f"throughput ratio {runs[0].tool.name} / {runs[1].tool.name}: "
            f"{speeds[0] / speeds[1]:.1f}x"
        )
    for r in runs:
        if r.unstable:
            print(
                f"warning: {r.tool.name} changed its verdict between passes on "
                f"{len(r.unstable)} row(s): {', '.join(sorted(map(str, r.unstable))[:10])}"
            )
    print(f"\n{head} cold start (first call: {COLD_PAIR[0]!r} vs {COLD_PAIR[1]!r})\n")
    print(cold_table(runs, sympy_s, args.markdown))
    print(f"\n{head} per source (policy rows apart)\n")
    print(source_table(runs, data, args.repeat, args.markdown))
    print(f"\n{head} real answers read (distinct texts; a text neither tool reads is a loss)\n")
    print(reading_table(runs, data, unlabelled, args.markdown))
    print(f"\n{head} accuracy per category\n")
    print(category_table(runs, data, args.markdown))
    if args.show_disagreements:
        print(f"\n{head} rows where a tool disagrees with the label (✗ = wrong)\n")
        print(disagreements_table(runs, data, args.markdown))


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    files = args.files + ([] if args.no_real else REAL_FILES)
    data, unlabelled = load_rows(args.corpus, files, args.include_tag, args.exclude_tag)
    runs, sympy_s = make_runs(args)
    if not runs:
        print("no tool could run", file=sys.stderr)
        return 2
    accuracy_pass(runs, data)
    timing_passes(runs, data, args.repeat)
    report(args, runs, data, unlabelled, sympy_s)
    if args.json:
        dump_json(args.json, runs, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
