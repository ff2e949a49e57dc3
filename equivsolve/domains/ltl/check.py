"""Deciding whether two LTL (or LTLf) formulas are equivalent.

Cheapest first:

1. ``canonical`` — equal canonical forms (``canon``: negation normal form,
   sorted n-ary ``&``/``|``, constant folding, sound simplification rules);
2. ``automaton`` — complete: ``f`` and ``g`` are equivalent iff ``f & !g`` and
   ``!f & g`` are both unsatisfiable, decided by a tableau translation to
   generalized Büchi automata with an on-the-fly emptiness check
   (``automata``), or on finite traces by a breadth-first search of the LTLf
   tableau (``finite``). A difference comes with a word — a lasso
   ``prefix; cycle`` or a finite trace — on which exactly one side holds,
   re-checked by the independent evaluator (``trace``) before it is reported.

Options: ``finite=True`` for LTLf (finite, non-empty traces; ``X`` strong,
``N`` weak); ``syntax="spin"`` to read Spin's syntax. A budget that runs out
gives ``unknown`` ("timeout").
"""

from __future__ import annotations

from typing import Any

from ...budget import Budget
from ...result import CheckResult, Verdict
from .. import choice, flag, register
from . import ast as A
from .automata import equivalent
from .canon import atoms, canonical
from .finite import equivalent_finite
from .parse import parse_formula, to_text
from .trace import Lasso, fingerprint, holds, holds_finite, sample_words


def _letter(letter: frozenset[str], names: list[str]) -> str:
    """A letter as Spot prints one: ``a & !b`` (``1`` when there are no atoms)."""
    if not names:
        return "1"
    return " & ".join(n if n in letter else f"!{n}" for n in names)


class LTLDomain:
    kind = "ltl"
    options = {"finite": flag, "syntax": choice("spot", "spin")}

    def parse(self, text: str, **options: Any) -> A.Formula:
        return parse_formula(text, syntax=options.get("syntax", "spot"))

    def signature(self, item: A.Formula, **options: Any) -> Any:
        """Truth values on fixed sample words (finite traces in LTLf mode):
        equal for equivalent formulas, whatever atoms they mention."""
        if not options.get("finite"):
            return fingerprint(item)
        words = sample_words(atoms(item))
        return tuple(holds_finite(item, w.prefix + w.cycle) for w in words)

    def render(self, item: A.Formula) -> str:
        return to_text(canonical(item), infinite=True)

    def check(
        self, left: A.Formula, right: A.Formula, *, budget: Budget, **options: Any
    ) -> CheckResult:
        finite = bool(options.get("finite"))
        if canonical(left, finite=finite) == canonical(right, finite=finite):
            return CheckResult(Verdict.EQUIVALENT, True, "canonical")
        budget.check()
        names = sorted(atoms(left) | atoms(right))
        if finite:
            trace = equivalent_finite(left, right, budget=budget)
            if trace is None:
                return CheckResult(Verdict.EQUIVALENT, True, "automaton")
            side = "left" if holds_finite(left, trace) else "right"
            cert = {"trace": [_letter(x, names) for x in trace], "holds_in": side}
            return CheckResult(Verdict.NOT_EQUIVALENT, True, "automaton", certificate=cert)
        word = equivalent(left, right, budget=budget)
        if word is None:
            return CheckResult(Verdict.EQUIVALENT, True, "automaton")
        return CheckResult(
            Verdict.NOT_EQUIVALENT, True, "automaton", certificate=_word(word, left, names)
        )


def _word(word: Lasso, left: A.Formula, names: list[str]) -> dict[str, Any]:
    return {
        "prefix": [_letter(x, names) for x in word.prefix],
        "cycle": [_letter(x, names) for x in word.cycle],
        "holds_in": "left" if holds(left, word) else "right",
    }


LTL = register(LTLDomain())
