"""Differential comparison with HiGHS's own readers (``highspy``, an optional test dependency).

``highs_lp`` skips the calling test when ``highspy`` is not installed.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from equivsolve.domains.lp.ast import Model

_BRACKETS = re.compile(r"(?<=[A-Za-z0-9_])\[([^\[\]\s]*)\]")
_SENSES = re.compile(r"(?<![<>=])(=<|=>|<|>)(?![<>=])")


def sanitize(name: str) -> str:
    return _BRACKETS.sub(lambda m: "_" + m.group(1).replace(",", "_") + "_", name)


def for_highs(text: str) -> str:
    text = sanitize(text)
    return _SENSES.sub(lambda m: "<=" if m.group(1) in ("<", "=<") else ">=", text)


def highs_lp(tmp_path: Path, text: str, suffix: str, **options):
    """HiGHS's ``HighsLp`` for ``text`` (written to a file with ``suffix``)."""
    highspy = pytest.importorskip("highspy")
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    for key, value in options.items():
        h.setOptionValue(key, value)
    path = tmp_path / f"model{suffix}"
    path.write_text(text)
    status = h.readModel(str(path))
    assert status in (highspy.HighsStatus.kOk, highspy.HighsStatus.kWarning), status
    return h.getLp(), highspy


def _close(a: float, b: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def compare(m: Model, lp, highspy, rename=sanitize) -> None:
    """Our model against HiGHS's ``HighsLp``, as floats within 1e-9 relative."""
    cols = {rename(v): j for j, v in enumerate(m.variables)}
    assert sorted(lp.col_names_) == sorted(cols)
    hcol = {n: j for j, n in enumerate(lp.col_names_)}
    want_sense = highspy.ObjSense.kMaximize if m.sense == "max" else highspy.ObjSense.kMinimize
    assert lp.sense_ == want_sense
    assert _close(lp.offset_, float(m.objective_constant))
    cost = dict.fromkeys(cols, 0.0) | {rename(v): float(c) for v, c in m.objective}
    bounds = dict(m.bounds)
    integer = {rename(v) for v in m.integers | m.binaries}
    for v, name in ((v, rename(v)) for v in m.variables):
        j = hcol[name]
        assert _close(lp.col_cost_[j], cost[name]), name
        b = bounds.get(v)
        lo = 0.0 if b is None else -math.inf if b.lower is None else float(b.lower)
        hi = math.inf if b is None or b.upper is None else float(b.upper)
        assert _close(lp.col_lower_[j], lo) and _close(lp.col_upper_[j], hi), (name, lo, hi)
        if len(lp.integrality_):
            is_int = lp.integrality_[j] == highspy.HighsVarType.kInteger
            assert is_int == (name in integer), name
    assert len(lp.row_names_) == len(m.rows)
    a = lp.a_matrix_
    assert a.format_ == highspy.MatrixFormat.kColwise
    theirs = {}
    for j in range(lp.num_col_):
        for k in range(a.start_[j], a.start_[j + 1]):
            theirs[(a.index_[k], lp.col_names_[j])] = a.value_[k]
    ours = {}
    for i, row in enumerate(m.rows):
        lo, hi = {
            "<=": (-math.inf, float(row.rhs)),
            ">=": (float(row.rhs), math.inf),
            "=": (float(row.rhs), float(row.rhs)),
            "range": (float(row.rhs), float(row.range_hi or 0)),
        }[row.sense]
        assert _close(lp.row_lower_[i], lo) and _close(lp.row_upper_[i], hi), (row.name, lo, hi)
        for v, c in row.terms:
            if c:
                ours[(i, rename(v))] = float(c)
    theirs = {k: v for k, v in theirs.items() if v}
    assert ours.keys() == theirs.keys()
    assert all(_close(ours[k], theirs[k]) for k in ours)
