"""LP/MILP equivalence, one transformation per row, each with a near miss.

Models are written in the algebraic notation (variables are free unless
bounded) or in LP format; ``expected`` is the verdict value.
"""

import pytest

import equivsolve as es

E, N, U = "equivalent", "not_equivalent", "unknown"

BASE = "max 3x + 2y s.t. x + y <= 4, x - y >= -2, x >= 0, y >= 0"

CASES = [
    # canonical form
    ("identical", BASE, BASE, E, "canonical"),
    (
        "min-of-negation",
        BASE,
        "min -3x - 2y s.t. x + y <= 4, x - y >= -2, x >= 0, y >= 0",
        E,
        "canonical",
    ),
    (
        "objective-scaled",
        BASE,
        "max 6x + 4y s.t. x + y <= 4, x - y >= -2, x >= 0, y >= 0",
        E,
        "canonical",
    ),
    (
        "objective-constant",
        BASE,
        "max 3x + 2y + 7 s.t. x + y <= 4, x - y >= -2, x >= 0, y >= 0",
        E,
        "canonical",
    ),
    (
        "row-scaled",
        BASE,
        "max 3x + 2y s.t. 2x + 2y <= 8, x - y >= -2, x >= 0, y >= 0",
        E,
        "canonical",
    ),
    (
        "row-flipped",
        BASE,
        "max 3x + 2y s.t. -x - y >= -4, -x + y <= 2, x >= 0, y >= 0",
        E,
        "canonical",
    ),
    (
        "constant-moved",
        BASE,
        "max 3x + 2y s.t. x + y - 4 <= 0, x - y + 2 >= 0, x >= 0, y >= 0",
        E,
        "canonical",
    ),
    (
        "bound-as-row",
        "max x + y s.t. x + 2y <= 4, x <= 3, x >= 0, y >= 0",
        "max x + y s.t. x + 2y <= 4, 2x <= 6, x >= 0, y >= 0",
        E,
        "canonical",
    ),
    (
        "duplicate-row",
        BASE,
        "max 3x + 2y s.t. x + y <= 4, x + y <= 4, x - y >= -2, x >= 0, y >= 0",
        E,
        "canonical",
    ),
    (
        "redundant-looser-copy",
        BASE,
        "max 3x + 2y s.t. x + y <= 4, x + y <= 9, x - y >= -2, x >= 0, y >= 0",
        E,
        "canonical",
    ),
    # near misses of the above
    (
        "min-not-negated",
        BASE,
        "min 3x + 2y s.t. x + y <= 4, x - y >= -2, x >= 0, y >= 0",
        N,
        "minmax",
    ),
    (
        "objective-coefficient",
        BASE,
        "max 3x + 3y s.t. x + y <= 4, x - y >= -2, x >= 0, y >= 0",
        N,
        "obj",
    ),
    ("rhs", BASE, "max 3x + 2y s.t. x + y <= 5, x - y >= -2, x >= 0, y >= 0", N, "rhs"),
    ("sense", BASE, "max 3x + 2y s.t. x + y >= 4, x - y >= -2, x >= 0, y >= 0", N, "sense"),
    ("coefficient", BASE, "max 3x + 2y s.t. x + 2y <= 4, x - y >= -2, x >= 0, y >= 0", N, "coef"),
    ("bound", BASE, "max 3x + 2y s.t. x + y <= 4, x - y >= -2, x >= 1, y >= 0", N, "bound"),
    ("dropped-row", BASE, "max 3x + 2y s.t. x + y <= 4, x >= 0, y >= 0", N, "drop"),
    # renaming and reordering: structural isomorphism
    ("renamed", BASE, "max 3a + 2b s.t. a + b <= 4, a - b >= -2, a >= 0, b >= 0", E, "rename"),
    (
        "renamed-permuted",
        BASE,
        "max 2b + 3a s.t. -b + a >= -2, b + a <= 4, b >= 0, a >= 0",
        E,
        "rename",
    ),
    (
        "swapped-names",
        BASE,
        "max 3y + 2x s.t. y + x <= 4, y - x >= -2, x >= 0, y >= 0",
        E,
        "rename",
    ),
    (
        "renamed-near-miss-infeasible",
        BASE,
        "max 3a + 2b s.t. a + b <= 4, a + b >= 5, a >= 0, b >= 0",
        N,
        "rename",
    ),
    (
        "renamed-near-miss-range",
        BASE,
        "max 3a + 2b s.t. a + b <= 4, a - b >= -2, a >= 0, b >= 0, a <= 1",
        N,
        "rename",
    ),
    # integer models
    (
        "integer-bound-rounded",
        "max x + y s.t. x + 2y <= 7, 2x <= 5, x, y >= 0, x, y integer",
        "max x + y s.t. x + 2y <= 7, x <= 2, x, y >= 0, x, y integer",
        E,
        "integer",
    ),
    (
        "integer-vs-continuous",
        "max x + y s.t. x + 2y <= 7, 2x <= 5, x, y >= 0, x, y integer",
        "max x + y s.t. x + 2y <= 7, 2x <= 5, x, y >= 0",
        N,
        "integer",
    ),
    (
        "binary-as-integer",
        "max x + y s.t. x + y <= 1.5, x, y binary",
        "max x + y s.t. x + y <= 1.5, 0 <= x <= 1, 0 <= y <= 1, x, y integer",
        E,
        "integer",
    ),
    # reformulations with auxiliary variables (semantic stage, exact, Z3)
    (
        "slack-variable",
        BASE,
        "max 3x + 2y s.t. x + y + s = 4, x - y >= -2, x >= 0, y >= 0, s >= 0",
        E,
        "aux",
    ),
    (
        "surplus-variable",
        BASE,
        "max 3x + 2y s.t. x + y <= 4, x - y - t = -2, x >= 0, y >= 0, t >= 0",
        E,
        "aux",
    ),
    (
        "slack-wrong-sign",
        BASE,
        "max 3x + 2y s.t. x + y - s = 4, x - y >= -2, x >= 0, y >= 0, s >= 0",
        N,
        "aux",
    ),
    (
        "redundant-implied-row",
        BASE,
        "max 3x + 2y s.t. x + y <= 4, x - y >= -2, x <= 4, x >= 0, y >= 0, 2x + y <= 12",
        E,
        "aux",
    ),
    (
        "implied-row-not-implied",
        BASE,
        "max 3x + 2y s.t. x + y <= 4, x - y >= -2, x >= 0, y >= 0, 2x + y <= 6",
        N,
        "aux",
    ),
    (
        "same-order-on-equality",
        "min x s.t. x + 2y = 2, x >= 0, y >= 0",
        "min -y s.t. x + 2y = 2, x >= 0, y >= 0",
        E,
        "order",
    ),
    (
        "opposite-order-on-equality",
        "min x s.t. x + 2y = 2, x >= 0, y >= 0",
        "min y s.t. x + 2y = 2, x >= 0, y >= 0",
        N,
        "order",
    ),
    (
        "symmetric-model-renamed",
        "min x s.t. x + y = 1, x >= 0, y >= 0",
        "min y s.t. x + y = 1, x >= 0, y >= 0",
        E,
        "rename",
    ),
]


@pytest.mark.parametrize(
    ("left", "right", "expected"), [c[1:4] for c in CASES], ids=[c[0] for c in CASES]
)
def test_lp_cases(left, right, expected):
    r = es.check(left, right, kind="lp", timeout=30)
    assert r.verdict.value == expected, r
    if expected == E:
        assert r.certified


@pytest.mark.parametrize(
    ("left", "right", "expected"), [c[1:4] for c in CASES], ids=[c[0] for c in CASES]
)
def test_lp_cases_symmetric(left, right, expected):
    assert es.check(right, left, kind="lp", timeout=30).verdict.value == expected


def test_isomorphism_certificate_is_a_renaming():
    r = es.check(BASE, "max 2b + 3a s.t. -b + a >= -2, b + a <= 4, b >= 0, a >= 0", kind="lp")
    assert r.method == "isomorphism"
    assert r.certificate["variables"] == {"x": "a", "y": "b"}


def test_semantic_counterexample_is_feasible_in_one_side_only():
    r = es.check(BASE, "max 3x + 2y s.t. x + y <= 5, x - y >= -2, x >= 0, y >= 0", kind="lp")
    assert r.verdict is es.Verdict.NOT_EQUIVALENT
    point = {k: float(eval(v)) for k, v in r.certificate["point"].items()}  # noqa: S307 - "p/q" strings
    x, y = point["x"], point["y"]
    inside_left = x + y <= 4 and x - y >= -2 and x >= 0 and y >= 0
    inside_right = x + y <= 5 and x - y >= -2 and x >= 0 and y >= 0
    assert inside_left != inside_right


def test_renamed_near_miss_under_forced_correspondence_is_uncertified():
    r = es.check(BASE, "max 3a + 2b s.t. a + 3b <= 4, a - b >= -2, a >= 0, b >= 0", kind="lp")
    assert r.verdict is es.Verdict.NOT_EQUIVALENT
    assert not r.certified  # another correspondence is not ruled out
    assert r.certificate["variables"] == {"x": "a", "y": "b"}


def test_renamed_difference_in_an_invariant_is_certified():
    r = es.check(BASE, "max 3a + 2b s.t. a + b <= 4, a + b >= 5, a >= 0, b >= 0", kind="lp")
    assert r.verdict is es.Verdict.NOT_EQUIVALENT and r.certified and r.method == "invariant"


def test_quadratic_is_unknown():
    q = "Minimize\n obj: x + [ 2 x ^ 2 ] / 2\nSubject To\n c: x >= 1\nEnd\n"
    r = es.check(q, q + "\n", kind="lp")
    assert r.verdict in (es.Verdict.EQUIVALENT, es.Verdict.UNKNOWN)
    r = es.check(q, q.replace("x >= 1", "x >= 2"), kind="lp")
    assert r.verdict is es.Verdict.UNKNOWN and "quadratic" in r.reason


# Reformulations with auxiliary variables removed exactly (``reduce``): the
# renamed ones can only be decided that way.
AUX = "max 3x + 2y s.t. x + y <= 4, x - y >= -2, x >= 0, y >= 0"
AUX_CASES = [
    ("epigraph", "max t s.t. t <= 3x + 2y, x + y <= 4, x - y >= -2, x >= 0, y >= 0", E),
    ("epigraph-equality", "max t s.t. t = 3x + 2y, x + y <= 4, x - y >= -2, x >= 0, y >= 0", E),
    (
        "epigraph-nonnegative",
        "max t s.t. t <= 3x + 2y, t >= 0, x + y <= 4, x - y >= -2, x >= 0, y >= 0",
        E,
    ),
    (
        "epigraph-other-objective",
        "max t s.t. t <= 3x + 3y, x + y <= 4, x - y >= -2, x >= 0, y >= 0",
        N,
    ),
    (
        "epigraph-capped",
        "max t s.t. t <= 3x + 2y, t <= 5, x + y <= 4, x - y >= -2, x >= 0, y >= 0",
        U,
    ),
    ("slack-renamed", "max 3a + 2b s.t. a + b + s = 4, a - b >= -2, a >= 0, b >= 0, s >= 0", E),
    ("surplus-renamed", "max 3a + 2b s.t. a + b <= 4, a - b - s = -2, a >= 0, b >= 0, s >= 0", E),
    (
        "slack-renamed-wrong",
        "max 3a + 2b s.t. a + b + s = 5, a - b >= -2, a >= 0, b >= 0, s >= 0",
        N,
    ),
    (
        "split-x",
        "max 3xp - 3xn + 2y s.t. xp - xn + y <= 4, xp - xn - y >= -2, xp - xn >= 0, xp >= 0, xn >= 0, y >= 0",
        E,
    ),
    (
        "split-x-sum",
        "max 3x1 + 3x2 + 2y s.t. x1 + x2 + y <= 4, x1 + x2 - y >= -2, x1 >= 0, x2 >= 0, y >= 0",
        E,
    ),
    (
        "split-x-wrong",
        "max 3xp - 3xn + 2y s.t. xp - xn + y <= 4, xp - 2xn - y >= -2, xp - xn >= 0, xp >= 0, xn >= 0, y >= 0",
        E,  # with x = xp - xn: x - y >= -2 + xn, and xn = 0 is always possible
    ),
    (
        "split-x-wrong-everywhere",
        "max 3xp - 3xn + 2y s.t. xp - 2xn + y <= 4, xp - 2xn - y >= -2, xp - xn >= 0, xp >= 0, xn >= 0, y >= 0",
        N,
    ),
    ("epigraph-renamed", "max t s.t. t <= 3a + 2b, a + b <= 4, a - b >= -2, a >= 0, b >= 0", E),
    (
        "split-renamed",
        "max 3p - 3n + 2b s.t. p - n + b <= 4, p - n - b >= -2, p - n >= 0, p >= 0, n >= 0, b >= 0",
        E,
    ),
    (
        "redundant-row-with-slack",
        "max 3x + 2y s.t. x + y <= 4, x - y >= -2, x >= 0, y >= 0, x + w <= 9, w >= 0",
        E,
    ),
    ("unused-variable", "max 3x + 2y s.t. x + y <= 4, x - y >= -2, x >= 0, y >= 0, 0 <= z <= 1", E),
    # a variable in other units under a new name (x = 2 x2), and near misses
    ("rescaled", "max 6x2 + 2y s.t. 2x2 + y <= 4, 2x2 - y >= -2, x2 >= 0, y >= 0", E),
    ("rescaled-renamed", "max 6a + 4b s.t. 2a + 2b <= 4, 2a - 2b >= -2, a >= 0, b >= 0", E),
    (
        "rescaled-with-a-new-bound",
        "max 6x2 + 2y s.t. 2x2 + y <= 4, 2x2 - y >= -2, 0 <= x2 <= 1, y >= 0",
        U,
    ),
    (
        "rescaled-objective-old-units",
        "max 3x2 + 2y s.t. 2x2 + y <= 4, 2x2 - y >= -2, x2 >= 0, y >= 0",
        N,
    ),
    ("rescaled-one-row-only", "max 6x2 + 2y s.t. 2x2 + y <= 4, x2 - y >= -2, x2 >= 0, y >= 0", N),
]


@pytest.mark.parametrize(
    ("right", "expected"), [c[1:] for c in AUX_CASES], ids=[c[0] for c in AUX_CASES]
)
def test_auxiliary_variables(right, expected):
    for left, r in ((AUX, right), (right, AUX)):
        result = es.check(left, r, kind="lp", timeout=30)
        if expected == U:
            assert result.verdict.value != E, result  # never a guess
        else:
            assert result.verdict.value == expected, result
        if result.verdict.value == E:
            assert result.certified


def test_one_row_variables_of_renamed_models_are_not_projected():
    # both variables are real: projecting x out of either model would make the
    # objectives (y and 2v - 1) order alike, but the models differ
    left = "min x s.t. x - y >= 0, y >= 0, y <= 1"
    right = "min u s.t. u - 2v >= -1, v >= 0, v <= 1"
    for a, b in ((left, right), (right, left)):
        assert es.check(a, b, kind="lp", timeout=30).verdict is not es.Verdict.EQUIVALENT


def test_verdicts_without_highs(monkeypatch):
    # HiGHS only proposes points: without it, Z3 alone reaches the same verdicts
    from equivsolve.smt import highs

    monkeypatch.setattr(highs, "_highspy", None)
    assert not highs.available()
    for name, left, right, expected, _ in CASES:
        assert es.check(left, right, kind="lp", timeout=30).verdict.value == expected, name


def test_highs_point_is_exact_and_separates():
    from fractions import Fraction

    from equivsolve.smt import highs
    from equivsolve.smt import linear as L

    pytest.importorskip("highspy")
    q = Fraction
    # integer knapsack row: a point with 7x + 5y > 23 inside 7x + 5y <= 24
    system = L.LinearSystem(
        {"x": (q(0), None, True), "y": (q(0), None, True)}, (({"x": q(7), "y": q(5)}, "<=", q(24)),)
    )
    point = highs.violating_point(system, [({"x": q(7), "y": q(5)}, q(23))], seconds=5)
    assert point is not None and L.satisfies(system, point)
    assert 7 * point["x"] + 5 * point["y"] == 24
    # nothing escapes a constraint the system implies
    assert highs.violating_point(system, [({"x": q(7), "y": q(5)}, q(24))], seconds=5) is None


def test_an_incidental_shared_name_does_not_make_renamed_variables_auxiliary():
    # regression: both models shared only ``k``; projecting every other
    # variable out of both sides left two empty models, "equal"
    # (the objective uses x2, so rescaling y2 = x2 / 3 does not make them equal)
    left = "min x1 + x2 + k s.t. x1 + x2 >= 2, x1 >= 0, x2 >= 0, k = 1"
    right = "min y1 + y2 + k s.t. y1 + 3y2 >= 2, y1 >= 0, y2 >= 0, k = 1"
    for a, b in ((left, right), (right, left)):
        assert es.check(a, b, kind="lp", timeout=30).verdict is not es.Verdict.EQUIVALENT


def test_a_renamed_variable_in_other_units_is_rescaled():
    # x2 = 3 y2: the same problem in other units, with the factor in the certificate
    left = "min x1 + k s.t. x1 + x2 >= 2, x1 >= 0, x2 >= 0, k = 1"
    right = "min y1 + k s.t. y1 + 3y2 >= 2, y1 >= 0, y2 >= 0, k = 1"
    r = es.check(left, right, kind="lp", timeout=30)
    assert r.verdict is es.Verdict.EQUIVALENT and r.certified
    assert r.certificate["variables"] == {"k": "k", "x1": "y1", "x2": "y2"}
    assert r.certificate["scaled"] == {"y2": "3"}
    back = es.check(right, left, kind="lp", timeout=30)
    assert back.verdict is es.Verdict.EQUIVALENT and back.certificate["scaled"] == {"x2": "1/3"}


def test_a_contradictory_empty_row_keeps_the_model_infeasible():
    # regression: Gurobi writes an empty row as ``c2: <= -1`` (0 <= -1); canon set
    # it aside as a flag that neither the graph nor the exact stages saw
    infeasible = "Minimize\n x + y\nSubject To\n c1: x + y >= 1\n c2: <= -1\nEnd\n"
    named = "Minimize\n x + y\nSubject To\n c1: x + y >= 1\nEnd\n"
    renamed = "Minimize\n u + v\nSubject To\n c1: u + v >= 1\nEnd\n"
    for other in (named, renamed):
        for a, b in ((infeasible, other), (other, infeasible)):
            r = es.check(a, b, kind="lp", timeout=30)
            assert r.verdict is es.Verdict.NOT_EQUIVALENT and r.certified, r
    both = es.check(infeasible, infeasible.replace("x", "w"), kind="lp", timeout=30)
    assert both.verdict is es.Verdict.EQUIVALENT


def test_epigraph_with_the_default_lower_bound():
    # ``t`` gets the LP default bound t >= 0; with costs >= 0 on x, y >= 0 it
    # never binds, so t is the objective's epigraph
    left = "Minimize\n 3 x + 2 y\nSubject To\n c1: x + y >= 4\n c2: x - y <= 1\nEnd\n"
    right = (
        "Minimize\n t\nSubject To\n c1: x + y >= 4\n c2: x - y <= 1\n e: t - 3 x - 2 y >= 0\nEnd\n"
    )
    r = es.check(left, right, kind="lp", timeout=30)
    assert r.verdict is es.Verdict.EQUIVALENT and r.method == "reduction", r
    changed = es.check(left, right.replace("- 2 y", "- 3 y"), kind="lp", timeout=30)
    assert changed.verdict is es.Verdict.NOT_EQUIVALENT and changed.certified
    # a negative cost: t >= 0 can bind (the optimal t is max(0, f)), never "equivalent"
    negative = es.check(
        left.replace("3 x", "- 3 x"), right.replace("- 3 x", "+ 3 x"), kind="lp", timeout=30
    )
    assert negative.verdict is not es.Verdict.EQUIVALENT


def test_an_integer_slack_of_an_integral_row_is_projected():
    base = "max 3x + 2y s.t. 2x + 3y <= 12, x >= 0, y >= 0, x integer, y integer"
    slack = (
        "max 3x + 2y s.t. 2x + 3y + s = 12, x >= 0, y >= 0, s >= 0, x integer, y integer, s integer"
    )
    r = es.check(base, slack, kind="lp", timeout=30)
    assert r.verdict is es.Verdict.EQUIVALENT and r.method == "reduction", r
    # 2s: 12 - 2x - 3y must be even, (x, y) = (4, 1) is cut off
    even = slack.replace("+ s = 12", "+ 2s = 12")
    r = es.check(base, even, kind="lp", timeout=30)
    assert r.verdict is es.Verdict.NOT_EQUIVALENT and r.certified, r
    # the point is in the base model and cut off by the parity of 12 - 2x - 3y
    x, y = (int(r.certificate["point"][n]) for n in ("x", "y"))
    assert r.certificate["feasible_in"] == "left"
    assert x >= 0 and y >= 0 and 2 * x + 3 * y <= 12 and (12 - 2 * x - 3 * y) % 2 == 1


def test_a_fixed_variable_is_a_constant():
    # Gurobi writes an objective offset as a variable fixed at 1
    gurobi = "Minimize\n 2 x + 3 y + 7 Constant\nSubject To\n c: x + y >= 1\nBounds\n Constant = 1\nEnd\n"
    plain = "Minimize\n 2 x + 3 y\nSubject To\n c: x + y >= 1\nEnd\n"
    renamed = "Minimize\n 2 u + 3 v + 1\nSubject To\n c: u + v >= 1\nEnd\n"
    for other in (plain, renamed):
        r = es.check(gurobi, other, kind="lp", timeout=30)
        assert r.verdict is es.Verdict.EQUIVALENT and r.certified, r
    # fixed at another value inside a row: x + y >= 1 with y = 2 always holds
    fixed = "min 2x + 3y s.t. x + y >= 1, x >= 0, y = 2"
    assert es.check(fixed, "min 2x s.t. x >= 0", kind="lp").verdict is es.Verdict.EQUIVALENT
    assert es.check(fixed, "min 2x s.t. x >= 1", kind="lp").verdict is es.Verdict.NOT_EQUIVALENT


def test_models_infeasible_by_their_bounds():
    crossed = "min x + y s.t. x + y >= 1, 2 <= x <= 1, y >= 0"
    by_rows = "min x + y s.t. x + y >= 1, x - y >= 5, x + y <= 2, x >= 0, y >= 0"
    feasible = "min x + y s.t. x + y >= 1, x >= 0, y >= 0"
    r = es.check(crossed, by_rows, kind="lp", timeout=30)
    assert r.verdict is es.Verdict.EQUIVALENT and r.certified, r
    for a, b in ((crossed, feasible), (feasible, crossed)):
        r = es.check(a, b, kind="lp", timeout=30)
        assert r.verdict is es.Verdict.NOT_EQUIVALENT and r.certified, r


def test_renamed_models_are_not_reduced_to_nothing():
    # regression: w1 is fixed at 0 (so a constant), and the other model's two
    # variables were projected out as if auxiliary: both sides then named
    # nothing, and "names identify variables" held vacuously -- but w0 >= 0 is
    # a free ray here, and x0 = x1 = 0 the only point there
    left = "Maximize\n obj: 0 x0\nSubject To\n r0: - x0 - x1 >= 0\nEnd\n"
    right = "Maximize\n obj: 0 w0\nSubject To\n r0: - w1 >= 0\nEnd\n"
    for a, b in ((left, right), (right, left)):
        assert es.check(a, b, kind="lp", timeout=30).verdict is not es.Verdict.EQUIVALENT


def test_renamed_reformulation_loses_only_its_extra_variables():
    # regression: every variable of a renamed model is a candidate; after the
    # epigraph t, the equality row a + b = 4 also defined a, and the model
    # was reduced below the other's size (then nothing matched)
    left = "min 3x + 2y s.t. x + y = 4, x <= 3, y <= 3, x >= 0, y >= 0"
    right = "min t s.t. t - 3a - 2b = 0, a + b = 4, a <= 3, b <= 3, a >= 0, b >= 0"
    for one, other in ((left, right), (right, left)):
        r = es.check(one, other, kind="lp", timeout=30)
        assert r.verdict is es.Verdict.EQUIVALENT and r.method == "reduction", r
    # a Gurobi objective constant in one model only is a constant, not a variable
    gurobi = (
        "Minimize\n 3 x + 2 y + 5 Constant\nSubject To\n c: x + y = 4\nBounds\n Constant = 1\nEnd\n"
    )
    epigraph = (
        "Minimize\n t\nSubject To\n c: a + b = 4\n e: t - 3 a - 2 b = 0\nBounds\n t free\nEnd\n"
    )
    r = es.check(gurobi, epigraph, kind="lp", timeout=30)
    assert r.verdict is es.Verdict.EQUIVALENT and r.certified, r
