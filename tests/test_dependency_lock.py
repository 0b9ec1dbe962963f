"""Dependencies locked (issue 16, item 12): every Python package the project installs, runtime and dev
extras and the build backend, is pinned in requirements.lock with the sha256 of its files, and make
(so CI) installs from it with --require-hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"


def locked() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) for every requirement of the lock file (markers may fork a name)."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    found: dict[str, tuple[str, list[str]]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = line.split(" --hash", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9._-]+)(\[[^\]]*\])?==([^ ;]+)(\s*;.*)?", requirement)
        assert match, f"not pinned with ==: {requirement}"
        found[canonicalize_name(match[1])] = (match[3], re.findall(r"--hash=sha256:([0-9a-f]{64})", line))
    return found


def test_every_locked_package_is_pinned_with_hashes():
    packages = locked()
    assert len(packages) > 40
    assert all(hashes for _, hashes in packages.values()), [n for n, (_, h) in packages.items() if not h]


def test_every_dependency_of_pyproject_is_in_the_lock_at_an_allowed_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [
        *project["project"]["dependencies"],
        *project["project"]["optional-dependencies"]["dev"],
        *project["build-system"]["requires"],
    ]
    packages = locked()
    for spec in wanted:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in packages, f"{name} is not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(packages[name][0], prereleases=True), (spec, packages[name][0])


def test_make_installs_from_the_lock_with_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("$(BIN)/meedoen:", 1)[1].split("\n\n", 1)[0]
    assert "$(LOCK)" in recipe.splitlines()[0]  # a new lock rebuilds the virtualenv
    assert "--require-hashes -r $(LOCK)" in recipe
    assert "--no-deps" in recipe  # the project itself adds nothing unlocked
    assert re.search(r"^LOCK := requirements\.lock$", makefile, re.M)
    assert "pip-audit" in (ROOT / "README.md").read_text(encoding="utf-8")
