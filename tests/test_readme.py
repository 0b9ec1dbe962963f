"""The README's library examples run as written, in a fresh interpreter (so that nothing this test
suite imported first, such as the formulas, makes them work by accident)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_has_library_examples():
    assert len(BLOCKS) >= 2


def test_every_python_example_runs(tmp_path):
    shutil.copy(ROOT / "meedoen" / "examples" / "household_arnhem.json", tmp_path / "household.json")
    for block in BLOCKS:
        run = subprocess.run([sys.executable, "-c", block], cwd=tmp_path, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip()
