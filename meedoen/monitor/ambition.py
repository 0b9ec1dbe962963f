"""Ambition tracking: the realised stock against the national trend and against a target.

Arnhem's ambition (Doorbraak naar Werk) is to follow the national outflow trend and on top of it
have 500 fewer people on benefits. The trend gives the stock the municipality would have had:
its stock on the baseline day moved along a national (or peer-group) index. The target is that
stock minus the promised reduction.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from meedoen.monitor.definitions import active_on
from meedoen.monitor.tables import Tables

AMBITIONS = Path(__file__).parent / "ambitions"


@dataclass(frozen=True)
class Ambition:
    """A municipality's target for the number of people on a benefit, as data
    (``meedoen/monitor/ambitions/<gemeente>.yaml``): ``fewer`` than the national trend gives, counted
    from ``baseline``, to be reached by ``until`` (``None``: no end date set)."""

    name: str
    fewer: int
    baseline: date
    until: date | None
    source: str
    until_is_assumption: bool = False


def load_ambition(municipality: str, folder: Path = AMBITIONS) -> Ambition | None:
    """The municipality's ambition, or ``None`` when it has set none; a malformed file names its key."""
    path = folder / f"{municipality.lower()}.yaml"
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        return Ambition(
            name=str(data["name"]),
            fewer=int(data["fewer"]),
            baseline=_as_date(data["baseline"]),
            until=_as_date(data["until"]) if data.get("until") else None,
            source=str(data["source"]),
            until_is_assumption=bool(data.get("until_is_assumption", False)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(
            f"{path.name}: key {exc} missing or not valid (name, fewer, baseline, source)"
        ) from None


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@dataclass(frozen=True)
class Progress:
    """Where the stock stands against the ambition on one day.

    ``expected`` is the stock the national trend would have given (``None`` when the trend does not
    cover the baseline and the day: then the target is the baseline stock less ``fewer``, and
    ``with_trend`` is False); ``to_go`` is stock minus target (0 or less: reached); ``per_month`` the
    average fall per month still needed to reach the target by ``until``."""

    on: date
    baseline_stock: int
    stock: int
    expected: int | None
    target: int
    to_go: int
    months_left: int | None
    per_month: int | None

    @property
    def with_trend(self) -> bool:
        return self.expected is not None

    @property
    def reached(self) -> bool:
        return self.to_go <= 0


def progress(tables: Tables, ambition: Ambition, on: date, trend: Mapping[date, float]) -> Progress:
    """The stock on ``on`` against the ambition (see ``Progress``)."""
    start, stock = stock_on(tables, ambition.baseline), stock_on(tables, on)
    expected = None
    if trend and min(trend) <= ambition.baseline and on <= max(trend):
        expected = math.floor(start * index_on(trend, on) / index_on(trend, ambition.baseline) + 0.5)
    target = (expected if expected is not None else start) - ambition.fewer
    to_go = stock - target
    months_left = per_month = None
    if ambition.until is not None and ambition.until > on:
        months_left = (ambition.until.year - on.year) * 12 + ambition.until.month - on.month
        if to_go > 0 and months_left > 0:
            per_month = math.ceil(to_go / months_left)
    return Progress(on, start, stock, expected, target, to_go, months_left, per_month)


def index_on(trend: Mapping[date, float], d: date) -> float:
    """The trend's value on ``d``, linear between its two nearest points; never extrapolated."""
    points = sorted(trend.items())
    if not points or not points[0][0] <= d <= points[-1][0]:
        span = f"{points[0][0]} to {points[-1][0]}" if points else "nothing"
        raise ValueError(f"the trend covers {span}, not {d}")
    for (d0, v0), (d1, v1) in pairwise(points):
        if d0 <= d <= d1:
            share = (d - d0).days / (d1 - d0).days
            return v0 + (v1 - v0) * share
    return points[-1][1]


def stock_on(tables: Tables, d: date) -> int:
    """stock(d): distinct persons with an active spell on ``d``."""
    return active_on(tables.spells, d)["person_key"].n_unique()


def ambition(
    tables: Tables, baseline: date, dates: Iterable[date], trend: Mapping[date, float], fewer: int = 0
) -> list[dict[str, Any]]:
    """Per date: realised stock, the stock the trend would have given, the target and the gaps.

    ``trend_stock`` = stock(baseline) x index(date) / index(baseline), rounded half up to whole
    persons; ``target`` = ``trend_stock - fewer``. A negative ``vs_target`` means ahead of target.
    The trend must cover every date (``ValueError`` otherwise: it is never extrapolated).
    """
    goal = Ambition("", fewer, baseline, None, "")
    rows = []
    for d in dates:
        for day in (baseline, d):
            index_on(trend, day)  # raises when the trend does not cover the day
        p = progress(tables, goal, d, trend)
        rows.append(
            {
                "date": d.isoformat(),
                "stock": p.stock,
                "trend_stock": p.expected,
                "target": p.target,
                "vs_trend": p.stock - p.expected,
                "vs_target": p.to_go,
                "on_target": p.reached,
            }
        )
    return rows


def cbs_national_trend(path: str | Path, column: str = "TotaalBijstandsuitkeringen_11") -> dict[date, float]:
    """The national monthly series of a CBS 37789ksz export (``shared/reference/cbs/social_security.csv``).

    Periods ``2018MM11`` become the first day of the following month (the count at the end of
    November is the stock entering December); year totals (``2018JJ00``) and empty values are left out.
    """
    trend = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            period, value = row["Perioden"].strip(), row[column].strip()
            if "MM" not in period or value in ("", "."):
                continue
            year, month = int(period[:4]), int(period[6:])
            trend[date(year + month // 12, month % 12 + 1, 1)] = float(value) * 1000
    return trend
