"""Exact and high-precision numeric helpers for the math checker.

SymPy evaluation that never raises (``evaluate``), the decimal rounding policy
(``rounds_to``), truth values of relations at exact points, and the probe
points that decide equality of finite unions of intervals.
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from ...errors import UnsupportedError


def evaluate(e: sp.Expr, digits: int) -> Any:
    try:
        v = sp.N(e, digits)
    except Exception:
        return None
    if not v.is_number or v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    try:
        re_, im_ = v.as_real_imag()
        return (
            sp.Float(re_, digits) + sp.I * sp.Float(im_, digits)
            if im_ != 0
            else sp.Float(re_, digits)
        )
    except Exception:
        return None


def exact_text(e: sp.Expr) -> str:
    """Exact text for small values, 15 significant digits for huge ones."""
    if e.is_Rational and max(abs(e.p), e.q).bit_length() > 200:
        return approx_text(e)
    return str(e)


def approx_text(v: Any) -> str:
    return str(sp.N(v, 15))


def rounds_to(dec: sp.Expr, places: int | None, other: sp.Expr, approx: Any, min_sig: int) -> bool:
    """Is the decimal ``dec`` (written with ``places`` decimals) a rounding or
    truncation of the value ``other`` (``approx`` is its high-precision value)?
    Exact arithmetic when ``other`` is rational: the boundaries matter."""
    if places is None or not dec.is_Rational or approx is None or not approx.is_real:
        return False
    if dec == 0 or significant_digits(dec, places) < min_sig:
        return False
    ulp = sp.Rational(1, 10**places)
    diff = (other if other.is_Rational else sp.Float(approx, 60)) - dec
    if abs(diff) <= ulp / 2:
        return True
    if significant_digits(dec, places) >= 15 and abs(diff) <= 2 * ulp:
        return True  # a machine float printed in full (1.4142135623730951): its last digit is noise
    # truncation toward zero: |dec| <= |other| < |dec| + ulp, same sign
    return bool((dec > 0 and 0 <= diff < ulp) or (dec < 0 and -ulp < diff <= 0))


def significant_digits(dec: sp.Rational, places: int) -> int:
    digits = str(abs(dec.p) * 10**places // dec.q).lstrip("0")
    return len(digits)


def is_small(e: sp.Expr) -> bool:
    return sp.count_ops(e, visual=False) < 400


def interpret_unknown_functions(e: sp.Expr) -> sp.Expr:
    """Replace unknown functions f(x), g(a, b) by fixed concrete polynomials.

    Two expressions that differ under one interpretation of f differ as
    expressions in f, so a point found this way is a valid counterexample;
    agreement under it is only evidence, and never certified.
    """
    if not e.atoms(AppliedUndef):
        return e

    def concrete(app: Any) -> sp.Expr:
        seed = sum(ord(ch) for ch in app.func.__name__)
        out = sp.Rational(seed % 7 + 1, 3)
        for k, arg in enumerate(app.args):
            out += sp.Rational((seed + k) % 5 + 2, k + 2) * arg + sp.Rational(k + 1, 7) * arg**2
        return out

    return e.replace(lambda a: isinstance(a, AppliedUndef), concrete)


def has_unevaluable(e: sp.Expr) -> bool:
    return bool(e.atoms(AppliedUndef)) or e.has(sp.Sum, sp.Product)


def free_symbols_of(*conds: Any) -> set[sp.Symbol]:
    out: set[sp.Symbol] = set()
    for c in conds:
        out |= getattr(c, "free_symbols", set())
    return out


def as_bool(v: Any) -> bool | None:
    """SymPy's true/false as a Python bool; None when it stayed symbolic."""
    return True if v is sp.true else False if v is sp.false else None


def truth_at(cond: Any, point: dict[sp.Symbol, sp.Rational]) -> bool | None:
    try:
        v = cond.xreplace(point) if hasattr(cond, "xreplace") else cond
        return as_bool(sp.simplify(v) if not isinstance(v, sp.logic.boolalg.BooleanAtom) else v)
    except Exception:
        return None


def equations_proportional(c1: Any, c2: Any) -> bool:
    """Two polynomial equations whose sides differ by a constant nonzero factor."""
    if not (isinstance(c1, sp.Eq) and isinstance(c2, sp.Eq)):
        return False
    e1, e2 = c1.lhs - c1.rhs, c2.lhs - c2.rhs
    if e2 == 0 or not (is_small(e1) and is_small(e2)):
        return False
    try:
        r = sp.cancel(e1 / e2)
    except Exception:
        return False
    return r.is_number and r != 0 and r.is_finite


def sign(d: sp.Expr) -> int | None:
    """The sign of a real constant: exact for rationals, else from SymPy's
    adaptive-precision evaluation (trusted only when it reports precision);
    None when neither decides (a zero that is not written as zero)."""
    if d.is_Rational:
        return int(bool(d > 0)) - int(bool(d < 0))
    if d.is_infinite:
        return 1 if d.is_extended_positive else -1 if d.is_extended_negative else None
    try:
        v = d.evalf(20, maxn=4000)
    except Exception:
        return None
    if not v.is_Float or getattr(v, "_prec", 0) < 20:
        return None
    return (1 if v > 0 else -1) if v != 0 else None


def contains(s: sp.Set, p: sp.Expr) -> bool | None:
    """Is the constant ``p`` in ``s``? Intervals, unions and finite sets of
    constants are decided by signs (never by SymPy's assumption system, which
    can spend minutes on a number such as ``2^{1/2^{1000}}``)."""
    try:
        if isinstance(s, sp.Interval) and p.is_number:
            lo, hi = sign(p - s.start), sign(s.end - p)
            if lo is not None and hi is not None:
                return (lo > 0 or (lo == 0 and not s.left_open)) and (
                    hi > 0 or (hi == 0 and not s.right_open)
                )
        elif isinstance(s, sp.Union):
            parts = [contains(a, p) for a in s.args]
            if any(parts):
                return True
            if all(x is False for x in parts):
                return False
        elif isinstance(s, sp.FiniteSet) and p.is_number and all(e.is_number for e in s.args):
            signs = [sign(p - e) for e in s.args]
            if 0 in signs:
                return True
            if all(x is not None for x in signs):
                return False
        return as_bool(s.contains(p))
    except Exception:
        return None


def probe_points(s1: sp.Set, s2: sp.Set) -> list[sp.Expr]:
    """Boundary points of both sets, a point inside each gap between them, and
    points beyond the ends: membership is constant between boundaries of
    finite unions of intervals, so these points decide equality."""
    bounds: list[sp.Expr] = []
    for s in (s1, s2):
        try:
            b = s.boundary
        except Exception as exc:
            raise UnsupportedError("set without a computable boundary") from exc
        if not isinstance(b, sp.FiniteSet):
            if b == sp.S.EmptySet:
                continue
            raise UnsupportedError("set boundary is not a finite set of points")
        bounds.extend(p for p in b.args if p.is_finite)
    uniq: list[tuple[Any, sp.Expr]] = []
    for p in bounds:
        v = evaluate(p, 30)
        if v is None or not v.is_real:
            raise UnsupportedError("set with non-real endpoints")
        uniq.append((v, p))
    uniq.sort(key=lambda t: t[0])
    points: list[sp.Expr] = []
    if not uniq:
        return [sp.Integer(0)]
    points.append(sp.floor(uniq[0][0]) - 1)
    for k, (v, p) in enumerate(uniq):
        points.append(p)
        if k + 1 < len(uniq) and uniq[k + 1][0] - v > sp.Float(1e-25):
            points.append(sp.nsimplify((v + uniq[k + 1][0]) / 2, rational=True))
    points.append(sp.ceiling(uniq[-1][0]) + 1)
    return points
