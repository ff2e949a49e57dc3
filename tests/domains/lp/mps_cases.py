"""Hand-written MPS models (free and fixed) with their expected parse."""

FREE = """NAME          FREEMODEL
* a comment line
OBJSENSE
    MAX
ROWS
 N  COST
 L  LIM1
 G  LIM2
 E  MYEQN
 N  SPARE
COLUMNS
    MARKER  'MARKER'  'INTORG'
    X1  COST  1.0  LIM1  1.0
    X1  LIM2  1.0
    MARKER  'MARKER'  'INTEND'
    X2  COST  2.0  LIM1  1.0
    X2  MYEQN  -1.0  SPARE  3
    X3  COST  -1.5e-1  MYEQN  1.0
RHS
    RHS  COST  -5  LIM1  4.0
    RHS  LIM2  1.0  MYEQN  7.0
    OTHER  LIM1  99
BOUNDS
 UP BND  X1  4.0
 LO BND  X2  -1.0
 UP BND  X2  1.0
 MI BND  X3
ENDATA
"""

FREE_EXPECTED = {
    "sense": "max",
    "objective_name": "COST",
    "objective": {"X1": 1, "X2": 2, "X3": "-0.15"},
    "constant": 5,  # minus the RHS on the objective row
    "rows": [
        ("LIM1", {"X1": 1, "X2": 1}, "<=", 4),
        ("LIM2", {"X1": 1}, ">=", 1),
        ("MYEQN", {"X2": -1, "X3": 1}, "=", 7),
    ],
    "bounds": {"X1": (0, 4), "X2": (-1, 1), "X3": (None, None)},
    "integers": {"X1"},
    "variables": ["X1", "X2", "X3"],
}

# The same model in fixed MPS, with spaces inside names: only the fixed
# columns can read it.
FIXED = """NAME          FIXED MODEL
OBJSENSE    MAXIMIZE
ROWS
 N  COST
 L  LIM 1
 G  LIM2
 E  MYEQN
COLUMNS
    MARKER    'MARKER'                 'INTORG'
    X 1       COST               1.0   LIM 1              1.0
    X 1       LIM2               1.0
    MARKER    'MARKER'                 'INTEND'
    X2        COST               2.0   LIM 1              1.0
    X2        MYEQN             -1.0
    X3        COST           -1.5e-1   MYEQN              1.0
RHS
    RHS       COST                -5   LIM 1              4.0
    RHS       LIM2               1.0   MYEQN              7.0
BOUNDS
 UP BND       X 1                4.0
 LO BND       X2                -1.0
 UP BND       X2                 1.0
 MI BND       X3
ENDATA
"""

FIXED_EXPECTED = {
    **FREE_EXPECTED,
    "objective": {"X 1": 1, "X2": 2, "X3": "-0.15"},
    "rows": [
        ("LIM 1", {"X 1": 1, "X2": 1}, "<=", 4),
        ("LIM2", {"X 1": 1}, ">=", 1),
        ("MYEQN", {"X2": -1, "X3": 1}, "=", 7),
    ],
    "bounds": {"X 1": (0, 4), "X2": (-1, 1), "X3": (None, None)},
    "integers": {"X 1"},
    "variables": ["X 1", "X2", "X3"],
}

RANGES = """NAME RANGED
ROWS
 N obj
 L lrow
 G grow
 E epos
 E eneg
 E ezero
COLUMNS
 x obj 1 lrow 1
 x grow 1 epos 1
 x eneg 1 ezero 1
RHS
 rhs lrow 10 grow 2
 rhs epos 3 eneg 3
 rhs ezero 3
RANGES
 rng lrow 4 grow -4
 rng epos 2 eneg -2
 rng ezero 0
ENDATA
"""

RANGES_EXPECTED = {
    "sense": "min",
    "rows": [
        ("lrow", {"x": 1}, "range", 6, 10),  # L: [rhs - |R|, rhs]
        ("grow", {"x": 1}, "range", 2, 6),  # G: [rhs, rhs + |R|]
        ("epos", {"x": 1}, "range", 3, 5),  # E, R > 0: [rhs, rhs + R]
        ("eneg", {"x": 1}, "range", 1, 3),  # E, R < 0: [rhs + R, rhs]
        ("ezero", {"x": 1}, "=", 3),  # E, R = 0: unchanged
    ],
}

BOUND_TYPES = """NAME BOUNDS
ROWS
 N obj
 L c
COLUMNS
 a obj 1 c 1
 b obj 1 c 1
 c1 obj 1 c 1
 d obj 1 c 1
 e obj 1 c 1
 f obj 1 c 1
 g obj 1 c 1
 h obj 1 c 1
 i obj 1 c 1
 j obj 1 c 1
 k obj 1 c 1
 l obj 1 c 1
 m obj 1 c 1
RHS
 c 10
BOUNDS
 UP BND a -2
 LO BND b -3
 UP BND b -1
 FX BND c1 2.5
 FR BND d
 MI BND e
 PL BND f
 BV BND g
 LI BND h 2
 UI BND i 7
 SC BND j 5
 UP BND l 1e30
 LO BND l -Infinity
 UP BND m 3
ENDATA
"""

BOUND_TYPES_EXPECTED = {
    "rows": [("c", {v: 1 for v in "a b c1 d e f g h i j k l m".split()}, "<=", 10)],
    "bounds": {
        "a": (None, -2),  # negative UP, lower not set: lower becomes -inf
        "b": (-3, -1),  # negative UP after LO: the lower bound stays
        "c1": ("2.5", "2.5"),
        "d": (None, None),
        "e": (None, None),
        "f": (0, None),
        "g": (0, 1),
        "h": (2, None),
        "i": (0, 7),
        "j": (0, 5),
        "l": (None, None),  # 1e30 is infinite
        "m": (0, 3),
    },
    "binaries": {"g"},
    "integers": {"h", "i"},
    "semis": {"j"},
}

#: (id, text, line, column, part of the message)
ERRORS = [
    (
        "unknown-row",
        "NAME\nROWS\n N obj\n L c\nCOLUMNS\n x obj 1 d 2\nENDATA\n",
        6,
        10,
        "unknown row 'd'",
    ),
    (
        "bad-number",
        "NAME\nROWS\n N obj\n L c\nCOLUMNS\n x obj 1 c two\nENDATA\n",
        6,
        12,
        "expected a number",
    ),
    (
        "bad-row-type",
        "NAME\nROWS\n N obj\n Q c\nCOLUMNS\n x obj 1\nENDATA\n",
        4,
        2,
        "unknown row type",
    ),
    (
        "bad-bound-type",
        "NAME\nROWS\n N obj\nCOLUMNS\n x obj 1\nBOUNDS\n XX BND x 1\nENDATA\n",
        7,
        2,
        "unknown bound type",
    ),
    (
        "bound-unknown-column",
        "NAME\nROWS\n N obj\nCOLUMNS\n x obj 1\nBOUNDS\n UP BND y 1\nENDATA\n",
        7,
        9,
        "unknown column 'y'",
    ),
    ("data-outside-section", "NAME\n x obj 1\nENDATA\n", 2, 1, "outside a section"),
]
