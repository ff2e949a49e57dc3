"""PDDL problem equivalence: accuracy and time on labelled pairs, the same
graphs through VF2, and scale.

    python benchmarks/pddl_vs_vf2.py [--corpus DIR] [--only pairs|graphs|scale ...]
        [--limit N] [--timeout S] [--vf2-timeout S] [--show-misses] [--markdown]

Table 1, labelled pairs: ``../shared/corpora/pddl/pairs.jsonl`` (Planetarium
blocksworld and gripper pairs, each row with its domain text) and
``tests/domains/pddl/data/hard_pairs.jsonl`` (``benchmarks/pddl_cases.py``).
Every pair through ``es.check(left, right, kind="pddl", domain=...)`` in one
thread, parsing and validation included, timed with ``time.perf_counter``.
Columns: accuracy (verdict equals the label; ``unknown`` and ``invalid`` count
as wrong), false eq (said equivalent, labelled not), false neq, unknown,
invalid, and median / p95 / max milliseconds per pair. One line per file and
per ``domain:`` tag; then the verdicts counted by deciding method.

Table 2, the isomorphism search on the same graphs: for each pair the
initial-state drawings that the structural stage matches (objects, facts,
argument positions; ``equivsolve/domains/pddl/graph.py``), colours and edge
labels mapped to integers first. Timed is only the isomorphism call:
``equivsolve.graph.find_isomorphism`` (colour refinement, search, verified
mapping), ``networkx`` VF2 (``DiGraphMatcher`` with node and edge matching,
stopped after ``--vf2-timeout`` seconds) and ``rustworkx.is_isomorphic``
(VF2 with matchers and ``call_limit``). ``agree`` counts pairs where the
tool's answer equals equivsolve's; ``limit`` counts timeouts or hit limits.

Table 3, scale: blocksworld (random towers to random towers) and gripper
(balls spread over two rooms) with 25 to 200 objects, floor-tile grids 5x5 to
15x15 (two robots, a checkerboard goal). Each problem against a renamed,
reordered copy (equivalent) and against a copy with one goal fact changed
(not equivalent by construction: a block put on a different one, a ball
sent to the other room, a tile painted the other colour), plus VF2 on the
initial-state graphs of the first pair.

Table 4, perturbed corpus problems: ``--perturb`` problems of
``../shared/corpora/pddl/problems.jsonl`` (half the largest, half at random),
each against a copy with one goal fact dropped or one argument of a goal fact
changed — the mistakes generated problems make — and, for placeholder
problems, against a copy with the goal's objects permuted (equivalent in
placeholder mode). Each pair in the mode the problem's ``is_placeholder``
names. Drops and changes have no label (a dropped fact may be implied), but
every decided verdict should be certified: a proof or a replayed separating
plan.

Table 5, a floor under Planetarium's cost: Planetarium itself is not on the
package registry, so what is timed is the part of its per-pair work that
needs none of its code — building the ``pddl`` package's parsers three times
and parsing the domain and both problems, and rustworkx's VF2 on the
initial-state graphs only — against the whole ``es.check`` on the same pairs.
Planetarium does at least this much (plus goal graphs and its "fully specify"
step), so the ratio is a lower bound on the speed-up.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pddl_cases import blocks_config, conj, renamed, render  # noqa: E402
from tables import Score, table  # noqa: E402

import equivsolve as es  # noqa: E402
from equivsolve.budget import Budget  # noqa: E402
from equivsolve.domains.pddl.check import PDDL, _Comparison, _goal_names  # noqa: E402
from equivsolve.graph import find_isomorphism  # noqa: E402

HARD = ROOT / "tests" / "domains" / "pddl" / "data" / "hard_pairs.jsonl"
OWN_DOMAINS = ROOT / "tests" / "domains" / "pddl" / "data" / "domains"


# ---- tables -------------------------------------------------------------------


def ms(xs: list[float]) -> tuple[str, str, str]:
    if not xs:
        return "-", "-", "-"
    s = sorted(xs)
    p95 = s[min(len(s) - 1, int(0.95 * len(s)))]
    return f"{statistics.median(s) * 1e3:.1f}", f"{p95 * 1e3:.1f}", f"{s[-1] * 1e3:.0f}"


def load(path: Path, limit: int | None) -> list[dict]:
    rows = [json.loads(x) for x in path.open(encoding="utf-8")]
    return rows[:limit] if limit else rows


# ---- table 1 ------------------------------------------------------------------


def run_pairs(files: dict[str, list[dict]], args) -> None:
    lines, methods, misses = [], Counter(), []
    for name, rows in files.items():
        groups: dict[str, list] = defaultdict(list)
        for row in rows:
            r, dt = timed(
                es.check,
                row["left"],
                row["right"],
                kind="pddl",
                domain=row["domain"],
                timeout=args.timeout,
            )
            rec = (row, r, dt)
            groups[name].append(rec)
            for tag in row.get("tags", ()):
                if tag.startswith("domain:"):
                    groups[f"  {tag}"].append(rec)
            methods[(r.method or "-", r.verdict.value)] += 1
            if r.verdict.value != row["expected"]:
                misses.append((name, row["id"], row["expected"], r.verdict.value, r.reason))
        for key, recs in groups.items():
            s = Score()
            for row, r, _ in recs:
                s.add(row["expected"], r.verdict.value)
            lines.append(
                [
                    key,
                    s.n,
                    f"{s.accuracy:.4f}",
                    s.false_eq,
                    s.false_neq,
                    s.unknown,
                    s.invalid,
                    *ms([dt for _, _, dt in recs]),
                ]
            )
    print("\nTable 1: labelled pairs (es.check, one thread)\n")
    print(
        table(
            [
                "file",
                "n",
                "accuracy",
                "false eq",
                "false neq",
                "unknown",
                "invalid",
                "median ms",
                "p95 ms",
                "max ms",
            ],
            lines,
            args.markdown,
        )
    )
    print("\nverdicts by method\n")
    print(
        table(
            ["method", "verdict", "n"],
            [[m, v, c] for (m, v), c in sorted(methods.items())],
            args.markdown,
        )
    )
    if args.show_misses:
        for m in misses:
            print("miss:", *m)


# ---- table 2 ------------------------------------------------------------------


def init_graphs(row: dict):
    a = PDDL.parse(row["left"], domain=row["domain"])
    b = PDDL.parse(row["right"], domain=row["domain"])
    c = _Comparison(a, b, Budget.of(None), False)
    ga = c.drawing(a, extra_names=_goal_names(a.problem)).graph()
    gb = c.drawing(b, extra_names=_goal_names(b.problem)).graph()
    return ga, gb


def integer_labels(g1, g2):
    colour, label = {}, {}
    cols = [[colour.setdefault(c, len(colour)) for c in g.colours] for g in (g1, g2)]
    edges = [[(u, v, label.setdefault(lab, len(label))) for u, v, lab in g.edges] for g in (g1, g2)]
    return cols, edges


class _Stop(Exception):
    pass


def vf2_networkx(cols, edges, seconds: float) -> str:
    import networkx as nx
    from networkx.algorithms import isomorphism as iso

    graphs = []
    for c, e in zip(cols, edges):
        g = nx.DiGraph()
        g.add_nodes_from((i, {"c": x}) for i, x in enumerate(c))
        g.add_edges_from((u, v, {"l": lab}) for u, v, lab in e)
        graphs.append(g)
    end = time.perf_counter() + seconds

    class Timed(iso.DiGraphMatcher):
        def semantic_feasibility(self, n1, n2):
            if time.perf_counter() > end:
                raise _Stop
            return super().semantic_feasibility(n1, n2)

    m = Timed(
        graphs[0],
        graphs[1],
        node_match=iso.categorical_node_match("c", None),
        edge_match=iso.categorical_edge_match("l", None),
    )
    try:
        return "iso" if m.is_isomorphic() else "not"
    except _Stop:
        return "limit"


def vf2_rustworkx(cols, edges, call_limit: int) -> str:
    import rustworkx as rx

    graphs = []
    for c, e in zip(cols, edges):
        g = rx.PyDiGraph()
        g.add_nodes_from(c)
        g.add_edges_from(e)
        graphs.append(g)
    ok = rx.is_isomorphic(
        graphs[0],
        graphs[1],
        node_matcher=lambda a, b: a == b,
        edge_matcher=lambda a, b: a == b,
        call_limit=call_limit,
    )
    return "iso" if ok else "not/limit"


def timed(f, *a, **kw):
    t = time.perf_counter()
    out = f(*a, **kw)
    return out, time.perf_counter() - t


def compare_iso(g1, g2, args) -> dict:
    r, t_es = timed(lambda: find_isomorphism(g1, g2, budget=Budget.of(args.timeout)))
    ours = {"isomorphic": "iso", "not_isomorphic": "not"}.get(r.status.value, "limit")
    cols, edges = integer_labels(g1, g2)
    nxr, t_nx = timed(vf2_networkx, cols, edges, args.vf2_timeout)
    rxr, t_rx = timed(vf2_rustworkx, cols, edges, args.rx_calls)
    return {"es": (ours, t_es), "nx": (nxr, t_nx), "rx": (rxr, t_rx)}


def run_graphs(files: dict[str, list[dict]], args) -> None:
    lines = []
    for name, rows in files.items():
        res = [compare_iso(*init_graphs(row), args) for row in rows]
        t_es = [x["es"][1] for x in res]
        for tool in ("es", "nx", "rx"):
            ts = [x[tool][1] for x in res]
            agree = sum(
                x[tool][0] == x["es"][0] or (x[tool][0] == "not/limit" and x["es"][0] == "not")
                for x in res
            )
            limit = sum(
                x[tool][0] == "limit" or (x[tool][0] == "not/limit" and x["es"][0] == "iso")
                for x in res
            )
            label = {"es": "equivsolve", "nx": "networkx VF2", "rx": "rustworkx VF2"}[tool]
            lines.append(
                [
                    name,
                    label,
                    len(res),
                    f"{sum(ts):.3f}",
                    f"{statistics.median(ts) * 1e3:.2f}",
                    f"{sum(ts) / max(sum(t_es), 1e-9):.2f}x",
                    agree,
                    limit,
                ]
            )
    print("\nTable 2: initial-state graphs, isomorphism call only\n")
    print(
        table(
            [
                "file",
                "tool",
                "pairs",
                "total s",
                "median ms",
                "time / equivsolve",
                "agree",
                "limit",
            ],
            lines,
            args.markdown,
        )
    )


# ---- table 3 ------------------------------------------------------------------


def scale_blocks(n: int, rng: random.Random):
    blocks = [f"b{i}" for i in range(n)]
    init = [("arm-empty",), *blocks_config(blocks, rng)]
    goal = [a for a in blocks_config(blocks, rng) if a[0] == "on"]
    changed = list(goal)
    i = rng.randrange(len(changed))
    x, y = changed[i][1], changed[i][2]
    z = rng.choice([b for b in blocks if b not in (x, y)])
    changed[i] = ("on", x, z)  # may clash with another goal fact: then unreachable
    return "blocksworld", [(b, "object") for b in blocks], init, goal, changed


def scale_gripper(n: int, rng: random.Random):
    balls = [f"ball{i}" for i in range(n)]
    rooms = ["rooma", "roomb"]
    objects = [(o, "object") for o in [*rooms, *balls, "left", "right"]]
    init = [("room", r) for r in rooms] + [("ball", b) for b in balls]
    init += [
        ("gripper", "left"),
        ("gripper", "right"),
        ("at-robby", "rooma"),
        ("free", "left"),
        ("free", "right"),
    ]
    init += [("at", b, rng.choice(rooms)) for b in balls]
    goal = [("at", b, rng.choice(rooms)) for b in balls]
    changed = list(goal)
    i = rng.randrange(len(goal))
    changed[i] = ("at", goal[i][1], "roomb" if goal[i][2] == "rooma" else "rooma")
    return "gripper", objects, init, goal, changed


def scale_floortile(k: int, rng: random.Random):
    tiles = [f"t{r}-{c}" for r in range(k) for c in range(k)]
    objects = [
        ("r1", "robot"),
        ("r2", "robot"),
        *((t, "tile") for t in tiles),
        ("white", "color"),
        ("black", "color"),
    ]
    init = []
    for r in range(k):
        for c in range(k):
            if r + 1 < k:
                init += [
                    ("up", f"t{r + 1}-{c}", f"t{r}-{c}"),
                    ("down", f"t{r}-{c}", f"t{r + 1}-{c}"),
                ]
            if c + 1 < k:
                init += [
                    ("right", f"t{r}-{c + 1}", f"t{r}-{c}"),
                    ("left", f"t{r}-{c}", f"t{r}-{c + 1}"),
                ]
    init += [("robot-at", "r1", "t0-0"), ("robot-at", "r2", f"t{k - 1}-{k - 1}")]
    init += [("clear", t) for t in tiles if t not in ("t0-0", f"t{k - 1}-{k - 1}")]
    init += [("robot-has", "r1", "white"), ("robot-has", "r2", "black")]
    init += [("available-color", "white"), ("available-color", "black")]
    goal = [
        ("painted", f"t{r}-{c}", "white" if (r + c) % 2 else "black")
        for r in range(1, k - 1)
        for c in range(k)
    ]
    changed = list(goal)
    i = rng.randrange(len(goal))
    changed[i] = ("painted", goal[i][1], "black" if goal[i][2] == "white" else "white")
    return "floor-tile", objects, init, goal, changed


def run_scale(args) -> None:
    rng = random.Random(args.seed)
    domains = {
        "blocksworld": (args.corpus / "domains" / "blocksworld.pddl", False),
        "gripper": (args.corpus / "domains" / "gripper.pddl", False),
        "floor-tile": (OWN_DOMAINS / "floortile.pddl", True),
    }
    cases = [(scale_blocks, n) for n in args.blocks] + [(scale_gripper, n) for n in args.balls]
    cases += [(scale_floortile, k) for k in args.grids]
    lines = []
    for make, n in cases:
        dname, objects, init, goal, changed = make(n, rng)
        path, typed = domains[dname]
        if not path.exists():
            continue
        dom = path.read_text()
        left = render(dname, "p", objects, typed, init, conj(goal))
        ro, ri, rg = renamed(objects, init, conj(goal), rng)
        right = render(dname, "q", ro, typed, ri, rg)
        co, ci, cg = renamed(objects, init, conj(changed), rng)
        wrong = render(dname, "w", co, typed, ci, cg)
        size = f"{n}x{n}" if dname == "floor-tile" else str(n)
        row = {"left": left, "right": right, "domain": dom}
        iso = compare_iso(*init_graphs(row), args)
        for other, label in ((right, "equivalent"), (wrong, "not_equivalent")):
            r, dt = timed(es.check, left, other, kind="pddl", domain=dom, timeout=args.timeout)
            lines.append(
                [
                    dname,
                    size,
                    len(objects),
                    label,
                    r.verdict.value,
                    r.method,
                    r.certified,
                    f"{dt:.2f}",
                ]
                + (
                    [
                        f"{iso['es'][1] * 1e3:.1f}",
                        f"{iso['nx'][1] * 1e3:.0f} ({iso['nx'][0]})",
                        f"{iso['rx'][1] * 1e3:.0f} ({iso['rx'][0]})",
                    ]
                    if label == "equivalent"
                    else ["", "", ""]
                )
            )
    print("\nTable 3: scale (es.check per pair; isomorphism of the initial states, ms)\n")
    print(
        table(
            [
                "domain",
                "size",
                "objects",
                "built as",
                "verdict",
                "method",
                "certified",
                "seconds",
                "iso equivsolve",
                "networkx VF2",
                "rustworkx VF2",
            ],
            lines,
            args.markdown,
        )
    )


# ---- table 4 ------------------------------------------------------------------

GOAL_FACT = re.compile(r"\([a-z-]+(?: [a-z0-9-]+)*\)")


def perturbed(problem: str, rng: random.Random, placeholder: bool) -> tuple[str, str] | None:
    """``problem`` with one goal fact dropped or one of its arguments changed
    (the errors a generated problem typically makes), and which; None when
    the goal has nothing to perturb that way."""
    at = problem.index("(:goal")
    goal = problem[at:]
    facts = GOAL_FACT.findall(goal)
    if len(facts) < 2:
        return None
    fact = rng.choice(facts)
    if placeholder and rng.random() < 1 / 3:
        # the goal's objects permuted within each name stem (ball, room, b):
        # equivalent in placeholder mode, whatever the initial state says
        names = sorted(set(re.findall(r"\b[a-z]+\d+\b", goal)))
        stems: dict[str, list[str]] = defaultdict(list)
        for name in names:
            stems[re.match(r"[a-z]+", name).group(0)].append(name)
        sigma = {}
        for group in stems.values():
            image = group[:]
            rng.shuffle(image)
            sigma.update(zip(group, image))
        moved = re.sub(r"\b[a-z]+\d+\b", lambda m: sigma.get(m.group(0), m.group(0)), goal)
        return problem[:at] + moved, "permute the goal's objects"
    if rng.random() < 0.5:
        return problem[:at] + goal.replace(fact, "", 1), "drop a goal fact"
    args = fact[1:-1].split()
    if len(args) < 3:
        return None
    k = rng.randrange(1, len(args))
    same_kind = re.match(r"[a-z]+", args[k]).group(0)
    names = sorted(set(re.findall(rf"\b{same_kind}\d+\b", problem)) - {args[k]})
    if not names:
        return None
    args[k] = rng.choice(names)
    return problem[:at] + goal.replace(fact, f"({' '.join(args)})", 1), "change an argument"


def run_perturbed(args) -> None:
    path = args.corpus / "problems.jsonl"
    if not path.exists():
        return
    rng = random.Random(args.seed)
    rows = [json.loads(line) for line in path.open()]
    rows.sort(key=lambda r: (-r["num_objects"], r["id"]))
    chosen = rows[: args.perturb // 2] + rng.sample(rows[args.perturb // 2 :], args.perturb // 2)
    domains = {
        d: (args.corpus / "domains" / f"{d}.pddl").read_text()
        for d in {r["domain"] for r in chosen}
    }
    results: dict[tuple[str, str], list] = defaultdict(list)
    for row in chosen:
        placeholder = bool(row["is_placeholder"])
        made = perturbed(row["problem_pddl"], rng, placeholder)
        if made is None:
            continue
        other, how = made
        half = "largest" if row in chosen[: args.perturb // 2] else "random"
        r, dt = timed(
            es.check,
            row["problem_pddl"],
            other,
            kind="pddl",
            domain=domains[row["domain"]],
            timeout=args.timeout,
            placeholder=placeholder,
        )
        mode = "placeholder" if placeholder else "strict"
        results[half, mode, how].append((r, dt, row["num_objects"]))
        if args.show_misses and r.verdict.value == "unknown":
            print(f"  unknown: problem {row['id']} ({mode}, {how}): {r.reason}")
    lines = []
    for (half, mode, how), got in sorted(results.items()):
        verdicts = Counter(r.verdict.value for r, _, _ in got)
        decided = [r for r, _, _ in got if r.verdict.value in ("equivalent", "not_equivalent")]
        lines.append(
            [
                half,
                mode,
                how,
                len(got),
                f"{min(n for *_, n in got)}-{max(n for *_, n in got)}",
                verdicts["equivalent"],
                verdicts["not_equivalent"],
                verdicts["unknown"],
                sum(r.certified for r in decided),
                *ms([dt for _, dt, _ in got]),
            ]
        )
    print(
        "\nTable 4: corpus problems against a copy with one goal fact dropped or changed, "
        "or the goal's objects permuted (placeholder problems; equivalent by construction) "
        f"({args.perturb // 2} largest, {args.perturb // 2} at random)\n"
    )
    print(
        table(
            [
                "problems",
                "mode",
                "perturbation",
                "n",
                "objects",
                "equivalent",
                "not eq",
                "unknown",
                "certified",
                "median ms",
                "p95 ms",
                "max ms",
            ],
            lines,
            args.markdown,
        )
    )


# ---- table 5 ------------------------------------------------------------------


def planetarium_floor(row: dict, args) -> float | None:
    """Seconds for the part of a Planetarium comparison that can be timed
    without its code: three parser constructions of the ``pddl`` package
    (Planetarium parses with a fork of it, building the parser anew each
    time), parsing the domain and both problems with them, and rustworkx's
    VF2 on the initial-state graphs alone with integer matchers (Planetarium
    runs rustworkx's VF2 on initial and goal scene graphs with Python
    matchers, after its "fully specify" step). A lower bound on its cost per
    pair; None without the ``pddl`` package, NaN when it cannot read the pair."""
    try:
        from pddl.parser.domain import DomainParser
        from pddl.parser.problem import ProblemParser
    except ImportError:
        return None
    start = time.perf_counter()
    try:
        DomainParser()(row["domain"])
        ProblemParser()(row["left"])
        ProblemParser()(row["right"])
    except Exception:  # a requirement or construct the package refuses
        return float("nan")
    parsed = time.perf_counter() - start
    cols, edges = integer_labels(*init_graphs(row))
    _, t_vf2 = timed(vf2_rustworkx, cols, edges, args.rx_calls)
    return parsed + t_vf2


def run_floor(files: dict[str, list[dict]], args) -> None:
    lines = []
    for name, rows in files.items():
        sample = rows[: args.floor_pairs]
        ours, floor = [], []
        for row in sample:
            f = planetarium_floor(row, args)
            if f is None:
                print("\n(Table 5 needs the pddl package: pip install pddl)")
                return
            if f != f:  # NaN: the pddl package cannot read the pair
                continue
            _, t = timed(es.check, row["left"], row["right"], kind="pddl", domain=row["domain"])
            ours.append(t)
            floor.append(f)
        if not ours:
            continue
        ratios = sorted(f / t for f, t in zip(floor, ours))
        lines.append(
            [
                name,
                f"{len(ours)} of {len(sample)}",
                f"{statistics.median(ours) * 1e3:.1f}",
                f"{statistics.median(floor) * 1e3:.1f}",
                f"{statistics.median(floor) / statistics.median(ours):.0f}x",
                f"{sum(floor) / sum(ours):.1f}x",
                f"{sum(r >= 10 for r in ratios)}/{len(ratios)}",
            ]
        )
    print(
        "\nTable 5: es.check per pair against a lower bound on Planetarium's cost "
        "(three pddl-package parser builds and parses, rustworkx VF2 on the initial states)\n"
    )
    print(
        table(
            [
                "file",
                "pairs read",
                "es.check median ms",
                "floor median ms",
                "ratio of medians",
                "ratio of totals",
                "pairs at 10x or more",
            ],
            lines,
            args.markdown,
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "pddl")
    ap.add_argument(
        "--only", action="append", choices=["pairs", "graphs", "scale", "perturb", "floor"]
    )
    ap.add_argument("--limit", type=int, default=None, help="rows per file")
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--vf2-timeout", type=float, default=10.0)
    ap.add_argument("--rx-calls", type=int, default=5_000_000, help="rustworkx call_limit")
    ap.add_argument("--blocks", type=int, nargs="*", default=[25, 50, 100, 200])
    ap.add_argument("--balls", type=int, nargs="*", default=[25, 50, 100, 200])
    ap.add_argument("--grids", type=int, nargs="*", default=[5, 10, 15])
    ap.add_argument("--perturb", type=int, default=200, help="corpus problems in table 4")
    ap.add_argument("--floor-pairs", type=int, default=200, help="pairs per file in table 5")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    only = set(args.only or ["pairs", "graphs", "scale", "perturb", "floor"])
    files = {}
    corpus_pairs = args.corpus / "pairs.jsonl"
    if corpus_pairs.exists():
        files["corpus pairs.jsonl"] = load(corpus_pairs, args.limit)
    else:
        print(f"(no corpus at {args.corpus}: corpus rows and the untyped domains skipped)")
    files["hard_pairs.jsonl"] = load(HARD, args.limit)
    if "pairs" in only:
        run_pairs(files, args)
    if "graphs" in only:
        run_graphs(files, args)
    if "scale" in only:
        run_scale(args)
    if "perturb" in only:
        run_perturbed(args)
    if "floor" in only:
        run_floor(files, args)


if __name__ == "__main__":
    main()
