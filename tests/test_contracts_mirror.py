"""docs/contracts/ mirrors the shared contracts: the repository carries the public interfaces it implements.

The shared folder (``../shared/contracts`` next to the repository) is the original; where it is not
there (a clone on its own), the test skips.
"""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MIRROR = REPO / "docs" / "contracts"
SHARED = REPO.parent / "shared" / "contracts"


def test_every_shared_contract_is_mirrored_identically():
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: nothing to compare with")
    shared = {f.name: f.read_bytes() for f in sorted(SHARED.glob("*.md"))}
    mirrored = {f.name: f.read_bytes() for f in sorted(MIRROR.glob("*.md"))}
    assert shared, "the shared contracts folder holds no contract"
    assert sorted(mirrored) == sorted(shared), "copy /work/shared/contracts/*.md to docs/contracts/"
    changed = [name for name, text in shared.items() if mirrored[name] != text]
    assert not changed, f"docs/contracts differs from {SHARED}: {changed} (copy them again)"


def test_the_mirror_exists_even_without_the_shared_folder():
    assert (MIRROR / "household.md").is_file()
