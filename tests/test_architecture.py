"""The layers stay apart: the rules engine is a plain library (no web, analysis, monitor, signals)."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "meedoen"
FORBIDDEN_IN_RULES = (
    "django",
    "meedoen.web",
    "meedoen.analysis",
    "meedoen.monitor",
    "meedoen.signals",
    "meedoen.cli",
)


def imports_of(file: Path) -> set[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def offending(folder: str, forbidden: tuple[str, ...], package: Path = PACKAGE) -> list[str]:
    bad = []
    for file in (package / folder).rglob("*.py"):
        for name in imports_of(file):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                bad.append(f"{file.relative_to(package)} imports {name}")
    return bad


def test_rules_engine_is_a_plain_library():
    assert offending("rules", FORBIDDEN_IN_RULES) == []


def test_signals_rules_are_a_plain_library():
    """The contract's rules for early-detection signals run without Django (the web app stores them)."""
    assert offending("signals", ("django", "meedoen.web")) == []


def test_the_guard_sees_a_violation(tmp_path):
    fake = tmp_path / "meedoen" / "rules"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("from django.db import models\n")
    found = offending("rules", FORBIDDEN_IN_RULES, tmp_path / "meedoen")
    assert found == ["rules/bad.py imports django.db"]


def test_the_command_line_loads_neither_django_nor_the_web_app():
    """``meedoen check`` stays quick and usable without the web app: only ``signals ingest`` loads it."""
    probe = (
        "import meedoen.cli, sys; "
        "print(sorted(m for m in sys.modules if m.startswith(('django', 'meedoen.web'))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert not [n for n in imports_of(PACKAGE / "cli.py") if n.startswith(("django", "meedoen.web"))]


def test_the_signals_store_is_named_by_an_import_string_that_resolves():
    """The CLI's only link to the web app: ``STORE`` names a callable the web package provides."""
    from meedoen.signals.cli import STORE, load_store
    from meedoen.web.vroegsignalering import cli as web_store

    assert load_store(STORE) is web_store.store
