"""The batch runner: JSON Lines in, one result row per input row out.

Rows run in reusable worker processes (or as Ray tasks) with a hard per-row
time limit, so a row that hangs inside a C call or crashes its process becomes
an ``unknown`` row instead of stopping the batch. See ``docs/cli.md``.
"""

from .batch import DEFAULT_GRACE, ENGINES, run_batch
from .progress import BatchSummary, ProgressBar
from .ray_engine import EngineUnavailableError
from .rows import Task

__all__ = [
    "run_batch",
    "BatchSummary",
    "ProgressBar",
    "EngineUnavailableError",
    "Task",
    "ENGINES",
    "DEFAULT_GRACE",
]
