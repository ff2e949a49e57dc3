"""LP/MILP equivalence: equivsolve against the two baselines people use, in one run.

    python benchmarks/lp_vs_highs.py [--corpus DIR] [--limit N] [--scale]

Baselines, on the same labelled pairs of ``../shared/corpora/lp/dev_pairs.jsonl``:

* **HiGHS solve-and-compare**: solve both models with HiGHS (through highspy,
  built from our parser's model since HiGHS's LP reader rejects Gurobi names
  like ``x[0]``) and call them equivalent when both optimal values agree to
  1e-6 relative (or both are infeasible);
* **WL hash**: networkx's Weisfeiler-Lehman graph hash of the bipartite
  variable/constraint graph with raw coefficients, senses and right-hand sides
  as labels (the graph baseline of EquivaMap's evaluation), equal hash =
  equivalent.

Prints accuracy, wrong ``equivalent`` count, undecided count and time per pair
for each, overall and on the MILP pairs; ``--scale`` adds the scale run: a random
sparse MILP against a permuted, renamed, row-scaled copy, with time per size.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from fractions import Fraction
from pathlib import Path

import equivsolve as es
from equivsolve.domains.lp.parse import parse_model

DEFAULT = (
    Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "lp" / "dev_pairs.jsonl"
)


def highs_value(model):
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", 30.0)
    names = list(dict.fromkeys([*model.variables, *(n for n, _ in model.bounds)]))
    index = {n: i for i, n in enumerate(names)}
    bounds = dict(model.bounds)
    inf = highspy.kHighsInf
    for n in names:
        b = bounds.get(n)
        lo = 0.0 if b is None else (-inf if b.lower is None else float(b.lower))
        up = inf if b is None or b.upper is None else float(b.upper)
        if n in model.binaries:
            lo, up = max(lo, 0.0), min(up, 1.0)
        h.addVar(lo, up)
    for n, c in model.objective:
        h.changeColCost(index[n], float(c))
    for n in model.integers | model.binaries:
        h.changeColIntegrality(index[n], highspy.HighsVarType.kInteger)
    for row in model.rows:
        idx = [index[n] for n, _ in row.terms]
        val = [float(c) for _, c in row.terms]
        rhs = float(row.rhs)
        lo, up = {"<=": (-inf, rhs), ">=": (rhs, inf), "=": (rhs, rhs)}.get(
            row.sense, (rhs, float(row.range_hi or 0))
        )
        h.addRow(lo, up, len(idx), idx, val)
    if model.sense == "max":
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    if status == "Optimal":
        return ("optimal", h.getInfo().objective_function_value + float(model.objective_constant))
    return (status.lower(), None)


def highs_verdict(left: str, right: str) -> str:
    try:
        a, b = highs_value(parse_model(left)), highs_value(parse_model(right))
    except Exception:
        return "unknown"
    if a[0] == b[0] == "optimal":
        close = abs(a[1] - b[1]) <= 1e-6 * max(1.0, abs(a[1]), abs(b[1]))
        return "equivalent" if close else "not_equivalent"
    if a[0] == b[0] == "infeasible":
        return "equivalent"
    if "infeasible" in (a[0], b[0]) and a[0] != b[0]:
        return "not_equivalent"
    return "unknown"


def wl_hash(text: str) -> str:
    import networkx as nx

    m = parse_model(text)
    g = nx.Graph()
    g.add_node("obj", label=f"obj:{m.sense}")
    for n in m.variables:
        kind = "int" if n in m.integers or n in m.binaries else "cont"
        g.add_node(("v", n), label=f"var:{kind}")
    for n, c in m.objective:
        g.add_edge("obj", ("v", n), label=str(c))
    for k, row in enumerate(m.rows):
        g.add_node(("r", k), label=f"row:{row.sense}:{row.rhs}")
        for n, c in row.terms:
            g.add_edge(("r", k), ("v", n), label=str(c))
    return nx.weisfeiler_lehman_graph_hash(g, node_attr="label", edge_attr="label", iterations=3)


def wl_verdict(left: str, right: str) -> str:
    try:
        return "equivalent" if wl_hash(left) == wl_hash(right) else "not_equivalent"
    except Exception:
        return "unknown"


def ours(left: str, right: str) -> str:
    return es.check(left, right, kind="lp", timeout=20).verdict.value


def table(rows: list[dict]) -> None:
    tools = {
        "equivsolve": ours,
        "HiGHS solve+compare": highs_verdict,
        "networkx WL hash": wl_verdict,
    }
    subsets = {
        "all": rows,
        "MILP": [r for r in rows if "set:MILP" in r["tags"]],
        "REFORM": [r for r in rows if "set:REFORM" in r["tags"]],
        "RENAMED": [r for r in rows if "set:RENAMED" in r["tags"]],
    }
    results = {}
    for tool, fn in tools.items():
        out = []
        for r in rows:
            t = time.perf_counter()
            v = fn(r["left"], r["right"])
            out.append((r["id"], v, time.perf_counter() - t))
        results[tool] = {i: (v, dt) for i, v, dt in out}
    print(
        f"{'pairs':<8}{'tool':<22}{'n':>5}{'accuracy':>10}{'wrong eq':>10}{'undecided':>11}"
        f"{'median ms':>11}{'p95 ms':>9}{'total s':>9}"
    )
    for subset, rs in subsets.items():
        if not rs:
            continue
        for tool in tools:
            res = [results[tool][r["id"]] for r in rs]
            acc = sum(v == r["expected"] for (v, _), r in zip(res, rs)) / len(rs)
            wrong = sum(v == "equivalent" != r["expected"] for (v, _), r in zip(res, rs))
            und = sum(v in ("unknown", "invalid") for v, _ in res)
            times = sorted(dt * 1000 for _, dt in res)
            p95 = times[int(0.95 * (len(times) - 1))]
            print(
                f"{subset:<8}{tool:<22}{len(rs):>5}{acc:>10.3f}{wrong:>10}{und:>11}"
                f"{statistics.median(times):>11.1f}{p95:>9.1f}{sum(times) / 1000:>9.1f}"
            )
    for subset, rs in subsets.items():
        if rs:
            total = {t: sum(results[t][r["id"]][1] for r in rs) for t in tools}
            ratio = total["HiGHS solve+compare"] / total["equivsolve"]
            print(f"throughput on {subset}: equivsolve {ratio:.1f}x HiGHS solve-and-compare")


def random_milp(n_vars: int, n_rows: int, per_row: int, seed: int) -> dict:
    rng = random.Random(seed)
    rows = []
    for _ in range(n_rows):
        cols = rng.sample(range(n_vars), per_row)
        rows.append(
            (
                [(c, Fraction(rng.randint(1, 9), rng.choice((1, 2, 4, 5)))) for c in cols],
                Fraction(rng.randint(per_row, 10 * per_row)),
            )
        )
    obj = [(j, Fraction(rng.randint(-9, 9) or 1)) for j in range(n_vars)]
    ints = {j for j in range(n_vars) if rng.random() < 0.3}
    return {"n": n_vars, "rows": rows, "obj": obj, "ints": ints}


def write(model: dict, *, names: list[str], row_order: list[int], scale: list[int]) -> str:
    def term(c: Fraction, j: int) -> str:
        return f"{'-' if c < 0 else '+'} {decimal(abs(c))} {names[j]}"

    lines = ["Maximize", " obj: " + " ".join(term(c, j) for j, c in model["obj"]), "Subject To"]
    for k in row_order:
        cols, rhs = model["rows"][k]
        s = scale[k]
        lhs = " ".join(term(c * s, j) for j, c in cols)
        lines.append(f" r{k}: {lhs} <= {decimal(rhs * s)}")
    lines.append("Generals")
    lines.append(" " + " ".join(names[j] for j in sorted(model["ints"])))
    lines.append("End")
    return "\n".join(lines)


def decimal(q: Fraction) -> str:
    """A terminating fraction as an exact decimal string."""
    places = 0
    while (q * 10**places).denominator != 1:
        places += 1
    digits = str(abs(q.numerator * 10**places // q.denominator)).rjust(places + 1, "0")
    sign = "-" if q < 0 else ""
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)


def scale_run() -> None:
    print("\nscale: random sparse MILP vs a permuted, renamed, row-scaled copy")
    print(f"{'nonzeros':>9}{'vars':>8}{'rows':>8}{'parse s':>9}{'check s':>9}  verdict (method)")
    for nnz in (1_000, 10_000, 100_000):
        per_row = 10
        rows = nnz // per_row
        n = rows // 2
        model = random_milp(n, rows, per_row, seed=nnz)
        rng = random.Random(1)
        left = write(
            model,
            names=[f"x[{j}]" for j in range(n)],
            row_order=list(range(rows)),
            scale=[1] * rows,
        )
        perm = list(range(n))
        rng.shuffle(perm)
        order = list(range(rows))
        rng.shuffle(order)
        right = write(
            model,
            names=[f"y_{perm[j]}" for j in range(n)],
            row_order=order,
            scale=[rng.randint(1, 5) for _ in range(rows)],
        )
        t = time.perf_counter()
        parse_model(left)
        parse_model(right)
        tp = time.perf_counter() - t
        t = time.perf_counter()
        r = es.check(left, right, kind="lp", timeout=120)
        tc = time.perf_counter() - t
        mapped = len(r.certificate["variables"]) if isinstance(r.certificate, dict) else 0
        print(
            f"{nnz:>9}{n:>8}{rows:>8}{tp:>9.2f}{tc:>9.2f}  {r.verdict.value} ({r.method}, "
            f"{mapped} variables mapped)"
        )


def milp_pairs(models_dir: Path, seed: int = 7) -> list[dict]:
    """MILP pairs built from the corpus models: every variable made integer;
    an equivalent copy (renamed, rows and terms permuted, rows scaled and some
    flipped) and a near miss (one right-hand side changed, then renamed).

    A changed right-hand side does not always change the problem (the row may
    have a duplicate, or integrality may absorb the change), so the near miss is
    labelled by an exact Z3 comparison of the two feasible sets under the known
    correspondence, before renaming: ``not_equivalent`` only with a point
    feasible in one and not the other, ``equivalent`` when the sets are equal
    and the objective is untouched."""
    from dataclasses import replace

    from equivsolve.domains.lp.ast import Row
    from equivsolve.domains.lp.parse import write_lp

    rng = random.Random(seed)
    pairs = []
    for path in sorted(models_dir.glob("*/*.lp")):
        m = parse_model(path.read_text())
        if m.quadratic or not m.rows:
            continue
        m = replace(m, integers=frozenset(m.variables) - m.binaries)
        names = {v: f"v{k}" for k, v in enumerate(rng.sample(list(m.variables), len(m.variables)))}

        def transformed(model, near_miss: bool, names=names):
            rows = []
            for k, row in enumerate(model.rows):
                f = Fraction(rng.choice((1, 2, 4, 5)))
                flip = row.sense != "=" and rng.random() < 0.5
                sign = -1 if flip else 1
                sense = {"<=": ">=", ">=": "<="}.get(row.sense, row.sense) if flip else row.sense
                rhs = row.rhs + (1 if near_miss and k == 0 else 0)
                terms = [(n, sign * f * c) for n, c in row.terms]
                rng.shuffle(terms)
                rows.append(Row(f"r{k}", tuple(terms), sense, sign * f * rhs))
            rng.shuffle(rows)
            return write_lp(replace(model, rows=tuple(rows)), rename=lambda n: names.get(n, n))

        left = write_lp(m)
        pairs.append(
            {
                "id": f"milp-eq-{path.stem}",
                "left": left,
                "right": transformed(m, False),
                "expected": "equivalent",
                "tags": ["set:MILP"],
            }
        )
        right = transformed(m, True)
        label = _label_near_miss(m, parse_model(right), {v: k for k, v in names.items()})
        if label is not None:
            pairs.append(
                {
                    "id": f"milp-ne-{path.stem}",
                    "left": left,
                    "right": right,
                    "expected": label,
                    "tags": ["set:MILP", "near-miss"],
                }
            )
    return pairs


def _label_near_miss(base, mutated, back: dict[str, str]) -> str | None:
    """Exact label of a near miss under the known correspondence (None: undecided)."""
    from dataclasses import replace

    from equivsolve.domains.lp.ast import Row
    from equivsolve.domains.lp.canon import canonicalize
    from equivsolve.domains.lp.check import _system
    from equivsolve.smt.linear import escapes

    def named(model):
        rows = tuple(
            Row(r.name, tuple((back.get(n, n), c) for n, c in r.terms), r.sense, r.rhs, r.range_hi)
            for r in model.rows
        )
        return replace(
            model,
            rows=rows,
            objective=tuple((back.get(n, n), c) for n, c in model.objective),
            variables=tuple(back.get(n, n) for n in model.variables),
            bounds=tuple((back.get(n, n), b) for n, b in model.bounds),
            integers=frozenset(back.get(n, n) for n in model.integers),
        )

    a, b = _system(canonicalize(base)), _system(canonicalize(named(mutated)))
    shared = sorted(a.variables)
    verdicts = [escapes(x, y, shared, timeout_ms=20_000)[0] for x, y in ((a, b), (b, a))]
    if "point" in verdicts:
        return "not_equivalent"
    if verdicts == ["contained", "contained"]:
        return "equivalent"
    return None


def reformulation_pairs(models_dir: Path, seed: int = 11) -> list[dict]:
    """Reformulations with auxiliary variables built from the corpus models, each
    with a near miss, names kept (as a modeller reformulating a model would):

    * ``slack``: every ``<=``/``>=`` row becomes an equality with a slack or
      surplus variable; near miss: the first slack with the wrong sign;
    * ``epigraph``: the objective moved into a free variable ``t`` and one row;
      near miss: one objective coefficient changed in that row;
    * ``split``: one variable written as ``p - n`` (both >= 0, plus the row
      ``p - n >= 0`` for its old bound); near miss: a coefficient of ``n`` off.

    Near misses are labelled by the exact comparison of projected feasible sets
    (Z3) over the original variables, or by the objective change itself."""
    from dataclasses import replace

    from equivsolve.domains.lp.ast import Bound, Row
    from equivsolve.domains.lp.parse import write_lp

    rng = random.Random(seed)
    pairs = []
    for path in sorted(models_dir.glob("*/*.lp")):
        m = parse_model(path.read_text())
        if m.quadratic or not m.rows or not m.objective:
            continue
        base = write_lp(m)
        free = dict(m.bounds)

        def add(tag: str, model, expected: str, stem=path.stem, base=base) -> None:
            pairs.append(
                {
                    "id": f"reform-{tag}-{stem}",
                    "left": base,
                    "right": write_lp(model),
                    "expected": expected,
                    "tags": ["set:REFORM", tag],
                }
            )

        # slack / surplus
        rows, extra = [], []
        for k, row in enumerate(m.rows):
            if row.sense in ("<=", ">="):
                s = f"slack_{k}"
                sign = 1 if row.sense == "<=" else -1
                rows.append(Row(row.name, (*row.terms, (s, Fraction(sign))), "=", row.rhs))
                extra.append(s)
            else:
                rows.append(row)
        if extra:
            slack = replace(m, rows=tuple(rows), variables=(*m.variables, *extra))
            add("slack", slack, "equivalent")
            k0 = next(k for k, r in enumerate(m.rows) if r.sense in ("<=", ">="))
            r0 = rows[k0]
            wrong = (*r0.terms[:-1], (r0.terms[-1][0], -r0.terms[-1][1]))
            bad = replace(slack, rows=(*rows[:k0], replace(r0, terms=wrong), *rows[k0 + 1 :]))
            label = _label_projection(m, bad)
            if label:
                add("slack-near-miss", bad, label)
        # epigraph of the objective
        t = "epi_t"
        epi_row = Row(
            "epigraph",
            ((t, Fraction(1)), *((n, -c) for n, c in m.objective)),
            "=",
            m.objective_constant,
        )
        epi = replace(
            m,
            objective=((t, Fraction(1)),),
            objective_constant=Fraction(0),
            rows=(*m.rows, epi_row),
            bounds=(*m.bounds, (t, Bound(None, None))),
            variables=(*m.variables, t),
        )
        add("epigraph", epi, "equivalent")
        j = rng.randrange(len(m.objective))
        terms = list(epi_row.terms)
        terms[j + 1] = (terms[j + 1][0], terms[j + 1][1] * 2)
        mutated = replace(epi, rows=(*m.rows, replace(epi_row, terms=tuple(terms))))
        label = _label_order(m, {n: -c for n, c in terms[1:]})
        if label:
            add("epigraph-near-miss", mutated, label)
        # split variable
        cands = [
            v
            for v in m.variables
            if free.get(v, Bound()).lower == 0
            and v not in m.integers | m.binaries
            and free.get(v, Bound()).upper is None
        ]
        if cands:
            v = rng.choice(cands)
            p_, n_ = f"{v}_pos", f"{v}_neg"

            def split_terms(terms, neg=Fraction(-1), v=v, p_=p_, n_=n_):
                out = []
                for name, c in terms:
                    out += [(p_, c), (n_, neg * c)] if name == v else [(name, c)]
                return tuple(out)

            split_rows = tuple(replace(r, terms=split_terms(r.terms)) for r in m.rows)
            keep = Row("split_sign", ((p_, Fraction(1)), (n_, Fraction(-1))), ">=", Fraction(0))
            variables = tuple(x for x in m.variables if x != v) + (p_, n_)
            split = replace(
                m,
                objective=split_terms(m.objective),
                rows=(*split_rows, keep),
                bounds=tuple((x, b) for x, b in m.bounds if x != v),
                variables=variables,
            )
            add("split", split, "equivalent")
            off = tuple(replace(r, terms=split_terms(r.terms, Fraction(-2))) for r in m.rows)
            bad = replace(split, rows=(*off, keep))
            label = _label_projection(m, bad, split_of=(v, p_, n_))
            if label:
                add("split-near-miss", bad, label)
        # the epigraph variable with the LP default bound t >= 0
        default = replace(epi, bounds=m.bounds)
        label = _label_default_epigraph(m)
        if label:
            add("epigraph-default", default, label)
        # a continuous variable in other units under a new name (x = k x')
        scalable = [v for v in m.variables if v not in m.integers | m.binaries]
        if scalable:
            v = rng.choice(scalable)
            k = Fraction(rng.choice((2, 5, 10, 100)))
            add("rescale", _rescale(m, v, f"{v}_scaled", k), "equivalent")
            # near miss: the objective coefficient left in the old units, which
            # in the original variable is the coefficient divided by k (labelled
            # by the exact objective-order query: on a lower-dimensional
            # feasible set it may not change the problem)
            bad = _rescale(m, v, f"{v}_scaled", k, objective=False)
            if any(n == v for n, _ in m.objective):
                f = {n: c / k if n == v else c for n, c in m.objective}
                label = _label_order(m, f)
                if label:
                    add("rescale-near-miss", bad, label)
        # a valid redundant row: the sum of two inequality rows of one sense
        ineq = [r for r in m.rows if r.sense in ("<=", ">=")]
        pairs_of = [(r, q) for r in ineq for q in ineq if r is not q and r.sense == q.sense]
        if pairs_of:
            r, q = rng.choice(pairs_of)
            terms = tuple((n, c) for n, c in r.terms) + tuple((n, c) for n, c in q.terms)
            implied = Row("implied", terms, r.sense, r.rhs + q.rhs)
            add("redundant-row", replace(m, rows=(*m.rows, implied)), "equivalent")
            # near miss: the sum's right-hand side tightened by 10%
            delta = abs(r.rhs + q.rhs) / 10 or Fraction(1)
            tighter = (r.rhs + q.rhs) + (-delta if r.sense == "<=" else delta)
            bad = replace(m, rows=(*m.rows, replace(implied, rhs=tighter)))
            label = _label_projection(m, bad)
            if label:
                add("redundant-row-near-miss", bad, label)
    return pairs


def renamed_pairs(pairs: list[dict], seed: int = 3, share: float = 0.35) -> list[dict]:
    """A share of the reformulation pairs with every variable of the right
    model renamed (``w0``, ``w1``, ...): the reformulation and the renaming
    at once. Renaming does not change a label."""
    from equivsolve.domains.lp.parse import write_lp

    rng = random.Random(seed)
    out = []
    for r in pairs:
        if rng.random() > share:
            continue
        m = parse_model(r["right"])
        order = rng.sample(list(m.variables), len(m.variables))
        names = {v: f"w{k}" for k, v in enumerate(order)}
        tags = [t for t in r["tags"] if t != "set:REFORM"]
        out.append(
            {
                **r,
                "id": r["id"].replace("reform-", "renamed-", 1),
                "right": write_lp(m, rename=lambda n, names=names: names.get(n, n)),
                "tags": ["set:RENAMED", *tags],
            }
        )
    return out


def _rescale(m, v: str, new: str, k: Fraction, *, objective: bool = True):
    """``m`` with ``v = k * new`` substituted everywhere (or not in the
    objective: the near miss)."""
    from dataclasses import replace

    from equivsolve.domains.lp.ast import Bound

    def sub(terms, on=True):
        return tuple(
            (new, c * k) if n == v and on else (new, c) if n == v else (n, c) for n, c in terms
        )

    bounds = dict(m.bounds)
    b = bounds.pop(v, Bound())
    scaled = Bound(
        None if b.lower is None else b.lower / k, None if b.upper is None else b.upper / k
    )
    return replace(
        m,
        objective=sub(m.objective, objective),
        rows=tuple(replace(r, terms=sub(r.terms)) for r in m.rows),
        bounds=(*bounds.items(), (new, scaled)),
        variables=tuple(new if n == v else n for n in m.variables),
    )


def _label_default_epigraph(base) -> str | None:
    """The epigraph row is an equality ``t = f(x)``, so the default bound
    ``t >= 0`` adds ``f(x) >= 0``: the same problem exactly when ``f >= 0``
    on the whole feasible set, i.e. its minimum there is >= 0 (Z3, exact; an
    infeasible model stays the same problem)."""
    from equivsolve.domains.lp.canon import canonicalize
    from equivsolve.domains.lp.check import _system
    from equivsolve.smt.linear import optimum

    system = _system(canonicalize(base))
    f = {n: c for n, c in base.objective if n in system.variables}
    fixed = {n: b.lower for n, b in base.bounds if b.lower is not None and b.lower == b.upper}
    offset = base.objective_constant + sum(c * fixed.get(n, 0) for n, c in base.objective)
    kind, low = optimum(system, maximize=False, timeout_ms=20_000, objective=f)
    if kind == "infeasible" or (kind == "value" and low + offset >= 0):
        return "equivalent"
    return "not_equivalent" if kind in ("value", "unbounded") else None


def _label_order(base, objective) -> str | None:
    """Does ``objective`` order the base model's feasible points differently
    from the base's own objective (exact, Z3)? ``not_equivalent`` if so; a
    change that keeps the order (the feasible set may be lower-dimensional) is
    ``equivalent``."""
    from equivsolve.domains.lp.canon import canonicalize
    from equivsolve.domains.lp.check import _system
    from equivsolve.smt.linear import LinearSystem, order_differs

    a = _system(canonicalize(base))
    sign = 1 if base.sense == "min" else -1
    b = LinearSystem(
        a.variables,
        a.rows,
        {n: sign * c for n, c in objective.items() if c and n in a.variables},
    )
    verdict, _ = order_differs(a, b, timeout_ms=20_000)
    return {"point": "not_equivalent", "same": "equivalent"}.get(verdict)


def _label_projection(base, other, split_of=None) -> str | None:
    """``not_equivalent`` when a point of one model, projected on the base's
    variables (with ``v = p - n`` for a split), is outside the other's
    projection; ``equivalent``-looking near misses are left out (None)."""
    from equivsolve.domains.lp.ast import Row
    from equivsolve.domains.lp.canon import canonicalize
    from equivsolve.domains.lp.check import _system
    from equivsolve.smt.linear import escapes

    if split_of is not None:
        v, p_, n_ = split_of
        link = Row(
            "link", ((v, Fraction(1)), (p_, Fraction(-1)), (n_, Fraction(1))), "=", Fraction(0)
        )
        from dataclasses import replace

        from equivsolve.domains.lp.ast import Bound

        other = replace(
            other,
            rows=(*other.rows, link),
            bounds=(*other.bounds, (v, Bound(None, None))),
            variables=(*other.variables, v),
        )
    a, b = _system(canonicalize(base)), _system(canonicalize(other))
    shared = sorted(set(a.variables) & set(b.variables))
    verdicts = [escapes(x, y, shared, timeout_ms=20_000)[0] for x, y in ((a, b), (b, a))]
    return "not_equivalent" if "point" in verdicts else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--scale", action="store_true")
    ap.add_argument(
        "--milp",
        action="store_true",
        help="add MILP pairs built from the corpus models (see milp_pairs)",
    )
    ap.add_argument(
        "--reform",
        action="store_true",
        help="add reformulation pairs with auxiliary variables (see reformulation_pairs), "
        "and a renamed copy of a third of them (renamed_pairs)",
    )
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]
    if args.limit:
        rows = rows[: args.limit]
    if args.milp:
        rows += milp_pairs(args.corpus.parent / "models")
    if args.reform:
        reform = reformulation_pairs(args.corpus.parent / "models")
        rows += reform + renamed_pairs(reform)
    table(rows)
    if args.scale:
        scale_run()


if __name__ == "__main__":
    main()
