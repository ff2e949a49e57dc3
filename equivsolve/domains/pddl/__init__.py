"""The ``pddl`` kind: PDDL problems compared under a domain."""

from .check import PDDL

__all__ = ["PDDL"]
