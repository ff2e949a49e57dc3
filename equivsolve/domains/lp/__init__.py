"""The ``lp`` kind: LP/MILP models (LP files, MPS, algebraic notation) compared as
optimization problems."""

from .check import LP

__all__ = ["LP"]
