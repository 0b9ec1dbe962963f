"""CBS open data for the monitor's comparison: municipalities (84066NED), the nation (37789ksz), maps.

What each source counts differs and every figure made from it says so:

- ``84066NED`` "Sociale zekerheid; bijstand, re-integratie en WSW, gemeenten" counts **persons**
  (bijstandsontvangers, instroom and uitstroom in persons), per region and year;
- ``37789ksz`` "Kerncijfers sociale zekerheid" (and ``82015NED``) count **benefits** (uitkeringen),
  national and monthly.

The files are StatLine CSV exports as CBS makes them: fields padded with spaces, ``.`` for no value,
sometimes a byte-order mark. A newer export of the same tables (other years, same layout) dropped in
the same folder is picked up: a municipal file's year comes from its ``Perioden`` column when it has
one (``2018JJ00``), otherwise from the four-digit year in its file name (``gemeente_2018.csv``).
Columns are matched by their name without the number (``Instroom_4`` and ``Instromers_4`` are both
inflow), so the slightly different names of the 2015 edition are read too.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from meedoen.data import CBS
from meedoen.monitor.ambition import cbs_national_trend
from meedoen.monitor.statline import period_label, read_vintage

AGE_15_PLUS = "20150"  # Leeftijd: 15 years and older (90100 = 15 to AOW age, 90200 = AOW age and older)
NATIONAL = "NL01"
MUNICIPAL_TABLE = "84066NED"
NATIONAL_TABLE = "37789ksz"
NATIONAL_COLUMN = "TotaalBijstandsuitkeringen_11"
REGIONAL_TABLE = "82015NED"  # monthly benefits per region; its NL01 rows continue the national series

# Column stem (lowercase, without its number) -> (name of the count, name of the percentage).
STEMS = {
    "inwoners": ("inhabitants", None),
    "bijstandsontvangers": ("persons", None),
    "bijstandsdichtheid": ("density", None),
    "instroom": ("inflow", "inflow_pct"),
    "uitstroom": ("outflow", "outflow_pct"),
    "uitstroomnaarwerk": ("outflow_work", "outflow_work_pct"),
}
COUNTS = ("inhabitants", "persons", "inflow", "outflow", "outflow_work")
RATES = ("density", "inflow_pct", "outflow_pct", "outflow_work_pct")
COLUMNS = ("year", "age", "code", "name", *COUNTS, *RATES, "file")


def default_folder() -> Path:
    """``$MEEDOEN_CBS_DIR`` (e.g. a newer export), else the CBS tables bundled in ``meedoen/data``."""
    configured = os.environ.get("MEEDOEN_CBS_DIR")
    return Path(configured) if configured else CBS


class CbsError(Exception):
    """A CBS file is missing or does not have the expected layout."""


@dataclass(frozen=True)
class Boundary:
    """One municipality's outline: ``rings`` of (longitude, latitude) points."""

    code: str
    name: str
    rings: list[list[tuple[float, float]]]


@dataclass(frozen=True)
class Cbs:
    """Everything read from a CBS folder."""

    municipal: pl.DataFrame  # one row per (year, age, code); see COLUMNS
    national: dict[date, float]  # benefits (uitkeringen) on the first day of each month
    boundaries: list[Boundary] = field(default_factory=list)
    folder: Path = Path()
    national_table: str = NATIONAL_TABLE  # which table ``national`` comes from

    @property
    def bundled(self) -> bool:
        """The offline default shipped with Meedoen, not a fresh export."""
        return self.folder.resolve() == CBS.resolve()

    def vintage(self) -> str:
        """Which CBS data a figure rests on, in Dutch: tables, last period, where they came from."""
        imported = read_vintage(self.folder)
        parts = [f"{MUNICIPAL_TABLE} (per gemeente) t/m {max(self.years)}"] if self.years else []
        if self.national:
            last = max(self.national)  # the stock on the 1st: the count of the month before
            year, month = (last.year, last.month - 1) if last.month > 1 else (last.year - 1, 12)
            parts.append(f"{self.national_table} (landelijk) t/m {period_label(f'{year}MM{month:02d}')}")
        origin = (
            "meegeleverd met Meedoen: de offline standaard; nieuwere cijfers met meedoen monitor cbs-import"
            if self.bundled
            else f"map {self.folder.name}"
            + (f", geïmporteerd op {max(v['imported'] for v in imported.values())}" if imported else "")
        )
        return f"Bron: CBS StatLine, {'; '.join(parts)} ({origin})"

    @property
    def years(self) -> list[int]:
        return sorted(self.municipal["year"].unique().to_list())

    def name(self, code: str) -> str:
        return self.names().get(code, code)

    def names(self) -> dict[str, str]:
        names = {b.code: b.name for b in self.boundaries}
        names[NATIONAL] = "Nederland"
        return names

    def code_of(self, municipality: str) -> str:
        """``arnhem`` or ``GM0202`` -> ``GM0202``; ``CbsError`` when no municipality has that name."""
        wanted = municipality.strip()
        if re.fullmatch(r"GM\d{4}", wanted.upper()):
            code = wanted.upper()
            if code in set(self.municipal["code"].to_list()):
                return code
        for code, name in self.names().items():
            if name.lower() == wanted.lower() and code.startswith("GM"):
                return code
        raise CbsError(f"no municipality {municipality!r} in the CBS files of {self.folder}")


def _number(text: str | None) -> float | None:
    value = (text or "").strip()
    if value in ("", "."):
        return None
    try:
        return float(value)
    except ValueError:
        raise CbsError(f"not a number: {text!r}") from None


def _mapping(header: list[str]) -> dict[str, str]:
    """CSV column -> our name, e.g. ``Instromers_5`` -> ``inflow_pct``."""
    numbered: dict[str, list[tuple[int, str]]] = {}
    for column in header:
        match = re.fullmatch(r"([A-Za-z]+)_(\d+)", column.strip())
        if not match:
            continue
        stem = match[1].lower().replace("instromers", "instroom").replace("uitstromers", "uitstroom")
        if stem in STEMS:
            numbered.setdefault(stem, []).append((int(match[2]), column))
    mapping = {}
    for stem, found in numbered.items():
        for name, (_, column) in zip(STEMS[stem], sorted(found), strict=False):
            if name:
                mapping[column] = name
    return mapping


def _year(row: dict[str, str], file: Path) -> int:
    period = (row.get("Perioden") or "").strip()
    if period:
        return int(period[:4])
    match = re.search(r"(19|20)\d{2}", file.stem)
    if not match:
        raise CbsError(f"{file.name}: no Perioden column and no year in the file name")
    return int(match[0])


def read_municipal(path: str | Path) -> list[dict]:
    """One 84066NED export as rows of COLUMNS (``name`` empty; counts as ints, rates as floats)."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = [h.strip() for h in reader.fieldnames or []]
            mapping = _mapping(header)
            missing = [n for n in ("inhabitants", "persons", "density") if n not in mapping.values()]
            if "Regiokenmerken" not in header or missing:
                raise CbsError(
                    f"{path.name}: not a {MUNICIPAL_TABLE} export (needs Regiokenmerken, Inwoners_, "
                    "Bijstandsontvangers_ and Bijstandsdichtheid_ columns)"
                )
            rows = []
            for line, raw in enumerate(reader, start=2):
                raw = {k.strip(): v for k, v in raw.items() if k}
                try:
                    row = {name: _number(raw.get(column)) for column, name in mapping.items()}
                except CbsError as exc:
                    raise CbsError(f"{path.name}, line {line}: {exc}") from None
                for name in COUNTS:
                    value = row.get(name)
                    row[name] = None if value is None else round(value)
                rows.append(
                    {
                        "year": _year(raw, path),
                        "age": (raw.get("Leeftijd") or "").strip(),
                        "code": (raw.get("Regiokenmerken") or "").strip(),
                        "file": path.name,
                        **row,
                    }
                )
            return rows
    except (OSError, UnicodeDecodeError) as exc:
        raise CbsError(f"cannot read {path}: {exc}") from None


def read_boundaries(path: str | Path) -> list[Boundary]:
    """Municipal outlines from a CBS/PDOK GeoJSON (``properties.statcode`` and ``statnaam``)."""
    try:
        features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise CbsError(f"cannot read the boundaries {path}: {exc}") from None
    found = []
    for feature in features:
        geometry, props = feature["geometry"], feature["properties"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = [[(float(x), float(y)) for x, y, *_ in polygon[0]] for polygon in polygons]
        found.append(Boundary(props["statcode"].strip(), props["statnaam"].strip(), rings))
    return sorted(found, key=lambda b: b.code)


def load_cbs(folder: str | Path) -> Cbs:
    """Read every 84066NED export (``gemeente_*.csv``), the 37789ksz series and the boundaries.

    Files are read in name order; when two give the same (year, age, region), the later file's
    row counts (a fresh export replaces an older one). The national series of every
    ``social_security*.csv`` is merged the same way.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CbsError(f"the CBS folder {folder} does not exist or is not a folder")
    municipal_files = sorted(folder.glob("gemeente_*.csv"))
    if not municipal_files:
        raise CbsError(f"no {MUNICIPAL_TABLE} export (gemeente_*.csv) in {folder}")
    rows: dict[tuple[int, str, str], dict] = {}
    for file in municipal_files:
        for row in read_municipal(file):
            rows[(row["year"], row["age"], row["code"])] = row
    national: dict[date, float] = {}
    national_table = NATIONAL_TABLE
    for file in sorted(folder.glob("social_security*.csv")):
        try:
            national.update(cbs_national_trend(file, NATIONAL_COLUMN))
        except (OSError, KeyError, ValueError) as exc:
            raise CbsError(f"{file.name}: not a {NATIONAL_TABLE} export ({exc})") from None
    regional = read_regional(sorted(folder.glob("bijstand_regio_*.csv")))
    if regional.get(NATIONAL):  # one series throughout: no level break between the two tables' counts
        national, national_table = regional[NATIONAL], REGIONAL_TABLE
    boundaries = []
    for file in sorted(folder.glob("gemeenten_*.geojson"))[-1:]:  # the newest boundaries
        boundaries = read_boundaries(file)
    names = {b.code: b.name for b in boundaries} | {NATIONAL: "Nederland"}
    schema = {
        "year": pl.Int32,
        "age": pl.String,
        "code": pl.String,
        "name": pl.String,
        **{c: pl.Int64 for c in COUNTS},
        **{r: pl.Float64 for r in RATES},
        "file": pl.String,
    }
    records = [{**{c: row.get(c) for c in COLUMNS}, "name": names.get(row["code"])} for row in rows.values()]
    municipal = pl.DataFrame(records, schema=schema).sort("year", "age", "code")
    return Cbs(municipal, national, boundaries, folder, national_table)


def read_regional(files: list[Path]) -> dict[str, dict[date, float]]:
    """Benefits per region and month from 82015NED exports (``bijstand_regio_*.csv``), the total over
    the benefit grounds (``Uitkeringsgrondslag`` keys ``T00...``, CBS's code for a total); each
    month's count is the stock on the first day of the next month, as for the national series."""
    out: dict[str, dict[date, float]] = {}
    for file in files:
        with open(file, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
                ground, period = row.get("Uitkeringsgrondslag", "T00"), row.get("Perioden", "")
                measure = next((k for k in row if re.fullmatch(r"Bijstandsuitkeringen_\d+", k)), None)
                if not ground.startswith("T00") or "MM" not in period or measure is None:
                    continue
                value = _number(row[measure])
                if value is None:
                    continue
                year, month = int(period[:4]), int(period[6:])
                out.setdefault(row["RegioS"], {})[date(year + month // 12, month % 12 + 1, 1)] = value
    return out


def municipalities(cbs: Cbs, year: int, age: str = AGE_15_PLUS) -> pl.DataFrame:
    """The municipalities (GMxxxx) of one year and age group."""
    return cbs.municipal.filter(
        (pl.col("year") == year) & (pl.col("age") == age) & pl.col("code").str.starts_with("GM")
    )


def peer_group(cbs: Cbs, code: str, year: int | None = None, k: int = 5) -> pl.DataFrame:
    """The ``k`` municipalities nearest to ``code`` in size and bijstand density, itself excluded.

    Distance is Euclidean over two standardised features (z-scores over all municipalities of the
    year): log(inhabitants 15+) and bijstand density (persons per 1,000 inhabitants 15+). Ties are
    broken by code, so the same files always give the same group. Columns: code, name,
    inhabitants, persons, density, distance.
    """
    year = year if year is not None else max(cbs.years)
    table = municipalities(cbs, year).filter(
        pl.col("inhabitants").is_not_null() & (pl.col("inhabitants") > 0) & pl.col("density").is_not_null()
    )
    if code not in set(table["code"].to_list()):
        raise CbsError(f"{code} has no inhabitants and density in CBS {MUNICIPAL_TABLE} {year}")
    size, density = pl.col("inhabitants").log(), pl.col("density")
    z = table.with_columns(
        z_size=(size - size.mean()) / size.std(ddof=0),
        z_density=(density - density.mean()) / density.std(ddof=0),
    )
    me = z.filter(pl.col("code") == code).row(0, named=True)
    return (
        z.filter(pl.col("code") != code)
        .with_columns(
            distance=(
                (pl.col("z_size") - me["z_size"]) ** 2 + (pl.col("z_density") - me["z_density"]) ** 2
            ).sqrt()
        )
        .sort("distance", "code")
        .head(k)
        .select("code", "name", "inhabitants", "persons", "density", "distance")
    )
