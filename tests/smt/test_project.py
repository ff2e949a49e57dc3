"""Fourier-Motzkin projection (``linear.project``) keeps exactly the points
that extend to the eliminated variables: checked against an independent
exact query (Z3 with the kept values fixed) on random small systems."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from equivsolve.smt import linear as L

Q = Fraction
NAMES = ["x", "y", "s", "t"]


@st.composite
def systems(draw):
    variables = {}
    for n in NAMES:
        lo = draw(st.one_of(st.none(), st.integers(-3, 3).map(Q)))
        up = draw(st.one_of(st.none(), st.integers(-3, 6).map(Q)))
        variables[n] = (lo, up, False)
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        cols = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
        coeffs = {n: Q(draw(st.integers(-4, 4).filter(bool))) for n in cols}
        rows.append((coeffs, draw(st.sampled_from(["<=", "="])), Q(draw(st.integers(-5, 8)))))
    return L.LinearSystem(variables, tuple(rows))


@settings(max_examples=60, deadline=None)
@given(systems(), st.lists(st.fractions(-4, 4, max_denominator=3), min_size=2, max_size=2))
def test_projection_keeps_exactly_the_extendable_points(system, values):
    projected = L.project(system, ["x", "y"])
    assert projected is not None
    assert set(projected.variables) == {"x", "y"}
    point = dict(zip(["x", "y"], values))
    extends = L.is_feasible_point(system, point, timeout_ms=10_000)
    assert extends is not None
    assert L.is_feasible_point(projected, point, timeout_ms=10_000) is extends


def test_integer_variables_are_not_eliminated():
    system = L.LinearSystem({"x": (Q(0), None, False), "k": (Q(0), None, True)}, ())
    assert L.project(system, ["x"]) is None


def test_too_many_rows_is_refused():
    # 6 upper and 6 lower bounds on t: 36 combined rows
    rows = tuple(({"t": Q(1), f"a{i}": Q(1)}, "<=", Q(i)) for i in range(6))
    rows += tuple(({"t": Q(-1), f"b{i}": Q(1)}, "<=", Q(i)) for i in range(6))
    names = {n for r in rows for n in r[0]}
    system = L.LinearSystem({n: (None, None, False) for n in names}, rows)
    assert L.project(system, names - {"t"}, max_rows=20) is None
    full = L.project(system, names - {"t"})
    assert full is not None and len(full.rows) == 36


def test_implied_constraints_are_proved_exactly():
    import pytest

    pytest.importorskip("highspy")
    from equivsolve.smt import highs

    third = Q(1, 3)
    system = L.LinearSystem(
        {"x": (Q(0), None, False), "y": (Q(0), None, True)},
        (({"x": Q(3), "y": Q(1)}, "<=", Q(4)), ({"x": Q(-1), "y": Q(3)}, "<=", Q(2))),
    )
    # 3x + y <= 4 and -x + 3y <= 2 give 10y <= 10 (times 1 and 3) and x <= 4/3
    assert highs.implied(system, [({"y": Q(1)}, Q(1)), ({"x": Q(1)}, 4 * third)], seconds=5)
    # a bound that is not implied, and one only just violated
    assert not highs.implied(system, [({"y": Q(1)}, Q(9, 10))], seconds=5)
    assert not highs.implied(system, [({"x": Q(1)}, 4 * third - Q(1, 10**6))], seconds=5)
    # an infeasible system implies anything (proved from the Farkas ray)
    empty = L.LinearSystem(system.variables, (*system.rows, ({"x": Q(1)}, "<=", Q(-1))))
    assert highs.implied(empty, [({"y": Q(1)}, Q(-100))], seconds=5)
