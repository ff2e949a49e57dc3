"""MPS (fixed and free) -> :class:`Model`: a line parser, since MPS is columnar.

Conventions (IBM CPLEX "MPS file format" and the HiGHS reader, where they agree):

* Fixed or free: the text is read as free MPS (fields split on blanks) first;
  if that fails it is read again as fixed MPS (fields in columns 2-3, 5-12,
  15-22, 25-36, 40-47, 50-61), which is what names with spaces need. A line
  that starts in column 1 with a section keyword is a section header.
* ROWS: the first ``N`` row is the objective (``OBJNAME`` may pick another);
  other ``N`` rows are free rows and are dropped with their coefficients.
* RHS on the objective row is *minus* the objective constant (HiGHS, Gurobi,
  CPLEX). Only the first RHS, RANGES and BOUNDS set is used; the set name may be
  left out in free MPS.
* RANGES R on a row with right-hand side r: ``E`` row, R > 0: [r, r + R];
  R < 0: [r + R, r]; R = 0: stays ``=``. ``L``: [r - |R|, r]. ``G``: [r, r + |R|].
* BOUNDS: UP LO FX FR MI PL BV LI UI SC. ``UP`` (or ``UI``) with a negative
  value on a column whose lower bound was not set before makes the lower bound
  -inf (with a warning in CPLEX and HiGHS). ``SC v``: semi-continuous with
  upper bound v (+inf without a value). ``BV``: binary, bounds [0, 1].
  Values of magnitude >= 1e20, and ``Inf``/``Infinity``, are infinite.
* Integer columns (between ``MARKER 'INTORG'`` and ``'INTEND'``) keep the
  default bounds ``[0, +inf)`` (the modern convention; some old readers used
  [0, 1]).
* ``OBJSENSE`` with ``MAX``/``MAXIMIZE`` (same line or the next) maximizes.
* Quadratic sections (QUADOBJ, QMATRIX, QSECTION, QCMATRIX) are skipped and set
  ``quadratic``; SOS, indicator and general-constraint sections are unsupported.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from ...errors import ParseError, UnsupportedError
from ._build import INFINITE_BOUND, ONE, ZERO, ModelBuilder, number
from .ast import Model

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_INFWORD = re.compile(r"([+-]?)inf(?:inity)?$", re.IGNORECASE)
_SECTIONS = {
    "NAME", "ROWS", "COLUMNS", "RHS", "RANGES", "BOUNDS", "ENDATA", "OBJSENSE", "OBJSENS",
    "OBJNAME", "QUADOBJ", "QMATRIX", "QSECTION", "QCMATRIX", "SOS", "INDICATORS", "GENCONS",
    "PWLOBJ", "CSECTION", "LAZYCONS", "USERCUTS",
}  # fmt: skip
_QUADRATIC = {"QUADOBJ", "QMATRIX", "QSECTION", "QCMATRIX"}
_UNSUPPORTED = {"SOS", "INDICATORS", "GENCONS", "PWLOBJ", "CSECTION", "LAZYCONS", "USERCUTS"}
_FIXED_FIELDS = ((1, 3), (4, 12), (14, 22), (24, 36), (39, 47), (49, 61))
_SENSE = {"L": "<=", "G": ">=", "E": "="}
_BOUND_TYPES = {"UP", "LO", "FX", "FR", "MI", "PL", "BV", "LI", "UI", "SC"}
_NO_VALUE = {"FR", "MI", "PL", "BV", "SC"}

Tok = tuple[str, int]  # field text, 1-based column


def _fields(line: str, fixed: bool) -> list[Tok]:
    if not fixed:
        return [(m.group(), m.start() + 1) for m in re.finditer(r"\S+", line)]
    out = [(line[a:b].strip(), a + 1) for a, b in _FIXED_FIELDS]
    while out and not out[-1][0]:
        out.pop()
    return out


class _Reader:
    def __init__(self, text: str, fixed: bool) -> None:
        self.text, self.fixed = text, fixed
        self.b = ModelBuilder("mps")
        self.lineno = 0
        self.objective: str | None = None  # name of the objective row
        self.objname: str | None = None  # from OBJNAME
        self.free_rows: set[str] = set()
        self.row_sense: dict[str, str] = {}
        self.row_line: dict[str, int] = {}
        self.row_terms: dict[str, dict[str, Fraction]] = {}
        self.rhs: dict[str, Fraction] = {}
        self.ranges: dict[str, Fraction] = {}
        self.lower_set: set[str] = set()
        self.sets: dict[str, str] = {}  # first RHS / RANGES / BOUNDS set name
        self.in_integer = False

    def fail(self, message: str, column: int = 1) -> ParseError:
        return ParseError(message, text=self.text, line=self.lineno, column=column)

    def value(self, tok: Tok, *, bound: bool = False) -> Fraction | float:
        s, col = tok
        if _NUMBER.match(s):
            v = number(s)
            if bound and abs(v) >= INFINITE_BOUND:
                return -math.inf if v < 0 else math.inf
            return v
        m = _INFWORD.match(s)
        if m and bound:
            return -math.inf if m.group(1) == "-" else math.inf
        raise self.fail(f"expected a number, found {s!r}", col)

    def exact(self, tok: Tok) -> Fraction:
        v = self.value(tok)
        assert isinstance(v, Fraction)
        return v

    # -- sections --------------------------------------------------------
    def rows(self, toks: list[Tok]) -> None:
        if self.fixed:
            toks = toks[:2]
        if len(toks) != 2:
            raise self.fail("a ROWS line is: type name", toks[-1][1] if toks else 1)
        kind, name = toks[0][0].upper(), toks[1][0]
        if name in self.row_sense or name in self.free_rows or name == self.objective:
            raise self.fail(f"row {name!r} is declared twice", toks[1][1])
        if kind == "N":
            wanted = self.objname is None and self.objective is None
            if name == self.objname or wanted:
                self.objective = name
                self.b.objective_name = name
            else:
                self.free_rows.add(name)
        elif kind in _SENSE:
            self.row_sense[name] = _SENSE[kind]
            self.row_line[name] = self.lineno
            self.row_terms[name] = {}
        else:
            raise self.fail(f"unknown row type {toks[0][0]!r} (expected N, L, G or E)", toks[0][1])

    def columns(self, toks: list[Tok]) -> None:
        words = [t[0].strip("'\"").upper() for t in toks]
        if "'MARKER'" in (t[0].upper() for t in toks):
            if "INTORG" in words:
                self.in_integer = True
            elif "INTEND" in words:
                self.in_integer = False
            else:
                raise self.fail("a MARKER line needs 'INTORG' or 'INTEND'", toks[-1][1])
            return
        if self.fixed:
            toks = toks[1:]
        if len(toks) not in (3, 5):
            raise self.fail("a COLUMNS line is: column row value [row value]", toks[-1][1])
        col = self.b.var(toks[0][0])
        if self.in_integer:
            self.b.integers[col] = None
        for i in (1, 3):
            if i + 1 >= len(toks):
                break
            row, value = toks[i][0], self.exact(toks[i + 1])
            if row == self.objective:
                self.b.add_objective([(col, value)], ZERO)
            elif row in self.row_terms:
                terms = self.row_terms[row]
                terms[col] = terms[col] + value if col in terms else value
            elif row not in self.free_rows:
                raise self.fail(f"unknown row {row!r}", toks[i][1])

    def _set_entries(self, toks: list[Tok], section: str) -> list[tuple[Tok, Tok]]:
        """(row, value) pairs of an RHS / RANGES line, if it belongs to the first set."""
        if self.fixed:
            setname, rest = toks[1][0] if len(toks) > 1 else "", toks[2:]
        elif len(toks) % 2:
            setname, rest = toks[0][0], toks[1:]
        else:
            setname, rest = "", toks
        if len(rest) not in (2, 4):
            raise self.fail(f"a {section} line is: [set] row value [row value]", toks[-1][1])
        if self.sets.setdefault(section, setname) != setname:
            return []
        return [(rest[i], rest[i + 1]) for i in range(0, len(rest), 2)]

    def rhs_line(self, toks: list[Tok]) -> None:
        for (row, col), tok in self._set_entries(toks, "RHS"):
            value = self.exact(tok)
            if row == self.objective:
                self.b.objective_constant = -value
            elif row in self.row_sense:
                self.rhs[row] = value
            elif row not in self.free_rows:
                raise self.fail(f"unknown row {row!r}", col)

    def ranges_line(self, toks: list[Tok]) -> None:
        for (row, col), tok in self._set_entries(toks, "RANGES"):
            value = self.exact(tok)
            if row in self.row_sense:
                self.ranges[row] = value
            elif row != self.objective and row not in self.free_rows:
                raise self.fail(f"unknown row {row!r}", col)

    def bounds_line(self, toks: list[Tok]) -> None:
        kind = toks[0][0].upper() if toks else ""
        if kind not in _BOUND_TYPES:
            raise self.fail(f"unknown bound type {kind!r}", toks[0][1] if toks else 1)
        rest = toks[1:]
        if self.fixed:
            setname, rest = (rest[0][0] if rest else ""), rest[1:]
        elif len(rest) == 3 or (
            len(rest) == 2 and kind in _NO_VALUE and not self._is_col_value(rest)
        ):
            setname, rest = rest[0][0], rest[1:]
        else:
            setname = ""
        if not rest or len(rest) > 2:
            raise self.fail("a BOUNDS line is: type [set] column [value]", toks[-1][1])
        if kind not in _NO_VALUE and len(rest) != 2:
            raise self.fail(f"bound type {kind} needs a value", rest[-1][1] + len(rest[-1][0]))
        if self.sets.setdefault("BOUNDS", setname) != setname:
            return
        col, ccol = rest[0]
        if col not in self.b.variables:
            raise self.fail(f"bound on unknown column {col!r}", ccol)
        value = self.value(rest[1], bound=True) if len(rest) == 2 else None
        self._apply_bound(kind, col, value, rest[-1][1])

    def _is_col_value(self, rest: list[Tok]) -> bool:
        return rest[0][0] in self.b.variables and bool(_NUMBER.match(rest[1][0]))

    def _apply_bound(self, kind: str, col: str, value, at: int) -> None:
        b = self.b
        fin = None if isinstance(value, float) else value  # infinite -> None
        if kind in ("UP", "UI"):
            if value == -math.inf:
                raise self.fail(f"an upper bound of -infinity on {col!r}", at)
            if fin is not None and fin < 0 and col not in self.lower_set:
                b.set_bound(col, lower=None)
            b.set_bound(col, upper=fin)
        elif kind in ("LO", "LI"):
            if value == math.inf:
                raise self.fail(f"a lower bound of +infinity on {col!r}", at)
            b.set_bound(col, lower=fin)
            self.lower_set.add(col)
        elif kind == "FX":
            if fin is None:
                raise self.fail(f"{col!r} fixed at an infinite value", at)
            b.set_bound(col, lower=fin, upper=fin)
            self.lower_set.add(col)
        elif kind == "FR":
            b.set_bound(col, lower=None, upper=None)
            self.lower_set.add(col)
        elif kind == "MI":
            b.set_bound(col, lower=None)
            self.lower_set.add(col)
        elif kind == "PL":
            b.set_bound(col, upper=None)
        elif kind == "BV":
            b.binaries[col] = None
            b.set_bound(col, lower=ZERO, upper=ONE)
            self.lower_set.add(col)
        elif kind == "SC":
            b.semicontinuous[col] = None
            b.set_bound(col, upper=fin)
        if kind in ("LI", "UI"):
            b.integers[col] = None

    def objsense(self, toks: list[Tok]) -> None:
        word = toks[0][0].upper() if toks else ""
        if word in ("MAX", "MAXIMIZE", "MAXIMISE"):
            self.b.sense = "max"
        elif word in ("MIN", "MINIMIZE", "MINIMISE"):
            self.b.sense = "min"
        else:
            raise self.fail(f"OBJSENSE must be MIN or MAX, not {word!r}", toks[0][1] if toks else 1)

    # -- driver ----------------------------------------------------------
    def read(self) -> Model:
        section = None
        handlers = {
            "ROWS": self.rows,
            "COLUMNS": self.columns,
            "RHS": self.rhs_line,
            "RANGES": self.ranges_line,
            "BOUNDS": self.bounds_line,
            "OBJSENSE": self.objsense,
            "OBJSENS": self.objsense,
        }
        for lineno, line in enumerate(self.text.splitlines(), 1):
            self.lineno = lineno
            if not line.strip() or line.startswith("*"):
                continue
            head = line.split()[0].upper()
            if not line[0].isspace() and head in _SECTIONS:
                section = head
                rest = line.split()[1:]
                if head == "ENDATA":
                    break
                if head in _UNSUPPORTED:
                    raise UnsupportedError(f"MPS section {head} is not supported")
                if head in _QUADRATIC:
                    self.b.quadratic = True
                if head in ("OBJSENSE", "OBJSENS") and rest:
                    self.objsense([(rest[0], len(line) - len(line.lstrip()) + 1)])
                if head == "OBJNAME" and rest:
                    self.objname = rest[0]
                continue
            if section is None or section == "NAME":
                raise self.fail(f"data line outside a section: {line.strip()[:20]!r}")
            if section in _QUADRATIC:
                continue
            # marker lines are placed loosely even in fixed files: split them on blanks
            free = section == "OBJNAME" or (section == "COLUMNS" and "'MARKER'" in line.upper())
            toks = _fields(line, self.fixed and not free)
            if section == "OBJNAME":
                self.objname = toks[0][0]
            elif section in handlers:
                handlers[section](toks)
        return self.finish()

    def finish(self) -> Model:
        for row, sense in self.row_sense.items():
            rhs = self.rhs.get(row, ZERO)
            hi = None
            if row in self.ranges:
                r = self.ranges[row]
                if sense == "<=":
                    rhs, hi, sense = rhs - abs(r), rhs, "range"
                elif sense == ">=":
                    rhs, hi, sense = rhs, rhs + abs(r), "range"
                elif r != 0:
                    rhs, hi, sense = (rhs, rhs + r, "range") if r > 0 else (rhs + r, rhs, "range")
            self.b.add_row(row, self.row_terms[row], sense, rhs, hi, self.row_line[row])
        return self.b.build()


def parse_mps(text: str, *, fixed: bool | None = None) -> Model:
    """Parse an MPS model; ``fixed=None`` tries free MPS, then fixed MPS.

    Examples
    --------
    >>> m = parse_mps('''NAME t
    ... ROWS
    ...  N  cost
    ...  L  c1
    ... COLUMNS
    ...     x  cost  1  c1  2
    ... RHS
    ...     rhs  c1  4
    ... ENDATA''')
    >>> m.objective, m.rows[0].sense, m.rows[0].rhs
    ((('x', Fraction(1, 1)),), '<=', Fraction(4, 1))
    """
    text = text.lstrip("\ufeff")
    if fixed is not None:
        return _Reader(text, fixed).read()
    try:
        return _Reader(text, False).read()
    except ParseError as free_error:
        try:
            return _Reader(text, True).read()
        except ParseError:
            raise free_error from None
