"""Hypothesis properties of math checks: reflexive, symmetric, invariant under
consistent renaming, and counterexamples that really separate the two sides."""

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import equivsolve as es

VARS = ["x", "y", "z"]


@st.composite
def polys(draw):
    """A small polynomial as (LaTeX, SymPy) over x, y, z."""
    terms = draw(
        st.lists(
            st.tuples(st.integers(-5, 5), st.sampled_from(VARS), st.integers(0, 3)),
            min_size=1,
            max_size=4,
        )
    )
    latex = " + ".join(f"({c}){v}^{{{e}}}" for c, v, e in terms)
    expr = sum(sp.Integer(c) * sp.Symbol(v, real=True) ** e for c, v, e in terms)
    return latex, expr


def rename(text):
    return text.replace("x", "u").replace("y", "v").replace("z", "w")


@settings(max_examples=40, deadline=None)
@given(polys())
def test_reflexive(p):
    assert es.check(p[0], p[0], kind="math").verdict is es.Verdict.EQUIVALENT


@settings(max_examples=40, deadline=None)
@given(polys(), polys())
def test_symmetric_and_renaming_invariant(p, q):
    v1 = es.check(p[0], q[0], kind="math").verdict
    assert es.check(q[0], p[0], kind="math").verdict is v1
    assert es.check(rename(p[0]), rename(q[0]), kind="math").verdict is v1
    # the verdict is right: equivalent exactly when the polynomials are equal
    expected = es.Verdict.EQUIVALENT if sp.expand(p[1] - q[1]) == 0 else es.Verdict.NOT_EQUIVALENT
    assert v1 is expected


@settings(max_examples=40, deadline=None)
@given(polys(), st.integers(1, 3))
def test_counterexample_separates(p, bump):
    r = es.check(p[0], f"{p[0]} + {bump}x", kind="math")
    assert r.verdict is es.Verdict.NOT_EQUIVALENT
    point = r.certificate.get("point") if isinstance(r.certificate, dict) else None
    if point:
        subs = {sp.Symbol(k, real=True): sp.Rational(v) for k, v in point.items()}
        x = sp.Symbol("x", real=True)
        left, right = p[1].subs(subs), (p[1] + bump * x).subs(subs)
        assert left != right
