"""One definition per fact (issue 17): money and numbers are written in Dutch notation by
``meedoen/rules/money.py`` only, a BSN is checked by ``meedoen/bsn.py`` only, and templates ask the
user model about roles instead of comparing role strings. These guards keep a copy from coming back."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "meedoen"
MONEY = "rules/money.py"
BSN = "bsn.py"

# Writing a number in Dutch notation by hand: a thousands-grouping format spec (``{n:,}``), a
# decimal point turned into a comma, or cents divided by 100 and printed with two decimals.
FORMATTING = re.compile(
    r"""\{[^{}"']*:[+ -]?,|\.replace\(\s*["']\.["']\s*,\s*["'],["']\s*\)|/\s*100\s*:\s*\.2f"""
)
# Names of functions that write or convert money or numbers.
FORMATTER_NAME = re.compile(r"^(_?(euro\w*|\w*_euro|cents|cents_of|bedrag\w*)|decimal_text|number|percent)$")
BSN_CHECK_NAME = re.compile(r"^_?(bsn_is_valid|is_valid_bsn|valid_bsn|elfproef\w*)$")
KNOWN_COPIES: set[str] = set()  # the monitor's copies use meedoen.rules.money since its split


def modules(package: Path = PACKAGE):
    for file in sorted(package.rglob("*.py")):
        if "migrations" not in file.parts:
            yield file.relative_to(package).as_posix(), file.read_text(encoding="utf-8")


def calls_money_module(func: ast.FunctionDef, tree: ast.Module) -> bool:
    """A thin wrapper: the function calls a name imported from ``meedoen.rules.money``."""
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "meedoen.rules.money"
        for alias in node.names
    }
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in imported
        for n in ast.walk(func)
    )


def money_copies(package: Path = PACKAGE) -> set[str]:
    found = set()
    for name, text in modules(package):
        if name == MONEY:
            continue
        if FORMATTING.search(text):
            found.add(f"{name}: formats by hand")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            formatter = isinstance(node, ast.FunctionDef) and FORMATTER_NAME.match(node.name)
            if formatter and not calls_money_module(node, tree):
                found.add(f"{name}: def {node.name}")
    return found


def bsn_copies(package: Path = PACKAGE) -> set[str]:
    """A function about BSNs that is not ``meedoen/bsn.py``'s, or the elfproef weights written out."""
    found = set()
    for name, text in modules(package):
        if name == BSN:
            continue
        if re.search(r"9\s*,\s*8\s*,\s*7\s*,\s*6\s*,\s*5\s*,\s*4\s*,\s*3\s*,\s*2\s*,\s*-1", text):
            found.add(f"{name}: elfproef weights")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef) and re.match(
                r"^_?(bsn_is_valid|is_valid_bsn|elfproef\w*)$", node.name
            ):
                found.add(f"{name}: def {node.name}")
    return found


def test_one_module_formats_money_and_numbers():
    copies = money_copies()
    assert copies <= KNOWN_COPIES, sorted(copies - KNOWN_COPIES)


def test_one_bsn_check():
    assert bsn_copies() == set()


def test_templates_ask_the_user_model_about_roles():
    """``{% if user.role == "team_lead" %}`` breaks silently when a role is renamed; ``user.is_team_lead``
    fails loudly (and says what it means)."""
    compare = re.compile(r"\.role\s*(==|!=|\bin\b|\bnot in\b)")
    found = [
        f"{t.relative_to(PACKAGE)}:{i}"
        for t in sorted((PACKAGE / "web").rglob("*.html"))
        for i, line in enumerate(t.read_text(encoding="utf-8").splitlines(), 1)
        if compare.search(line)
    ]
    assert found == []


def test_the_guards_see_a_copy(tmp_path):
    fake = tmp_path / "meedoen"
    (fake / "web").mkdir(parents=True)
    (fake / "web" / "fmt.py").write_text(
        'def euro_text(c):\n    return f"{c // 100:,}".replace(",", ".")\n\n'
        "def bsn_is_valid(b):\n"
        "    return sum(int(d) * w for d, w in zip(b, (9, 8, 7, 6, 5, 4, 3, 2, -1))) % 11 == 0\n"
    )
    (fake / "web" / "wrap.py").write_text(
        "from meedoen.rules.money import euro_text\n\ndef euro(c):\n    return euro_text(c)\n"
    )
    assert money_copies(fake) == {"web/fmt.py: formats by hand", "web/fmt.py: def euro_text"}
    assert bsn_copies(fake) == {"web/fmt.py: elfproef weights", "web/fmt.py: def bsn_is_valid"}
