"""Text answers as graders compare them: normalised words, yes/no and their
synonyms, the one number a text holds, and text that names a set of reals.

Used by ``check`` under the policy ``text_lenient`` (``docs/math.md``).
"""

from __future__ import annotations

import re

import sympy as sp

from .normalize import NUMBER_WORDS, SCALES, TENS, number_words


def normalize_text(text: str) -> str:
    t = text.strip().lower()
    for ch in "{}\\$":
        t = t.replace(ch, "")
    if len(t) == 3 and t[0] == "(" and t[2] == ")":
        t = t[1]
    return " ".join(t.split())


_ARTICLES = frozenset("a an the".split())
_SYNONYMS = {"true": "yes", "correct": "yes", "false": "no", "incorrect": "no"}
_PUNCTUATION = re.compile(r"[^\w\s]")
_TEXT_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:/\d+)?(?![\w.]*\d)")


def _words(text: str) -> list[str]:
    """Lower-case words, punctuation read as spaces."""
    return _PUNCTUATION.sub(" ", text.lower()).split()


def text_key(text: str) -> str:
    """Text as graders compare it: case, punctuation, articles and a plural
    ``s`` ignored; yes/true/correct and no/false/incorrect alike."""
    kept = []
    for w in _words(text):
        if w in _ARTICLES:
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        kept.append(w)
    key = " ".join(kept)
    return _SYNONYMS.get(key, key)


#: text answers that name a set of reals, keyed as :func:`text_key` reads them
TEXT_SETS = {
    **{
        text_key(t): sp.S.EmptySet
        for t in ("no solution", "no solutions", "none", "no real solution", "the empty set",
                  "there is no solution", "no such number", "no value", "no real number")
    },
    **{
        text_key(t): sp.S.Reals
        for t in ("all real numbers", "all reals", "real numbers", "any real number",
                  "every real number", "all x", "all real values", "all real values of x")
    },
}  # fmt: skip


_BOUNDS = frozenset(
    "least most more less than fewer greater over under not no except without below above "
    "between within up".split()
)


def leading_yes_no(text: str) -> str | None:
    """``No, it is not.``, ``Yes. Because ...``: the yes or no that opens a sentence."""
    m = re.match(r"\s*(yes|no|true|false)\s*[,.;:!]", text, re.IGNORECASE)
    return _SYNONYMS.get(m.group(1).lower(), m.group(1).lower()) if m else None


def number_in_text(text: str) -> sp.Rational | None:
    """The one number a text answer holds (``5 apples``, ``forty-two``), else None."""
    words = _words(text)
    if _BOUNDS.intersection(words):  # "at least 5", "more than 5": not the number 5
        return None
    found = _TEXT_NUMBER.findall(text)
    if len(found) == 1:
        return sp.Rational(found[0])
    if not found:
        runs: list[list[str]] = [[]]
        for w in words:
            if w in NUMBER_WORDS or w in TENS or w in SCALES or (w == "and" and runs[-1]):
                runs[-1].append(w)
            elif runs[-1]:
                runs.append([])
        runs = [r for r in runs if r]
        if len(runs) == 1:  # "five apples", "one hundred and five"
            spelled = number_words(runs[0])
            if spelled is not None:
                return sp.Integer(spelled)
    return None
