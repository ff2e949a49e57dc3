"""equivsolve: are these two things the same?

Formal and symbolic equivalence for math answers, LP/MILP models, LTL formulas
and PDDL problems, with honest verdicts::

    >>> import equivsolve as es
    >>> es.check(r"\\frac{1}{2}", "0.5", kind="math").verdict.value
    'equivalent'
"""

from .api import check, group, parse
from .errors import BudgetExceeded, EquivsolveError, IllFormedError, ParseError, UnsupportedError
from .result import CheckResult, Grouping, Verdict

__version__ = "0.1.0"

__all__ = [
    "check",
    "parse",
    "group",
    "Verdict",
    "CheckResult",
    "Grouping",
    "EquivsolveError",
    "ParseError",
    "IllFormedError",
    "UnsupportedError",
    "BudgetExceeded",
]
