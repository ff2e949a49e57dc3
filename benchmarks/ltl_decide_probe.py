"""Temporary probe: our LTL decision procedure vs ``spot.are_equivalent`` on the dev pairs.

Formulas are parsed by Spot and converted to our AST (our parser is not wired in
yet). Prints agreement and median / p95 time per pair for both tools.

    python benchmarks/ltl_decide_probe.py [--corpus DIR] [--repeat N] [--show N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spot  # noqa: E402

from equivsolve.domains.ltl import automata  # noqa: E402
from equivsolve.domains.ltl.nodes import discard  # noqa: E402
from tests.domains.ltl.spot_ast import from_spot  # noqa: E402


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--show", type=int, default=10, help="slowest pairs to list")
    ap.add_argument("--cold", action="store_true", help="fresh caches for every pair")
    args = ap.parse_args()
    rows = [json.loads(x) for x in open(Path(args.corpus) / "ltl" / "pairs.jsonl")]
    ours, theirs, slow, wrong = [], [], [], []
    for r in rows:
        fs, gs = spot.formula(r["left"]), spot.formula(r["right"])
        f, g = from_spot(fs), from_spot(gs)
        best_o = best_s = float("inf")
        for _ in range(args.repeat):
            if args.cold:
                discard()
            t = time.perf_counter()
            word = automata.equivalent(f, g)
            best_o = min(best_o, time.perf_counter() - t)
            t = time.perf_counter()
            v = spot.are_equivalent(fs, gs)
            best_s = min(best_s, time.perf_counter() - t)
        ours.append(best_o)
        theirs.append(best_s)
        slow.append((best_o, r["id"], best_s))
        if (word is None) != (r["expected"] == "equivalent") or v != (word is None):
            wrong.append(r["id"])
    n = len(rows)
    print(f"pairs: {n}   disagreements with the label: {len(wrong)} {wrong[:10]}")
    print(f"{'':10} {'median ms':>10} {'p95 ms':>10} {'max ms':>10} {'total s':>10}")
    for name, xs in (("equivsolve", ours), ("spot", theirs)):
        print(
            f"{name:10} {statistics.median(xs) * 1e3:10.3f} {pct(xs, 0.95) * 1e3:10.3f}"
            f" {max(xs) * 1e3:10.3f} {sum(xs):10.3f}"
        )
    print(f"median ratio {statistics.median(ours) / statistics.median(theirs):.1f}x")
    for t, rid, ts in sorted(slow, reverse=True)[: args.show]:
        print(f"  {rid}: {t * 1e3:.1f} ms (spot {ts * 1e3:.2f} ms)")
    votes(Path(args.corpus) / "ltl" / "groups.jsonl", args.cold)


def classes(items: list, same) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """Equivalence classes by comparing each item with one member of each class."""
    out: list[list[int]] = []
    for i, f in enumerate(items):
        for cls in out:
            if same(items[cls[0]], f):
                cls.append(i)
                break
        else:
            out.append([i])
    return out


def votes(path: Path, cold: bool) -> None:
    rows = [json.loads(x) for x in open(path)]
    ours, theirs, bad = [], [], 0
    for r in rows:
        valid = [i for i in range(len(r["items"])) if i not in r["expected_invalid"]]
        sf = [spot.formula(r["items"][i]) for i in valid]
        asts = [from_spot(f) for f in sf]
        if cold:
            discard()
        t = time.perf_counter()
        mine = classes(asts, lambda f, g: automata.equivalent(f, g) is None)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        classes(sf, spot.are_equivalent)
        theirs.append(time.perf_counter() - t)
        got = sorted(sorted(valid[i] for i in c) for c in mine)
        bad += got != sorted(sorted(c) for c in r["expected_classes"])
    print(f"votes: {len(rows)} groups, {bad} with classes different from the labels")
    for name, xs in (("equivsolve", ours), ("spot", theirs)):
        print(
            f"{name:10} median {statistics.median(xs) * 1e3:8.2f} ms"
            f"  max {max(xs) * 1e3:8.2f} ms per group"
        )


if __name__ == "__main__":
    main()
