"""Structural equivalence up to renaming and reordering: labelled digraph isomorphism.

The graph kinds (LP/MILP models, PDDL problems) build a :class:`Graph` for each
side and ask :func:`find_isomorphism` for a witness mapping, after cheap tests:
:func:`certificate` (an invariant for bucketing: equal for isomorphic graphs)
and :func:`sd_condition` (ORGEval's sufficient condition).

    >>> from equivsolve.graph import Graph, find_isomorphism
    >>> g = Graph(["x", "y", "y"], [(0, 1, 2), (0, 2, 3)])
    >>> r = find_isomorphism(g, g.relabel([2, 0, 1]))
    >>> r.status.value, r.mapping
    ('isomorphic', (2, 0, 1))
"""

from .core import Graph, stable_key
from .iso import IsoResult, IsoStatus, Result, find_isomorphism, sd_condition, verify_mapping
from .refine import Certificate, Refinement, certificate, refine

__all__ = [
    "Graph",
    "stable_key",
    "refine",
    "Refinement",
    "certificate",
    "Certificate",
    "find_isomorphism",
    "sd_condition",
    "verify_mapping",
    "IsoResult",
    "IsoStatus",
    "Result",
]
