"""The KPIs as a short Dutch summary for a management report (``--format text``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from meedoen.rules.money import number, percent

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
REASON_WORDS = {
    "work": "naar werk",
    "study": "naar studie",
    "moved": "verhuisd",
    "partner_income": "inkomen partner",
    "other": "overig",
}


def dutch_date(iso: str) -> str:
    """``2023-04-30`` -> ``30 april 2023``."""
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _block(k: dict[str, Any], period: dict[str, str]) -> list[str]:
    first, last = dutch_date(period["from"]), dutch_date(period["to"])
    out, durable, sk = k["outflow"], k["durable_outflow_work"], k["startkwalificatie"]
    rate = durable["rate"] * 100 if durable["rate"] is not None else None
    lines = [
        f"Personen met een uitkering: {number(k['stock_at_from'])} op {first}, "
        f"{number(k['stock_at_to'])} op {last} ({percent(k['stock_change_pct'], 2, sign=True)})",
        f"Instroom: {number(k['inflow'])} uitkeringen gestart",
        f"Uitstroom: {number(out['total'])} uitkeringen beëindigd, waarvan "
        + ", ".join(f"{REASON_WORDS[r]} {number(out[r])}" for r in REASON_WORDS),
        f"Duurzaam aan het werk (na een jaar niet terug): {number(durable['durable'])} van "
        f"{number(durable['measurable'])} meetbaar ({percent(rate)}); "
        f"{number(durable['pending'])} nog geen jaar uit de uitkering",
        f"Aan het werk met loonkostensubsidie op {last}: {number(k['loonkostensubsidie_active_at_to'])}",
        f"Schuldhulp gestart: {number(k['debt_help_started'])}, "
        f"waarvan {number(k['debt_help_started_under_27'])} jonger dan 27",
        f"Zonder startkwalificatie: {number(sk['stock_without_sk_at_to'])} in de uitkering op {last}, "
        f"{number(sk['inflow_without_sk'])} ingestroomd",
        f"Met startkwalificatie naar werk: {number(sk['outflow_work_with_sk'])}; duurzaam met / zonder "
        f"startkwalificatie: {_rate(sk['durable_rate_with_sk'])} / {_rate(sk['durable_rate_without_sk'])}",
    ]
    return lines


def _rate(fraction: float | None) -> str:
    return percent(fraction * 100 if fraction is not None else None)


def render_text(result: dict[str, Any]) -> str:
    """A readable Dutch summary of ``kpis(...)``: the municipality, then each area."""
    period = result["period"]
    lines = [
        f"Programmamonitor Werk en Inkomen, {dutch_date(period['from'])} t/m {dutch_date(period['to'])}",
        f"(duurzaamheid gemeten op {dutch_date(period['as_of'])}; een uitstroom is meetbaar na 365 dagen)",
        "",
        *_block(result, period),
    ]
    for area, k in result["by_area"].items():
        lines += ["", f"Gebied {area}", *(f"  {line}" for line in _block(k, period))]
    return "\n".join(lines)
