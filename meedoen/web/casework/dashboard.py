"""The monitor dashboard: the bestuursrapportage's figures for policy advisers, in the back office.

Everything is computed by ``meedoen.monitor.report.build`` (the same KPIs, series, comparison and
charts as ``meedoen monitor report``) on the case work exported in memory through the monitor's own
strict loader; when there are no cases yet, on the monitor's synthetic demo city instead, and the
page says which. Counts under 10 are ``<10`` (the report's disclosure control); no person is shown.
Polars and the monitor are imported only when the page is opened, so other pages stay light.
A built report is cached (see ``report_for``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, QueryDict
from django.utils import timezone

from meedoen.web.casework.models import BenefitSpell
from meedoen.web.casework.monitor_export import write_tables
from meedoen.web.components.forms import UtrechtForm

if TYPE_CHECKING:
    from meedoen.monitor.periods import Period
    from meedoen.monitor.report_model import Report
    from meedoen.monitor.tables import Tables

FRESH = dt.timedelta(minutes=10)  # a report this young is shown even if the case work changed
KEEP_SECONDS = 24 * 60 * 60
SOURCES = {
    "casework": "de klantbegeleiding in deze applicatie (alle klantdossiers, gepseudonimiseerd geëxporteerd)",
    "demo": (
        "de synthetische demostad van de monitor, naar het voorbeeld van Arnhem (ongeveer 8.000 mensen "
        "in tien jaar); geen echte cijfers"
    ),
}


@dataclass(frozen=True)
class Source:
    name: str  # casework or demo
    tables: Tables
    fingerprint: str

    @property
    def description(self) -> str:
        return SOURCES[self.name]


def _load(folder: Path) -> Tables:
    from meedoen.monitor.loading import load

    return load(folder).tables


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(folder.glob("*.csv")):
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _demo_tables() -> Tables:
    from meedoen.demo.monitor_data import write_monitor_demo

    with tempfile.TemporaryDirectory(prefix="meedoen-monitor-demo-") as tmp:
        write_monitor_demo(tmp)
        return _load(Path(tmp))


def source(wanted: str = "") -> Source:
    """The case work when it has benefit spells, otherwise (or when ``wanted`` is ``demo``) the
    monitor's demo city: a demo with a hundred clients shows nearly every count as <10, so an
    adviser can look at the full report on the synthetic city, and the page says which it is."""
    if wanted == "demo" or not BenefitSpell.objects.exists():
        return Source("demo", _demo_tables(), "demo")
    with tempfile.TemporaryDirectory(prefix="meedoen-monitor-export-") as tmp:
        write_tables(Path(tmp))
        return Source("casework", _load(Path(tmp)), _fingerprint(Path(tmp)))


def area_tables(tables: Tables, area: str) -> Tables:
    """Only the persons of one area and their rows: the report then describes that area."""
    import polars as pl

    from meedoen.monitor.tables import Tables

    persons = tables.persons.filter(pl.col("area") == area)
    mine = pl.col("person_key").is_in(persons["person_key"].implode())
    return Tables(persons, *(t.filter(mine) for t in (tables.spells, tables.instruments, tables.debt_help)))


def periods(tables: Tables) -> list[Period]:
    """Every tertial wholly inside the data, newest first."""
    from meedoen.monitor.periods import Period
    from meedoen.monitor.report_model import ReportInputError, data_range

    try:
        first, last = data_range(tables)
    except ReportInputError:
        return []
    found, p = [], Period(last.year, 3)
    while p.last >= first:
        if first <= p.first and p.last <= last:
            found.append(p)
        p = p.previous()
    return found


SOURCE_CHOICES = [("casework", "Klantdossiers in deze applicatie"), ("demo", "Demostad (synthetisch)")]


class DashboardForm(UtrechtForm):
    bron = forms.ChoiceField(label="Gegevens", required=False)
    period = forms.ChoiceField(label="Periode")
    area = forms.ChoiceField(label="Gebied", required=False)

    def __init__(self, *args: Any, periods: list[Period], areas: list[str], **kwargs: Any) -> None:
        self.period_choices = [(p.label, f"{p.label} ({p.words})") for p in periods]
        self.area_choices = [("", "Hele gemeente"), *((a, a) for a in areas)]
        self.source_choices = SOURCE_CHOICES if BenefitSpell.objects.exists() else SOURCE_CHOICES[1:]
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        self.fields["bron"].choices = self.source_choices
        self.fields["period"].choices = self.period_choices
        self.fields["area"].choices = self.area_choices


@dataclass(frozen=True)
class Built:
    """A report with the data it was built from and when."""

    report: Report
    fingerprint: str
    at: dt.datetime


def report_for(src: Source, period: Period, area: str) -> Built | str:
    """The report of ``period`` for ``area``, or why it cannot be made.

    Building renders every chart of the bestuursrapportage (seconds), so a report is reused while the
    data are unchanged, and for ``FRESH_SECONDS`` after it was built even when the case work changed
    since: figures for policy are not live, and the page says when they were computed.
    """
    from meedoen.monitor.cbs import default_folder, load_cbs
    from meedoen.monitor.report import build
    from meedoen.monitor.report_model import ReportInputError

    area_hash = hashlib.sha256(area.encode()).hexdigest()[:16]
    key = f"casework-dashboard:{src.name}:{period.label}:{area_hash}"
    cached: Built | None = cache.get(key)
    now = timezone.now()
    if cached and (cached.fingerprint == src.fingerprint or now - cached.at < FRESH):
        return cached
    tables = area_tables(src.tables, area) if area else src.tables
    try:
        # The demo city is modelled on Arnhem: compared with Arnhem's CBS figures and ambition.
        municipality = "arnhem" if src.name == "demo" else settings.MUNICIPALITY
        report = build(tables, period, load_cbs(default_folder()), municipality=municipality,
                       folder=f"export van {src.name}")  # fmt: skip
    except ReportInputError as exc:
        return f"Voor deze keuze is geen overzicht te maken: {exc}."
    built = Built(report, src.fingerprint, now)
    cache.set(key, built, KEEP_SECONDS)
    return built


def context(query: QueryDict) -> dict[str, Any]:
    """The dashboard page's context for the chosen period and area (default: the latest period)."""
    from meedoen.monitor.loading import MonitorInputError

    try:
        src = source(query.get("bron", ""))
    except MonitorInputError as exc:  # e.g. another app's debt-help source breaks the contract
        problems = "; ".join(str(p) for p in exc.problems[:5])
        return {"problem": f"De export naar de monitor klopt niet, dus er zijn geen cijfers: {problems}."}
    available = periods(src.tables)
    bound = query if "period" in query else None  # only the source chosen: its latest period
    form = DashboardForm(bound, periods=available, areas=src.tables.areas)
    chosen = {"bron": src.name, "period": available[0].label if available else "", "area": ""}
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data
    elif not form.is_bound:
        form = DashboardForm(chosen, periods=available, areas=src.tables.areas)
    result: Built | str = "Er zijn nog geen gegevens over een hele periode."
    if form.errors:
        result = "Kies een periode en een gebied uit de lijst."
    elif available and chosen["period"]:
        period = next(p for p in available if p.label == chosen["period"])
        result = report_for(src, period, chosen["area"])
    built = result if isinstance(result, Built) else None
    report = built.report if built else None
    return {
        "form": form,
        "source": src,
        "area": chosen["area"],
        "report": report,
        "built_at": built.at if built else None,
        "problem": result if isinstance(result, str) else "",
        "figures": report.figures if report else {},
        "area_columns": _area_columns(),
    }


def _area_columns() -> list[str]:
    from meedoen.monitor.report_model import AREA_COLUMNS

    return [label for _, label in AREA_COLUMNS]


DOWNLOADS = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}


def download(report: Report, kind: str) -> tuple[str, bytes, str]:
    """(file name, content, media type) of the report as PDF or its figures as CSV."""
    from meedoen.monitor.report import figures_csv, file_stem, render_html

    if kind not in DOWNLOADS:
        raise Http404(f"no download of kind {kind!r}")
    if kind == "csv":
        return f"{file_stem(report)}-cijfers.csv", figures_csv(report).encode("utf-8"), DOWNLOADS[kind]
    from weasyprint import HTML  # imported here: loading it takes a second

    return (
        f"{file_stem(report)}.pdf",
        HTML(string=render_html(report, for_print=True)).write_pdf(),
        DOWNLOADS[kind],
    )
