"""Repair of answer text before anything else reads it.

Three kinds of damage are undone, each only where the result is unambiguous:

* **String escapes.** A LaTeX command typed into a non-raw string loses its
  backslash and first letter to an escape: ``"\\frac"`` holds a form feed and
  ``rac``, ``"\\text"`` a tab and ``ext``, ``"\\beta"`` a backspace, ``"\\neq"``
  a newline. A control character is turned back into the command only when it
  and the letters after it spell a known command (so a real tab before
  ``extra`` stays whitespace).
* **HTML.** ``<sup>2</sup>`` is ``^{2}``, ``<sub>`` a subscript, entities
  (``&lt;``, ``&#8805;``) their characters, and presentational tags
  (``<b>``, ``<br>``, ``<p>``) go.
* **Unicode math.** Superscript and subscript digits, ``√``/``∛``, vulgar
  fractions, Greek letters, ``…``/``⋯``, ``∀``/``∃``, and everything NFKC folds
  (full-width ``＞``, ``，``, circled ``①``), plus the CJK full stop and
  enumeration comma. Symbols the grammar already reads (``≤ ≥ ≠ ∞ π ∪ ∈ ±``)
  are kept.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["repair"]

#: commands a control character may have swallowed, by the letter it stood for
_ESCAPED = {
    "\x0c": ("f", "frac dfrac forall fbox framebox flat"),
    "\t": (
        "t",
        "text textbf textit textrm textsf texttt textnormal textstyle times theta tan tanh tau "
        "tfrac tbinom to top triangle tilde therefore",
    ),
    "\x08": (
        "b",
        "beta boxed begin binom bar bmod bigg big bigl bigr bot bullet boldsymbol bf bm "
        "backslash because biggl biggr",
    ),
    "\x07": ("a", "alpha approx angle ast arcsin arccos arctan aleph atop"),
    "\x0b": ("v", "vec varepsilon varphi vartheta varpi vee vdots vert varnothing vmatrix"),
    "\r": ("r", "right rho rightarrow rangle rfloor rceil rm rbrace rvert rbrack"),
    "\n": ("n", "neq ne nu not nabla neg ni nolimits notin nleq ngeq newline"),
}
_ESCAPED_SETS = {ch: (letter, frozenset(words.split())) for ch, (letter, words) in _ESCAPED.items()}
_CONTROL_RUN = re.compile("([\x0c\t\x08\x07\x0b\r\n])([A-Za-z]+)")

_HTML_TAG = re.compile(
    r"<\s*(/?)\s*(sup|sub|b|i|u|em|strong|p|br|span|div|code|small|big|font|center|hr)\b[^<>]{0,200}?/?\s*>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")

_SUPERSCRIPT = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", "0123456789+-=()ni"))
_SUBSCRIPT = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", "0123456789+-=()"))
_SCRIPT_RUN = re.compile("[" + "".join(_SUPERSCRIPT) + "]+|[" + "".join(_SUBSCRIPT) + "]+")
_VULGAR = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5),
    "⅖": (2, 5), "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8),
    "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8), "⅐": (1, 7), "⅑": (1, 9), "⅒": (1, 10),
}  # fmt: skip
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξρστυφχψωΓΔΘΛΞΣΥΦΨΩϵϑϕ",
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi rho sigma "
        "tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Sigma Upsilon Phi Psi Omega "
        "epsilon theta phi".split(),
    )
)
_SYMBOLS = {
    "…": r"\ldots ", "⋯": r"\cdots ", "∀": r"\forall ", "∃": r"\exists ", "∉": r"\notin ",
    "⊆": r"\subseteq ", "⊂": r"\subset ", "→": r"\to ", "⇒": r"\Rightarrow ", "∑": r"\sum ",
    "∏": r"\prod ", "∠": r"\angle ", "△": r"\triangle ", "∆": r"\Delta ", "′": "'",
    "″": "''", "∗": "*", "∣": "|", "⋅": r"\cdot ", "•": r"\cdot ", "∓": r"\mp ",
    "ℤ": r"\mathbb{Z}", "ℕ": r"\mathbb{N}", "ℚ": r"\mathbb{Q}", "ℂ": r"\mathbb{C}",
    "。": ". ", "、": ", ", "；": "; ", "「": " ", "」": " ", "《": " ", "》": " ",
    "–": "-", "—": " - ", "‐": "-", "‑": "-", "⁄": "/", "∕": "/", "≦": r"\le ", "≧": r"\ge ",
    "≶": " ", "∧": r"\land ", "∨": r"\lor ", "¬": r"\neg ",
}  # fmt: skip
# variation selectors, the keycap mark (2️⃣), zero-width spaces and joiners, BOM
_INVISIBLE = re.compile("[\ufe00-\ufe0f\u20e3\u200b-\u200d\u2060\ufeff]")
_ROOT = re.compile(r"([√∛∜])\s*(\([^()]*\)|\{[^{}]*\}|[0-9.]+|\\?[A-Za-z]+)?")


def _control(m: re.Match[str]) -> str:
    letter, words = _ESCAPED_SETS[m.group(1)]
    if letter + m.group(2) in words:
        return "\\" + letter + m.group(2)
    return m.group(0)


def _html_tag(m: re.Match[str]) -> str:
    closing, tag = m.group(1), m.group(2).lower()
    if tag in ("sup", "sub"):
        return "}" if closing else ("^{" if tag == "sup" else "_{")
    return "\n" if tag in ("br", "p", "div", "hr") else ""


def _script(m: re.Match[str]) -> str:
    run = m.group()
    if run[0] in _SUPERSCRIPT:
        return "^{" + "".join(_SUPERSCRIPT[c] for c in run) + "}"
    return "_{" + "".join(_SUBSCRIPT[c] for c in run) + "}"


def _root(m: re.Match[str]) -> str:
    index = {"√": "", "∛": "[3]", "∜": "[4]"}[m.group(1)]
    arg = m.group(2) or ""
    if arg[:1] in "({":
        arg = arg[1:-1]
    return f"\\sqrt{index}{{{arg}}}" if arg else f"\\sqrt{index}"


def _unicode(text: str) -> str:
    text = _INVISIBLE.sub("", text)
    if "√" in text or "∛" in text or "∜" in text:
        text = _ROOT.sub(_root, text)
    text = _SCRIPT_RUN.sub(_script, text)
    out: list[str] = []
    for ch in text:
        if ch < "\u0080":
            out.append(ch)
        elif ch in _VULGAR:
            p, q = _VULGAR[ch]
            out.append(f"\\frac{{{p}}}{{{q}}}")
        elif ch in _GREEK:
            out.append("\\" + _GREEK[ch] + " ")
        elif ch in _SYMBOLS:
            out.append(_SYMBOLS[ch])
        else:
            out.append(ch)
    # NFKC folds full-width forms and circled digits; it would also turn
    # the symbols above into letters, which is why they were replaced first
    return unicodedata.normalize("NFKC", "".join(out))


def repair(text: str) -> str:
    r"""Undo string-escape damage, HTML and Unicode math in answer text.

    Examples
    --------
    >>> repair("\x0crac{1}{2}")
    '\\frac{1}{2}'
    >>> repair("x<sup>2</sup> &lt; 4")
    'x^{2} < 4'
    >>> repair("x² ≥ √2, ＞①")
    'x^{2} ≥ \\sqrt{2}, >1'
    >>> repair("\textra")  # a real tab before a word stays
    '\textra'
    """
    if _CONTROL_RUN.search(text):
        text = _CONTROL_RUN.sub(_control, text)
    if "<" in text and _HTML_TAG.search(text):
        text = _HTML_TAG.sub(_html_tag, text)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    if not text.isascii():
        text = _unicode(text)
    return text
