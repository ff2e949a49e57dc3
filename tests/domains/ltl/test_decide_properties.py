"""Hypothesis properties of the LTL canonical form and decision procedures.

Random formulas over three atoms and every operator; random lasso words and
finite traces for the independent evaluator:

(a) ``canonical`` is idempotent (both semantics);
(b) ``canonical(f)`` is equivalent to ``f``: by our procedure, and by evaluation
    on random words;
(c) ``equivalent`` is symmetric and reflexive, and its counterexamples separate
    the two formulas;
(d) a claimed equivalence is never refuted by a random word nor by the fixed
    words of ``fingerprint``; a satisfying witness satisfies; an unsatisfiable
    formula holds on no random word.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from equivsolve.domains.ltl import ast as A
from equivsolve.domains.ltl.automata import equivalent, satisfiable
from equivsolve.domains.ltl.canon import canonical
from equivsolve.domains.ltl.finite import equivalent_finite, satisfiable_finite
from equivsolve.domains.ltl.trace import Lasso, fingerprint, holds, holds_finite

SETTINGS = {"deadline": None, "max_examples": 120}
NAMES = ("a", "b", "c")


def formulas(finite: bool = False) -> st.SearchStrategy[A.Formula]:
    leaves = st.one_of(
        st.sampled_from(NAMES).map(A.Atom),
        st.sampled_from((A.TRUE, A.FALSE)),
    )
    unary_ops = ("X", "N", "F", "G") if finite else ("X", "F", "G")

    def extend(sub: st.SearchStrategy[A.Formula]) -> st.SearchStrategy[A.Formula]:
        pair = st.tuples(sub, sub)
        return st.one_of(
            sub.map(A.Not),
            st.lists(sub, min_size=2, max_size=3).map(lambda xs: A.And(tuple(xs))),
            st.lists(sub, min_size=2, max_size=3).map(lambda xs: A.Or(tuple(xs))),
            st.builds(A.Unary, st.sampled_from(unary_ops), sub),
            st.builds(A.Binary, st.sampled_from(("U", "R", "W", "M")), sub, sub),
            pair.map(lambda p: A.Implies(*p)),
            pair.map(lambda p: A.Iff(*p)),
            pair.map(lambda p: A.Xor(*p)),
        )

    return st.recursive(leaves, extend, max_leaves=9)


letters = st.frozensets(st.sampled_from(NAMES))
lassos = st.builds(
    Lasso,
    st.lists(letters, max_size=3).map(tuple),
    st.lists(letters, min_size=1, max_size=3).map(tuple),
)
traces = st.lists(letters, min_size=1, max_size=5).map(tuple)


@settings(**SETTINGS)
@given(formulas(), st.lists(lassos, min_size=3, max_size=3))
def test_canonical_idempotent_and_meaning_preserving(f: A.Formula, words: list[Lasso]) -> None:
    c = canonical(f)
    assert canonical(c) == c
    assert equivalent(f, c) is None
    for w in words:
        assert holds(f, w) == holds(c, w)


@settings(**SETTINGS)
@given(formulas(finite=True), st.lists(traces, min_size=3, max_size=3))
def test_canonical_finite(f: A.Formula, ts: list[tuple[frozenset[str], ...]]) -> None:
    c = canonical(f, finite=True)
    assert canonical(c, finite=True) == c
    assert equivalent_finite(f, c) is None
    for t in ts:
        assert holds_finite(f, t) == holds_finite(c, t)


@settings(**SETTINGS)
@given(formulas(), formulas(), st.lists(lassos, min_size=4, max_size=4))
def test_equivalent_symmetric_and_separating(
    f: A.Formula, g: A.Formula, words: list[Lasso]
) -> None:
    assert equivalent(f, f) is None
    fg, gf = equivalent(f, g), equivalent(g, f)
    assert (fg is None) == (gf is None)
    for w in (fg, gf):
        if w is not None:
            assert holds(f, w) != holds(g, w)
    if fg is None:
        for w in words:
            assert holds(f, w) == holds(g, w)
        assert fingerprint(f) == fingerprint(g)


@settings(**SETTINGS)
@given(formulas(), st.lists(lassos, min_size=4, max_size=4))
def test_satisfiable(f: A.Formula, words: list[Lasso]) -> None:
    w = satisfiable(f)
    if w is None:
        assert not any(holds(f, x) for x in words)
    else:
        assert holds(f, w)


@settings(**SETTINGS)
@given(formulas(finite=True), formulas(finite=True), st.lists(traces, min_size=4, max_size=4))
def test_finite_procedures(
    f: A.Formula, g: A.Formula, ts: list[tuple[frozenset[str], ...]]
) -> None:
    w = satisfiable_finite(f)
    if w is None:
        assert not any(holds_finite(f, t) for t in ts)
    else:
        assert holds_finite(f, w)
        # shortest: no shorter trace among the random ones satisfies f
        assert not any(holds_finite(f, t) for t in ts if len(t) < len(w))
    fg, gf = equivalent_finite(f, g), equivalent_finite(g, f)
    assert (fg is None) == (gf is None)
    if fg is None:
        assert all(holds_finite(f, t) == holds_finite(g, t) for t in ts)
    else:
        assert holds_finite(f, fg) != holds_finite(g, fg)
