"""The ``ltl`` kind: LTL and LTLf formula equivalence and equivalence voting."""
