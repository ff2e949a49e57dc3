"""Hypothesis properties of ``equivsolve.check(a, b, kind="math")``.

A small generator builds math answers as trees and renders each one three
ways: LaTeX (``\\frac{1}{2}``, ``\\sqrt{3}``, ``x^{2}``), plain text (``1/2``,
``sqrt(3)``, ``x^2``) and a SymPy string, so every claim is checked against an
independent evaluation:

(a) reflexive, and indifferent to notation (LaTeX vs plain of one tree);
(b) symmetric;
(c) invariant under consistent renaming of the variables (x, y, z -> u, v, w);
(d) a NOT_EQUIVALENT certificate point really separates the two sides;
(e) changing one integer by +1 is never EQUIVALENT when SymPy shows the
    meaning changed (solution sets for equations and inequalities: variables
    are real); likewise for decimals under the documented rounding policy.

Certificate contract (math, NOT_EQUIVALENT with free variables):
``{"point": {"x": "3/7", ...}, "left": <value>, "right": <value>}``, point values
parseable by ``sympy.sympify``.
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

import equivsolve as es
from equivsolve import Verdict

VARS = ("x", "y", "z")
RENAME = {"x": "u", "y": "v", "z": "w"}
SAME = {v: v for v in VARS}
Node = tuple  # ("int", n) | ("frac", p, q) | ("dec", s) | ("sqrt", n) | ("var", v) | ...

# ------------------------------------------------------------------ generators


def numbers() -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(lambda n: ("int", n), st.integers(0, 20)),
        st.builds(lambda p, q: ("frac", p, q), st.integers(1, 12), st.integers(2, 9)),
        # decimals >= 1 with at most two places: no rounding policy can blur them
        st.builds(
            lambda w, f: ("dec", f"{w}.{f}"),
            st.integers(1, 9),
            st.sampled_from(["5", "25", "75", "2", "05"]),
        ),
        st.builds(lambda n: ("sqrt", n), st.integers(2, 20)),
    )


def expressions(variables: tuple[str, ...] = VARS, numeric: bool = False):
    leaves = (
        numbers()
        if numeric
        else st.one_of(numbers(), st.sampled_from(variables).map(lambda v: ("var", v)))
    )

    def extend(sub: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
        ops = [
            st.builds(lambda a: ("neg", a), sub),
            st.builds(lambda a, b: ("add", a, b), sub, sub),
            st.builds(lambda a, b: ("sub", a, b), sub, sub),
            st.builds(lambda a, b: ("mul", a, b), sub, sub),
        ]
        if not numeric:
            base = st.one_of(
                st.sampled_from(variables).map(lambda v: ("var", v)),
                st.builds(lambda a, b: ("add", a, b), sub, sub),
            )
            ops.append(st.builds(lambda b, k: ("pow", b, k), base, st.integers(2, 3)))
        return st.one_of(*ops)

    return st.recursive(leaves, extend, max_leaves=5)


def polynomial(var: str):
    """c0 + c1 v + c2 v^2 with some terms: for equations and inequalities."""
    coeff = st.one_of(
        st.builds(lambda n: ("int", n), st.integers(1, 9)),
        st.builds(lambda p, q: ("frac", p, q), st.integers(1, 9), st.integers(2, 5)),
    )
    term = st.one_of(
        coeff,
        st.builds(lambda c: ("mul", c, ("var", var)), coeff),
        st.builds(lambda c, k: ("mul", c, ("pow", ("var", var), k)), coeff, st.just(2)),
        st.just(("var", var)),
    )

    def combine(terms: list[Node], signs: list[bool]) -> Node:
        out = terms[0]
        for t, plus in zip(terms[1:], signs):
            out = ("add" if plus else "sub", out, t)
        return out

    return st.builds(
        combine,
        st.lists(term, min_size=1, max_size=3),
        st.lists(st.booleans(), min_size=2, max_size=2),
    )


@st.composite
def relations(draw) -> Node:
    """A univariate polynomial equation or inequality (the variable on the left)."""
    var = draw(st.sampled_from(VARS))
    lhs = draw(polynomial(var))
    if var not in free_vars(lhs):
        lhs = ("add", ("var", var), lhs)
    rhs = draw(st.one_of(polynomial(var), numbers()))
    return ("rel", draw(st.sampled_from(["=", "<", "<=", ">", ">="])), lhs, rhs)


@st.composite
def intervals(draw) -> Node:
    lo = draw(st.integers(-9, 19))
    hi = lo + draw(st.integers(1, 10))

    def end(v: int) -> Node:
        return ("int", v) if v >= 0 else ("neg", ("int", -v))

    left = ("ninf",) if draw(st.integers(0, 5)) == 0 else end(lo)
    right = ("inf",) if draw(st.integers(0, 5)) == 0 else end(hi)
    lopen = left == ("ninf",) or draw(st.booleans())
    ropen = right == ("inf",) or draw(st.booleans())
    return ("interval", left, right, lopen, ropen)


#: answer shapes; two answers drawn from one entry are comparable
SHAPES = {
    "expression": expressions().map(lambda e: ("expr", e)),
    "number": expressions(numeric=True).map(lambda e: ("expr", e)),
    "set": st.lists(expressions(numeric=True), min_size=1, max_size=3).map(lambda xs: ("set", *xs)),
    # three entries: a pair of numbers would also read as an open interval
    "tuple": st.lists(expressions(), min_size=3, max_size=3).map(lambda xs: ("tuple", *xs)),
    "interval": intervals(),
    "relation": relations(),
}
#: the shapes whose answers have variables, so a certificate can carry a point
WITH_VARIABLES = ("expression", "tuple", "relation")
answers = st.one_of(*SHAPES.values())
#: "latex-lr" writes its parentheses as \\left( ... \\right)
styles = st.sampled_from(["latex", "latex-lr", "plain"])


# ------------------------------------------------------------------ rendering

LATEX_OPS = {"=": "=", "<": "<", "<=": r"\le", ">": ">", ">=": r"\ge"}
SYMPY_OPS = {"=": "Eq", "<": "Lt", "<=": "Le", ">": "Gt", ">=": "Ge"}


def render(node: Node, style: str, names: dict[str, str] = SAME) -> str:
    """The answer as a user would write it, in LaTeX or plain text."""
    latex = style.startswith("latex")
    tag = node[0]
    r = lambda n: render(n, style, names)  # noqa: E731
    if tag == "int":
        return str(node[1])
    if tag == "frac":
        return rf"\frac{{{node[1]}}}{{{node[2]}}}" if latex else f"{node[1]}/{node[2]}"
    if tag == "dec":
        return node[1]
    if tag == "sqrt":
        return rf"\sqrt{{{node[1]}}}" if latex else f"sqrt({node[1]})"
    if tag == "var":
        return names[node[1]]
    if tag == "neg":
        return "-" + paren(node[1], style, names, ("add", "sub", "neg"))
    if tag == "add":
        return f"{r(node[1])} + {paren(node[2], style, names, ('neg',))}"
    if tag == "sub":
        return f"{r(node[1])} - {paren(node[2], style, names, ('add', 'sub', 'neg'))}"
    if tag == "mul":
        a = paren(node[1], style, names, ("add", "sub"))
        b = paren(node[2], style, names, ("add", "sub", "neg"))
        if node[1][0] in ("int", "dec") and juxtaposable(node[2]):
            return f"{a}{b}"
        return f"{a} \\cdot {b}" if latex else f"{a}*{b}"
    if tag == "pow":
        base = paren(node[1], style, names, ("add", "sub", "neg"))
        return f"{base}^{{{node[2]}}}" if latex else f"{base}^{node[2]}"
    if tag == "expr":
        return r(node[1])
    if tag == "set":
        inner = ", ".join(r(x) for x in node[1:])
        return rf"\{{{inner}\}}" if latex else f"{{{inner}}}"
    if tag == "tuple":
        return "(" + ", ".join(r(x) for x in node[1:]) + ")"
    if tag == "interval":
        _, lo, hi, lopen, ropen = node
        return f"{'(' if lopen else '['}{r(lo)}, {r(hi)}{')' if ropen else ']'}"
    if tag in ("inf", "ninf"):
        sign = "-" if tag == "ninf" else ""
        return sign + (r"\infty" if latex else "infinity")
    if tag == "rel":
        op = LATEX_OPS[node[1]] if latex else node[1]
        return f"{r(node[2])} {op} {r(node[3])}"
    raise AssertionError(node)


def paren(node: Node, style: str, names: dict[str, str], tags: tuple[str, ...]) -> str:
    text = render(node, style, names)
    if node[0] not in tags:
        return text
    return rf"\left({text}\right)" if style == "latex-lr" else f"({text})"


def juxtaposable(node: Node) -> bool:
    """``2x``, ``2x^{2}``, ``2\\sqrt{3}``: never a number after a number (``2 1/2``)."""
    if node[0] in ("var", "sqrt"):
        return True
    return node[0] == "pow" and node[1][0] == "var"


def sympy_text(node: Node) -> str:
    """The same tree as a SymPy string, for an independent evaluation."""
    tag = node[0]
    s = sympy_text
    simple = {
        "int": lambda: str(node[1]),
        "frac": lambda: f"Rational({node[1]}, {node[2]})",
        "dec": lambda: f"Rational('{node[1]}')",
        "sqrt": lambda: f"sqrt({node[1]})",
        "var": lambda: f"Symbol('{node[1]}', real=True)",
        "neg": lambda: f"-({s(node[1])})",
        "add": lambda: f"({s(node[1])}) + ({s(node[2])})",
        "sub": lambda: f"({s(node[1])}) - ({s(node[2])})",
        "mul": lambda: f"({s(node[1])})*({s(node[2])})",
        "pow": lambda: f"({s(node[1])})**{node[2]}",
        "expr": lambda: s(node[1]),
        "set": lambda: "FiniteSet(" + ", ".join(s(x) for x in node[1:]) + ")",
        "tuple": lambda: "Tuple(" + ", ".join(s(x) for x in node[1:]) + ")",
        "inf": lambda: "oo",
        "ninf": lambda: "-oo",
    }
    if tag in simple:
        return simple[tag]()
    if tag == "interval":
        _, lo, hi, lopen, ropen = node
        return f"Interval({s(lo)}, {s(hi)}, {lopen}, {ropen})"
    if tag == "rel":
        return f"{SYMPY_OPS[node[1]]}({s(node[2])}, {s(node[3])})"
    raise AssertionError(node)


def to_sympy(node: Node) -> Any:
    return sp.sympify(sympy_text(node), rational=True)


def free_vars(node: Node) -> set[str]:
    if node[0] == "var":
        return {node[1]}
    return set().union(*(free_vars(c) for c in node[1:] if isinstance(c, tuple)))


# ------------------------------------------------------------------ perturbation


def slots(node: Node) -> int:
    """How many integers in ``node`` can be bumped by +1."""
    own = {"int": 1, "frac": 2, "sqrt": 1, "pow": 1}.get(node[0], 0)
    return own + sum(slots(c) for c in node[1:] if isinstance(c, tuple))


def bump(node: Node, k: int) -> tuple[Node, int]:
    """Add 1 to the k-th bumpable integer; returns (new node, k left over)."""
    tag = node[0]
    if tag == "int":
        return (("int", node[1] + 1), -1) if k == 0 else (node, k - 1)
    if tag == "sqrt":
        return (("sqrt", node[1] + 1), -1) if k == 0 else (node, k - 1)
    if tag == "frac":
        if k < 2:
            p, q = node[1:]
            return (("frac", p + 1, q) if k == 0 else ("frac", p, q + 1)), -1
        return node, k - 2
    out = [tag]
    for child in node[1:]:
        if k >= 0 and isinstance(child, tuple):
            child, k = bump(child, k)
        out.append(child)
    if tag == "pow" and k >= 0:
        if k == 0:
            out[2] += 1
        k -= 1
    return tuple(out), k


# ------------------------------------------------------------------ oracle

TOL = sp.Rational(1, 10**20)


def numerically_different(a: Any, b: Any) -> bool | None:
    """True/False when the two SymPy values surely differ/agree; None when unsure."""
    if isinstance(a, (bool, sp.logic.boolalg.BooleanAtom)) or isinstance(
        b, (bool, sp.logic.boolalg.BooleanAtom)
    ):
        return bool(a) != bool(b)
    if isinstance(a, sp.Tuple) and isinstance(b, sp.Tuple):
        if len(a) != len(b):
            return True
        parts = [numerically_different(x, y) for x, y in zip(a, b)]
        return True if any(parts) else (None if None in parts else False)
    if isinstance(a, sp.Set) and isinstance(b, sp.Set):
        return sets_different(a, b)
    diff = sp.expand(a - b)
    if diff == 0:
        return False
    if diff.free_symbols:
        return True  # a nonzero polynomial (our trees have no division by variables)
    return bool(abs(sp.N(diff, 40)) > TOL)


def sets_different(a: sp.Set, b: sp.Set) -> bool | None:
    if isinstance(a, sp.FiniteSet) and isinstance(b, sp.FiniteSet):

        def values(s: sp.FiniteSet) -> set[float]:  # numbers only in our sets
            return {round(float(sp.N(x, 30)), 12) for x in s}

        return values(a) != values(b)
    try:
        empty = a.symmetric_difference(b).is_empty
    except Exception:  # noqa: BLE001 - SymPy could not decide: no claim
        return None
    return None if empty is None else not empty


def meaning_differs(a: Node, b: Node) -> bool | None:
    """Independent SymPy judgement of whether answers ``a`` and ``b`` differ."""
    if a[0] == "rel":
        variables = free_vars(a) | free_vars(b)
        if len(variables) != 1:
            return None  # x < 2 vs y < 2: a naming question, not one of meaning
        (var,) = variables
        sym = sp.Symbol(var, real=True)
        try:
            sa = sp.solveset(to_sympy(a), sym, sp.S.Reals)
            sb = sp.solveset(to_sympy(b), sym, sp.S.Reals)
        except Exception:  # noqa: BLE001
            return None
        return sets_different(sa, sb)
    return numerically_different(to_sympy(a), to_sympy(b))


# ------------------------------------------------------------------ helpers


def check(a: str, b: str) -> es.CheckResult:
    return es.check(a, b, kind="math")


def show(r: es.CheckResult) -> str:
    return f"{r.verdict.value} method={r.method} reason={r.reason} certificate={r.certificate}"


SETTINGS = dict(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)


# ------------------------------------------------------------------ (a) reflexive


@settings(max_examples=80, **SETTINGS)
@given(answers, styles)
def test_reflexive(answer, style):
    text = render(answer, style)
    r = check(text, text)
    assert r.verdict is Verdict.EQUIVALENT, f"{text!r} vs itself: {show(r)}"


@settings(max_examples=60, **SETTINGS)
@given(answers)
def test_latex_and_plain_notation_of_one_answer_are_equivalent(answer):
    latex, plain = render(answer, "latex"), render(answer, "plain")
    r = check(latex, plain)
    assert r.verdict is Verdict.EQUIVALENT, f"{latex!r} vs {plain!r}: {show(r)}"


# ------------------------------------------------------------------ (b) symmetric


@st.composite
def pairs(draw, shapes=tuple(SHAPES), ways=("independent", "bumped", "restyled")):
    """Two answers of one shape: independent, one integer bumped, or one tree
    rendered twice; each side in LaTeX or plain notation."""
    shape = draw(st.sampled_from(shapes))
    a = draw(SHAPES[shape])
    way = draw(st.sampled_from(ways))
    if way == "bumped" and slots(a):
        b, _ = bump(a, draw(st.integers(0, slots(a) - 1)))
    elif way == "restyled":
        b = a
    else:
        b = draw(SHAPES[shape])
    return a, b, draw(styles), draw(styles)


@settings(max_examples=60, **SETTINGS)
@given(pairs())
def test_symmetric(pair):
    a, b, sa, sb = pair
    left, right = render(a, sa), render(b, sb)
    forward, backward = check(left, right), check(right, left)
    assert forward.verdict is backward.verdict, (
        f"{left!r} vs {right!r}: {show(forward)}\nreversed: {show(backward)}"
    )


# ------------------------------------------------------------------ (c) renaming


@settings(max_examples=50, **SETTINGS)
@given(pairs())
def test_consistent_renaming_keeps_the_verdict(pair):
    a, b, sa, sb = pair
    original = check(render(a, sa), render(b, sb))
    renamed = check(render(a, sa, RENAME), render(b, sb, RENAME))
    assert original.verdict is renamed.verdict, (
        f"{render(a, sa)!r} vs {render(b, sb)!r}: {show(original)}\n"
        f"renamed {render(a, sa, RENAME)!r} vs {render(b, sb, RENAME)!r}: {show(renamed)}"
    )


# ------------------------------------------------------------------ (d) certificates


def truth(rel: Any) -> bool | None:
    """The truth value of a relation between numbers, or None when unsure."""
    if isinstance(rel, (bool, sp.logic.boolalg.BooleanAtom)):
        return bool(rel)
    if not isinstance(rel, sp.core.relational.Relational):
        return None
    d = sp.N(rel.lhs - rel.rhs, 50)
    if d.free_symbols or not d.is_real:
        return None
    if abs(d) < TOL:  # equal to 40 digits: only Eq, Le, Ge can be trusted
        return {"==": True, "<=": True, ">=": True}.get(rel.rel_op)
    return bool({"==": False, "<": d < 0, "<=": d < 0, ">": d > 0, ">=": d > 0}[rel.rel_op])


def value_at(node: Node, point: dict[str, Any]) -> Any:
    """The answer's value at ``point``: a number, a tuple, a set, or a truth value."""
    subs = {sp.Symbol(name, real=True): value for name, value in point.items()}
    value = to_sympy(node).subs(subs)
    if node[0] == "rel":
        return truth(value)
    return value


def free_symbols(value: Any) -> set:
    return set(getattr(value, "free_symbols", ()))


@settings(max_examples=60, **SETTINGS)
@given(pairs(shapes=WITH_VARIABLES, ways=("independent", "bumped")))
def test_counterexample_points_separate_the_two_sides(pair):
    a, b, sa, sb = pair
    left, right = render(a, sa), render(b, sb)
    r = check(left, right)
    cert = r.certificate
    assume(r.verdict is Verdict.NOT_EQUIVALENT and isinstance(cert, dict) and "point" in cert)
    note(f"{left!r} vs {right!r}: {show(r)}")
    point = {name: sp.sympify(str(v), rational=True) for name, v in cert["point"].items()}
    va, vb = value_at(a, point), value_at(b, point)
    note(f"values at the point: {va} vs {vb}")
    assert not free_symbols(va) | free_symbols(vb), f"the point leaves variables free: {cert}"
    assert va is not None and vb is not None, "a relation at the point has no clear truth value"
    assert numerically_different(va, vb) is True, f"at {cert['point']} the sides agree: {va}, {vb}"
    # the values the certificate reports are the values at the point
    if a[0] == "expr" and b[0] == "expr" and "left" in cert and "right" in cert:
        for side, reported in (("left", cert["left"]), ("right", cert["right"])):
            got = sp.sympify(str(reported), rational=True)
            mine = va if side == "left" else vb
            assert abs(sp.N(got - mine, 30)) <= 1e-9 * (1 + abs(sp.N(mine, 30))), (side, got, mine)


# ------------------------------------------------------------------ (e) perturbation


@settings(max_examples=80, **SETTINGS)
@given(pairs(ways=("bumped",)))
def test_an_integer_bumped_by_one_is_not_equivalent_when_the_meaning_changed(pair):
    a, b, sa, sb = pair
    differs = meaning_differs(a, b)
    assume(differs is True)
    left, right = render(a, sa), render(b, sb)
    r = check(left, right)
    assert r.verdict is not Verdict.EQUIVALENT, (
        f"{left!r} vs {right!r} differ (SymPy: {sympy_text(a)} vs {sympy_text(b)}) but: {show(r)}"
    )


# ------------------------------------------------------------------ (e) for decimals
# docs/math.md, policy `rounding`: a decimal with k places matches a value that
# rounds or truncates to it; two decimals match when the shorter is the rounding
# of the longer. So two different decimals with the same number of places never
# match, and neither does a decimal one or more units of its last place below an
# exact value that has no more places than it.


def decimal_text(units: int, places: int) -> str:
    """``units`` * 10^-places written with exactly ``places`` decimals."""
    whole, frac = divmod(units, 10**places)
    return f"{whole}.{frac:0{places}d}"


@settings(max_examples=60, **SETTINGS)
@given(st.integers(10**3, 10**8), st.integers(1, 6), st.integers(1, 9))
def test_different_decimals_with_the_same_places_are_not_equivalent(units, places, delta):
    a, b = decimal_text(units, places), decimal_text(units + delta, places)
    r = check(a, b)
    assert r.verdict is not Verdict.EQUIVALENT, f"{a!r} vs {b!r}: {show(r)}"


@settings(max_examples=60, **SETTINGS)
@given(st.integers(10**3, 10**8), st.integers(1, 6), st.integers(1, 9))
def test_a_decimal_below_an_exact_value_is_not_its_truncation(units, places, delta):
    exact = sp.Rational(units + delta, 10**places)
    fraction = rf"\frac{{{exact.p}}}{{{exact.q}}}"
    decimal = decimal_text(units, places)
    r = check(fraction, decimal)
    assert r.verdict is not Verdict.EQUIVALENT, f"{fraction!r} vs {decimal!r}: {show(r)}"
