"""Time the LP readers on a generated model with 10^5 nonzeros (not a test).

    python tests/domains/lp/bench_parse.py [NONZEROS]

Writes a Gurobi-style LP file (names like ``x[12,7]``, wrapped rows) and the
same model as free MPS, then prints the parse time of each (best of 3, after
one warm-up parse that also builds the cached grammar).
"""

from __future__ import annotations

import random
import sys
import time

from equivsolve.domains.lp.parse import parse_lp, parse_mps, write_lp


def lp_text(nonzeros: int, per_row: int = 100, seed: int = 0) -> str:
    rng = random.Random(seed)
    rows = nonzeros // per_row
    n_vars = max(per_row, rows)
    out = ["\\ generated", "Minimize"]
    out.append(
        " obj: " + " + ".join(f"{rng.uniform(1, 99)!r} x[{j},{j % 7}]" for j in range(n_vars))
    )
    out.append("Subject To")
    for i in range(rows):
        cols = rng.sample(range(n_vars), per_row)
        terms = [f"{rng.uniform(-9, 9)!r} x[{j},{j % 7}]" for j in cols]
        body = " + ".join(terms).replace("+ -", "- ")
        out.append(f" c[{i}]: {body} <= {rng.uniform(0, 1000)!r}")
    out.append("Bounds")
    out += [f" x[{j},{j % 7}] <= {rng.randint(1, 50)}" for j in range(0, n_vars, 3)]
    out.append("End")
    return "\n".join(out) + "\n"


def mps_text(text: str) -> str:
    m = parse_lp(text)
    cols: dict[str, list[tuple[str, str]]] = {v: [] for v in m.variables}
    for v, c in m.objective:
        cols[v].append(("obj", str(float(c))))
    for i, r in enumerate(m.rows):
        for v, c in r.terms:
            cols[v].append((f"c{i}", str(float(c))))
    out = ["NAME bench", "ROWS", " N obj"] + [f" L c{i}" for i in range(len(m.rows))]
    out.append("COLUMNS")
    for v, entries in cols.items():
        name = v.replace("[", "_").replace("]", "").replace(",", "_")
        out += [f" {name} {row} {val}" for row, val in entries]
    out.append("RHS")
    out += [f" rhs c{i} {float(r.rhs)}" for i, r in enumerate(m.rows)]
    out.append("ENDATA")
    return "\n".join(out) + "\n"


def best(fn, text: str, repeat: int = 3) -> float:
    fn(text)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    nonzeros = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    text = lp_text(nonzeros)
    m = parse_lp(text)
    nnz = sum(len(r.terms) for r in m.rows)
    print(
        f"model: {len(m.variables)} variables, {len(m.rows)} rows, {nnz} nonzeros, {len(text) / 1e6:.1f} MB LP"
    )
    print(f"LP file  parse: {best(parse_lp, text):.2f} s")
    print(f"MPS free parse: {best(parse_mps, mps_text(text)):.2f} s")
    print(f"write_lp      : {best(lambda s: write_lp(m), ''):.2f} s")


if __name__ == "__main__":
    main()
