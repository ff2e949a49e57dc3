"""Exact elimination of auxiliary variables: the reformulations people write.

A reformulated model often carries variables the original does not have:
slack and surplus variables (``x + y + s = 4, s >= 0``), an epigraph variable
for the objective (``min t s.t. t >= c x``), a variable split into parts
(``x = xp - xn`` or ``x = x1 + x2``). Each pass below removes such a variable
and leaves a model over the remaining variables with

* the same feasible set projected onto them, and
* the objective ``F(x) = min over the removed variables`` (min form),

so the reduced model is the "same optimization problem" in the sense of the
semantic stage. Only variables the caller allows are touched (the unshared
ones; never a variable the other model names, whose values are compared):

* **no row**: a variable in no row is fixed where the objective wants it (its
  bound) or dropped when the objective ignores it;
* **one row, no objective**: ``a t + e <= b`` with ``t`` in ``[l, u]`` becomes
  ``e <= b - min(a t)`` (Fourier-Motzkin on one variable); an equality row
  with a continuous ``t`` becomes the two rows its bounds give;
* **one row, in the objective**: when the objective pushes ``t`` against the
  row (an epigraph ``min t, t >= c x`` with ``t`` free below), ``t`` is
  replaced by the row's value, which is then linear in the rest; when the
  objective pushes ``t`` against its own bound, ``t`` sits at that bound.
  A bound on the side the row pushes (``t >= c x`` and ``t >= 0``, the LP
  default) is redundant when the variables' bounds alone give ``c x >= 0``;
  where it is not, the optimal ``t`` is piecewise linear and nothing is
  removed;
* **split columns**: two variables whose columns (rows and objective) are
  equal, or negated, are one variable ``x1 + x2`` (or ``x1 - x2``) with the
  bounds of that sum (Minkowski sum of the intervals, exact for continuous
  and, for two integers, for integer variables).

Integer variables are removed only where the optimal value of the variable is
one of its (integral) bounds, which is exact for them too. Each removal is
recorded so a certificate can say what was projected out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .ast import Bound, Model, Row
from .canon import Canonical, canonicalize

Q = Fraction


@dataclass
class _Work:
    lower: dict[str, Q | None]
    upper: dict[str, Q | None]
    kind: dict[str, str]
    obj: dict[str, Q]
    rows: list[tuple[dict[str, Q], str, Q] | None]
    constant: Q = Q(0)
    notes: dict[str, str] = field(default_factory=dict)
    differences: list[str] = field(default_factory=list)

    def drop(self, name: str, why: str) -> None:
        for d in (self.lower, self.upper, self.kind, self.obj):
            d.pop(name, None)
        self.notes[name] = why


@dataclass(frozen=True)
class Reduction:
    model: Canonical
    #: removed variable -> how
    notes: dict[str, str]
    #: variables that now stand for a difference ``p - n`` (orientation guessed)
    differences: tuple[str, ...] = ()


def reduce_auxiliary(c: Canonical, allowed: set[str], limit: int | None = None) -> Reduction:
    """``c`` with the eliminable variables among ``allowed`` projected out (at
    most ``limit`` of them), and a note per removed variable; ``c`` itself
    when nothing applies.

    The most auxiliary-looking variables go first: in no row, then in one row
    and not in the objective (slack, surplus), then split parts, then the one
    variable the objective uses (an epigraph), then the rest; so when only a
    few may go (renamed models, where every variable is a candidate), those
    are the ones."""
    if c.infeasible or not allowed:
        return Reduction(c, {})
    w = _work(c)
    removed = 0
    while limit is None or removed < limit:
        if not _step(w, allowed):
            break
        removed += 1
    if not w.notes:
        return Reduction(c, {})
    kept = tuple(n for n in w.differences if n in w.kind)
    return Reduction(canonicalize(_model(w)), w.notes, kept)


def _step(w: _Work, allowed: set[str]) -> bool:
    """Remove one variable, the most auxiliary-looking first; False if none."""
    ranked: dict[int, list[tuple[str, list[int]]]] = {0: [], 1: [], 2: [], 3: []}
    in_objective = [n for n, d in w.obj.items() if d]
    columns: dict[str, list[int]] = {}
    for k, r in enumerate(w.rows):
        for n in r[0] if r is not None else ():
            columns.setdefault(n, []).append(k)
    for name in sorted(allowed & set(w.kind)):
        lo, up = w.lower[name], w.upper[name]
        if lo is not None and up is not None and lo > up:
            continue
        rows = columns.get(name, [])
        if len(rows) > 1:
            continue
        rank = 0 if not rows else 1 if not w.obj[name] else 2 if in_objective == [name] else 3
        ranked[rank].append((name, rows))
    for rank in (0, 1, "split", 2, 3):
        if rank == "split":
            if _merge_split(w, allowed):
                return True
            continue
        for name, rows in ranked[rank]:
            if _one_row(w, name, rows[0]) if rows else _no_row(w, name):
                return True
    return False


def _work(c: Canonical) -> _Work:
    return _Work(
        lower={v.name: v.lower for v in c.variables},
        upper={v.name: v.upper for v in c.variables},
        kind={v.name: v.kind for v in c.variables},
        obj={v.name: v.obj for v in c.variables},
        rows=[(dict(r.coeffs), r.sense, r.rhs) for r in c.rows],
    )


def negate(c: Canonical, names: set[str]) -> Canonical:
    """``c`` with the variables ``names`` replaced by their negations (the other
    orientation of a merged ``x = p - n``)."""
    if not names:
        return c
    w = _work(c)
    for n in names:
        w.lower[n], w.upper[n] = _neg(w.upper[n]), _neg(w.lower[n])
        w.obj[n] = -w.obj[n]
    w.rows = [
        None if r is None else ({k: -v if k in names else v for k, v in r[0].items()}, r[1], r[2])
        for r in w.rows
    ]
    return canonicalize(_model(w))


def _no_row(w: _Work, t: str) -> bool:
    d, lo, up = w.obj[t], w.lower[t], w.upper[t]
    if d == 0:
        w.drop(t, "in no row and not in the objective")
        return True
    at = lo if d > 0 else up
    if at is None:
        return False  # the objective is unbounded along t: keep it visible
    w.constant += d * at
    w.drop(t, "in no row; fixed at the bound the objective prefers")
    return True


def _one_row(w: _Work, t: str, k: int) -> bool:
    row = w.rows[k]
    assert row is not None
    coeffs, sense, b = row
    a = coeffs[t]
    e = {n: c for n, c in coeffs.items() if n != t}
    d, lo, up, continuous = w.obj[t], w.lower[t], w.upper[t], w.kind[t] == "C"
    if sense == "=":
        if not (continuous or _integral(w, e, a, b)):
            return False
        # t = (b - e) / a: substitute into the objective, its bounds become rows
        for n, c in e.items():
            w.obj[n] = w.obj.get(n, Q(0)) - d * c / a
        w.constant += d * b / a
        new = []
        for bound, is_lower in ((lo, True), (up, False)):
            if bound is None:
                continue
            # (b - e)/a >= bound  <=>  e <= b - a*bound when a > 0 (flipped when a < 0)
            flip = (a > 0) != is_lower
            s = -1 if flip else 1
            new.append(({n: s * c for n, c in e.items()}, "<=", s * (b - a * bound)))
        w.rows[k] = None
        w.rows.extend(new)
        w.drop(t, "defined by an equality row (substituted)")
        return True
    # a t + e <= b
    if d == 0:
        at = lo if a > 0 else up  # the t that makes the row easiest
        w.rows[k] = None if at is None else (e, "<=", b - a * at)
        w.drop(t, "slack/surplus of one row (projected out)")
        return True
    pushes_to_row = (d > 0) == (a < 0)
    if not pushes_to_row:
        at = lo if d > 0 else up
        if at is None:
            return False
        w.rows[k] = (e, "<=", b - a * at)
        w.constant += d * at
        w.drop(t, "at the bound the objective prefers")
        return True
    far = up if d > 0 else lo  # the bound on the side the row does not push
    near = lo if d > 0 else up
    if near is not None and not _row_passes(w, e, b - a * near):
        return False  # optimal t = max/min(bound, row): piecewise, not linear
    if not continuous:
        return False
    # epigraph: t* = (b - e) / a
    for n, c in e.items():
        w.obj[n] = w.obj.get(n, Q(0)) - d * c / a
    w.constant += d * b / a
    w.rows[k] = None if far is None else (e, "<=", b - a * far)
    w.drop(t, "epigraph of the objective (substituted)")
    return True


def _integral(w: _Work, e: dict[str, Q], a: Q, b: Q) -> bool:
    """Is ``t = (b - e) / a`` an integer whenever the rest is (an integer
    slack of a row over integers with integer coefficients)?"""
    return (b / a).denominator == 1 and all(
        w.kind[n] != "C" and (c / a).denominator == 1 for n, c in e.items()
    )


def _row_passes(w: _Work, e: dict[str, Q], level: Q) -> bool:
    """Is ``e >= level`` at every point of the variables' bounds (interval
    arithmetic, exact)? Then the row, not the bound, holds an epigraph
    variable (``min t, t >= c x, t >= 0`` with ``c x >= 0`` everywhere: the
    default lower bound 0 of an LP file is redundant)."""
    low = Q(0)
    for n, c in e.items():
        end = w.lower[n] if c > 0 else w.upper[n]
        if end is None:
            return False
        low += c * end
    return low >= level


def _merge_split(w: _Work, allowed: set[str]) -> bool:
    columns: dict[tuple, str] = {}
    for name in sorted(allowed & set(w.kind)):
        col = tuple(sorted((k, r[0][name]) for k, r in enumerate(w.rows) if r and name in r[0]))
        if not col:
            continue
        key = (w.kind[name] == "C", col, w.obj[name])
        neg = (key[0], tuple((k, -c) for k, c in col), -w.obj[name])
        for other_key, sign in ((key, 1), (neg, -1)):
            other = columns.get(other_key)
            if other is not None and other in w.kind:
                keep, gone = other, name
                if sign < 0 and _positive_part(w, name) > _positive_part(w, other):
                    keep, gone = name, other
                _merge(w, keep, gone, sign)
                return True
        columns[key] = name
    return False


def _positive_part(w: _Work, name: str) -> int:
    """Of ``x = p - n``, the positive part has more positive coefficients, most
    likely (the caller also tries the merged variable negated: ``negate``)."""
    return sum(1 for r in w.rows if r is not None and r[0].get(name, 0) > 0)


def _merge(w: _Work, keep: str, gone: str, sign: int) -> None:
    """``keep`` becomes ``keep + sign * gone``."""

    def add(x: Q | None, y: Q | None) -> Q | None:
        return None if x is None or y is None else x + y

    lo_g, up_g = (
        (w.lower[gone], w.upper[gone]) if sign > 0 else (_neg(w.upper[gone]), _neg(w.lower[gone]))
    )
    w.lower[keep] = add(w.lower[keep], lo_g)
    w.upper[keep] = add(w.upper[keep], up_g)
    if w.kind[keep] == "B":
        w.kind[keep] = "I"
    for k, r in enumerate(w.rows):
        if r is not None and gone in r[0]:
            w.rows[k] = ({n: c for n, c in r[0].items() if n != gone}, r[1], r[2])
    w.drop(gone, f"split part of {keep} ({keep} {'+' if sign > 0 else '-'} {gone})")
    if sign < 0:
        w.differences.append(keep)


def _neg(x: Q | None) -> Q | None:
    return None if x is None else -x


def _model(w: _Work) -> Model:
    names = sorted(w.kind)
    rows = tuple(
        Row(None, tuple(sorted(r[0].items())), r[1], r[2]) for r in w.rows if r is not None
    )
    return Model(
        sense="min",
        objective=tuple((n, w.obj[n]) for n in names if w.obj[n]),
        objective_constant=w.constant,
        rows=rows,
        bounds=tuple((n, Bound(w.lower[n], w.upper[n])) for n in names),
        integers=frozenset(n for n in names if w.kind[n] != "C"),
        binaries=frozenset(),
        variables=tuple(names),
    )
