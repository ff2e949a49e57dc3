"""Text -> math AST: normalisation, the Lark grammar, and a thin transformer.

The normaliser handles what a context-free grammar reads badly: LaTeX spacing
and sizing commands, ``|x|`` (the same token opens and closes), thousands
separators (``12{,}500``, ``1,000.99``), single-character arguments
(``\\frac12``, ``\\sqrt3``), repeating decimals (``0.\\overline{6}``), words used
as connectives (``or``, ``and``) or for percent, and currency signs.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from lark import Token, Transformer, v_args

from ...errors import ParseError, UnsupportedError
from ...syntax import parse_tree
from . import ast as A
from .extract import extract_answer

_SPACING = re.compile(
    r"\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg|displaystyle|textstyle"
    r"|scriptstyle|limits|nolimits|mathstrut|hline|middle)(?![a-zA-Z])|\\q?quad"
    r"|(?<!\\)\\[,;:! ]|~|\\cline\{[^}]*\}|\\(?:label|tag)\{[^}]*\}"
)
_THOUSANDS = re.compile(
    r"(?<=\d)(?:\{,\}|,\\!|\\,|,\\,|\{\\,\}|\\!|\\ |\\;|,\\;)\s*(?=\d{3}(?!\d))"
)
_PLAIN_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
# "0,111" and "1000,99" use a decimal comma; "1,22" and "6,8" stay lists
_DECIMAL_COMMA = re.compile(r"^[-+]?(?:0,\d+|\d{4,},\d+|\d+,\d{4,})$")
_SPACE_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?: \d{3})+(?:\.\d+)?$")
_FRAC1 = re.compile(r"\\([dtc]?frac)\s*([0-9a-zA-Z])\s*([0-9a-zA-Z])")
_FRAC2 = re.compile(r"\\([dtc]?frac)\s*(\{[^{}]*\})\s*([0-9a-zA-Z])")
_FRAC3 = re.compile(r"\\([dtc]?frac)\s*([0-9a-zA-Z])\s*\{")
_SQRT1 = re.compile(r"\\sqrt\s*([0-9a-zA-Z])")
_REPEAT = re.compile(r"(\d*)\.(\d*)\\overline\s*\{(\d+)\}")
_PERCENT_WORD = re.compile(r"(?<=[\d}])\s*(?:percent(?:age)?|pct)\b", re.I)
_CONNECTIVE = re.compile(
    r",?\s*(?:\\text(?:bf|rm|normal)?\s*\{\s*(or|and)\s*\}|\\mbox\s*\{\s*(or|and)\s*\}|\b(or|and)\b)\s*,?",
    re.I,
)
_FLOOR = re.compile(r"\\l(floor|ceil)(.*?)\\r(?:floor|ceil)")
_LEADING_REL = re.compile(r"^\s*(?:\\approx|≈|=|\\sim)\s*")
_UNSUPPORTED = re.compile(
    r"\\(ldots|cdots|dots|vdots|mid|angle|triangle|int|lim|partial|nabla|forall|exists)(?![a-zA-Z])"
)
_INF_WORD = re.compile(r"\b(?:infinity|inf)\b")
_CURRENCY = re.compile(r"\\\$|\$|€|£|¥|\\euro\b")
_CONTROL = {"\x0c": "\\f", "\t": "\\t", "\x08": "\\b", "\x07": "\\a", "\x0b": "\\v", "\r": "\\r"}
_DOUBLE_BS = re.compile(r"\\\\(?=[a-zA-Z{}()\[\]%$])")
_TRIPLE_BS = re.compile(r"\\\\\\(?=[a-zA-Z])")


def _repeat(m: re.Match[str]) -> str:
    whole, fixed, rep = m.group(1) or "0", m.group(2), m.group(3)
    value = Fraction(
        int(whole + fixed + rep) - int(whole + fixed or "0"),
        (10 ** len(rep) - 1) * 10 ** len(fixed),
    )
    return f"\\frac{{{value.numerator}}}{{{value.denominator}}}"


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


def normalize(text: str) -> str:
    """The answer text as the grammar expects it."""
    for ch, rep in _CONTROL.items():
        if ch in text:
            text = text.replace(ch, rep)
    text = _TRIPLE_BS.sub(r"\\", text)
    if "\\begin" not in text and "\\\\" in text:
        text = _DOUBLE_BS.sub(r"\\", text)
    text = text.replace("\\lvert", "|").replace("\\rvert", "|").replace("\\vert", "|")
    text = text.replace("\\|", "|").replace("\\lVert", "|").replace("\\rVert", "|")
    text = text.replace("²", "^2").replace("³", "^3")
    text = _THOUSANDS.sub("", text)
    text = _SPACING.sub(" ", text)
    text = _REPEAT.sub(_repeat, text)
    text = _FRAC1.sub(r"\\\1{\2}{\3}", text)
    text = _FRAC2.sub(r"\\\1\2{\3}", text)
    text = _FRAC3.sub(r"\\\1{\2}{", text)
    text = _SQRT1.sub(r"\\sqrt{\1}", text)
    text = _CURRENCY.sub("", text)
    text = _PERCENT_WORD.sub(r"\\%", text)
    text = _CONNECTIVE.sub(_connective, text)
    text = _INF_WORD.sub(r"\\infty", text)
    text = _FLOOR.sub(r"\\\1{\2}", text)
    text = _LEADING_REL.sub("", text)
    text = text.strip().rstrip(".").strip()
    if _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    elif _PLAIN_THOUSANDS.match(text) or _SPACE_THOUSANDS.match(text):
        text = text.replace(",", "").replace(" ", "")
    if "|" in text:
        text = _absolute_values(text)
    return text


_RELOPS = {
    "=": "=",
    "==": "=",
    "!=": "!=",
    "\\ne": "!=",
    "\\neq": "!=",
    "≠": "!=",
    "<": "<",
    "\\lt": "<",
    ">": ">",
    "\\gt": ">",
    "<=": "<=",
    "=<": "<=",
    "\\le": "<=",
    "\\leq": "<=",
    "\\leqslant": "<=",
    "\\leslant": "<=",
    "≤": "<=",
    ">=": ">=",
    "=>": ">=",
    "\\ge": ">=",
    "\\geq": ">=",
    "\\geqslant": ">=",
    "\\geslant": ">=",
    "≥": ">=",
    "\\approx": "~",
    "≈": "~",
    "\\sim": "~",
    "\\equiv": "=",
}
_CONSTS = {
    "\\pi": "pi",
    "π": "pi",
    "\\infty": "inf",
    "\\infinity": "inf",
    "∞": "inf",
    "\\imath": "i",
    "\\jmath": "i",
    "\\e": "e",
}
_WORD_CONSTS = {"pi": A.Const("pi"), "e": A.Const("e"), "i": A.Const("i")}
_FUNC_ALIASES = {"lg": "log10", "sqrt": "sqrt"}
_INVERSE = {
    "sin": "asin",
    "cos": "acos",
    "tan": "atan",
    "cot": "acot",
    "sec": "asec",
    "csc": "acsc",
}
_FUNC_CANON = {
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
    "arccot": "acot",
    "arcsec": "asec",
    "arccsc": "acsc",
}


def _flat(op: str, a: A.Node, b: A.Node) -> A.Op:
    args: list[A.Node] = []
    for x in (a, b):
        if isinstance(x, A.Op) and x.op == op:
            args.extend(x.args)
        else:
            args.append(x)
    return A.Op(op, tuple(args))


def _number(tok: str) -> A.Num:
    tok = str(tok)
    if "e" in tok or "E" in tok:
        return A.Num(Fraction(tok))  # scientific notation: exact
    places = len(tok.split(".", 1)[1]) if "." in tok else None
    return A.Num(Fraction(tok), places or None)


def _name(tok: str) -> A.Node:
    s = str(tok)
    if len(s) == 1:
        return _WORD_CONSTS.get(s, A.Sym(s))
    if s == "pi":
        return A.Const("pi")
    return A.Word(s)


@v_args(inline=True)
class ToAst(Transformer):
    """One method per grammar rule, each a few lines."""

    def start(self, x):
        return x

    def number(self, tok):
        return _number(tok)

    def name(self, tok):
        return _name(tok)

    def greek(self, tok):
        return A.Sym(re.sub(r"^\\(var)?", "", str(tok)))

    def const(self, tok):
        return A.Const(_CONSTS.get(str(tok), "e"))

    def reals(self, tok):
        return A.Reals(str(tok).strip("\\mathb{} ")[-1:] or "R")

    def emptyset(self, tok):
        return A.SetLit(())

    def text(self, tok):
        return A.Text(str(tok).split("{", 1)[1][:-1])

    def frac(self, _, a, b):
        return A.Op("div", (a, b))

    def binom(self, _, a, b):
        return A.Op("binom", (a, b))

    def abs(self, tok, x):
        name = str(tok).lstrip("\\")
        return A.Op(name if name in ("floor", "ceil") else "abs", (x,))

    def wrap(self, _, x):
        return x

    def items(self, x):
        return x.items if isinstance(x, A.Seq) else (x,)

    def seq(self, *xs):
        return A.Seq(tuple(xs))

    def member(self, a, s):
        return A.Member(a, s)

    def pos(self, _, x):
        return x

    def neg(self, _, x):
        return A.Op("neg", (x,))

    def pm(self, a, _, b):
        return A.PlusMinus(a, b)

    def pm_unary(self, _, b):
        return A.PlusMinus(None, b)

    def add(self, a, _, b):
        return _flat("add", a, b)

    def sub(self, a, _, b):
        return _flat("add", a, A.Op("neg", (b,)))

    def mul(self, a, _, b):
        return _flat("mul", a, b)

    def div(self, a, _, b):
        return A.Op("div", (a, b))

    def imul(self, a, b):
        return _flat("imul", a, b)

    def pow(self, a, b):
        return A.Op("pow", (a, b))

    def factorial(self, x, _):
        return A.Op("factorial", (x,))

    def percent(self, x, _):
        return A.Percent(x)

    def degree(self, x, _):
        return A.Degree(x)

    def prime(self, x, _):
        return A.Sym(f"{getattr(x, 'name', getattr(x, 'text', '?'))}'")

    def subarg(self, x=None):
        if isinstance(x, Token):
            return _number(x) if x.type == "NUMBER" else _name(x)
        return x

    def rows(self, *rows):
        return tuple(rows)

    def row(self, *cells):
        return tuple(cells)

    def matrix(self, _, rows, __):
        return A.Matrix(rows)

    def sqrt(self, _, _open, index, _close, x):
        return A.Op("sqrt", (x,)) if index is None else A.Op("root", (x, index))

    def or_(self, a, b):
        return _logic("or", a, b)

    def and_(self, a, b):
        return _logic("and", a, b)

    def chain(self, *parts):
        return A.Chain(tuple(_RELOPS[str(t)] for t in parts[1::2]), tuple(parts[0::2]))

    def setop(self, a, tok, b):
        op = {"\\cup": "cup", "∪": "cup", "\\cap": "cap", "∩": "cap"}.get(str(tok), "minus")
        return A.SetOp(op, a, b)

    def subscript(self, base, sub):
        if isinstance(base, A.Num) and isinstance(sub, A.Num) and base.places is None:
            return _in_base(base, sub)
        label = _label(sub)
        if isinstance(base, (A.Sym, A.Word)):
            return A.Sym(f"{getattr(base, 'name', None) or base.text}_{label}")
        if isinstance(base, A.Const):
            return A.Sym(f"{base.name}_{label}")
        return base  # a decoration such as \sum_{k}: keep the base

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.source = text

    def funcapp(self, tok, sup, sub, arg):
        name = str(tok).lstrip("\\")
        if sup is None and sub is None and _power_of_group(self.source, tok.end_pos, arg):
            # \sin(x)^2 is (sin x)^2, not sin(x^2)
            inner, exp = arg.args  # type: ignore[union-attr]
            return A.Op("pow", (self.funcapp(tok, None, None, inner), exp))
        name = _FUNC_CANON.get(name, _FUNC_ALIASES.get(name, name))
        if (
            sup is not None
            and isinstance(sup, A.Op)
            and sup.op == "neg"
            and sup.args == (A.Num(Fraction(1)),)
        ):
            return A.Op(_INVERSE.get(name, name), (arg,))
        app = A.Op(name, (arg,))
        return app if sup is None else A.Op("pow", (app, sup))

    def ratio(self, *parts):
        return A.Tuple_(tuple(parts), ":", ":")

    def bigop(self, tok, var, _rel, lo, hi, body):
        return A.Op(str(tok).lstrip("\\"), (body, A.Sym(str(var)), lo, hi))

    def logapp(self, _, arg):
        return A.Op("log", (arg,))

    def logbase(self, _, base, arg):
        return A.Op("log", (arg, base))

    def bracket(self, open_, items, close):
        o, c = str(open_), str(close)
        items = tuple(items or ())
        if o in ("\\{", "\\lbrace"):
            return A.SetLit(items)
        if o in ("\\langle", "⟨"):
            return A.Tuple_(items, "<", ">")
        if len(items) == 1 and o + c in ("()", "[]"):
            return items[0]
        if len(items) == 2 and o + c != "()":
            return A.Interval(items[0], items[1], o == "[", c == "]")
        return A.Tuple_(items, o, c)

    def brace(self, items=None):
        items = tuple(items or ())
        return items[0] if len(items) == 1 else A.SetLit(items)


def _power_of_group(text: str, pos: int | None, arg: A.Node) -> bool:
    """Does the text after a function name read ``( ... )^`` with arg a power?"""
    if pos is None or not (isinstance(arg, A.Op) and arg.op == "pow"):
        return False
    i = pos
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text) or text[i] != "(":
        return False
    depth = 0
    for j in range(i, len(text)):
        depth += {"(": 1, ")": -1}.get(text[j], 0)
        if depth == 0:
            return text[j + 1 :].lstrip().startswith("^")
    return False


def _logic(op: str, a: A.Node, b: A.Node) -> A.Node:
    parts = [
        *(a.items if isinstance(a, A.Logic) and a.op == op else (a,)),
        *(b.items if isinstance(b, A.Logic) and b.op == op else (b,)),
    ]
    relations = [p for p in parts if isinstance(p, (A.Chain, A.Member, A.Logic))]
    if len(relations) < len(parts) or (op == "and" and all(_is_assignment(p) for p in parts)):
        return A.Seq(tuple(parts))  # "6 and 8", "x = 1 and x = 2": a list of answers
    return A.Logic(op, tuple(parts))


def _is_assignment(node: A.Node) -> bool:
    return isinstance(node, A.Chain) and node.ops == ("=",)


def _label(sub: A.Node | None) -> str:
    if sub is None:
        return ""
    if isinstance(sub, A.Num):
        return str(sub.value)
    if isinstance(sub, A.Sym):
        return sub.name
    if isinstance(sub, A.Word):
        return sub.text
    if isinstance(sub, A.Const):
        return sub.name
    return re.sub(r"\W", "", repr(sub))[:16]


def _in_base(num: A.Num, base: A.Num) -> A.Node:
    b = int(base.value)
    digits = str(num.value.numerator)
    if not 2 <= b <= 36 or any(int(d, 36) >= b for d in digits):
        raise ParseError(f"{digits} is not a numeral in base {b}")
    return A.Num(Fraction(int(digits, b)))


@lru_cache(maxsize=65536)
def parse_answer(text: str) -> A.Node:
    """Parse one answer (bare or a whole response) into its AST."""
    answer = normalize(extract_answer(text))
    if not answer:
        raise ParseError("empty answer", text=text, line=1, column=1)
    try:
        tree = parse_tree("math", answer)
    except ParseError:
        found = _UNSUPPORTED.search(answer)
        if found:  # well-formed LaTeX we do not decide: unknown, not invalid
            raise UnsupportedError(f"LaTeX construct \\{found.group(1)}") from None
        raise
    return ToAst(answer).transform(tree)


__all__ = ["normalize", "parse_answer", "ToAst"]
