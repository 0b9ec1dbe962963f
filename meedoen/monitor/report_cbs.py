"""The report's CBS figures: the comparison with Nederland and comparable municipalities, the density
per year and the map, the national trend line, and where the CBS data fall short of the period."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from meedoen.monitor import report_charts as charts
from meedoen.monitor.ambition import index_on
from meedoen.monitor.cbs import (
    AGE_15_PLUS,
    COUNTS,
    MUNICIPAL_TABLE,
    NATIONAL,
    Cbs,
    municipalities,
    peer_group,
)
from meedoen.monitor.kpis import area_counts
from meedoen.monitor.periods import Period
from meedoen.monitor.report_model import SIDE_BY_SIDE, Collector, Context, Figure
from meedoen.monitor.report_text import SMALL, count_text
from meedoen.monitor.summary import dutch_date
from meedoen.monitor.tables import Tables
from meedoen.rules.money import decimal_text, percent


def cbs_figures(ctx: Context, out: Collector, peers: int) -> tuple[int, list[str], list[dict[str, Any]]]:
    """The CBS comparison table, the density per year and the map; returns the CBS year, the peer
    group's codes and the comparison rows."""
    cbs, code = ctx.cbs, ctx.code
    cbs_year = max(cbs.years)
    group = peer_group(cbs, code, cbs_year, peers)
    peer_codes = group["code"].to_list()
    comparison, _ = _comparison(cbs, code, cbs_year, peer_codes, out.add, out.row)
    years = cbs.years
    lines = {}
    for c in dict.fromkeys([code, *SIDE_BY_SIDE]):
        lines[cbs.name(c)] = [_density(cbs, y, [c]) for y in years]
    lines[f"Vergelijkingsgroep ({len(peer_codes)})"] = [_density(cbs, y, peer_codes) for y in years]
    lines["Nederland"] = [_density(cbs, y, [NATIONAL]) for y in years]
    dens = out.add(
        "density",
        "Bijstandsdichtheid per jaar",
        "personen met bijstand per 1.000 inwoners van 15 jaar en ouder (CBS 84066NED)",
        f"meedoen.monitor.cbs.load_cbs(CBS); Bijstandsdichtheid_3, Leeftijd {AGE_15_PLUS}; groep: som van "
        "personen / som van inwoners x 1.000",
        charts.density_chart(years, lines, ctx.name),
    )
    for label, values in lines.items():
        for y, v in zip(years, values, strict=True):
            out.row(dens, "bijstandsdichtheid", str(y), label, v, "value")
    year_table = municipalities(cbs, cbs_year)
    density = dict(zip(year_table["code"], year_table["density"], strict=True))
    out.add(
        "map",
        "Kaart: bijstandsdichtheid per gemeente",
        "personen met bijstand per 1.000 inwoners van 15 jaar en ouder (CBS 84066NED)",
        f"meedoen.monitor.cbs.municipalities(cbs, {cbs_year})['density'] op de gemeentegrenzen "
        f"van {', '.join(sorted(p.name for p in cbs.folder.glob('gemeenten_*.geojson')))}",
        charts.density_map(cbs.boundaries, density, code, peer_codes, cbs_year),
    )
    return cbs_year, peer_codes, comparison


def cbs_notes(cbs: Cbs, period: Period, cbs_year: int, national_note: str) -> list[str]:
    """Where the report's CBS data fall short of the period, and how a newer export is picked up."""
    notes = []
    if national_note:
        notes.append(national_note)
    if cbs_year < period.year:
        notes.append(
            f"De nieuwste CBS-cijfers per gemeente zijn van {cbs_year}; een nieuwere export van "
            f"{MUNICIPAL_TABLE} (CSV of OData-JSON) wordt gebruikt na meedoen monitor cbs-import."
        )
    return notes


# rate key -> the count of measurable work outflows it is a share of (``meedoen.monitor.kpis.area_counts``)
RATE_BASES = {
    ("durable_outflow_work", "rate"): "measurable",
    ("startkwalificatie", "durable_rate_with_sk"): "measurable_with_sk",
    ("startkwalificatie", "durable_rate_without_sk"): "measurable_without_sk",
}


def suppress_rates(result: dict[str, Any], tables: Tables, p: Period, as_of: date) -> dict[str, Any]:
    """A rate over fewer than 10 measurable outflows becomes ``None`` (shown as ``n.v.t.``)."""
    counts = area_counts(tables, p.first, p.last, as_of)
    for (group, key), base in RATE_BASES.items():
        if counts[base].sum() < SMALL:
            result[group][key] = None
    return result


def national_line(cbs: Cbs, months: list[date], stock: list[int]) -> tuple[list[float | None], str]:
    """The national benefits series scaled to the municipality's stock in the first month with both."""
    covered = [m for m in months if cbs.national and min(cbs.national) <= m <= max(cbs.national)]
    if not covered:
        return [None] * len(months), (
            f"De landelijke reeks ({cbs.national_table}) dekt deze maanden niet; een nieuwere export "
            "(CBS 82015NED) wordt gebruikt na meedoen monitor cbs-import."
        )
    base = covered[0]
    scale = stock[months.index(base)] / index_on(cbs.national, base)
    values = [index_on(cbs.national, m) * scale if m in covered else None for m in months]
    note = ""
    if covered[-1] < months[-1]:
        note = (
            f"De landelijke reeks ({cbs.national_table}, uitkeringen) loopt tot "
            f"{dutch_date(str(covered[-1]))}; daarna ontbreekt de landelijke trend in de grafiek. Een "
            "nieuwere export (CBS 82015NED) wordt gebruikt na meedoen monitor cbs-import."
        )
    return values, note


def _density(cbs: Cbs, year: int, codes: list[str]) -> float | None:
    rows = cbs.municipal.filter(
        (pl.col("year") == year) & (pl.col("age") == AGE_15_PLUS) & pl.col("code").is_in(codes)
    )
    if not rows.height:
        return None
    if len(codes) == 1:
        return rows["density"][0]
    inhabitants, persons = rows["inhabitants"].sum(), rows["persons"].sum()
    return 1000 * persons / inhabitants if inhabitants else None


def _comparison(cbs: Cbs, code: str, year: int, peers: list[str], add, row) -> tuple[list[dict], Figure]:
    """Municipality, Arnhem / Nijmegen / Groningen, the peer group (each and together) and NL, in persons."""
    fig = add(
        "comparison",
        f"Vergelijking met Nederland en vergelijkbare gemeenten, {year}",
        "personen (CBS 84066NED; 15 jaar en ouder)",
        f"meedoen.monitor.cbs.municipalities(cbs, {year}) en meedoen.monitor.cbs.peer_group(cbs, {code!r}, "
        f"{year}, k={len(peers)}): dichtstbijzijnde gemeenten in gestandaardiseerd log(inwoners) en "
        "bijstandsdichtheid",
    )
    table = cbs.municipal.filter((pl.col("year") == year) & (pl.col("age") == AGE_15_PLUS))
    by_code = {r["code"]: r for r in table.iter_rows(named=True)}
    order = [(c, "gemeente" if c == code else "grote stad") for c in dict.fromkeys([code, *SIDE_BY_SIDE])]
    order += [(c, "vergelijkingsgroep") for c in peers if c not in dict(order)]
    rows = []
    for c, role in [*order, (NATIONAL, "landelijk")]:
        r = by_code.get(c)
        if r is None:
            continue
        rows.append(_cbs_row(cbs.name(c), role, r, c == code, c in peers))
    group = [by_code[c] for c in peers if c in by_code]
    if group:
        total = {k: sum(r[k] or 0 for r in group) for k in ("inhabitants", "persons", "inflow", "outflow",
                                                            "outflow_work")}  # fmt: skip
        total["density"] = 1000 * total["persons"] / total["inhabitants"] if total["inhabitants"] else None
        total["outflow_work_pct"] = None
        together = f"Vergelijkingsgroep samen ({len(group)})"
        rows.insert(-1, _cbs_row(together, "vergelijkingsgroep", total, False,
                                 False))  # fmt: skip
    for r in rows:
        for key, value in r["raw"].items():
            row(fig, key, str(year), r["name"], value, "count" if key in COUNTS else "value")
    return rows, fig


def _cbs_row(name: str, role: str, r: dict, mine: bool, peer: bool) -> dict[str, Any]:
    pct = r.get("outflow_work_pct")
    return {
        "name": name,
        "role": role + (" (vergelijkingsgroep)" if peer and role != "vergelijkingsgroep" else ""),
        "mine": mine,
        "raw": {k: r.get(k) for k in (*COUNTS, "density", "outflow_work_pct")},
        "cells": {
            "inwoners 15+": count_text(r["inhabitants"]),
            "personen met bijstand": count_text(r["persons"]),
            "per 1.000 inwoners": "n.v.t." if r["density"] is None else decimal_text(r["density"]),
            "instroom (personen)": count_text(r["inflow"]),
            "uitstroom (personen)": count_text(r["outflow"]),
            "uitstroom naar werk (personen)": count_text(r["outflow_work"]),
            "% uitstroom naar werk": percent(pct),
        },
    }
