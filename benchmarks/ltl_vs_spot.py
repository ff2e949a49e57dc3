"""LTL equivalence: equivsolve against Spot, side by side, in one run.

    python benchmarks/ltl_vs_spot.py [--corpus DIR] [--random N] [--seed S]

Needs Spot's Python bindings (``pip install spottl``, x86-64 Linux). Both tools
start from text: equivsolve through ``es.check`` / ``es.group`` (parsing
included), Spot through ``spot.formula`` and ``spot.are_equivalent``. Prints
verdict agreement, median / p95 / max time per pair for both and the ratio,
on the corpus pairs and on random formula pairs (``spot.randltl``, each paired
with a simplified or mutated version), then the time of the votes in
``groups.jsonl`` and whether the classes are exactly Spot's.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

import spot

import equivsolve as es

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "ltl"


def timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


def spot_equal(left: str, right: str) -> bool:
    return spot.are_equivalent(spot.formula(left), spot.formula(right))


def compare(name: str, pairs: list[tuple[str, str]]) -> None:
    agree = undecided = 0
    ours_t, spot_t = [], []
    for left, right in pairs:
        theirs, ts = timed(spot_equal, left, right)
        r, to = timed(es.check, left, right, kind="ltl", timeout=30)
        ours_t.append(to * 1000)
        spot_t.append(ts * 1000)
        if r.verdict in (es.Verdict.UNKNOWN, es.Verdict.INVALID):
            undecided += 1
        elif (r.verdict is es.Verdict.EQUIVALENT) == theirs:
            agree += 1

    def stats(xs: list[float]) -> str:
        xs = sorted(xs)
        p95 = xs[int(0.95 * (len(xs) - 1))]
        return f"{statistics.median(xs):>9.3f}{p95:>9.3f}{xs[-1]:>10.1f}"

    ratio = statistics.median(ours_t) / statistics.median(spot_t)
    print(f"{name:<14}{len(pairs):>6}{agree / len(pairs):>10.4f}{undecided:>6}", end="")
    print(f"  {stats(ours_t)}  {stats(spot_t)}{ratio:>8.1f}x")


def random_pairs(n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    gen = spot.randltl(["a", "b", "c", "d"], n, seed=seed, tree_size=(8, 20))
    for f in gen:
        left = f.to_str()
        if rng.random() < 0.5:
            right = spot.simplify(f).to_str()
        else:  # a one-token mutation
            ops = [("U", "W"), ("F", "G"), ("&", "|"), ("a", "b"), ("X", "F")]
            old, new = rng.choice(ops)
            right = left.replace(old, new, 1) if old in left else f"!({left})"
        out.append((left, right))
    return out


def votes(corpus: Path) -> None:
    path = corpus / "groups.jsonl"
    if not path.exists():
        return
    rows = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
    ours_t, spot_t, exact = [], [], 0
    for row in rows:
        g, to = timed(es.group, row["items"], kind="ltl", timeout=30)
        ours_t.append(to * 1000)
        exact += [list(c) for c in g.classes] == row["expected_classes"]
        t = time.perf_counter()
        fs = []
        for x in row["items"]:
            try:
                fs.append(spot.formula(x))
            except SyntaxError:
                pass
        for i in range(len(fs)):  # Spot's pairwise relation, as people run votes today
            for j in range(i + 1, len(fs)):
                spot.are_equivalent(fs[i], fs[j])
        spot_t.append((time.perf_counter() - t) * 1000)
    print(
        f"\nvotes ({len(rows)}, 10-20 candidates): exactly Spot's classes {exact}/{len(rows)}; "
        f"median ms equivsolve {statistics.median(ours_t):.1f} (max {max(ours_t):.1f}), "
        f"Spot pairwise {statistics.median(spot_t):.1f} (max {max(spot_t):.1f})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--random", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(f"{'pairs':<14}{'n':>6}{'agreement':>10}{'unk':>6}", end="")
    head = f"  {'ours: median':>13}{'p95':>7}{'max ms':>9}"
    print(f"{head}  {'Spot: median':>12}{'p95':>7}{'max ms':>9}")
    rows = [json.loads(x) for x in (args.corpus / "pairs.jsonl").read_text().splitlines() if x]
    compare("corpus", [(r["left"], r["right"]) for r in rows])
    if args.random:
        compare("random", random_pairs(args.random, args.seed))
    votes(args.corpus)


if __name__ == "__main__":
    main()
