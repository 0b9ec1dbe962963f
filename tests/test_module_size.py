"""No module in ``meedoen/`` over 400 lines: a longer one holds more than one concept and is split by
them (migrations are generated and exempt). The allow-list names each exception and why."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "meedoen"
LIMIT = 400

ALLOWED: dict[str, str] = {}  # module -> why it may be longer (none today)


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_over_the_limit():
    long = [
        f"{rel} ({n} lines)"
        for path in sorted(ROOT.rglob("*.py"))
        if "migrations" not in path.parts
        and (rel := path.relative_to(ROOT).as_posix()) not in ALLOWED
        and (n := _lines(path)) > LIMIT
    ]
    assert not long, f"modules over {LIMIT} lines (split them by concept): " + ", ".join(long)


def test_the_allow_list_names_existing_long_modules():
    stale = [rel for rel in ALLOWED if not (ROOT / rel).exists() or _lines(ROOT / rel) <= LIMIT]
    assert not stale, "no longer needed on the allow-list: " + ", ".join(stale)
