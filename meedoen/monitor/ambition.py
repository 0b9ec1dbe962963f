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
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from meedoen.monitor.definitions import active_on
from meedoen.monitor.tables import Tables


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
    """
    start = stock_on(tables, baseline)
    base = index_on(trend, baseline)
    rows = []
    for d in dates:
        realised = stock_on(tables, d)
        scaled = start * index_on(trend, d) / base
        trend_stock = math.floor(scaled + 0.5)
        target = trend_stock - fewer
        rows.append(
            {
                "date": d.isoformat(),
                "stock": realised,
                "trend_stock": trend_stock,
                "target": target,
                "vs_trend": realised - trend_stock,
                "vs_target": realised - target,
                "on_target": realised <= target,
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
