"""Comparing a parsed model with a compact expectation (the case tables' format).

An expectation is a dict with any of these keys:

* ``sense``: "min" / "max"; ``objective``: {var: coef}; ``constant``; ``objective_name``
* ``rows``: [(name, {var: coef}, sense, rhs) or (name, {...}, "range", lo, hi)]
* ``bounds``: {var: (lower, upper)} -- only these variables are checked; ``None`` is infinite
* ``no_bounds``: [var, ...] -- variables with no written bounds (LP default)
* ``integers`` / ``binaries`` / ``semis``: sets; ``variables``: the ordered tuple
* ``quadratic``: bool

Numbers may be given as ints or strings (``"1e-3"``); they become ``Fraction``.
"""

from __future__ import annotations

from fractions import Fraction


def F(x) -> Fraction | None:
    return None if x is None else Fraction(x)


def _terms(d: dict) -> tuple:
    return tuple((k, F(v)) for k, v in d.items())


def assert_model(m, exp: dict) -> None:
    if "sense" in exp:
        assert m.sense == exp["sense"]
    if "objective" in exp:
        assert m.objective == _terms(exp["objective"]), m.objective
    if "constant" in exp:
        assert m.objective_constant == F(exp["constant"])
    if "objective_name" in exp:
        assert m.objective_name == exp["objective_name"]
    if "rows" in exp:
        got = []
        for r in m.rows:
            item = (r.name, r.terms, r.sense, r.rhs) + ((r.range_hi,) if r.sense == "range" else ())
            got.append(item)
        want = [
            (r[0], _terms(r[1]), r[2], F(r[3])) + ((F(r[4]),) if r[2] == "range" else ())
            for r in exp["rows"]
        ]
        assert got == want, f"\n got: {got}\nwant: {want}"
    bounds = dict(m.bounds)
    for var, (lo, hi) in exp.get("bounds", {}).items():
        assert var in bounds, f"no bounds for {var}: {bounds}"
        assert (bounds[var].lower, bounds[var].upper) == (F(lo), F(hi)), (var, bounds[var])
    for var in exp.get("no_bounds", ()):
        assert var not in bounds, (var, bounds[var])
    for key, attr in (
        ("integers", "integers"),
        ("binaries", "binaries"),
        ("semis", "semicontinuous"),
    ):
        if key in exp:
            assert getattr(m, attr) == frozenset(exp[key]), getattr(m, attr)
    if "variables" in exp:
        assert m.variables == tuple(exp["variables"])
    if "quadratic" in exp:
        assert m.quadratic == exp["quadratic"]
