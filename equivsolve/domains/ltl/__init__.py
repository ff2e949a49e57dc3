"""The ``ltl`` kind: LTL and LTLf formula equivalence and equivalence voting."""

from .check import LTL

__all__ = ["LTL"]
