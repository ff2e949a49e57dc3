"""The installed (non-editable) package ships its grammars and parses with them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import equivsolve

REPO = Path(__file__).resolve().parent.parent

SCRIPT = """
import json, equivsolve, equivsolve.syntax as s
r = equivsolve.check(r'\\frac{1}{2}', '0.5', kind='math')
print(json.dumps({"file": equivsolve.__file__, "grammars": str(s.grammar_dir()),
                  "verdict": r.verdict.value}))
"""


def test_installed_package_parses_with_its_own_grammars(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": ""},
    )
    info = json.loads(out.stdout)
    installed = Path(info["file"]).resolve()
    if installed.parent == REPO / "equivsolve":
        pytest.skip(
            "equivsolve is installed in editable mode; the wheel check needs `pip install .`"
        )
    grammars = Path(info["grammars"])
    assert (grammars / "math.lark").is_file()
    assert installed.parent in grammars.parents  # inside the installed package
    assert info["verdict"] == "equivalent"


def test_grammar_dir_has_math_grammar():
    from equivsolve.syntax import grammar_dir

    assert (grammar_dir() / "math.lark").is_file()
    assert equivsolve.__version__
