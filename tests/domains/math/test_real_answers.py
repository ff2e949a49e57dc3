"""Answers as real models and datasets write them, beyond the case table
(``cases.REAL_CASES``): every policy is a switch, unreadable sides, extraction
certificates, and properties of extraction and of tolerant reading."""

# ruff: noqa: E501 - one case per line reads better than a wrapped table

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import equivsolve as es
from equivsolve import Verdict
from equivsolve.domains.math.extract import extract
from equivsolve.domains.math.repair import repair

# ---- every policy is a switch -------------------------------------------------------
POLICIES = [
    ("approximation", r"3.30", r"\frac{3+\sqrt{13}}{2} \approx 3.30"),
    ("ratio_as_quotient", "3:2", r"\frac32"),
    ("list_as_tuple", "12,34", "(12,34)"),
    ("rename_parameters", r"2k\pi", r"2m\pi"),
    ("choice_case", "B", "b"),
    ("text_lenient", r"\text{the circle}", "Circle"),
    ("time_either_half", "3:00", "3:00 p.m."),
    ("ordinals", "3", "3rd"),
    ("qualifiers", "2", r"y=2 \text{ only}"),
    ("labels", "9, 2", "Largest: 9, Smallest: 2"),
    ("choice_value", "B", "(B) 16"),
]


@pytest.mark.parametrize(("policy", "left", "right"), POLICIES, ids=[p[0] for p in POLICIES])
def test_policy_switch(policy, left, right):
    assert es.check(left, right, kind="math").verdict is Verdict.EQUIVALENT
    off = es.check(left, right, kind="math", **{policy: False})
    assert off.verdict is not Verdict.EQUIVALENT, off


# ---- unreadable sides -----------------------------------------------------------------
def test_prediction_without_answer_is_wrong_not_invalid():
    r = es.check("4", "The answer is !!!", kind="math")
    assert r.verdict is Verdict.NOT_EQUIVALENT
    assert not r.certified


def test_unreadable_prediction_is_wrong_with_the_reason():
    r = es.check("4", r"\frac{1}{", kind="math")
    assert r.verdict is Verdict.NOT_EQUIVALENT and not r.certified
    assert r.method == "extraction" and "no readable answer" in r.reason


def test_unreadable_reference_is_invalid():
    r = es.check(r"\frac{1}{", "4", kind="math")
    assert r.verdict is Verdict.INVALID
    assert es.check("4", r"\frac{1}{", kind="math", unreadable_is_wrong=False).verdict is (
        Verdict.INVALID
    )


def test_prose_prediction_is_read_as_text():
    r = es.check("4", "I could not solve this problem", kind="math")
    assert r.verdict is Verdict.NOT_EQUIVALENT


def test_certificate_says_what_was_extracted():
    r = es.check("7/12", "所以答案是 7/12", kind="math")
    assert r.verdict is Verdict.EQUIVALENT
    assert r.certificate["extracted"] == {"right": {"answer": "7/12", "rule": "answer phrase"}}
    assert es.check("7/12", "7/12", kind="math").certificate is None


def test_opaque_command_is_unknown_not_wrong():
    r = es.check(r"A \uplus B", r"B \uplus A", kind="math")
    assert r.verdict is Verdict.UNKNOWN and "uplus" in r.reason


def test_subscripts_keep_their_whole_expression():
    # regression: subscript names were cut to 16 characters, so F_{n-k-1} was F_{n-k-5}
    r = es.check(
        r"F_n = \sum_{k=0}^{n-1} F_k F_{n-k-1}",
        r"F_n = \sum_{k=0}^{n-1} F_k F_{n-k-5}",
        kind="math",
    )
    assert r.verdict is not Verdict.EQUIVALENT


def test_huge_number_against_text_does_not_raise():
    # regression: printing 2004! to compare it with text hit Python's 4300-digit limit
    r = es.check(r"4}1.414Iin{pmatrix} 1/\sqrt{", "2004!}", kind="math")
    assert r.verdict is Verdict.NOT_EQUIVALENT


def test_repair_keeps_a_real_tab():
    assert repair("1\textra") == "1\textra"
    assert repair("\times") == "\\times"


# ---- properties -----------------------------------------------------------------------
PHRASES = [
    "The final answer is {}.",
    "So the answer is {}.",
    "Answer: {}",
    "所以答案是 {}",
    "最终答案：{}",
    "Donc, la réponse est {}.",
    "Por lo tanto, la respuesta es {}.",
    "Die Antwort ist {}.",
    "Ответ: {}",
    "الإجابة هي {}",
    "答えは {} です。",
    r"Thus the answer is $\boxed{{{}}}$.",
]
PROSE = st.lists(
    st.sampled_from(
        "we compute the sum of all terms first then simplify 计算 首先 ensuite nous calculons "
        "luego sumamos dann rechnen wir сначала считаем ثم نحسب".split()
    ),
    min_size=0,
    max_size=25,
).map(" ".join)
ANSWERS = st.one_of(
    st.integers(-999, 9999).map(str),
    st.builds(lambda p, q: f"{p}/{q}", st.integers(1, 99), st.integers(2, 99)),
    st.builds(lambda p, q: rf"\frac{{{p}}}{{{q}}}", st.integers(1, 99), st.integers(2, 99)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROSE, st.sampled_from(PHRASES), ANSWERS, PROSE)
def test_answer_embedded_in_prose_is_extracted(before, phrase, answer, reasoning):
    response = f"{before}\n{reasoning}. " + phrase.format(answer)
    found, rule = extract(repair(response))
    assert rule in ("answer phrase", "boxed"), (found, rule)
    assert es.check(answer, response, kind="math").verdict is Verdict.EQUIVALENT


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60), st.text(max_size=30))
def test_tolerant_reading_never_raises_and_ends_in_time(left, right):
    r = es.check(left, right, kind="math", timeout=2.0)
    assert r.verdict in tuple(Verdict)
    assert r.elapsed_s < 4.0
    assert not (r.reason or "").startswith("error"), r.reason
