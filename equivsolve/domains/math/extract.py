"""Final-answer extraction: from a model response to the string the math parser reads.

Method
------
A rule cascade in the spirit of the extraction step of HuggingFace's math-verify
(``math_verify.parser.extract_target_from_pred``) and of the Minerva / MATH answer
conventions (``\\boxed{...}``, "Final Answer: The final answer is ... I hope it is
correct."). Instead of math-verify's dozens of overlapping regular expressions ranked
by priority, the text is scanned once for math delimiters and once for boxes, and the
rules below are applied to those spans. Every scan is a precompiled regular expression
without nested quantifiers plus a linear walk over its matches.

Rules, first applicable wins (the rule's name is returned with the answer)
----------------------------------------------------------------------------
0. Clean-up. ``<think>...</think>`` blocks are dropped, and so is everything before a
   dangling ``</think>`` (the prompt opened the block); an unclosed ``<think>`` only
   loses its tag, and a response that is nothing but thinking keeps its thinking.
   Chat-template tokens end the response (``<|im_end|>``, ``<|im_start|>user``,
   ``<|endoftext|>``, ...) or are removed. Program code (fenced blocks,
   ``<llm-code>``) goes, its printed output stays; GSM8K calculator annotations
   (``<<2*9=18>>``) go; dollars that are money (``$700/week + $450/week``, found
   when a ``$`` segment closes right before a digit) go. A response that was
   nothing but code has ``no answer``.
1. ``answer line``: the last ``<answer>...</answer>`` (its content read by these
   rules), or a last line ``#### 18`` (GSM8K) or ``A: 18``.
2. ``boxed``: ``\\boxed{...}``, ``\\fbox{...}``, ``\\framebox[..]{...}`` with
   nested-brace matching (escaped ``\\{``/``\\}`` ignored; a box whose closing brace
   is missing runs to the end of the text) and ``\\boxed 5`` (up to whitespace or
   ``$``). A box inside a box is part of its content. Of several boxes the last
   *answer cluster* counts: neighbouring boxes whose gap holds only punctuation, math
   delimiters, spacing commands (``\\quad``, ``\\,``), ``and``/``or``/``\\text{and}``
   and at most three other words, with no full stop, no word "answer", no ``=`` alone
   and no word of sequence ("then", "so", "actually", ...) in it, belong together
   (``\\boxed{1} papers and \\boxed{2} bins`` -> ``1, 2``; ``\\boxed{10} and then
   \\boxed{42}`` -> ``42``). A cluster that restates a box (``\\boxed{9} \\boxed{9}
   \\boxed{42}``) is the last box. Contents are joined with ``", "``. A ``%``,
   ``percent`` or ``pct`` right after the cluster becomes ``\\%``. Exception, as in
   math-verify: a *later* "final answer" statement (rule 3) whose answer is a math
   segment or holds a digit overrides the boxes.
3. ``answer phrase``: the last "final answer", or "answer" followed by a copula or
   ``:``/``=`` or opening a line, in about 25 languages (``la réponse est``,
   ``所以答案是``, ``الإجابة هي``, ``उत्तर``, ``答えは``, ...). If a math segment
   starts right after it, its content (plus segments chained to it by
   ``,``/``and``/``or``). Otherwise the rest of the sentence: kept whole when it is a
   bare answer; words of another script around a bare answer dropped (``42 है``);
   when it is prose, the last math segment or number-like token in it. A phrase
   yielding nothing usable (``the answer is correct``) is skipped.
4. ``last math``: the last ``$...$``, ``$$...$$``, ``\\(...\\)``, ``\\[...\\]`` or
   display environment, with segments chained by ``,``/``and``/``or`` joined (by
   ``\\text{ or }`` where the text says "or"). Inline ``$ \\n 9 \\n $`` is extracted
   (math-verify refuses it). If a later sentence of prose holds a number, rule 6 is
   applied to that tail instead.
5. Program text without math (``__import__('os')... or 0``): ``no answer``.
6. In prose (three or more words, or any script other than Latin): ``bold``, the
   last markdown ``**...**`` holding a number or a short answer; else ``last
   number``, the last number-like token (``1,000.99``, ``2/3``, ``.4``), not one
   under a bound (``at least 5``); else ``prose``, the text itself.
7. ``bare``: the text itself.

Every result loses surrounding ``$`` and ``**``, ``\\(..\\)``/``\\[..\\]`` wrappers,
currency ``\\$``, a trailing ``.``, ``,``, ``;``, ``\\.``, ``\\\\`` or spacing command,
and a trailing ``percent``/``pct`` after a digit becomes ``%`` (``\\%`` in LaTeX).
The result is empty only for blank input and for ``no answer``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["extract", "extract_answer", "match_brace"]

# rule 0 ----------------------------------------------------------------------------
_CHAT_TOKEN = re.compile(r"<\|([A-Za-z_]{1,30})\|>(\s*(?:assistant|user|system)\b)?")
_CODE_BLOCK = re.compile(
    r"```[ \t]*output[ \t]*\n(?P<out>.*?)```|```.*?(?:```|\Z)"
    r"|<llm-code-output>(?P<out2>.*?)</llm-code-output>|<llm-code>.*?(?:</llm-code>|\Z)",
    re.DOTALL,
)
# unmistakable program text: dunder names, calls with string literals, lambdas, imports
_CODE_LIKE = re.compile(
    r"__\w+__|\b[A-Za-z_]\w*\(\s*(?:'[^'\n]*'|\"[^\"\n]*\")|\blambda\b\s*\w*\s*:"
    r"|^\s*(?:import|from)\s+\w+|\bprint\("
    r"|\bdef\s+\w+\(",
    re.MULTILINE,
)
_CALC = re.compile(r"<<[^<>\n]{0,200}>>")
_ANSWER_LINE = re.compile(r"[ \t]*(?:#{4}|A:)[ \t]*(.+)$")
_CHAT_END = {"im_end", "endoftext", "eot_id", "end_of_text", "end_of_turn", "eos"}

# math delimiters --------------------------------------------------------------------
_ENVS = "equation|align|alignat|gather|multline|eqnarray|displaymath|math"
# ``\\\\`` first so that a LaTeX line break never reads as ``\\[`` or ``\\(``.
_DELIM = re.compile(
    r"\\\\|\\\$|\$\$|\$|\\\(|\\\)|\\\[|\\\]|\\(?:begin|end)\{(?:" + _ENVS + r")\*?\}"
)
_OPENERS = {"$$": "$$", "$": "$", "\\(": "\\)", "\\[": "\\]"}
# the gap between two math segments of one answer
_SEG_JOIN = re.compile(r"(?:\s|[,;]|\\[,;: ]|\\q?quad(?![A-Za-z]))*(?:(?:and|or)\b(?:\s|[,;])*)?")

# boxes --------------------------------------------------------------------------------
_BOX = re.compile(r"\\(boxed|fbox|framebox)(?![A-Za-z])")
_BRACES = re.compile(r"\\.|[{}]", re.DOTALL)
_BOX_TOKEN = re.compile(r"[^\s$]+")
_OPT_ARG = re.compile(r"\s*\[[^\]\n]{0,40}\]")
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")
_GAP_COMMAND = re.compile(r"\\[A-Za-z]+|\\.")
_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)")
_CONNECTIVES = {"and", "or"}
_SEQUENCE_WORDS = {
    "then", "next", "later", "finally", "actually", "wait", "so", "thus", "therefore", "hence",
    "but", "correction", "instead", "rather", "corrected", "revised", "oops",
}  # fmt: skip

# phrases, sentences, numbers ------------------------------------------------------------
# "final answer" and "answer" in the common languages (a final phrase overrides boxes)
_FINAL_WORDS = (
    r"final\s+answer|r[ée]ponse\s+finale|respuesta\s+final|resposta\s+final|risposta\s+finale"
    r"|endg[üu]ltige\s+antwort|окончательный\s+ответ|итоговый\s+ответ|最终答案|最終答案"
    r"|最終的な答え|최종\s*답|الإجابة\s+النهائية|अंतिम\s+उत्तर"
)
_ANSWER_WORDS = (
    r"answer|r[ée]ponse|respuesta|resposta|risposta|antwort|ответ|jawaban(?:nya)?|jibu"
    r"|cevap|yan[ıi]t|đáp\s+án|câu\s+trả\s+lời|odpowied[źz]|antwoord|svar"
)
_NONLATIN_WORDS = r"答案|答え|解答|정답|답|الإجابة|الاجابة|الجواب|उत्तर|জবাব|উত্তর|సమాధానం|คำตอบ|پاسخ"
_PHRASE = re.compile(
    rf"(?P<final>{_FINAL_WORDS})|\b(?:{_ANSWER_WORDS})\b|(?:{_NONLATIN_WORDS})", re.IGNORECASE
)
_PHRASE_SKIP = re.compile(r"""(?:\s|[*#:="'`]|\\")*""")
# the copula after the phrase: "is", "est", "es", "ist", "lautet", 是, 为, は, 은, هي, ...
_IS = re.compile(
    r"(?:is|est|es|é|è|ist|lautet|sind|ni|adalah|là|será|sera|será|equals)\b"
    r"|是|为|為|は|은|는|هي|هو|है|হল|হলো|คือ|:",
    re.IGNORECASE,
)
_LINE_LEAD = re.compile(r"[ \t*#>_-]*")
_SENT_END = re.compile(r"[.!?؟।](?=\s|$)|\n|I hope|<\|")
_NEGATION = {"not", "incorrect", "wrong", "unknown", "unclear", "undefined"}
_REJECT_FIRST = _NEGATION | {
    "correct", "right", "below", "above", "as", "that", "boxed", "the", "this", "in",
    "to", "we", "it", "given",
}  # fmt: skip
_NUM = re.compile(
    r"(?<![A-Za-z0-9_.{\\^])(?:-(?=[.\d]))?"
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?(?:/\d+(?:\.\d+)?)?|\.\d+)"
    r"(?:[eE][-+]?\d+(?![\w.]))?"
    r"(?P<pct>\s*(?:\\?%|percent(?:age)?\b|pct\b))?",
    re.IGNORECASE,
)
_PCT_AFTER = re.compile(r"(?:[ \t]|\$|\\[)\]])*(?:\\?%|percent(?:age)?\b|pct\b)", re.IGNORECASE)
_PCT_TAIL = re.compile(r"(?<=\d)\s*(?:percent(?:age)?|pct)\s*\Z", re.IGNORECASE)
_FORMULA_CHARS = re.compile(r"[\\=+^()<>{}\[\]]")
_WORD = re.compile(r"(?<![\\\w{])[A-Za-z]{2,}(?![\w(])")
_OTHER_SCRIPT = re.compile(r"[^\W\d_a-zA-Z\u0370-\u03ff]")  # Greek letters are math
_TEXT_ARG = re.compile(r"\\(?:text|mathrm|mbox)\s*\{[^{}]*\}")
_LABELLED = re.compile(r"\s*[A-Za-z][A-Za-z ]{1,30}:\s*[^:\s][^:]*")
# words of a non-Latin script at either end of a sentence (and glued to a number)
_FOREIGN = r"[^\x00-\u00ff\u0370-\u03ff\u2000-\u2bff]"  # not Latin-1, Greek or math symbols
_FOREIGN_EDGE = re.compile(rf"^(?:{_FOREIGN}+\s*)+|(?:\s*{_FOREIGN}+)+[.!?]?$")
_MONEY = re.compile(r"(?<!\\)\$(?=\d)")
_BOUND_BEFORE = re.compile(
    r"\b(?:at\s+(?:least|most)|(?:more|less|fewer|greater|smaller|larger)\s+than|up\s+to"
    r"|no\s+(?:more|less)\s+than)\s*$",
    re.IGNORECASE,
)
_EQUALS_GAP = re.compile(r"[\s$]*=[\s$]*")
_OR_GAP = re.compile(r"\bor\b", re.IGNORECASE)
_BOLD = re.compile(r"\*\*([^*\n]{1,80})\*\*")
_NOT_WORDS = {"and", "or", "pi", "inf", "infty", "sqrt", "mod", "ln", "log", "sin", "cos", "tan"}
_TRAILING = (
    "\\quad", "\\qquad", "\\\\", "\\.", "\\,", "\\;", "\\:", "\\!", "\\ ", "\\", ".", ",", ";",
)  # fmt: skip

Segment = tuple[int, int, int, int]  # outer start, outer end, content start, content end


def extract(text: str) -> tuple[str, str]:
    """The answer and the rule that found it (``boxed``, ``answer phrase``,
    ``last math``, ``bold``, ``last number``, ``prose``, ``bare``)."""
    if not isinstance(text, str):
        raise TypeError(f"extract_answer expects str, not {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        return "", "bare"
    before = _strip_chat(_drop_think(text))
    body = _drop_code(before)
    if not body.strip() and before.strip():
        return "", "no answer"  # nothing but program code
    found, latex, rule = _extract(body)
    if rule == "no answer":
        return "", rule
    result = _PCT_TAIL.sub("\\\\%" if latex else "%", _clean(found))
    return (result or _clean(body) or stripped), rule


def extract_answer(text: str) -> str:
    r"""Extract the final answer from a bare answer or a whole model response.

    Parameters
    ----------
    text : str
        A bare answer (``\frac{1}{2}``, ``x>2``, ``1,000.99``) or a full response,
        possibly with ``<think>`` blocks, boxes and chat-template tokens.

    Returns
    -------
    str
        LaTeX or plain text without math delimiters, for the math parser. Empty only
        when ``text`` is blank. The rules are listed in the module docstring.

    Examples
    --------
    >>> extract_answer(r"So $x = 2$, hence the area is $\boxed{\frac{1}{2}}$.")
    '\\frac{1}{2}'
    >>> extract_answer("Final Answer: The largest $n$ is 34.")
    '34'
    >>> extract_answer(r"\boxed{(1, 2)}, \boxed{(2, 1)}")
    '(1, 2), (2, 1)'
    >>> extract_answer("$$x$$")
    'x'
    """
    return extract(text)[0]


def _extract(body: str) -> tuple[str, bool, str]:
    """Apply rules 1-6; return the raw answer, whether it is LaTeX, and the rule."""
    body, segs = _currency(body)
    marked = _final_line(body)
    if marked is not None:
        return marked, True, "answer line"
    boxes = _boxes(body)
    if boxes:
        first, last = _last_cluster(body, boxes)
        override = _from_phrases(body, segs, start=boxes[last][1], strong=True)
        if override is not None:
            return override, True, "answer phrase"
        contents = [b[2] for b in boxes[first : last + 1]]
        if len(set(contents)) < len(contents):
            contents = contents[-1:]  # "\\boxed{9} \\boxed{9} \\boxed{42}": restated, then changed
        answer = ", ".join(dict.fromkeys(contents))
        if _PCT_AFTER.match(body, boxes[last][1]) and not answer.endswith("%"):
            answer += "\\%"
        return answer, True, "boxed"
    phrase = _from_phrases(body, segs, start=0, strong=False)
    if phrase is not None:
        return phrase, True, "answer phrase"
    for i in range(len(segs) - 1, -1, -1):
        if body[segs[i][2] : segs[i][3]].strip():
            tail = _later_number(body, segs[i])
            if tail is not None:
                return tail, False, "last number"
            return _chain_backward(body, segs, i), True, "last math"
    if _CODE_LIKE.search(body):
        return "", False, "no answer"  # program text ("__import__('os')... or 0") states none
    if _is_prose(body):
        bold = _last_bold(body)
        if bold is not None:
            return bold, False, "bold"
        number = _last_number(body, 0, len(body))
        if number is not None:
            return number, False, "last number"
        return body, False, "prose"
    return body, False, "bare"


def _last_bold(body: str) -> str | None:
    """Rule 5: the last markdown bold span that holds a digit or is short."""
    for m in reversed(list(_BOLD.finditer(body))):
        inner = m.group(1).strip()
        if any(ch.isdigit() for ch in inner) or (inner and len(inner.split()) <= 2):
            return _last_number(inner, 0, len(inner)) if _is_prose(inner) else inner
    return None


# rule 0 ----------------------------------------------------------------------------


def _drop_think(text: str) -> str:
    if "think>" not in text:
        return text
    parts: list[str] = []
    i = 0
    while True:
        a = text.find("<think>", i)
        if a < 0:
            parts.append(text[i:])
            break
        b = text.find("</think>", a + 7)
        parts.append(text[i:a])
        if b < 0:  # unclosed: the reasoning is all there is
            parts.append(text[a + 7 :])
            break
        i = b + 8
    out = "".join(parts)
    k = out.rfind("</think>")
    if k >= 0:
        out = out[k + 8 :]
    if not out.strip():  # nothing but thinking: keep it rather than return nothing
        out = text.replace("<think>", " ").replace("</think>", " ")
    return out


def _drop_code(text: str) -> str:
    """Program code says nothing about the answer (its numbers are not answers);
    the printed output of a program is kept as text. GSM8K calculator
    annotations (``<<3*68=204>>``) go too."""
    if "```" in text or "<llm-code" in text:
        text = _CODE_BLOCK.sub(
            lambda m: "\n" + (m.group("out") or m.group("out2") or "") + "\n", text
        )
    if "<<" in text:
        text = _CALC.sub("", text)
    return text


def _final_line(body: str) -> str | None:
    """Rule 1a: the last ``<answer>...</answer>`` (RL response formats), or a last
    line ``#### 18`` (GSM8K) or ``A: 18`` states the answer."""
    tagged = body.rfind("<answer>")
    if tagged >= 0:
        end = body.find("</answer>", tagged)
        inner = body[tagged + 8 : end if end >= 0 else len(body)].strip()
        if inner:
            return _extract(inner)[0]
    tail = body.rstrip()
    line = tail[tail.rfind("\n") + 1 :]
    m = _ANSWER_LINE.match(line)
    if m is None:
        return None
    answer = m.group(1).strip()
    return answer if answer and any(ch.isalnum() for ch in answer) else None


def _strip_chat(text: str) -> str:
    if "<|" not in text:
        return text
    parts: list[str] = []
    i = 0
    seen_content = False
    for m in _CHAT_TOKEN.finditer(text):
        before = text[i : m.start()]
        parts.append(before)
        seen_content = seen_content or (before != "" and not before.isspace())
        i = m.end()
        role = (m.group(2) or "").strip()
        ends = m.group(1) in _CHAT_END or (m.group(1) == "im_start" and role != "assistant")
        if ends and seen_content:
            return "".join(parts)
        parts.append(" ")
    parts.append(text[i:])
    return "".join(parts)


# math segments ---------------------------------------------------------------------


def _currency(body: str) -> tuple[str, list[Segment]]:
    """The body and its math segments. Dollar signs used for money (``$700/week +
    $450/week``) pair up as math delimiters wrongly: when a ``$`` segment closes
    right before a digit, the dollars before digits are currency signs and go."""
    segs = _math_segments(body)
    for seg in segs:
        if body[seg[3] : seg[1]] == "$" and seg[1] < len(body) and body[seg[1]].isdigit():
            body = _MONEY.sub("", body)
            return body, _math_segments(body)
    return body, segs


def _math_segments(text: str) -> list[Segment]:
    """All top-level math segments, in order; unmatched openers are plain text."""
    toks = [(m.group(), m.start(), m.end()) for m in _DELIM.finditer(text)]
    # last index of each closer, so an opener that can never close is skipped at once
    last = {kind: j for j, (kind, _, _) in enumerate(toks)}
    if "$$" in last:
        last["$"] = max(last["$$"], last.get("$", -1))
    segs: list[Segment] = []
    i, n = 0, len(toks)
    while i < n:
        kind, start, cstart = toks[i]
        closer = _OPENERS.get(kind) or ("\\end" + kind[6:] if kind[1] == "b" else "")
        if not closer or last.get(closer, -1) <= i:
            i += 1
            continue
        j = i + 1
        if closer == "$":
            while toks[j][0] != "$" and toks[j][0] != "$$":
                j += 1
        else:
            while toks[j][0] != closer:
                j += 1
        ckind, cend, end = toks[j]
        if ckind != closer:  # "$a$$b$": the second dollar of "$$" opens again
            segs.append((start, cend + 1, cstart, cend))
            toks[j] = ("$", cend + 1, end)
            i = j
            continue
        segs.append((start, end, cstart, cend))
        i = j + 1
    return segs


def _content(text: str, seg: Segment) -> str:
    return text[seg[2] : seg[3]].strip()


def _percent_after(text: str, pos: int) -> str:
    return "\\%" if _PCT_AFTER.match(text, pos) else ""


def _chain_forward(text: str, segs: list[Segment], i: int) -> str:
    first = i
    while i + 1 < len(segs) and _SEG_JOIN.fullmatch(text, segs[i][1], segs[i + 1][0]):
        i += 1
    return _joined(text, segs, first, i)


def _chain_backward(text: str, segs: list[Segment], i: int) -> str:
    last = i
    while i > 0 and _SEG_JOIN.fullmatch(text, segs[i - 1][1], segs[i][0]):
        i -= 1
    return _joined(text, segs, i, last)


def _joined(text: str, segs: list[Segment], first: int, last: int) -> str:
    """Segments ``first..last`` as one answer: joined by ``or`` where the text
    says ``or`` (``$x<1$ or $x>2$`` is a union), else by commas."""
    out = ""
    for k in range(first, last + 1):
        part = _content(text, segs[k])
        if not part:
            continue
        if out:
            gap = text[segs[k - 1][1] : segs[k][0]]
            out += " \\text{ or } " if _OR_GAP.search(gap) else ", "
        out += part
    return out + _percent_after(text, segs[last][1])


# boxes -------------------------------------------------------------------------------


def match_brace(text: str, open_pos: int) -> tuple[int, int]:
    """(content end, span end) for the brace at ``open_pos``; unclosed runs to the end."""
    depth = 0
    for m in _BRACES.finditer(text, open_pos):
        c = m.group()
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return m.start(), m.end()
    return len(text), len(text)


def _boxes(text: str) -> list[tuple[int, int, str]]:
    """Top-level boxes as (start, end, content), empty ones dropped."""
    out: list[tuple[int, int, str]] = []
    covered = 0
    n = len(text)
    for m in _BOX.finditer(text):
        if m.start() < covered:
            continue  # nested in the previous box
        p = m.end()
        if m.group(1) == "framebox":
            for _ in range(2):
                opt = _OPT_ARG.match(text, p)
                if opt:
                    p = opt.end()
        while p < n and text[p] in " \t\n":
            p += 1
        if p < n and text[p] == "{":
            cend, end = match_brace(text, p)
            content = text[p + 1 : cend]
        else:
            tok = _BOX_TOKEN.match(text, p)
            if tok is None:
                continue
            content, end = tok.group(), tok.end()
        covered = end
        content = _UNESCAPED_DOLLAR.sub("", content).strip()
        if content:
            out.append((m.start(), end, content))
    return out


def _is_connector(gap: str) -> bool:
    """Can ``gap`` sit between two boxes of one answer?"""
    if len(gap) > 160 or "answer" in gap.lower() or _EQUALS_GAP.fullmatch(gap):
        return False  # "\boxed{35 + 175} = \boxed{210}": the last box is the answer
    plain = _GAP_COMMAND.sub(" ", gap)
    words = 0
    for tok in plain.split():
        tok = tok.strip(",;.:!?()[]{}$&~'\"*")
        if tok.lower() in _SEQUENCE_WORDS:
            return False  # "\\boxed{10} and then \\boxed{42}": a later answer
        if tok and tok.lower() not in _CONNECTIVES and any(ch.isalnum() for ch in tok):
            words += 1
    if words and _SENTENCE_STOP.search(plain):
        return False
    return words <= 3


def _last_cluster(text: str, boxes: list[tuple[int, int, str]]) -> tuple[int, int]:
    last = first = len(boxes) - 1
    while first > 0 and _is_connector(text[boxes[first - 1][1] : boxes[first][0]]):
        first -= 1
    return first, last


# answer phrases ----------------------------------------------------------------------


def _from_phrases(text: str, segs: list[Segment], *, start: int, strong: bool) -> str | None:
    """Rule 2 from the last usable phrase after ``start`` (``strong``: override boxes)."""
    matches = list(_PHRASE.finditer(text, start))
    starts = [s[0] for s in segs]
    by_start = {s[0]: i for i, s in enumerate(segs)}
    tries = 0
    for m in reversed(matches):
        final = m.group("final") is not None
        if strong and not final:
            continue
        p = _skip(text, m.end())
        marker = any(c in text[m.end() : p] for c in ":=")
        copula = _IS.match(text, p)
        if copula:
            marker = True
            p = _skip(text, copula.end())
        line_start = text.rfind("\n", 0, m.start()) + 1
        lead = _LINE_LEAD.fullmatch(text, line_start, m.start()) is not None
        at_math = p in by_start
        newline = "\n" in text[m.end() : p]
        if not (marker or lead or (final and (at_math or newline))):
            continue
        if at_math:
            return _chain_forward(text, segs, by_start[p])
        answer = _sentence_answer(text, segs, starts, p, strong)
        if answer is not None:
            return answer
        tries += 1
        if tries >= 5:
            break
    return None


def _skip(text: str, pos: int) -> int:
    """Past the ``:``, ``**``, quotes and spaces after an answer phrase."""
    m = _PHRASE_SKIP.match(text, pos)
    return m.end() if m else pos


def _sentence_end(text: str, segs: list[Segment], starts: list[int], p: int) -> int:
    q = p
    while True:
        m = _SENT_END.search(text, q)
        if m is None:
            return len(text)
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and segs[i][0] < m.start() < segs[i][1]:
            q = segs[i][1]  # the full stop is inside math
            continue
        return m.start()


def _sentence_answer(
    text: str, segs: list[Segment], starts: list[int], p: int, strong: bool
) -> str | None:
    end = _sentence_end(text, segs, starts, p)
    sentence = text[p:end].strip()
    if not sentence or sentence.split()[0].strip(".,:;!?*\"'").lower() in _NEGATION:
        return None
    inner: list[Segment] = []
    for i in range(bisect_right(starts, p - 1), len(segs)):
        if segs[i][1] > end:
            break
        if _content(text, segs[i]):
            inner.append(segs[i])
    if not inner and not sentence.isascii():
        bare = _FOREIGN_EDGE.sub("", sentence).strip()
        if bare and bare != sentence and not _is_prose(bare):
            return bare  # "42 है", "\frac{1}{2} です", "42입니다": the words around go
    if inner or _is_prose(sentence):
        best, best_pos = None, -1
        if inner:
            best, best_pos = _content(text, inner[-1]), inner[-1][0]
        num = _last_number_pos(text, inner[-1][1] if inner else p, end)
        if num is not None and num[1] > best_pos:
            best = num[0]
        if best is not None:
            return best
    elif not strong or inner or any(ch.isdigit() for ch in sentence):
        return sentence
    if strong or len(sentence.split()) > 3:
        return None
    first = sentence.split()[0].strip(".,:;!?*\"'").lower()
    return None if first in _REJECT_FIRST else sentence


# numbers and prose ------------------------------------------------------------------


def _last_number_pos(text: str, lo: int, hi: int) -> tuple[str, int] | None:
    last = None
    for last in _NUM.finditer(text, lo, hi):  # noqa: B007 - only the last one counts
        pass
    if last is None:
        return None
    if _BOUND_BEFORE.search(text, max(lo, last.start() - 20), last.start()):
        return None  # "at least 5", "more than 5": a bound, not the number
    token = last.group()
    if last.group("pct"):
        token = token[: last.start("pct") - last.start()] + "%"
    return token, last.start()


def _last_number(text: str, lo: int, hi: int) -> str | None:
    found = _last_number_pos(text, lo, hi)
    return None if found is None else found[0]


def _is_prose(text: str) -> bool:
    """Several words of running text rather than a bare (LaTeX) answer; any
    letter of a script other than Latin outside ``\\text{}`` makes it prose."""
    if not text.isascii() and _OTHER_SCRIPT.search(_TEXT_ARG.sub("", text)):
        return True
    pieces = text.split(",")
    if len(pieces) > 1 and all(_LABELLED.fullmatch(p) for p in pieces):
        return False  # "Largest: 9, Smallest: 2": labelled values
    words = 0
    for m in _WORD.finditer(text):
        if m.group().lower() not in _NOT_WORDS:
            words += 1
            if words >= 4:
                return True
    if words >= 3:
        return True
    # "Soucis : 2,74 $ a.." is prose, "f(x) = 2x + 1 for all x" is a bare answer
    return words > 0 and len(text.split()) >= 3 and _FORMULA_CHARS.search(text) is None


def _later_number(text: str, seg: Segment) -> str | None:
    """Rule 3's tail: a number in a later sentence of prose after the last segment."""
    if text[seg[2] : seg[3]].rstrip().endswith("."):
        tail_start = seg[1]  # the segment closed its own sentence
    else:
        stop = _SENTENCE_STOP.search(text, seg[1])
        if stop is None:
            return None
        tail_start = stop.end()
    if not _is_prose(text[tail_start:]):
        return None
    return _last_number(text, tail_start, len(text))


# final clean-up ------------------------------------------------------------------------


def _clean(answer: str) -> str:
    s = answer.replace("\\$", "")  # currency signs carry no mathematics
    for _ in range(8):
        before = s
        s = s.strip()
        if s.startswith("**"):
            s = s[2:]
        if s.endswith("**"):
            s = s[:-2]
        s = s.strip().strip("$").strip()
        for left, right in (("\\(", "\\)"), ("\\[", "\\]")):
            has_left, has_right = s.startswith(left), s.endswith(right)
            if has_left and (has_right or right not in s):
                s = s[2:-2] if has_right else s[2:]
            elif has_right and left not in s:
                s = s[:-2]
        for tail in _TRAILING:
            if s.endswith(tail) and not (tail == "." and s.endswith("..")):
                s = s[: -len(tail)]
                break
        if s == before:
            break
    return s.strip()
