"""The report's words: counts and changes as published (``<10`` under 10), and the summary in plain
Dutch written from the figures, not by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from meedoen.monitor.summary import dutch_date
from meedoen.rules.money import decimal_text, number, percent

if TYPE_CHECKING:  # the report's model imports these words
    from meedoen.monitor.report_model import Report

SMALL = 10
SUPPRESSED = "<10"


def csv_value(value: Any, kind: str = "count") -> str:
    """A CSV cell: counts as plain integers (``<10`` under 10), rates as fractions, empty for none."""
    if value is None:
        return ""
    if kind == "count":
        return SUPPRESSED if value < SMALL else str(int(value))
    if kind == "rate":
        return f"{value:.4f}"
    return f"{value:.1f}"


def count_text(n: int | None) -> str:
    """A count for publication: ``<10`` under 10, Dutch thousands separator otherwise."""
    if n is None:
        return "n.v.t."
    return SUPPRESSED if n < SMALL else number(n)


def rate_text(fraction: float | None) -> str:
    return percent(fraction * 100 if fraction is not None else None)


def change_text(now: int | None, before: int | None) -> str:
    """``+12 (+1,5%)``; ``n.v.t.`` without a comparison or when either count is under 10."""
    if now is None or before is None or now < SMALL or before < SMALL:
        return "n.v.t."
    diff = now - before
    return (
        ("+" if diff >= 0 else "-") + number(abs(diff)) + f" ({percent(100 * diff / before, 1, sign=True)})"
    )


def rate_change_text(now: float | None, before: float | None) -> str:
    if now is None or before is None:
        return "n.v.t."
    return decimal_text(100 * (now - before), 1, sign=True) + " %-punt"


def get(result: dict[str, Any], path: str) -> Any:
    for key in path.split("."):
        result = result[key]
    return result


def _diff_words(now: int, before: int | None, when: str) -> str:
    if before is None or now < SMALL or before < SMALL:
        return ""
    diff = now - before
    if diff == 0:
        return f"evenveel als {when}"
    more = "meer" if diff > 0 else "minder"
    return f"{number(abs(diff))} {more} dan {when} ({percent(100 * diff / before, 1, sign=True)})"


def summary(report: Report, now: dict, prev: dict | None, last_year: dict | None, comparison) -> list[str]:
    """A few Dutch sentences stating the changes in numbers (every count under 10 as ``<10``)."""
    p = report.period
    end = dutch_date(p.last.isoformat())
    prev_p, ly_p = p.previous(), p.year_before()
    parts = [
        _diff_words(now["stock_at_to"], prev and prev["stock_at_to"], f"aan het eind van {prev_p}"),
        _diff_words(now["stock_at_to"], last_year and last_year["stock_at_to"], f"een jaar eerder ({ly_p})"),
    ]
    parts = [x for x in parts if x]
    text = [
        f"Op {end} hadden {count_text(now['stock_at_to'])} personen in {report.municipality} een "
        f"bijstandsuitkering" + (": " + " en ".join(parts) if parts else "") + "."
    ]
    flows = (
        f"In {p.words} begonnen {count_text(now['inflow'])} uitkeringen en eindigden er "
        f"{count_text(now['outflow']['total'])}, waarvan {count_text(now['outflow']['work'])} door werk"
    )
    if last_year:
        flows += (
            f" (zelfde periode vorig jaar: instroom {count_text(last_year['inflow'])}, uitstroom "
            f"{count_text(last_year['outflow']['total'])}, naar werk "
            f"{count_text(last_year['outflow']['work'])})"
        )
    text.append(flows + ".")
    d = now["durable_outflow_work"]
    if d["rate"] is not None:
        text.append(
            f"Van de {count_text(d['measurable'])} uitstromers naar werk die al een jaar te volgen zijn, "
            "bleef "
            f"{rate_text(d['rate'])} duurzaam aan het werk (niet binnen een jaar terug in de bijstand)."
        )
    else:
        text.append(
            "Of de uitstroom naar werk duurzaam is, is nog niet betrouwbaar te meten: "
            f"{count_text(d['pending'])} uitstromers zijn nog geen jaar uit de bijstand "
            f"(gemeten op {dutch_date(report.as_of.isoformat())})."
        )
    lks_before = prev and prev["loonkostensubsidie_active_at_to"]
    lks_words = _diff_words(now["loonkostensubsidie_active_at_to"], lks_before, f"eind {prev_p}")
    text.append(
        f"Op {end} werkten {count_text(now['loonkostensubsidie_active_at_to'])} personen met "
        "loonkostensubsidie"
        + (f" ({lks_words})" if lks_words else "")
        + f". Er begonnen {count_text(now['debt_help_started'])} schuldhulptrajecten, waarvan "
        f"{count_text(now['debt_help_started_under_27'])} voor jongeren onder 27."
    )
    sk = now["startkwalificatie"]
    text.append(
        f"Zonder startkwalificatie zaten op {end} {count_text(sk['stock_without_sk_at_to'])} personen in de "
        "bijstand; duurzaam aan het werk met / zonder startkwalificatie: "
        f"{rate_text(sk['durable_rate_with_sk'])}"
        f" / {rate_text(sk['durable_rate_without_sk'])}."
    )
    return text + _cbs_sentences(report, comparison)


def _cbs_sentences(report: Report, comparison: list[dict[str, Any]]) -> list[str]:
    """The density against the country and the peer group, as CBS counts it (none without both)."""
    mine = next((r for r in comparison if r["mine"]), None)
    nl = next((r for r in comparison if r["role"] == "landelijk"), None)
    group = next((r for r in comparison if r["name"].startswith("Vergelijkingsgroep samen")), None)
    if mine and nl:
        sentence = (
            f"Volgens het CBS ({report.cbs_year}) had {report.municipality} "
            f"{mine['cells']['per 1.000 inwoners']} personen met bijstand per 1.000 inwoners van 15 jaar en "
            f"ouder, tegen {nl['cells']['per 1.000 inwoners']} landelijk"
        )
        if group:
            sentence += (
                f" en {group['cells']['per 1.000 inwoners']} in de vergelijkingsgroep "
                f"({', '.join(report.peers)})"
            )
        return [sentence + "."]
    return []
