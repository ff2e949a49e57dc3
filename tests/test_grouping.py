"""Grouping (``es.group`` / ``equivsolve.grouping``), domain-agnostic.

Fake kinds make every outcome of a check controllable: items are integers
written as text, two items are equivalent iff they are equal modulo ``m``, and
the signature is the residue. Variants give a signature that raises (the
wildcard path), a check that answers UNKNOWN or raises for chosen pairs, and a
check that never returns (the grouping timeout).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import equivsolve as es
from equivsolve.errors import ParseError
from equivsolve.result import CheckResult, Verdict

INTEGER = re.compile(r"\s*-?[0-9]+\s*")


def is_integer(text: str) -> bool:
    return INTEGER.fullmatch(text) is not None


@dataclass
class FakeMod:
    """Integers as text; equivalent iff equal mod ``modulus``; signature = residue."""

    kind: str = "test-fakemod"
    modulus: int = 7
    #: "residue" (exact), "raise" (always), "raise-odd" (for odd values), "constant"
    signature_mode: str = "residue"
    #: pairs (a, b) of values for which check answers UNKNOWN (either order)
    unknown_when: Callable[[int, int], bool] = lambda a, b: False
    #: pairs for which check raises RuntimeError
    raise_when: Callable[[int, int], bool] = lambda a, b: False
    #: pairs for which check loops forever (pure Python)
    hang_when: Callable[[int, int], bool] = lambda a, b: False
    calls: list[tuple[int, int]] = field(default_factory=list)

    def parse(self, text: str, **options: Any) -> int:
        if not is_integer(text):
            raise ParseError(f"not an integer: {text!r}", text=text, line=1, column=1)
        return int(text)

    def check(self, a: int, b: int, *, budget: Any, **options: Any) -> CheckResult:
        self.calls.append((a, b))
        if self.hang_when(a, b) or self.hang_when(b, a):
            while True:
                pass
        if self.raise_when(a, b) or self.raise_when(b, a):
            raise RuntimeError(f"boom {a} {b}")
        if self.unknown_when(a, b) or self.unknown_when(b, a):
            return CheckResult(Verdict.UNKNOWN, reason="undecided")
        same = (a - b) % self.modulus == 0
        return CheckResult(
            Verdict.EQUIVALENT if same else Verdict.NOT_EQUIVALENT, certified=True, method="mod"
        )

    def signature(self, item: int, **options: Any) -> Any:
        mode = self.signature_mode
        if mode == "raise" or (mode == "raise-odd" and item % 2):
            raise ValueError("no cheap invariant")
        if mode == "constant":
            return 0
        return item % self.modulus

    def render(self, item: int) -> str:
        return str(item)


@pytest.fixture
def fake(register_kind):
    """Make and register a FakeMod with the given fields."""

    def make(**fields: Any) -> FakeMod:
        domain = FakeMod(**fields)
        register_kind(domain)
        return domain

    return make


def group(items: list[str], domain: FakeMod, **kw: Any) -> es.Grouping:
    return es.group(items, kind=domain.kind, **kw)


def brute_force(items: list[str], modulus: int = 7) -> set[tuple[int, ...]]:
    classes: dict[int, list[int]] = {}
    for i, text in enumerate(items):
        if is_integer(text):
            classes.setdefault(int(text) % modulus, []).append(i)
    return {tuple(c) for c in classes.values()}


# ------------------------------------------------------------------ classes and order


def test_classes_majority_invalid_and_json(fake):
    domain = fake()
    #        0    1    2     3     4    5      6    7
    items = ["1", "8", "2", "15", "9", "x", "3", "1.5"]
    g = group(items, domain)
    assert g.classes == ((0, 1, 3), (2, 4), (6,))
    assert g.majority == (0, 1, 3)
    assert g.invalid == (5, 7)
    assert set(g.errors) == {5, 7} and "not an integer" in g.errors[5]
    assert g.unknown_pairs == 0
    assert g.to_dict() == {
        "id": None,
        "classes": [[0, 1, 3], [2, 4], [6]],
        "majority": [0, 1, 3],
        "invalid": [5, 7],
        "unknown_pairs": 0,
    }


@pytest.mark.parametrize(
    "items, classes",
    [
        (["2", "1", "9", "8"], ((0, 2), (1, 3))),  # tie: the class seen first leads
        (["5", "3", "10", "12"], ((0, 3), (1, 2))),  # tie decided by the first member, not the last
        (["1", "2", "9", "16"], ((1, 2, 3), (0,))),  # larger class first even if it starts later
        (["4", "5", "6"], ((0,), (1,), (2,))),  # all singletons: input order
    ],
)
def test_classes_sorted_by_size_then_first_appearance(fake, items, classes):
    assert group(items, fake()).classes == classes


def test_invalid_items_are_apart_and_never_in_a_class(fake):
    g = group(["a", "7", "b", "14", ""], fake())
    assert g.invalid == (0, 2, 4)
    assert g.classes == ((1, 3),)
    assert all(i not in c for c in g.classes for i in g.invalid)


def test_all_invalid_or_empty_gives_no_majority(fake):
    domain = fake()
    for items in ([], ["a", "b"]):
        g = group(items, domain)
        assert g.classes == ()
        assert g.majority == ()
        assert g.to_dict()["majority"] == []


# ------------------------------------------------------------------ signatures


def test_signatures_avoid_pairwise_work(fake):
    # 400 distinct classes: with signatures no pair needs a check at all ...
    n = 400
    items = [str(v) for v in range(n)]
    exact = fake(modulus=10**6)
    g = group(items, exact)
    assert g.checks == 0 and exact.calls == []
    assert len(g.classes) == n
    # ... without them every item meets every earlier class: n(n-1)/2 checks
    blind = fake(kind="test-fakemod-blind", modulus=10**6, signature_mode="raise")
    g2 = group(items, blind)
    assert g2.classes == g.classes
    assert g2.checks == len(blind.calls) == n * (n - 1) // 2


def test_one_check_per_item_when_buckets_are_classes(fake):
    domain = fake()
    items = [str(v) for v in range(700)]  # 7 classes of 100
    g = group(items, domain)
    assert len(g.classes) == 7 and all(len(c) == 100 for c in g.classes)
    assert g.checks == len(domain.calls) == 700 - 7  # far below 700**2 / 2
    assert g.classes[0] == tuple(range(0, 700, 7))


def test_coarse_signature_still_separates_classes(fake):
    domain = fake(signature_mode="constant")  # one bucket: correct, just more checks
    items = [str(v) for v in range(70)]
    g = group(items, domain)
    assert set(g.classes) == brute_force(items)
    assert g.checks <= 70 * 7


@pytest.mark.parametrize("mode", ["raise", "raise-odd"])
def test_wildcard_items_join_the_right_class(fake, mode):
    domain = fake(signature_mode=mode)
    # odd values have no signature under "raise-odd": 15 must still join {1, 8, 22},
    # 9 must join {2, 16}, and 3 (alone) must stay alone
    items = ["1", "8", "2", "15", "16", "9", "3", "22"]
    g = group(items, domain)
    assert g.classes == ((0, 1, 3, 7), (2, 4, 5), (6,))


def test_wildcard_items_compare_only_with_class_representatives(fake):
    domain = fake(signature_mode="raise-odd")
    evens = [str(2 * k) for k in range(70)]  # 7 classes of 10, bucketed by signature
    odd = "7"  # no signature; equivalent to the class of 0
    g = group([*evens, odd], domain)
    assert g.classes[0] == (0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70)
    wildcard_checks = [c for c in domain.calls if 7 in c]
    assert len(wildcard_checks) == 1  # the class of 0 comes first and matches


# ------------------------------------------------------------------ undecided pairs


def test_unknown_pairs_are_counted_and_never_merged(fake):
    domain = fake(unknown_when=lambda a, b: {a, b} == {1, 15})
    g = group(["1", "8", "15", "22"], domain)
    # 15 is equivalent to 1 but undecided against it: kept apart, counted once
    assert g.unknown_pairs == 1
    assert g.classes == ((0, 1, 3), (2,))


def test_all_unknown_gives_singletons(fake):
    domain = fake(unknown_when=lambda a, b: True)
    items = ["1", "8", "15", "22"]
    g = group(items, domain)
    assert g.classes == ((0,), (1,), (2,), (3,))
    assert g.unknown_pairs == g.checks == 6


def test_a_check_that_raises_is_undecided_and_reported(fake):
    domain = fake(raise_when=lambda a, b: {a, b} == {1, 8})
    g = group(["1", "8", "15"], domain)
    assert g.unknown_pairs == 1
    assert g.classes == ((0, 2), (1,))
    assert any("boom" in msg for msg in g.errors.values())
    assert g.invalid == ()


def test_grouping_timeout_bounds_a_hanging_check(fake):
    domain = fake(hang_when=lambda a, b: {a, b} == {1, 8})
    start = time.monotonic()
    g = group(["1", "8", "15", "2"], domain, timeout=0.3)
    assert time.monotonic() - start < 3.0
    assert g.unknown_pairs >= 1
    # nothing was merged on a guess: 8 is not with 1 unless a check said so
    assert (0, 1) not in {c[:2] for c in g.classes}
    assert all(set(c) <= {0, 1, 2} or c == (3,) for c in g.classes)


# ------------------------------------------------------------------ properties

item_text = st.one_of(
    st.integers(-60, 60).map(str),
    st.integers(0, 30).map(lambda v: f" {v} "),
    st.sampled_from(["x", "1.5", "", "--3", "7a", "1 2", "٣"]),
)


def check_partition(g: es.Grouping, items: list[str]) -> None:
    valid = {i for i, t in enumerate(items) if is_integer(t)}
    assert set(g.invalid) == set(range(len(items))) - valid
    assert list(g.invalid) == sorted(g.invalid)
    members = [i for c in g.classes for i in c]
    assert sorted(members) == sorted(valid), "classes must partition the valid indices"
    assert all(list(c) == sorted(c) and c for c in g.classes)
    keys = [(-len(c), c[0]) for c in g.classes]
    assert keys == sorted(keys), "largest first, ties by first appearance"
    assert g.majority == (g.classes[0] if g.classes else ())


@settings(max_examples=150, deadline=None)
@given(
    items=st.lists(item_text, max_size=30),
    mode=st.sampled_from(["residue", "raise", "raise-odd", "constant"]),
)
def test_classes_match_the_brute_force_partition(items, mode):
    domain = FakeMod(kind=f"test-fakemod-prop-{mode}", signature_mode=mode)
    es.domains.register(domain)  # fixtures do not mix with @given; unique names instead
    try:
        g = es.group(items, kind=domain.kind)
    finally:
        es.domains._REGISTRY.pop(domain.kind, None)
    check_partition(g, items)
    assert set(g.classes) == brute_force(items)
    assert g.unknown_pairs == 0
    assert g.checks == len(domain.calls)
    n = len(items)
    assert g.checks <= n * 7  # never more than one check per (item, class)


@settings(max_examples=100, deadline=None)
@given(items=st.lists(item_text, max_size=25), seed=st.integers(0, 2**16))
def test_undecided_checks_only_refine_the_partition(items, seed):
    def unknown(a: int, b: int) -> bool:
        return (a * 31 + b * 17 + seed) % 3 == 0  # an arbitrary, symmetric-ish third

    domain = FakeMod(kind="test-fakemod-unknown", unknown_when=unknown)
    es.domains.register(domain)
    try:
        g = es.group(items, kind=domain.kind)
    finally:
        es.domains._REGISTRY.pop(domain.kind, None)
    check_partition(g, items)
    truth = {i: c for c in brute_force(items) for i in c}
    for c in g.classes:  # never merged on a guess: each class inside a true class
        assert set(c) <= set(truth[c[0]])
    undecided = sum(1 for a, b in domain.calls if unknown(a, b) or unknown(b, a))
    assert g.unknown_pairs == undecided
