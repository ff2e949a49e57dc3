"""equivsolve vs math-verify on the same labelled math pairs, in one run.

    python benchmarks/math_vs_mathverify.py [--corpus DIR] [--repeat N] [--show-disagreements]

Prints, per corpus file and overall: accuracy, wrong ``equivalent`` verdicts
(false equivalents), misses, unknown/invalid answers, and single-process
throughput (pairs/s, after a warm-up pass so that imports and parser builds
are not counted) for both tools. math-verify is called as its README shows,
gold first: ``verify(parse(gold), parse(pred))``, with bare answers wrapped in
``$...$`` (math-verify only extracts LaTeX inside delimiters).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import equivsolve as es

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "math"


def load(corpus: Path, names: list[str]) -> dict[str, list[dict]]:
    out = {}
    for name in names:
        with open(corpus / name, encoding="utf-8") as fh:
            out[name] = [json.loads(line) for line in fh if line.strip()]
    return out


def run_equivsolve(rows: list[dict]) -> list[str]:
    return [es.check(r["left"], r["right"], kind="math").verdict.value for r in rows]


def delimited(text: str) -> str:
    """math-verify extracts LaTeX only inside math delimiters or a box; give
    bare answers the ``$...$`` it expects (its own tests do the same)."""
    if any(m in text for m in ("$", "\\boxed", "\\(", "\\[")):
        return text
    return f"${text}$"


def run_math_verify(rows: list[dict]) -> list[str]:
    from math_verify import parse, verify

    out = []
    for r in rows:
        try:
            ok = verify(parse(delimited(r["left"])), parse(delimited(r["right"])))
            out.append("equivalent" if ok else "not_equivalent")
        except Exception:
            out.append("unknown")
    return out


def clear_caches() -> None:
    from equivsolve.domains.math.parse import parse_answer

    parse_answer.cache_clear()


def timed(fn, rows: list[dict], repeat: int) -> tuple[list[str], float]:
    fn(rows)  # warm-up
    start = time.perf_counter()
    for _ in range(repeat):
        clear_caches()
        verdicts = fn(rows)
    return verdicts, len(rows) * repeat / (time.perf_counter() - start)


def score(rows: list[dict], verdicts: list[str]) -> dict:
    n = len(rows)
    correct = sum(v == r["expected"] for r, v in zip(rows, verdicts))
    false_eq = sum(v == "equivalent" and r["expected"] != "equivalent" for r, v in zip(rows, verdicts))
    negatives = sum(r["expected"] != "equivalent" for r in rows)
    missed = sum(v == "not_equivalent" and r["expected"] == "equivalent" for r, v in zip(rows, verdicts))
    undecided = sum(v in ("unknown", "invalid") for v in verdicts)
    return {"n": n, "acc": correct / n, "false_eq": false_eq, "neg": negatives,
            "missed": missed, "undecided": undecided}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--files", nargs="+", default=["own_dev.jsonl", "mv_tests.jsonl"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--show-disagreements", action="store_true")
    args = ap.parse_args(argv)

    data = load(args.corpus, args.files)
    every = [r for rows in data.values() for r in rows]
    header = (f"{'file':<16}{'tool':<12}{'n':>5}{'accuracy':>10}{'false eq':>12}"
              f"{'missed':>8}{'unknown':>9}{'pairs/s':>10}")
    print(header)
    print("-" * len(header))
    speed = {}
    for name, rows in [*data.items(), ("all", every)]:
        results = {}
        for tool, fn in (("equivsolve", run_equivsolve), ("math-verify", run_math_verify)):
            verdicts, rate = timed(fn, rows, args.repeat)
            results[tool] = verdicts
            s = score(rows, verdicts)
            speed[name, tool] = rate
            print(f"{name:<16}{tool:<12}{s['n']:>5}{s['acc']:>10.3f}"
                  f"{s['false_eq']:>5}/{s['neg']:<6}{s['missed']:>8}{s['undecided']:>9}{rate:>10.0f}")
        if args.show_disagreements and name != "all":
            for r, a, b in zip(rows, results["equivsolve"], results["math-verify"]):
                if a != r["expected"] or b != r["expected"]:
                    print(f"    {r['id']}: label={r['expected']} equivsolve={a} math-verify={b}")
    ratio = speed["all", "equivsolve"] / speed["all", "math-verify"]
    print(f"\nthroughput ratio (equivsolve / math-verify), single process: {ratio:.1f}x")


if __name__ == "__main__":
    main()
