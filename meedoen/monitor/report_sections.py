"""The report's sections on the municipality's own data: headline, stock and flows, durable outflow,
loonkostensubsidie, debt help, start qualification and the areas; each adds its figures in order."""

from __future__ import annotations

from datetime import date
from typing import Any

from meedoen.monitor import report_charts as charts
from meedoen.monitor.ambition import Ambition, Progress, load_ambition, progress
from meedoen.monitor.cbs import (
    NATIONAL,
)
from meedoen.monitor.report_cbs import national_line
from meedoen.monitor.report_model import (
    AREA_COLUMNS,
    FLOW_MONTHS,
    HEADLINE,
    Collector,
    Context,
    kpi_query,
    lks_by_month,
    month_end,
)
from meedoen.monitor.report_text import change_text, count_text, get, rate_change_text, rate_text
from meedoen.monitor.series import month_starts, monthly_series
from meedoen.monitor.summary import dutch_date
from meedoen.rules.money import number


def headline_section(ctx: Context, out: Collector) -> list[dict[str, str]]:
    """Headline KPIs with the change against the previous period and the same period a year before."""
    period, now, prev, last_year = ctx.period, ctx.now, ctx.prev, ctx.last_year
    head = out.add(
        "headline",
        "Kerncijfers",
        "zie kolom 'telt'",
        kpi_query(period, ctx.as_of)
        + f"; vergelijking: dezelfde functie voor {period.previous()} en {period.year_before()}",
    )
    headline = []
    for key, label, counts, kind in HEADLINE:
        values = [get(r, key) if r else None for r in (now, prev, last_year)]
        show = count_text if kind == "count" else rate_text
        change = change_text if kind == "count" else rate_change_text
        headline.append(
            {
                "label": label,
                "counts": counts,
                "key": key,
                "now": show(values[0]),
                "prev": show(values[1]) if prev else "n.v.t.",
                "vs_prev": change(values[0], values[1]),
                "last_year": show(values[2]) if last_year else "n.v.t.",
                "vs_last_year": change(values[0], values[2]),
            }
        )
        for p, v in zip((period, period.previous(), period.year_before()), values, strict=True):
            if v is not None or ctx.results.get(p):
                out.row(head, f"{label} [{key}]", p.label, ctx.name, v, kind, counts)
    return headline


def stock_and_flows_section(ctx: Context, out: Collector) -> tuple[str, list[date]]:
    """Monthly stock with the national trend, and the flows over the last 24 months.

    Returns the note on the national series (empty when it covers every month) and the flow months.
    """
    name, period, data_first = ctx.name, ctx.period, ctx.data_first
    series = monthly_series(ctx.tables, data_first, period.last)
    months = series["month"].to_list()
    stock = series["stock_first_day"].to_list()
    national, national_note = national_line(ctx.cbs, months, stock)
    stock_fig = out.add(
        "stock",
        "Personen met bijstand per maand en de landelijke trend",
        f"personen (gemeente); uitkeringen (landelijk, CBS {ctx.cbs.national_table})",
        f"meedoen.monitor.series.monthly_series(tables, first={data_first}, last={period.last})"
        f'["stock_first_day"]; landelijk: CBS {ctx.cbs.national_table} x '
        f"(stock / landelijk) op de eerste maand met beide",
        charts.stock_chart(
            months, stock, national, (period.first, period.last), name, ctx.cbs.national_table
        ),
    )
    for m, s, n in zip(months, stock, national, strict=True):
        out.row(stock_fig, "stock_first_day", m.isoformat(), name, s, counts="personen")
        if n is not None:
            out.row(
                stock_fig, "landelijke trend, geschaald", m.isoformat(), NATIONAL, n, "value", "uitkeringen"
            )

    recent = series.tail(FLOW_MONTHS)
    flow_months = recent["month"].to_list()
    flow_fig = out.add(
        "flow",
        "Instroom en uitstroom per maand",
        "uitkeringen",
        f"meedoen.monitor.series.monthly_series(tables, first={flow_months[0]}, last={period.last})"
        '["inflow", "outflow_total", "outflow_work"]',
        charts.flow_chart(
            flow_months,
            recent["inflow"].to_list(),
            recent["outflow_total"].to_list(),
            recent["outflow_work"].to_list(),
        ),
    )
    for r in recent.iter_rows(named=True):
        for key in ("inflow", "outflow_total", "outflow_work"):
            out.row(flow_fig, key, r["month"].isoformat(), name, r[key])
    return national_note, flow_months


def durable_section(ctx: Context, out: Collector) -> None:
    """Durable outflow to work per period of the trend."""
    durable = out.add(
        "durable",
        "Duurzame uitstroom naar werk per periode",
        "aandeel van de meetbare uitstroom naar werk (uitkeringen)",
        f'{ctx.span}["durable_outflow_work"]',
        charts.rate_chart(
            ctx.labels,
            {"Duurzaam aan het werk": ctx.per_period("durable_outflow_work.rate")},
            "Duurzaam aan het werk (na een jaar niet terug in de bijstand)",
        ),
    )
    for p in ctx.history:
        d = ctx.results[p]["durable_outflow_work"]
        for key in ("measurable", "durable", "pending"):
            out.row(durable, key, p.label, ctx.name, d[key], counts="uitkeringen")
        out.row(durable, "rate", p.label, ctx.name, d["rate"], "rate")


def loonkostensubsidie_section(ctx: Context, out: Collector, flow_months: list[date]) -> None:
    """Persons working with loonkostensubsidie on the last day of each month of the flow chart."""
    lks_months = [month_end(m) for m in month_starts(flow_months[0], ctx.period.last)]
    lks = lks_by_month(ctx.tables, lks_months)
    lks_fig = out.add(
        "lks",
        "Instrumentinzet: loonkostensubsidie",
        "personen",
        "meedoen.monitor.definitions.active_on(instruments[instrument == 'loonkostensubsidie'], d)"
        f".person_key.n_unique() voor d = laatste dag van elke maand {lks_months[0]} t/m {lks_months[-1]}",
        charts.line_chart(
            lks_months,
            lks,
            "Aan het werk met loonkostensubsidie (laatste dag van de maand)",
            "Personen met loonkostensubsidie",
            "Personen",
        ),
    )
    for d, v in zip(lks_months, lks, strict=True):
        out.row(lks_fig, "loonkostensubsidie actief", d.isoformat(), ctx.name, v)


def debt_help_section(ctx: Context, out: Collector) -> None:
    """Debt-help trajectories started per period, and those of people under 27."""
    debt = out.add(
        "debt",
        "Bereik schuldhulpverlening per periode",
        "trajecten",
        f'{ctx.span}["debt_help_started", "debt_help_started_under_27"]',
        charts.count_chart(
            ctx.labels,
            {
                "Gestart": ctx.per_period("debt_help_started"),
                "waarvan jonger dan 27": ctx.per_period("debt_help_started_under_27"),
            },
            "Schuldhulp gestart per periode",
            "Trajecten",
        ),
    )
    for p in ctx.history:
        for key in ("debt_help_started", "debt_help_started_under_27"):
            out.row(debt, key, p.label, ctx.name, ctx.results[p][key])


def startkwalificatie_section(ctx: Context, out: Collector) -> None:
    """Durable work with and without a startkwalificatie per period, with the counts behind it."""
    sk = out.add(
        "sk",
        "Startkwalificatie: duurzaam aan het werk met en zonder",
        "aandeel van de meetbare uitstroom naar werk (uitkeringen)",
        f'{ctx.span}["startkwalificatie"]',
        charts.rate_chart(
            ctx.labels,
            {
                "Met startkwalificatie": ctx.per_period("startkwalificatie.durable_rate_with_sk"),
                "Zonder startkwalificatie": ctx.per_period("startkwalificatie.durable_rate_without_sk"),
            },
            "Duurzaam aan het werk, met en zonder startkwalificatie",
        ),
    )
    for p in ctx.history:
        s = ctx.results[p]["startkwalificatie"]
        for key in ("durable_rate_with_sk", "durable_rate_without_sk"):
            out.row(sk, key, p.label, ctx.name, s[key], "rate")
        out.row(
            sk, "stock_without_sk_at_to", p.label, ctx.name, s["stock_without_sk_at_to"], counts="personen"
        )
        for key in ("inflow_without_sk", "outflow_work_with_sk"):
            out.row(sk, key, p.label, ctx.name, s[key], counts="uitkeringen")


GENDER_NAMES = {"v": "Vrouw", "m": "Man", "x": "X (anders)"}


def areas_section(ctx: Context, out: Collector) -> list[dict[str, Any]]:
    """The period's KPIs per area (wijk)."""
    return _split(ctx, out, "areas", "Per gebied", "by_area", {})


def splits_section(ctx: Context, out: Collector) -> list[dict[str, Any]]:
    """The splits the council asks for: per gender (when the data have it) and per age band."""
    rows = []
    if "by_gender" in ctx.now:
        rows += _split(ctx, out, "gender", "Naar geslacht", "by_gender", GENDER_NAMES)
    return rows + _split(ctx, out, "age_band", "Naar leeftijd op de laatste dag", "by_age_band", {})


def _split(ctx: Context, out: Collector, ref: str, title: str, key: str, names: dict[str, str]) -> list[dict]:
    """One row per group of ``kpis()[key]`` with the AREA_COLUMNS counts (each under 10 as <10)."""
    fig = out.add(
        ref, title, "personen / uitkeringen / trajecten", kpi_query(ctx.period, ctx.as_of) + f'["{key}"]'
    )
    rows = []
    for group, values in ctx.now[key].items():
        name = names.get(group, group)
        rows.append(
            {"area": name, "group": title, "cells": [count_text(get(values, k)) for k, _ in AREA_COLUMNS]}
        )
        for column, label in AREA_COLUMNS:
            out.row(fig, f"{label} [{column}]", ctx.period.label, name, get(values, column))
    return rows


def ambition_section(ctx: Context, out: Collector) -> dict[str, Any] | None:
    """The municipality's ambition (``meedoen/monitor/ambitions``): the stock per month since its
    baseline against the target, and where it stands at the end of the period, in plain Dutch."""
    goal = load_ambition(ctx.name)
    if goal is None:
        return None
    if goal.baseline < ctx.data_first:
        late = (
            f"De ambitie {goal.name} telt vanaf {dutch_date(goal.baseline.isoformat())}; de gegevens "
            f"beginnen op {dutch_date(ctx.data_first.isoformat())}, dus de voortgang is hier niet te meten."
        )
        return {"name": goal.name, "source": goal.source, "sentences": [late]}
    months = month_starts(goal.baseline, ctx.period.last)
    steps = [progress(ctx.tables, goal, m, ctx.cbs.national) for m in months]
    now = progress(ctx.tables, goal, ctx.period.last, ctx.cbs.national)
    fig = out.add(
        "ambition",
        f"Ambitie {goal.name}: personen met bijstand en het doel",
        "personen",
        f"meedoen.monitor.ambition.progress(tables, load_ambition({ctx.name!r}), maand, cbs.national) voor "
        f"elke maand van {goal.baseline} t/m {ctx.period.last}",
        charts.ambition_chart(
            months, [s.stock for s in steps], [s.target for s in steps], ctx.name, goal.name
        ),
    )
    for s in steps:
        out.row(fig, "stock", s.on.isoformat(), ctx.name, s.stock, counts="personen")
        out.row(fig, "doel", s.on.isoformat(), ctx.name, s.target, counts="personen")
    return {"name": goal.name, "source": goal.source, "sentences": _ambition_words(goal, now, ctx)}


def _ambition_words(goal: Ambition, now: Progress, ctx: Context) -> list[str]:
    start, on = dutch_date(goal.baseline.isoformat()), dutch_date(now.on.isoformat())
    until = ""
    if goal.until:
        until = f", te halen op {dutch_date(goal.until.isoformat())}"
        until += " (aanname: het programma noemt geen einddatum)" if goal.until_is_assumption else ""
    words = [f"Doel: {number(goal.fewer)} personen minder in de bijstand dan de landelijke trend geeft, "
             f"gerekend vanaf {start}{until}."]  # fmt: skip
    if now.with_trend:
        words.append(
            f"Op {on} hadden {count_text(now.stock)} personen bijstand. Met de landelijke trend "
            f"(CBS {ctx.cbs.national_table}) vanaf de {count_text(now.baseline_stock)} van {start} zouden "
            f"het er {count_text(now.expected)} zijn; het doel is {count_text(now.target)}."
        )
    else:
        words.append(
            f"De landelijke reeks (CBS {ctx.cbs.national_table}) dekt {start} tot {on} niet; tot een "
            f"nieuwere CBS-export is ingelezen (meedoen monitor cbs-import) is het doel de stand van {start} "
            f"({count_text(now.baseline_stock)}) min {number(goal.fewer)}: {count_text(now.target)}. "
            f"Op {on} hadden {count_text(now.stock)} personen bijstand."
        )
    if now.reached:
        words.append(f"Het doel is gehaald: {count_text(-now.to_go)} personen onder het doel.")
    else:
        needed = ""
        if now.per_month is not None:
            needed = (
                f"; om het doel op tijd te halen is gemiddeld {count_text(now.per_month)} minder per maand "
                f"nodig ({now.months_left} maanden)"
            )
        words.append(f"Nog {count_text(now.to_go)} personen te gaan{needed}.")
    return words
