"""Deep inputs, time budgets and the internal re-check of counterexamples."""

from __future__ import annotations

import pytest

from equivsolve.budget import Budget
from equivsolve.domains.ltl import ast as A
from equivsolve.domains.ltl import automata
from equivsolve.domains.ltl.automata import CertificateError, equivalent, satisfiable
from equivsolve.domains.ltl.canon import atoms, canonical
from equivsolve.domains.ltl.finite import equivalent_finite, satisfiable_finite
from equivsolve.domains.ltl.trace import Lasso, holds, holds_finite
from equivsolve.errors import BudgetExceeded

from .builders import F, G, Iff, Not, U, X, Xn, a, b

DEPTH = 5000


def _nest(step, depth: int, core: A.Formula) -> A.Formula:  # type: ignore[no-untyped-def]
    f = core
    for _ in range(depth):
        f = step(f)
    return f


DEEP = {
    "next": lambda: Xn(DEPTH, a),
    "negations": lambda: _nest(Not, DEPTH + 1, a),
    "until-right": lambda: _nest(lambda f: U(b, f), DEPTH, a),
    "until-left": lambda: _nest(lambda f: U(f, b), DEPTH, a),
    "gf-tower": lambda: _nest(lambda f: G(F(f)), DEPTH // 2, a),
    "iff": lambda: _nest(lambda f: Iff(a, f), DEPTH, b),
    "and-right": lambda: _nest(lambda f: A.And((a, f)), DEPTH, b),
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_inputs(name: str) -> None:
    f = DEEP[name]()
    assert atoms(f) <= {"a", "b"}
    canonical(f)
    canonical(f, finite=True)
    word = satisfiable(f)
    assert word is not None and holds(f, word)
    trace = satisfiable_finite(f)
    assert trace is not None and holds_finite(f, trace)
    assert equivalent(f, Not(Not(f))) is None


def test_deep_counterexample() -> None:
    word = equivalent(Xn(300, a), Xn(301, a))
    assert word is not None and len(word.prefix) + len(word.cycle) >= 300
    trace = equivalent_finite(Xn(300, a), Xn(301, a))
    assert trace is not None and len(trace) >= 301


def test_expired_budget_stops_the_search() -> None:
    f = G(F(U(a, X(b))))
    g = G(F(U(b, a)))
    with pytest.raises(BudgetExceeded):
        equivalent(f, g, budget=Budget(deadline=0.0))
    with pytest.raises(BudgetExceeded):
        equivalent_finite(f, g, budget=Budget(deadline=0.0))
    # the interrupted store was discarded: the next call starts clean and answers
    assert equivalent(f, g, budget=Budget.of(10.0)) is not None


def test_a_wrong_counterexample_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(automata, "holds", lambda f, w: True)
    with pytest.raises(CertificateError):
        equivalent(G(F(a)), F(G(a)))
    with pytest.raises(CertificateError):
        monkeypatch.setattr(automata, "holds", lambda f, w: False)
        satisfiable(F(a))


def test_lasso_text() -> None:
    w = Lasso((frozenset({"b", "a"}),), (frozenset(), frozenset({"a"})))
    assert str(w) == "a & b; cycle{{}; a}"
