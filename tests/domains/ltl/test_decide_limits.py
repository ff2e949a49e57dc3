"""Deep inputs, time budgets and the internal re-check of counterexamples."""

from __future__ import annotations

import pytest

from equivsolve.budget import Budget, deadline
from equivsolve.domains.ltl import ast as A
from equivsolve.domains.ltl import automata
from equivsolve.domains.ltl.automata import CertificateError, equivalent, satisfiable
from equivsolve.domains.ltl.canon import atoms, canonical
from equivsolve.domains.ltl.finite import equivalent_finite, satisfiable_finite
from equivsolve.domains.ltl.trace import Lasso, holds, holds_finite
from equivsolve.errors import BudgetExceeded

from .builders import And as Conj
from .builders import F, G, Iff, Imp, Not, Or, U, X, Xn, a, b, c

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


class _CountingBudget(Budget):
    """Expires after a number of checks: the search must consult it in its loops."""

    def __init__(self, checks: int) -> None:
        super().__init__(None)
        self.left = checks

    def check(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise BudgetExceeded("timeout")


def test_search_loops_consult_the_budget() -> None:
    f = G(Imp(a, F(Conj(b, X(F(c))))))  # equivalent, so both products are explored
    g = G(Or(Not(a), F(Conj(b, X(U(Not(c), c))))))
    h = G(Or(Not(a), F(Conj(b, X(X(F(c)))))))
    with pytest.raises(BudgetExceeded):
        equivalent(f, g, budget=_CountingBudget(3))
    with pytest.raises(BudgetExceeded):
        equivalent_finite(f, g, budget=_CountingBudget(3))
    assert equivalent(f, g, budget=_CountingBudget(10_000)) is None
    assert equivalent(f, h) is not None


def test_asynchronous_deadline_leaves_a_working_store() -> None:
    pairs = [(G(F(U(a, X(b)))), G(F(U(b, a)))), (F(G(Or(a, b))), G(F(Conj(a, X(b)))))]
    for _ in range(200):  # interrupt at many different points
        try:
            with deadline(0.0005) as budget:
                # an asynchronous exception that lands where Python cannot
                # raise it (a finalizer) is lost; the budget still ends the loop
                while not budget.expired():
                    for f, g in pairs:
                        equivalent(f, g)
                        equivalent_finite(f, g)
        except BudgetExceeded:
            pass
    for f, g in pairs:
        w = equivalent(f, g)
        assert w is not None and holds(f, w) != holds(g, w)
    assert equivalent(G(F(a)), Not(F(G(Not(a))))) is None


def test_threads_have_their_own_stores() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from .test_decide import CASES

    def decide(case: tuple[str, A.Formula, A.Formula, str]) -> bool:
        return (equivalent(case[1], case[2]) is None) == (case[3] == "equivalent")

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(decide, CASES * 3))


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
