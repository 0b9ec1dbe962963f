"""Every relative link in README.md and docs/ resolves (issue 17, item 5: the repository stands on its own).

A link is a Markdown ``[text](target)``; a path in backticks that names a document of this repository
(``docs/....md``) must exist too. Web addresses are not fetched.
"""

from __future__ import annotations

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
MENTION = re.compile(r"`((?:docs/)[\w./-]+\.md)`")


def _name(path: pathlib.Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("document", DOCUMENTS, ids=_name)
def test_every_relative_link_resolves(document):
    text = document.read_text(encoding="utf-8")
    broken = []
    for target in LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # a web address, mail address or an anchor in the same page
        path = target.split("#", 1)[0]
        if not (document.parent / path).exists():
            broken.append(target)
    for mention in MENTION.findall(text):
        if not (ROOT / mention).exists():
            broken.append(mention)
    assert broken == []


def test_the_notes_folder_is_gone_and_nothing_points_at_it():
    assert not (ROOT / "docs" / "notes").exists()
    pointing = [_name(d) for d in DOCUMENTS if "docs/notes" in d.read_text(encoding="utf-8")]
    assert pointing == []


def test_the_architecture_links_every_document_of_an_area():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    linked = set(LINK.findall(text))
    top = {p.name for p in (ROOT / "docs").glob("*.md")} - {"architecture.md"}
    assert top - linked == set()
