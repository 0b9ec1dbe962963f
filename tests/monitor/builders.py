"""Hand-made monitor tables for the tests: each table written as the CSV lines it holds."""

from __future__ import annotations

import textwrap
from pathlib import Path

HEADERS = {
    "persons": "person_id,birth_date,area,startkwalificatie",
    "spells": "spell_id,person_id,start_date,end_date,outflow_reason",
    "instruments": "person_id,instrument,start_date,end_date",
    "debt_help": "person_id,start_date,end_date,route",
}


def write_folder(folder: Path, headers: dict[str, str] | None = None, **tables: str) -> Path:
    """Write the four CSV files; a table not given has only its header (``headers`` overrides one,
    e.g. persons with the optional gender column).

    Each value is the table's rows as CSV text (indentation and blank lines around it removed), so a
    test shows its data as a municipality's export would.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name, header in (HEADERS | (headers or {})).items():
        rows = textwrap.dedent(tables.get(name, "")).strip()
        (folder / f"{name}.csv").write_text(header + "\n" + (rows + "\n" if rows else ""), encoding="utf-8")
    return folder
