"""Answer text -> the text the math grammar reads.

A context-free grammar reads badly what people write freely, so this pass
rewrites, in order (each step a precompiled expression or a linear scan):

1. doubled backslashes (``\\\\frac``) and left-over control characters;
2. environments: ``vmatrix`` is a determinant, ``cases``/``aligned``/
   ``gathered`` and a one-column ``array`` are lists of their rows;
3. decoration with arguments: ``\\color{..}``, ``\\textcolor{..}{X}``,
   ``\\phantom``, ``\\hspace``, ``\\underbrace{X}_{..}``, ``\\overset{..}{X}``,
   ``\\cancel{X}``, ``{a \\over b}``; ``\\operatorname{lcm}`` and
   ``\\mathrm{gcd}`` name the function;
4. spacing and sizing commands, ``\\left``/``\\right``, ``|x|`` -> ``\\abs``,
   thousands separators, ``\\frac12``, ``\\sqrt3``, ``^\\frac{a}{b}``,
   ``^\\sqrt2``, ``_\\max``, repeating decimals, ``...`` -> ``\\ldots``;
5. words: ``or``/``and`` as connectives, ``percent``, ordinals (``7^{\\text{th}}``,
   ``3rd``), qualifiers (``\\text{ only}``, ``for every real t``,
   ``\\forall x``), labels (``Largest: 9``), ``\\pmod``/``\\mod``/``(mod n)``;
6. set-builder bars and colons (``\\{x | x>1\\}``) -> ``\\mid``;
7. stray closing braces and trailing punctuation.

Which of the word rewrites apply is a policy (:class:`Reading`); the others
only make readable what already has one meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from ...errors import ParseError
from ...syntax import parser
from .extract import match_brace

__all__ = ["Reading", "normalize", "number_words"]


@dataclass(frozen=True, slots=True)
class Reading:
    """The rewrites of answer text that are policies (``docs/math.md``)."""

    #: ``7^{\\text{th}}``, ``3rd`` are the numbers 7, 3
    ordinals: bool = True
    #: text after a value that qualifies it (``\\text{ only}``, ``for all x``, units) is dropped
    qualifiers: bool = True
    #: ``Largest: 9`` is the value 9
    labels: bool = True


DEFAULT_READING = Reading()

_SPACING = re.compile(
    r"\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg|displaystyle|textstyle"
    r"|scriptstyle|scriptscriptstyle|limits|nolimits|mathstrut|strut|hline|middle|nonumber"
    r"|notag|allowbreak|nobreak|newline|noindent|centering|medskip|smallskip|bigskip"
    r"|mathord|mathop|mathbin|mathrel|mathpunct|mathopen|mathclose|mathinner|enspace"
    r"|thinspace|negthinspace|quad|qquad)(?![a-zA-Z])|(?<!\\)\\[,;:! >]|~|\\cline\{[^}]*\}"
    r"|\\(?:label|tag|ref|eqref|hspace\*?|vspace\*?|phantom|hphantom|vphantom|color|kern|mkern"
    r"|hskip|vskip)\s*\{[^{}]*\}|\\(?:kern|mkern|hskip)\s*-?[\d.]+\s*[a-z]{2}"
)
_THOUSANDS = re.compile(
    r"(?<=\d)(?:\s*\{\s*,\s*\}|,\\!|\\,|,\\,|\{\\,\}|\\!|\\ |\\;|,\\;)\s*(?=\d{3}(?!\d))"
)
_PLAIN_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
# "0,111" and "1000,99" use a decimal comma; "1,22" and "6,8" stay lists
_DECIMAL_COMMA = re.compile(r"^[-+]?(?:0,\d{2,}|\d{4,},\d+|\d+,\d{4,})$")  # "0,1" is a list
_SPACE_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?: \d{3})+(?:\.\d+)?$")
_FRAC1 = re.compile(r"\\([dtcs]?frac)\s*([0-9a-zA-Z])\s*([0-9a-zA-Z])")
_FRAC2 = re.compile(r"\\([dtcs]?frac)\s*(\{[^{}]*\})\s*([0-9a-zA-Z])")
_FRAC3 = re.compile(r"\\([dtcs]?frac)\s*([0-9a-zA-Z])\s*\{")
_SQRT1 = re.compile(r"\\sqrt\s*(\[[^\]]*\])?\s*([0-9a-zA-Z])")
_REPEAT = re.compile(r"(\d*)\.(\d*)\\(?:overline|bar|dot|overset\{\.\})\s*\{(\d+)\}")
_REPEAT_PAREN = re.compile(r"^(-?)(\d*)\.(\d*)\((\d+)\)$")
_PERCENT_TEXT = re.compile(r"\s*\\(?:text|mathrm|mbox)\s*\{\s*(?:percent|pct)\s*\}", re.I)
_MIXED_PLAIN = re.compile(r"(-?\d+)\s+(\d+)\s*/\s*(\d+)")
_PERCENT_WORD = re.compile(r"(?<=[\d}])\s*(?:percent(?:age)?|pct)\b", re.I)
_CONNECTIVE = re.compile(
    r",?\s*(?:\\text(?:bf|rm|normal|it)?\s*\{\s*(or|and)\s*\}|\\mbox\s*\{\s*(or|and)\s*\}"
    r"|\b(or|and)\b)\s*,?",
    re.I,
)
_FLOOR = re.compile(r"\\l(floor|ceil)(.*?)\\r(?:floor|ceil)")
_LEADING_REL = re.compile(r"^\s*(?:\\approx|≈|=|\\sim|\\Rightarrow|\\implies|\\therefore)\s*")
_INF_WORD = re.compile(r"\b(?:infinity|inf|oo)\b")
_LETTER_UNION = re.compile(r"(?<=[)\]])\s*U\s*(?=[(\[])")
_CURRENCY = re.compile(r"\\\$|\$|€|£|¥|₹|\\euro\b|\\pounds\b|\b(?:USD|EUR|Rs\.?)\s*(?=\d)")
_DOUBLE_BS = re.compile(r"\\\\(?=[a-zA-Z{}()\[\]%$])")
_BACKSLASHES = re.compile(r"\\+")
_TRIPLE_BS = re.compile(r"\\\\\\(?=[a-zA-Z])")
_EMPTY_ARG = re.compile(r"\\(sqrt)\s*\{\s*\}(?=\s*\{)")  # \sqrt{}{3}: a stray empty group
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# environments
_ENV = re.compile(r"\\begin\s*\{\s*([a-zA-Z]+\*?)\s*\}")
_LIST_ENVS = {"cases", "aligned", "gathered", "split", "align", "align*", "gather", "gather*",
              "eqnarray", "eqnarray*", "alignedat", "rcases", "dcases"}  # fmt: skip
_COL_SPEC = re.compile(r"\s*\{[lcr|@{}p0-9.\s]*\}")

# decorations and names
_UNWRAP_ARG = re.compile(
    r"\\(?:cancel|bcancel|xcancel|sout|pmb|mathnormal|mathscr|mathfrak|widehat|widetilde"
    r"|hat|tilde|check|breve|acute|grave|ensuremath|emph|textcolor\s*\{[^{}]*\}"
    r"|colorbox\s*\{[^{}]*\})\s*(?=\{)"
)
_BRACE_DECOR = re.compile(r"\\(?:underbrace|overbrace|overset|underset|stackrel|xrightarrow)\s*\{")
_NAMED_FUNC = re.compile(
    r"\\(?:operatorname\*?|mathrm|text|textrm|mathit|rm)\s*\{\s*(lcm|gcd|sgn|sign|arcsin|arccos"
    r"|arctan|sin|cos|tan|cot|sec|csc|sinh|cosh|tanh|ln|log|exp|det|max|min|mod|lim)\s*\}"
)
_OVER = re.compile(r"\{([^{}]*)\\over(?![a-zA-Z])([^{}]*)\}")
_SCRIPT_CMD = re.compile(r"([\^_])\s*\\(frac|dfrac|tfrac|sqrt|max|min|text|mathrm)(?![a-zA-Z])")
_SUB_FUNC = re.compile(r"_\s*\{\s*\\(max|min|text\s*\{\s*(?:max|min)\s*\})\s*\}")
_DOTS = re.compile(r"\\(?:ldots|cdots|dots[bcmio]?|vdots|ddots|hdots)(?![a-zA-Z])|\.{3,}")

# words
_ORDINAL_TEXT = re.compile(
    r"(\d)\s*(?:\^\s*\{?\s*\\(?:text|mathrm|textrm)\s*\{\s*(?:st|nd|rd|th)\s*\}\s*\}?"
    r"|\^\s*\{\s*(?:st|nd|rd|th)\s*\}|(?:st|nd|rd|th)\b)"
)
_TEXT_CMD = re.compile(
    r"\\(?:text|textbf|textit|textrm|textsf|texttt|textnormal|mathrm|mathit|mathsf|mathtt|mbox"
    r"|hbox|rm)\s*\{([^{}]*)\}"
)
_MOD_PAREN = re.compile(
    r"\(\s*(?:\\(?:text|mathrm|rm)\s*\{\s*mod\s*\}|\\mod|\\bmod|mod)\s*([^()]+?)\s*\)"
)
_PMOD = re.compile(r"\\(?:pmod|mod)\s*(\{[^{}]*\}|[0-9a-zA-Z]+)")
_BMOD_WORD = re.compile(r"(?<=[\d\s}])\s*\bmod\b\s*(?=[\d{(a-zA-Z])")
_QUANTIFIER = re.compile(r"\\(?:forall|exists|nexists)(?![a-zA-Z])")
_LEADING_WORDS = re.compile(
    r"^\s*(?:approximately|approx\.?|about|around|roughly|exactly|only|just|maybe|probably|"
    r"nearly|almost|circa|ca\.|=)\s+(?=[-\d\\.(])",
    re.I,
)
_WORDS_ONLY = re.compile(r"\s*[A-Za-z]+(?:[\s-]+[A-Za-z]+)*\s*")
_ALSO = re.compile(
    r"\s*\(\s*(?:or|i\.\s*e\.|that is|approximately|approx\.?|about|roughly|\\approx|≈)\s*,?"
    r"\s*([^()]+?)\s*\)\s*$",
    re.IGNORECASE,
)
_SUFFIX = re.compile(r"(?<=\d)['’][^\W\d_]+")  # Turkish "42'dir", "5'i"
_OPERATOR = re.compile(r"[-+*/=<>]|\\(?:cdot|times|div|le|ge|lt|gt|neq)(?![a-zA-Z])|\d")
_UNIT_POWER = re.compile(r"\^\s*\{?\s*-?\d\s*\}?")  # cm^2, m^{-1}
_PYTHON_POWER = re.compile(r"(?<=[\w)\]}])\s*\*\*\s*(?=[\w(\[{-])")
_CHOICE_LEAD = re.compile(
    r"^\s*(?:\\text(?:bf)?\s*\{\s*\(([A-J])\)\s*\}|\(([A-J])\))\s*[.:]?\s*(?=\S)"
)
_PROSE_WORD = re.compile(r"[A-Za-z]{2,}")
#: words after a value that qualify it and carry no mathematics
QUALIFIERS = frozenset(
    "only exactly approximately approx about total altogether each apiece respectively "
    "overall in all per person remaining left".split()
)
_LABEL = re.compile(r"^\s*(?:\\text\s*\{\s*)?([A-Za-z][A-Za-z ]{2,30}?)\s*\}?\s*:\s*(?=\S)")
_TIME = re.compile(
    r"^\s*(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*\d{2})?\s*"
    r"(?:(?:\\text\s*\{\s*)?([ap])\.?\s*m\b\.?\s*\}?|(?:\\text\s*\{\s*)?(?:hours|h)?\}?)\s*$",
    re.I,
)
_SET_HEAD = re.compile(r"[A-Za-z](?:_\{?\w+\}?)?|\(.*\)|[A-Za-z]\s*(?:\\in|∈)\s*.+")
_TRAILING = re.compile(r"(?:\s|[.,;:]|\\\\|\\[.,;])+$")


#: real commands that merely start with a known one (never split)
_NOT_FUSED = frozenset("top inf int neg pmb em ell iff lnot notin sup deg dim ker hom".split())
_COMMAND = re.compile(r"\\([a-zA-Z]+)")


@cache
def grammar_command(name: str) -> bool:
    """Does a terminal of the math grammar (other than the catch-all ``MACRO``)
    read ``\\name``? The grammar is the one list of the commands we interpret."""
    probe = "\\" + name
    return any(
        t.name != "MACRO" and re.fullmatch(t.pattern.to_regexp(), probe)
        for t in parser("math").terminals
    )


def _split_fused(m: re.Match[str]) -> str:
    """``\\lex`` is ``\\le x`` and ``\\pix`` is ``\\pi x``: a command the grammar
    reads, run together with a one-letter variable."""
    name = m.group(1)
    if len(name) < 3 or name in _NOT_FUSED or grammar_command(name):
        return m.group(0)
    if grammar_command(name[:-1]):
        return "\\" + name[:-1] + " " + name[-1]
    return m.group(0)


NUMBER_WORDS = {
    w: k
    for k, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
TENS = {
    w: 10 * k
    for k, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}


def number_words(words: list[str]) -> int | None:
    """``forty two``, ``one hundred and five``, ``three thousand``: the number, else None."""
    total = current = 0
    seen = False
    for w in words:
        if w == "and" and seen:
            continue
        if w in NUMBER_WORDS:
            current += NUMBER_WORDS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred" and seen:
            current *= 100
        elif w in SCALES and seen:
            total += current * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _repeating(whole: str, fixed: str, rep: str) -> str:
    value = Fraction(
        int((whole or "0") + fixed + rep) - int((whole or "0") + fixed),
        (10 ** len(rep) - 1) * 10 ** len(fixed),
    )
    return f"\\frac{{{value.numerator}}}{{{value.denominator}}}"


def _repeat(m: re.Match[str]) -> str:
    return _repeating(m.group(1), m.group(2), m.group(3))


def _repeat_paren(m: re.Match[str]) -> str:
    """``0.1(6)``: the digits in parentheses repeat."""
    return m.group(1) + _repeating(m.group(2), m.group(3), m.group(4))


def _connective(m: re.Match[str]) -> str:
    word = (m.group(1) or m.group(2) or m.group(3)).lower()
    text = m.group(0)
    if text.lstrip().startswith(","):  # "1, 2, and 3": a list
        return ","
    return r" \lor " if word == "or" else r" \land "


def _absolute_values(text: str) -> str:
    """Rewrite ``|a|`` as ``\\abs{a}``; a bar closes when it follows an operand."""
    out: list[str] = []
    depth = 0
    prev = ""
    for ch in text:
        if ch == "|":
            if depth and prev not in "(+-*/=<>,[{^_&|" and prev != "":
                out.append("}")
                depth -= 1
            else:
                out.append("\\abs{")
                depth += 1
            prev = ")"
            continue
        out.append(ch)
        if not ch.isspace():
            prev = ch
    if depth:
        raise ParseError("unmatched '|'", text=text, line=1, column=text.rfind("|") + 1)
    return "".join(out)


def _groups(text: str, i: int, n: int) -> tuple[list[str], int] | None:
    """``n`` brace groups starting at ``i`` (spaces allowed): their contents and the end."""
    out = []
    for _ in range(n):
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text) or text[i] != "{":
            return None
        content_end, end = match_brace(text, i)
        out.append(text[i + 1 : content_end])
        i = end
    return out, i


def _environments(text: str) -> str:
    """vmatrix -> det(pmatrix); list-like environments -> comma lists of rows."""
    out = text
    for _ in range(8):
        m = _ENV.search(out)
        while m and not (m.group(1) in _LIST_ENVS or m.group(1) in ("vmatrix", "Vmatrix", "array")):
            m = _ENV.search(out, m.end())
        if m is None:
            return out
        name = m.group(1)
        end = re.compile(r"\\end\s*\{\s*" + re.escape(name) + r"\s*\}").search(out, m.end())
        if end is None:
            return out
        body_start = m.end()
        if name == "array":
            spec = _COL_SPEC.match(out, body_start)
            body_start = spec.end() if spec else body_start
        body = out[body_start : end.start()]
        if name in ("vmatrix", "Vmatrix"):
            repl = r"\det\begin{pmatrix}" + body + r"\end{pmatrix}"
        elif name == "array" and "&" in body:
            repl = r"\begin{pmatrix}" + body + r"\end{pmatrix}"
        else:
            rows = [r.replace("&", " ").strip() for r in re.split(r"\\\\(?:\[[^\]]*\])?", body)]
            repl = ", ".join(r for r in rows if r)
            if name in ("cases", "rcases", "dcases"):
                repl = _cases(body, repl)
        out = out[: m.start()] + repl + out[end.end() :]
    return out


def _cases(body: str, rows: str) -> str:
    """``cases`` with conditions (``x & x>0``) is a piecewise definition: keep
    it whole as a matrix so it is compared entry by entry, not as a list."""
    if "&" not in body:
        return rows
    return r"\begin{pmatrix}" + body + r"\end{pmatrix}"


def _unwrap(text: str) -> str:
    """Decorations that wrap their argument: keep the argument."""
    text = _UNWRAP_ARG.sub("", text)
    for _ in range(50):
        m = _BRACE_DECOR.search(text)
        if m is None:
            break
        name = m.group().split("{")[0].strip().lstrip("\\")
        got = _groups(text, m.end() - 1, 2 if name in ("overset", "underset", "stackrel") else 1)
        if got is None:
            text = text[: m.start()] + text[m.end() - 1 :]
            continue
        args, end = got
        kept = args[-1]
        if name in ("underbrace", "overbrace"):  # drop the label under/over the brace
            lab = re.match(r"\s*[\^_]\s*", text[end:])
            if lab:
                after = end + lab.end()
                if after < len(text) and text[after] == "{":
                    end = match_brace(text, after)[1]
                else:
                    end = after + 1
        if name == "xrightarrow":
            kept = r"\to "
        text = text[: m.start()] + "{" + kept + "}" + text[end:]
    return text


def _script_commands(text: str) -> str:
    """``^\\frac{a}{b}``, ``^\\sqrt2``, ``_\\max``: brace the command and its arguments."""
    text = _SUB_FUNC.sub(lambda m: "_{" + re.sub(r"[^a-z]", "", m.group(1))[-3:] + "}", text)
    for _ in range(20):
        m = _SCRIPT_CMD.search(text)
        if m is None:
            break
        op, name = m.group(1), m.group(2)
        if name in ("max", "min"):
            text = text[: m.start()] + op + "{" + name + "}" + text[m.end() :]
            continue
        n = 2 if name.endswith("frac") else 1
        i = m.end()
        if name == "sqrt":
            opt = re.match(r"\s*\[[^\]]*\]", text[i:])
            if opt:
                i += opt.end()
        got = _groups(text, i, n)
        if got is None:
            tok = re.match(r"\s*([0-9a-zA-Z])", text[i:])
            if tok is None:
                break
            cmd = text[m.start() + 1 : m.end()] + text[m.end() : i]
            text = (
                text[: m.start()]
                + op
                + "{"
                + cmd
                + "{"
                + tok.group(1)
                + "}}"
                + text[i + tok.end() :]
            )
            continue
        _, end = got
        text = text[: m.start()] + op + "{" + text[m.start() + 1 : end] + "}" + text[end:]
    return text


def balance_braces(text: str) -> str:
    """Drop closing braces that close nothing (``{5}}``)."""
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append(text[i : i + 2])
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                i += 1
                continue
            depth -= 1
        out.append(c)
        i += 1
    return "".join(out)


def _qualifiers(text: str) -> str:
    """Drop text that qualifies a value: ``y=2 \\text{ only}``, ``g(t)=t^2
    \\text{ for every real } t``, ``5 \\text{ cm}^2``, ``\\forall x``. The
    text and what follows it, up to the next top-level comma, go; a leading
    label (``\\text{Area} = 5``) goes alone."""
    q = _QUANTIFIER.search(text)
    if q is not None:
        head = text[: q.start()].strip().rstrip(",")
        rest = re.split(r",|:|\\mid|\\colon", text[q.end() :], maxsplit=1)
        if head:
            text = head
        elif len(rest) > 1 and rest[1].strip():
            text = rest[1]  # "\forall x, f(x) = 0": the statement about x
    pieces = _split_top(text)
    if len(pieces) > 1:
        return ",".join(_qualifiers(p) if p.strip() else p for p in pieces)
    m = next((t for t in _TEXT_CMD.finditer(text) if _is_qualifier_text(t.group(1))), None)
    if m is None:
        return _trailing_words(text)
    before, after = text[: m.start()], text[m.end() :]
    if _has_math(before):
        if _OPERATOR.search(_UNIT_POWER.sub("", after)):
            return before + " " + after  # "15\mbox{ cm}*2": math goes on after the unit
        return _trailing_words(before)  # the words and what they qualify ("for every real t")
    return before + " " + after if _has_math(after) else text


def _split_top(text: str) -> list[str]:
    """Split at commas outside brackets and braces."""
    out, depth, start = [], 0, 0
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            i += 2
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            out.append(text[start:i])
            start = i + 1
        i += 1
    out.append(text[start:])
    return out


def _is_qualifier_text(inner: str) -> bool:
    t = _UNIT_POWER.sub("", inner).strip()
    if not t or t.lower() in ("or", "and") or any(ch.isdigit() for ch in t):
        return False
    if re.fullmatch(r"\(?[A-Za-z]\)?", t):  # \text{(C)}, \text{x}
        return False
    return bool(_PROSE_WORD.search(t))


def _has_math(s: str) -> bool:
    s = _TEXT_CMD.sub("", s)
    return bool(re.search(r"[0-9A-Za-z\\]", s))


def _trailing_words(text: str) -> str:
    """``x = 3 only``, ``5 in total``: trailing qualifier words after a value."""
    words = text.rstrip().split(" ")
    while len(words) > 1 and words[-1].strip(".,;:").lower() in QUALIFIERS:
        words.pop()
    return " ".join(words)


def _time(text: str) -> str | None:
    """``3:00 p.m.`` -> ``\\time{900}``; without a.m./p.m. (``3:05``, ``15:00``)
    only when the minutes have two digits and begin with 0 or the hour is a
    24-hour one, so that a ratio such as ``3:20`` stays a ratio. ``3:05`` is
    either half of the day (the policy ``time_either_half`` decides)."""
    m = _TIME.match(text)
    if m is None:
        return None
    h, mins, ap = int(m.group(1)), int(m.group(2)), m.group(3)
    if mins >= 60:
        return None
    if ap:
        if not 1 <= h <= 12:
            return None
        return f"\\time{{{(h % 12 + (12 if ap.lower() == 'p' else 0)) * 60 + mins}}}"
    if h > 23 or not (m.group(2)[0] == "0" or h > 12 or m.group(1)[0] == "0"):
        return None
    if 1 <= h <= 12:
        return f"\\time{{{(h % 12) * 60 + mins}|{(h % 12 + 12) * 60 + mins}}}"
    return f"\\time{{{h * 60 + mins}}}"


def _set_builder(text: str) -> str:
    """``\\{x | x>1\\}``, ``\\{x : x>1\\}`` -> ``\\{x \\mid x>1\\}`` when the part before
    the bar is a variable, a tuple or a membership (so the bar is no absolute value)."""
    out = text
    start = 0
    while True:
        i = out.find("\\{", start)
        if i < 0:
            return out
        depth, k, bar = 0, i + 2, -1
        while k < len(out):
            if out.startswith("\\}", k):
                if depth == 0:
                    break
                depth -= 1
                k += 2
                continue
            if out.startswith("\\{", k):
                depth += 1
                k += 2
                continue
            c = out[k]
            if c == "\\":
                k += 2
                continue
            if c in "({[":
                depth += 1
            elif c in ")}]":
                depth -= 1
            elif depth == 0 and bar < 0 and (c in "|:" or out.startswith("\\colon", k)):
                bar = k
            k += 1
        if bar > 0 and _SET_HEAD.fullmatch(out[i + 2 : bar].strip()):
            width = 6 if out.startswith("\\colon", bar) else 1
            out = out[:bar] + " \\mid " + out[bar + width :]
        start = i + 2


def _undouble(text: str) -> str:
    """Backslashes doubled by a string escape: ``\\\\frac`` is ``\\frac``. When every
    run of backslashes has even length and one doubles a command, all runs are
    halved (``\\\\begin{matrix} x \\\\\\\\ y`` keeps its row break); otherwise only
    doubled commands outside environments are."""
    runs = [len(m.group()) for m in _BACKSLASHES.finditer(text)]
    if all(n % 2 == 0 for n in runs) and _DOUBLE_BS.search(text):
        return _BACKSLASHES.sub(lambda m: "\\" * (len(m.group()) // 2), text)
    if "\\begin" not in text:
        return _DOUBLE_BS.sub(r"\\", text)
    return text


def normalize(text: str, reading: Reading = DEFAULT_READING) -> str:
    """The answer text as the grammar expects it (the steps of the module docstring)."""
    text = _escapes(text)
    timed = _time(text)
    if timed is not None:
        return timed
    if _WORDS_ONLY.fullmatch(text):
        spelled = number_words(text.lower().replace("-", " ").split())
        if spelled is not None:  # "forty-two", "one hundred and five"
            return str(spelled)
    return _finish(_words(_latex(text), reading))


def _escapes(text: str) -> str:
    """Doubled backslashes, left-over control characters, empty argument groups."""
    text = _TRIPLE_BS.sub(r"\\", text)
    if "\\\\" in text:
        text = _undouble(text)
    text = _CONTROL_CHARS.sub(" ", text).replace("\n", " ")
    if "\\" in text:
        text = _EMPTY_ARG.sub(r"\\\1", text)
    return text


def _latex(text: str) -> str:
    """Environments, decoration, spacing, separators and the short forms of commands."""
    if "\\begin" in text:
        text = _environments(text)
    text = text.replace("\\lvert", "|").replace("\\rvert", "|").replace("\\vert", "|")
    text = text.replace("\\|", "|").replace("\\lVert", "|").replace("\\rVert", "|")
    text = text.replace("\\not=", "\\neq").replace("\\not<", "\\geq").replace("\\not>", "\\leq")
    text = text.replace("²", "^2").replace("³", "^3")
    text = _NAMED_FUNC.sub(lambda m: "\\" + m.group(1) + " ", text)
    if "\\over" in text:
        text = _OVER.sub(r"\\frac{\1}{\2}", text)
    text = _unwrap(text)
    text = _THOUSANDS.sub("", text)
    text = _SPACING.sub(" ", text)
    text = _REPEAT.sub(_repeat, text)
    text = _REPEAT_PAREN.sub(_repeat_paren, text)
    text = _script_commands(text)
    text = _FRAC1.sub(r"\\\1{\2}{\3}", text)
    text = _FRAC2.sub(r"\\\1\2{\3}", text)
    text = _FRAC3.sub(r"\\\1{\2}{", text)
    text = _SQRT1.sub(lambda m: "\\sqrt" + (m.group(1) or "") + "{" + m.group(2) + "}", text)
    text = _DOTS.sub(r" \\ldots ", text)
    text = _CURRENCY.sub("", text)
    if "'" in text or "’" in text:
        text = _SUFFIX.sub("", text)
    if "**" in text:
        text = _PYTHON_POWER.sub("^", text)
    return text


def _words(text: str, reading: Reading) -> str:
    """Choices, ordinals, moduli, percent, mixed numbers, connectives, and the
    word rewrites that are policies (qualifiers, labels)."""
    choice = _CHOICE_LEAD.match(text)
    if choice and choice.end() < len(text):  # "(B) 16": the mark stays as a choice
        text = "\\text{(" + (choice.group(1) or choice.group(2)) + ")} " + text[choice.end() :]
    if reading.ordinals:
        text = _ORDINAL_TEXT.sub(r"\1", text)
    text = _MOD_PAREN.sub(r" \\pmod{\1}", text)
    text = _PMOD.sub(lambda m: " \\pmod{" + m.group(1).strip("{}") + "}", text)
    text = _BMOD_WORD.sub(r" \\bmod ", text)
    text = _PERCENT_TEXT.sub(r"\\%", text)
    text = _PERCENT_WORD.sub(r"\\%", text)
    mixed = _MIXED_PLAIN.fullmatch(text.strip())
    if mixed and int(mixed.group(2)) < int(mixed.group(3)):  # "1 1/2" is one and a half
        text = "{}\\frac{{{}}}{{{}}}".format(*mixed.group(1, 2, 3))
    if text.rstrip().endswith(")"):  # "1/2 (or 0.5)", "4 (approximately 4.0)": a second reading
        text = _ALSO.sub(r" \\approx \1", text)
    text = _CONNECTIVE.sub(_connective, text)
    if reading.qualifiers:
        text = _LEADING_WORDS.sub("", text)
        text = _qualifiers(text)
    if reading.labels:
        text = ",".join(_LABEL.sub("", p, count=1) for p in _split_top(text))
    return text


def _finish(text: str) -> str:
    """Infinity and unions in words, fused commands, set-builder bars, stray
    braces and punctuation, number separators, absolute values."""
    text = _INF_WORD.sub(r"\\infty", text)
    if "U" in text:  # "(-inf, 1) U (2, inf)": a union written with the letter
        text = _LETTER_UNION.sub(r" \\cup ", text)
    if "\\" in text:  # after every known rewrite: what is left is unknown or fused
        text = _COMMAND.sub(_split_fused, text)
    text = _FLOOR.sub(r"\\\1{\2}", text)
    text = _LEADING_REL.sub("", text)
    if "\\{" in text:
        text = _set_builder(text)
    text = _TRAILING.sub("", text.strip()).strip()
    if text.count("{") != text.count("}"):
        text = balance_braces(text)
    if _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    elif _PLAIN_THOUSANDS.match(text) or _SPACE_THOUSANDS.match(text):
        text = text.replace(",", "").replace(" ", "")
    if "|" in text:
        text = _absolute_values(text)
    return text
