"""The LP-format case table: (id, text, expectation) -- see ``helpers.assert_model``.

Each row pins one convention of the LP reader (``equivsolve/domains/lp/_lpfile.py``):
awkward names, section spellings, layouts, constants on either side, bounds.
"""

GUROBI = r"""\ Model Transportation
\ LP format - for model browsing. Use MPS format to capture full model detail.
Minimize
  2.5 flow[Node_5,Node_1] + 1e-3 x[0,1]
   - 1.75 k[0]
Subject To
 supply[0]: flow[Node_5,Node_1] + x[0,1] <= 40
 R1: - 1.75 k[0] + 0.5 x[0,1]
   + flow[Node_5,Node_1] >= -3.5
Bounds
 k[0] free
End
"""

CASES = [
    (
        "gurobi-names",
        GUROBI,
        {
            "sense": "min",
            "objective": {"flow[Node_5,Node_1]": "2.5", "x[0,1]": "1e-3", "k[0]": "-1.75"},
            "rows": [
                ("supply[0]", {"flow[Node_5,Node_1]": 1, "x[0,1]": 1}, "<=", 40),
                ("R1", {"k[0]": "-1.75", "x[0,1]": "0.5", "flow[Node_5,Node_1]": 1}, ">=", "-3.5"),
            ],
            "bounds": {"k[0]": (None, None)},
            "no_bounds": ["x[0,1]"],
            "variables": ["flow[Node_5,Node_1]", "x[0,1]", "k[0]"],
        },
    ),
    # section keywords, any case and spelling
    ("kw-maximize-upper", "MAXIMIZE\n x\nSUBJECT TO\n c: x <= 1\nEND", {"sense": "max"}),
    ("kw-maximum", "Maximum\n x\nst\n c: x <= 1\nend", {"sense": "max"}),
    ("kw-max", "max\n x\ns.t.\n c: x <= 1\nEnd", {"sense": "max"}),
    ("kw-maximise", "Maximise\n x\nST\n c: x <= 1\nEnd", {"sense": "max"}),
    ("kw-minimum", "Minimum\n x\nsuch that\n c: x >= 1\nEnd", {"sense": "min"}),
    ("kw-min", "MIN\n x\nSuch That\n c: x >= 1\nEnd", {"sense": "min"}),
    (
        "kw-st-colon",
        "Minimize\n x\nSubject To:\n c: x >= 1\nEnd",
        {"rows": [("c", {"x": 1}, ">=", 1)]},
    ),
    ("kw-no-end", "Minimize\n x\nSubject To\n c: x >= 1\n", {"rows": [("c", {"x": 1}, ">=", 1)]}),
    ("kw-no-objective-section", "Subject To\n c: x >= 1\nEnd", {"sense": "min", "objective": {}}),
    (
        "kw-bound-gen-bin",
        "Minimize\n x + y + z\nSubject To\n c: x + y + z >= 1\nBound\n x <= 4\nGen\n x\nBin\n y\nEnd",
        {"integers": {"x"}, "binaries": {"y"}, "bounds": {"x": (0, 4), "y": (0, 1)}},
    ),
    (
        "kw-general-binary",
        "Minimize\n x + y\nSubject To\n c: x + y >= 1\nGeneral\n x\nBinary\n y\nEnd",
        {"integers": {"x"}, "binaries": {"y"}},
    ),
    (
        "kw-generals-binaries",
        "Minimize\n x + y\nSubject To\n c: x + y >= 1\nGenerals\n x\nBinaries\n y\nEnd",
        {"integers": {"x"}, "binaries": {"y"}},
    ),
    (
        "kw-integers",
        "Minimize\n x + y\nSubject To\n c: x + y >= 1\nIntegers\n x y\nEnd",
        {"integers": {"x", "y"}},
    ),
    (
        "kw-semi-continuous",
        "Minimize\n x + y\nSubject To\n c: x + y >= 1\nBounds\n x <= 9\nSemi-continuous\n x\nSemis\n y\nEnd",
        {"semis": {"x", "y"}, "bounds": {"x": (0, 9)}},
    ),
    ("kw-semi", "Minimize\n x\nSubject To\n c: x >= 1\nSemi\n x\nEnd", {"semis": {"x"}}),
    (
        "kw-keyword-names-mid-line",
        "Minimize\n x + st + bin + end + free + inf\nSubject To\n c: st + bin >= 1\nEnd",
        {"objective": {"x": 1, "st": 1, "bin": 1, "end": 1, "free": 1, "inf": 1}},
    ),
    (
        "kw-text-after-end",
        "Minimize\n x\nSubject To\n c: x >= 1\nEnd\nthis is ignored ( [\n",
        {"rows": [("c", {"x": 1}, ">=", 1)]},
    ),
    (
        "kw-objective-same-line",
        "Maximize obj: x + y\nSubject To c1: x + y <= 4\nEnd",
        {"objective_name": "obj", "rows": [("c1", {"x": 1, "y": 1}, "<=", 4)]},
    ),
    # comments and layout
    (
        "comments",
        "\\ header\nMinimize \\ trailing\n x \\ after a term\n + y\nSubject To\n\\ whole line\n c: x + y >= 1 \\ done\nEnd",
        {"objective": {"x": 1, "y": 1}, "rows": [("c", {"x": 1, "y": 1}, ">=", 1)]},
    ),
    (
        "crlf",
        "Minimize\r\n x\r\nSubject To\r\n c: x >= 1\r\nEnd\r\n",
        {"rows": [("c", {"x": 1}, ">=", 1)]},
    ),
    (
        "multi-line-row",
        "Minimize\n x\nSubject To\n c:\n  x\n  + 2 y\n  >=\n  3\nEnd",
        {"rows": [("c", {"x": 1, "y": 2}, ">=", 3)]},
    ),
    (
        "label-space-before-colon",
        "Minimize\n x\nSubject To\n c1 : x >= 1\nEnd",
        {"rows": [("c1", {"x": 1}, ">=", 1)]},
    ),
    (
        "no-objective-label",
        "Minimize\n 3 x\nSubject To\n x >= 1\nEnd",
        {"objective_name": None, "rows": [(None, {"x": 1}, ">=", 1)]},
    ),
    (
        "objective-label",
        "Minimize\n cost: 3 x\nSubject To\n x >= 1\nEnd",
        {"objective_name": "cost", "objective": {"x": 3}},
    ),
    (
        "empty-objective",
        "Minimize\n\nSubject To\n c: x >= 1\nEnd",
        {"objective": {}, "objective_name": None},
    ),
    (
        "objective-constant",
        "Minimize\n obj: 3 x + 5 - 2\nSubject To\n c: x >= 1\nEnd",
        {"objective": {"x": 3}, "constant": 3},
    ),
    (
        "unnamed-rows-minus",
        "Minimize\n x\nSubject To\n x + y <= 4\n- x + y >= 1\n-2 y >= -8\nEnd",
        {
            "rows": [
                (None, {"x": 1, "y": 1}, "<=", 4),
                (None, {"x": -1, "y": 1}, ">=", 1),
                (None, {"y": -2}, ">=", -8),
            ]
        },
    ),
    (
        "empty-row-gurobi",
        "Minimize\n x\nSubject To\n c0: <= 0\n c1: >= -1\nEnd",
        {"rows": [("c0", {}, "<=", 0), ("c1", {}, ">=", -1)]},
    ),
    # names
    (
        "names-odd-characters",
        "Minimize\n a.b + c_d#1 + e!f + g(1) + h{2} + p$q + r&s + t/u + v;w + y?z + m@n + o'p + q~r + s|t + u\"v + w%x\nSubject To\n c: a.b >= 1\nEnd",
        {
            "variables": [
                "a.b",
                "c_d#1",
                "e!f",
                "g(1)",
                "h{2}",
                "p$q",
                "r&s",
                "t/u",
                "v;w",
                "y?z",
                "m@n",
                "o'p",
                "q~r",
                "s|t",
                'u"v',
                "w%x",
            ]
        },
    ),
    (
        "names-nested-brackets",
        "Minimize\n x[a[1],b] + _y\nSubject To\n c[0]: x[a[1],b] >= 1\nEnd",
        {"variables": ["x[a[1],b]", "_y"]},
    ),
    (
        "names-e",
        "Minimize\n 3 e + 2 e1 + E + 2e1 x\nSubject To\n c: e + E2 >= 1\nEnd",
        {
            "objective": {"e": 3, "e1": 2, "E": 1, "x": 20},
            "rows": [("c", {"e": 1, "E2": 1}, ">=", 1)],
        },
    ),
    (
        "names-e-glued",
        "Minimize\n 3e + 2E1e\nSubject To\n c: 3e >= 1\nEnd",
        {"objective": {"e": 23}, "rows": [("c", {"e": 3}, ">=", 1)]},
    ),  # 2E1e = 20 e
    (
        "names-keyword-like-label",
        "Minimize\n x\nSubject To\n bounds_0: x >= 1\n end1: x <= 5\nEnd",
        {"rows": [("bounds_0", {"x": 1}, ">=", 1), ("end1", {"x": 1}, "<=", 5)]},
    ),
    # numbers
    (
        "numbers-forms",
        "Minimize\n 1e-3 x + 1.E2 y + .5 z - 1.75 w + 2.5e+1 v + 07 u\nSubject To\n c: x >= 1\nEnd",
        {"objective": {"x": "0.001", "y": 100, "z": "0.5", "w": "-1.75", "v": 25, "u": 7}},
    ),
    (
        "numbers-exact",
        "Minimize\n 991.4565553276492 x\nSubject To\n c: 0.1 x >= 0.3\nEnd",
        {"objective": {"x": "991.4565553276492"}, "rows": [("c", {"x": "0.1"}, ">=", "0.3")]},
    ),
    (
        "numbers-space-after-sign",
        "Minimize\n - 3 x + 0 y\nSubject To\n c: x >= - 1\nEnd",
        {"rows": [("c", {"x": 1}, ">=", -1)]},
    ),
    # rows
    (
        "rows-repeated-variables",
        "Minimize\n x + x\nSubject To\n c: x + 2 y - x + 3 x >= 1\nEnd",
        {"objective": {"x": 2}, "rows": [("c", {"x": 3, "y": 2}, ">=", 1)]},
    ),
    (
        "rows-cancel-to-zero",
        "Minimize\n x\nSubject To\n c: x + y - y >= 1\nEnd",
        {"rows": [("c", {"x": 1, "y": 0}, ">=", 1)]},
    ),
    (
        "rows-constant-left",
        "Minimize\n x\nSubject To\n c: 3 x + 2 <= 10\n d: 2 + x - 5 >= 0\nEnd",
        {"rows": [("c", {"x": 3}, "<=", 8), ("d", {"x": 1}, ">=", 3)]},
    ),
    (
        "rows-constant-first",
        "Minimize\n x\nSubject To\n c: 10 >= x\n d: -5 <= x + y\n e: 3 = 2 x + 1\nEnd",
        {
            "rows": [
                ("c", {"x": 1}, "<=", 10),
                ("d", {"x": 1, "y": 1}, ">=", -5),
                ("e", {"x": 2}, "=", 2),
            ]
        },
    ),
    (
        "rows-senses",
        "Minimize\n x\nSubject To\n a: x <= 1\n b: x >= 1\n c: x = 1\n d: x =< 1\n e: x => 1\n f: x < 1\n g: x > 1\nEnd",
        {
            "rows": [
                ("a", {"x": 1}, "<=", 1),
                ("b", {"x": 1}, ">=", 1),
                ("c", {"x": 1}, "=", 1),
                ("d", {"x": 1}, "<=", 1),
                ("e", {"x": 1}, ">=", 1),
                ("f", {"x": 1}, "<=", 1),
                ("g", {"x": 1}, ">=", 1),
            ]
        },
    ),
    (
        "rows-ranged",
        "Minimize\n x\nSubject To\n r1: -5 <= x + y <= 4\n r2: 4 >= x - y >= -5\n -1 <= 2 x + 1 <= 7\nEnd",
        {
            "rows": [
                ("r1", {"x": 1, "y": 1}, "range", -5, 4),
                ("r2", {"x": 1, "y": -1}, "range", -5, 4),
                (None, {"x": 2}, "range", -2, 6),
            ]
        },
    ),
    # bounds
    (
        "bounds-forms",
        """Minimize
 a + b + c + d + e + f + g + h
Subject To
 c0: a >= 0
Bounds
 a <= 4
 -inf <= b <= 5
 c >= -inf
 d free
 e = 3
 -5 <= f <= 5
 10 >= g
 2 <= h
End""",
        {
            "bounds": {
                "a": (0, 4),
                "b": (None, 5),
                "c": (None, None),
                "d": (None, None),
                "e": (3, 3),
                "f": (-5, 5),
                "g": (0, 10),
                "h": (2, None),
            }
        },
    ),
    (
        "bounds-infinity-words",
        "Minimize\n a\nSubject To\n c: a >= 0\nBounds\n -INFINITY <= a <= +Inf\n b >= -infinity\n c <= INF\n d >= -Inf\n e <= infinity\nEnd",
        {
            "bounds": {
                "a": (None, None),
                "b": (None, None),
                "c": (0, None),
                "d": (None, None),
                "e": (0, None),
            }
        },
    ),
    (
        "bounds-huge-is-infinite",
        "Minimize\n a\nSubject To\n c: a >= 0\nBounds\n -1e30 <= a <= 1e20\n b <= 99999999999999999999\nEnd",
        {"bounds": {"a": (None, None), "b": (0, "99999999999999999999")}},
    ),
    (
        "bounds-last-wins",
        "Minimize\n x\nSubject To\n c: x >= 0\nBounds\n x <= 4\n x >= 1\n x <= 6\nEnd",
        {"bounds": {"x": (1, 6)}},
    ),
    (
        "bounds-negative-upper-keeps-lower",
        "Minimize\n x\nSubject To\n c: x >= -9\nBounds\n x <= -2\nEnd",
        {"bounds": {"x": (0, -2)}},
    ),
    (
        "bounds-free-case",
        "Minimize\n x\nSubject To\n c: x >= 0\nBounds\n x FREE\n y Free\nEnd",
        {"bounds": {"x": (None, None), "y": (None, None)}},
    ),
    ("bounds-default", "Minimize\n x\nSubject To\n c: x >= 0\nEnd", {"no_bounds": ["x"]}),
    (
        "binaries-override-bounds",
        "Minimize\n x\nSubject To\n c: x >= 0\nBounds\n x <= 5\nBinaries\n x\nEnd",
        {"bounds": {"x": (0, 1)}, "binaries": {"x"}, "integers": set()},
    ),
    (
        "types-register-variables",
        "Minimize\n x\nSubject To\n c: x >= 0\nBounds\n y <= 3\nGenerals\n z\nEnd",
        {"variables": ["x", "y", "z"], "integers": {"z"}},
    ),
    # quadratic blocks
    (
        "quad-objective",
        "Minimize\n obj: x + y + [ 2 x ^ 2 + x * y ] / 2\nSubject To\n c: x + y >= 1\nEnd",
        {"quadratic": True, "objective": {"x": 1, "y": 1}},
    ),
    (
        "quad-objective-no-space",
        "Minimize\n x + [2 x^2 + x[1]*y]/2\nSubject To\n c: x >= 1\nEnd",
        {"quadratic": True},
    ),
    (
        "quad-row",
        "Minimize\n x\nSubject To\n q: [ x[0] * x[1] ] <= 3\n r: x + [ x ^ 2 ] >= 1\nEnd",
        {"quadratic": True, "rows": [("q", {}, "<=", 3), ("r", {"x": 1}, ">=", 1)]},
    ),
    (
        "quad-multi-line",
        "Minimize\n x + [\n 2 x ^ 2\n + 3 x * y\n ] / 2\nSubject To\n c: x >= 1\nEnd",
        {"quadratic": True},
    ),
    ("not-quadratic", "Minimize\n x\nSubject To\n c: x >= 1\nEnd", {"quadratic": False}),
]

#: (id, text, line, column, part of the message)
ERRORS = [
    (
        "missing-sense",
        "Minimize\n x\nSubject To\n c1: x + y 3\nEnd",
        4,
        12,
        "expected a constraint sense",
    ),
    (
        "missing-sense-eof",
        "Minimize\n x\nSubject To\n c1: x + y\nEnd",
        5,
        1,
        "expected a constraint sense",
    ),
    (
        "vars-both-sides",
        "Minimize\n x\nSubject To\n c: x + y <= z\nEnd",
        4,
        14,
        "variables on one side",
    ),
    (
        "bound-no-sense",
        "Minimize\n x\nSubject To\n c: x >= 0\nBounds\n x 3\nEnd",
        6,
        4,
        "bound sense or 'free'",
    ),
    ("bad-character", "Minimize\n x\nSubject To\n c: x * y >= 0\nEnd", 4, 7, "unexpected"),
    ("unbalanced-bracket", "Minimize\n x[0\nSubject To\n c: x >= 0\nEnd", 2, 3, "unexpected"),
    ("ranged-mixed", "Minimize\n x\nSubject To\n c: -5 <= x + y >= 4\nEnd", 4, 17, "ranged row"),
    (
        "upper-minus-inf",
        "Minimize\n x\nSubject To\n c: x >= 0\nBounds\n x <= -inf\nEnd",
        6,
        4,
        "-infinity",
    ),
    (
        "fixed-at-inf",
        "Minimize\n x\nSubject To\n c: x >= 0\nBounds\n x = inf\nEnd",
        6,
        4,
        "infinite",
    ),
    ("rhs-inf", "Minimize\n x\nSubject To\n c: x <= inf\nEnd", 4, 10, "infinite right-hand side"),
    # after '+' a keyword is not expected, so `Subject` is read as a variable name
    (
        "missing-term-after-sign",
        "Minimize\n x +\nSubject To\n c: x >= 0\nEnd",
        3,
        9,
        "unexpected 'To'",
    ),
    ("double-objective", "Minimize\n x\nMaximize\n y\nEnd", 3, 1, "unexpected"),
]
