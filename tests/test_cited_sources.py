"""Every file a test cites as the source of a figure is in the repository (or the citation is a URL).

A rule case's ``source:`` and a test's docstring may point at a document (``docs/reference/figures.md
§1``); a clone on its own must be able to open it. ``docs/reference/figures.md`` mirrors the shared
reference figures (each with its official URL); where ``../shared`` exists, it must be identical.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "rules" / "cases"
SHARED_FIGURES = REPO.parent / "shared" / "reference" / "figures.md"
FILE = re.compile(r"(?<![\w/.:-])((?:[\w-]+/)*[\w-]+\.(?:md|csv|json|yaml|pdf))\b")


def cited_files(text: str) -> list[str]:
    """File paths named in ``text`` (URLs are not file paths and are skipped)."""
    text = re.sub(r"https?://\S+", "", text)
    return FILE.findall(text)


def _case_sources() -> list[tuple[str, str]]:
    out = []
    for file in sorted(CASES.rglob("*.yaml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8")) or []:
            out.append((f"{file.relative_to(CASES)}: {case.get('name')}", str(case.get("source", ""))))
    return out


def test_every_case_source_file_is_in_the_repository():
    missing = [
        f"{where} -> {path}"
        for where, source in _case_sources()
        for path in cited_files(source)
        if not (REPO / path).is_file()
    ]
    assert not missing, "sources that point outside the repository: " + "; ".join(missing)


def test_every_test_docstring_cites_files_in_the_repository():
    missing = []
    for file in sorted((REPO / "tests").rglob("*.py")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if "/" not in line or not line.lstrip().startswith(("#", '"""')):
                continue
            paths = [p for p in cited_files(line) if "/" in p]
            missing += [f"{file.name}: {p}" for p in paths if not (REPO / p).is_file()]
    assert not missing, missing


def test_the_check_catches_a_missing_file():
    assert cited_files("figures.md §1, see https://x.nl/a.md") == ["figures.md"]
    assert not (REPO / "figures.md").is_file()


def test_the_reference_figures_mirror_the_shared_ones():
    if not SHARED_FIGURES.is_file():
        pytest.skip(f"{SHARED_FIGURES} not found: nothing to compare with")
    assert (REPO / "docs" / "reference" / "figures.md").read_bytes() == SHARED_FIGURES.read_bytes()
