"""Fresh CBS StatLine exports into the monitor's CBS folder: CSV downloads and OData v3 JSON alike.

StatLine offers each table as a CSV download and through its OData API (``TypedDataSet`` as JSON:
``{"odata.metadata": ".../84066NED/$metadata#...", "value": [{"Regiokenmerken": "GM0202", ...}]}``).
Both carry the same column keys, so one reader turns either into records of text. ``import_exports``
checks each record (a bad one is refused with its file and line or JSON index; the others are kept)
and writes the folder layout ``load_cbs`` reads, with ``vintage.json`` saying which periods each
table covers and when it was imported. ``fetch`` downloads the tables from the OData API on a
machine with internet (following ``odata.nextLink`` pages) and imports them.

Tables:
- ``84066NED`` Sociale zekerheid; bijstand, re-integratie en WSW, gemeenten (persons, per year) ->
  ``gemeente_<year>.csv``;
- ``37789ksz`` Kerncijfers sociale zekerheid (benefits x 1000, national, per month; ends 2018) ->
  ``social_security_<last period>.csv``;
- ``82015NED`` Bijstandsuitkeringen; uitkeringsgrondslag, regio's (benefits per region per month) ->
  ``bijstand_regio_<last period>.csv``; its ``NL01`` rows continue the national series after 2018.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from meedoen.monitor.summary import MONTHS
from meedoen.reporting import safe_csv

ODATA = "https://opendata.cbs.nl/ODataApi/odata"
VINTAGE_FILE = "vintage.json"


@dataclass(frozen=True)
class Table:
    """One StatLine table the monitor reads: how to recognise an export of it and where it goes."""

    id: str
    title: str
    needs: tuple[str, ...]  # column stems (without their number) an export must have
    file: str  # the name in the CBS folder; {period} is the last period in the export
    region: str = ""  # the region column, if any


TABLES = (
    Table(
        "84066NED",
        "Sociale zekerheid; bijstand, re-integratie en WSW, gemeenten",
        ("Inwoners", "Bijstandsontvangers", "Bijstandsdichtheid"),
        "gemeente_{period}.csv",
        "Regiokenmerken",
    ),
    Table(
        "37789ksz",
        "Kerncijfers sociale zekerheid",
        ("TotaalBijstandsuitkeringen",),
        "social_security_{period}.csv",
    ),
    Table(
        "82015NED",
        "Bijstandsuitkeringen; uitkeringsgrondslag, regio's",
        ("Bijstandsuitkeringen",),
        "bijstand_regio_{period}.csv",
        "RegioS",
    ),
)


class ExportError(Exception):
    """A file is not a StatLine export of a table the monitor reads."""


@dataclass
class Export:
    """An export as read: its table, its column keys and its records (text; ``""`` = no value)."""

    file: str
    table: Table
    columns: list[str]
    records: list[tuple[str, dict[str, str]]]  # (where: "line 7" / "value[5]", record)
    problems: list[str] = field(default_factory=list)

    @property
    def periods(self) -> list[str]:
        return sorted({r["Perioden"] for _, r in self.records if r.get("Perioden")})


def _stem(column: str) -> str:
    return re.sub(r"_\d+$", "", column.strip())


def _recognise(file: str, columns: list[str], table_id: str | None) -> Table:
    stems = {_stem(c) for c in columns}
    for table in TABLES:
        if (table_id or "").upper() == table.id.upper() or all(n in stems for n in table.needs):
            return table
    known = ", ".join(f"{t.id} ({', '.join(t.needs)})" for t in TABLES)
    raise ExportError(f"{file}: not an export of a table the monitor reads: {known}")


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text == "." else text


def read_export(path: str | Path) -> Export:
    """Read a StatLine CSV download or OData v3 JSON (``TypedDataSet``) of one of ``TABLES``."""
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"cannot read {path}: {exc}") from None
    if path.suffix.lower() == ".json" or raw.lstrip().startswith("{"):
        try:
            data = json.loads(raw)
            rows = data["value"]
        except (ValueError, KeyError, TypeError):
            raise ExportError(f"{path.name}: not OData JSON (an object with a 'value' list)") from None
        match = re.search(r"/(\w+)/\$metadata", str(data.get("odata.metadata", "")))
        columns = list(rows[0]) if rows else []
        table = _recognise(path.name, columns, match[1] if match else None)
        records = [(f"value[{i}]", {k: _text(v) for k, v in row.items()}) for i, row in enumerate(rows)]
        return Export(path.name, table, columns, records)
    reader = csv.reader(raw.splitlines())
    header = [h.strip() for h in next(reader, [])]
    if not header:
        raise ExportError(f"{path.name}: no header row")
    table = _recognise(path.name, header, None)
    export = Export(path.name, table, header, [])
    for line, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(row) != len(header):
            export.problems.append(
                f"{path.name}, line {line}: {len(row)} fields, the header has {len(header)}"
            )
            continue
        export.records.append((f"line {line}", {k: _text(v) for k, v in zip(header, row, strict=True)}))
    return export


def _check(export: Export) -> list[tuple[str, dict[str, str]]]:
    """The records whose periods and numbers are readable; the others become problems."""
    good = []
    region = export.table.region
    for where, record in export.records:
        period = record.get("Perioden", "")
        problem = ""
        if not re.fullmatch(r"\d{4}(JJ00|MM(0[1-9]|1[0-2]))", period) and "Perioden" in record:
            problem = f"Perioden {period!r} is not a year (2024JJ00) or month (2024MM05)"
        elif region and not record.get(region):
            problem = f"{region} is empty"
        else:
            for column, value in record.items():
                if re.search(r"_\d+$", column) and value and not re.fullmatch(r"-?\d+(\.\d+)?", value):
                    problem = f"{column} {value!r} is not a number"
                    break
        if problem:
            export.problems.append(f"{export.file}, {where}: {problem}")
        else:
            good.append((where, record))
    return good


def period_label(code: str) -> str:
    """``2017JJ00`` -> ``2017``; ``2018MM11`` -> ``november 2018`` (how the report names a vintage)."""
    if "MM" in code:
        return f"{MONTHS[int(code[6:]) - 1]} {code[:4]}"
    return code[:4]


def import_exports(paths: Iterable[str | Path], into: str | Path, today: dt.date | None = None) -> list[str]:
    """Check each export and write its good records to ``into`` in the folder's layout.

    Returns the problems (file and line of each refused record); ``vintage.json`` in ``into`` gains,
    per table, the periods it now covers, the file it came from and the day of the import.
    """
    into = Path(into)
    into.mkdir(parents=True, exist_ok=True)
    vintage = read_vintage(into)
    problems: list[str] = []
    for path in paths:
        export = read_export(path)
        good = _check(export)
        problems += export.problems
        if not good:
            continue
        periods = sorted({r["Perioden"] for _, r in good if r.get("Perioden")})
        last = periods[-1] if periods else "onbekend"
        name = export.table.file.format(period=last[:4] if last.endswith("JJ00") else last)
        with open(into / name, "w", encoding="utf-8", newline="") as f:
            writer = safe_csv.writer(f, quoting=csv.QUOTE_ALL)  # a cell never becomes a formula
            writer.writerow(export.columns)
            writer.writerows([r.get(c, "") for c in export.columns] for _, r in good)
        vintage[name] = {
            "table": export.table.id,
            "title": export.table.title,
            "first": periods[0] if periods else "",
            "last": last,
            "rows": len(good),
            "source": Path(path).name,
            "imported": (today or dt.date.today()).isoformat(),
        }
    (into / VINTAGE_FILE).write_text(
        json.dumps(vintage, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return problems


def read_vintage(folder: str | Path) -> dict[str, dict[str, Any]]:
    """What ``import_exports`` recorded in ``folder`` (empty for a folder never imported into)."""
    path = Path(folder) / VINTAGE_FILE
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def odata_url(table: str) -> str:
    """The first page of a table's TypedDataSet as JSON."""
    return f"{ODATA}/{table}/TypedDataSet?$format=json"


Opener = Callable[[str], bytes]


def _download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def fetch(
    into: str | Path,
    tables: Iterable[str] = ("84066NED", "82015NED"),
    base: str = ODATA,
    opener: Opener = _download,
) -> list[str]:
    """Download each table's TypedDataSet (every ``odata.nextLink`` page) and import it into ``into``.

    Needs internet (``opendata.cbs.nl``); the pages are kept in ``into/downloads``. Returns the import's
    problems."""
    into = Path(into)
    downloads = into / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    files = []
    for table in tables:
        url: str | None = f"{base}/{table}/TypedDataSet?$format=json"
        rows: list[dict[str, Any]] = []
        metadata = ""
        while url:
            page = json.loads(opener(url).decode("utf-8"))
            metadata = metadata or page.get("odata.metadata", "")
            rows += page.get("value", [])
            url = page.get("odata.nextLink")
        file = downloads / f"{table}.json"
        file.write_text(json.dumps({"odata.metadata": metadata, "value": rows}), encoding="utf-8")
        files.append(file)
    return import_exports(files, into)
