"""The ``math`` kind: final answers (LaTeX or plain text) compared as mathematics."""

from .check import MATH

__all__ = ["MATH"]
