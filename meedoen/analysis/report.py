"""The minima-effect report: self-contained HTML with charts, CSV of every number, and a PDF.

Charts are drawn with matplotlib as inline SVG (text kept as text), so the HTML needs no network
and prints sharply; WeasyPrint makes the PDF from the same HTML. Files are written to a temporary
folder first and moved into place only when all of them are ready.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np

from meedoen.analysis.minima_effect import LEVELS, Curve, MinimaEffect
from meedoen.reporting import safe_csv
from meedoen.reporting.charts import COLOURS, Chart, chart, plt, write_all
from meedoen.reporting.html import environment as report_environment
from meedoen.rules.coverage import PROVISIONAL, provisional_text
from meedoen.rules.money import euro_decimal, euro_text

CHART_POINTS = 400  # points per chart line; the CSV has them all
MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december")  # fmt: skip


def _sample(curve: Curve) -> np.ndarray:
    """Evenly spread points plus both ends of every armoedeval, so no cliff is drawn away."""
    n = len(curve.gross)
    idx = np.linspace(0, n - 1, min(n, CHART_POINTS)).round().astype(int)
    edges = [
        i
        for t in curve.traps
        for i in np.nonzero((curve.gross >= t.gross_from) & (curve.gross <= t.gross_to))[0]
    ]
    return np.unique(np.concatenate([idx, np.array(edges, dtype=int)]))


def income_chart(curve: Curve, labels: dict[str, str]) -> Chart:
    """Stacked income components against gross income; the top edge is the disposable income."""
    idx = _sample(curve)
    fig, ax = plt.subplots(figsize=(7, 3.4))
    ax.stackplot(
        curve.gross[idx] / 100,
        *[values[idx] / 100 for values in curve.components.values()],
        labels=[labels[name] for name in curve.components],
        colors=(COLOURS * 3)[: len(curve.components)],
    )
    ax.axhline(curve.rent / 100, color="#333", linestyle="--", linewidth=0.8, label="Huur")
    ax.set_xlabel("Bruto inkomen per maand (€)")
    ax.set_ylabel("Per maand (€)")
    ax.set_title("Besteedbaar inkomen en waar het uit bestaat", loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=4, frameon=False)
    return chart(fig)


def burden_chart(curve: Curve) -> Chart:
    """The marginal effective burden: how much of an extra euro gross is lost."""
    idx = _sample(curve)
    fig, ax = plt.subplots(figsize=(7, 2.4))
    ax.step(curve.gross[idx] / 100, np.clip(curve.marginal_burden[idx] * 100, -20, 150), where="post",
            color=COLOURS[0], linewidth=1)  # fmt: skip
    ax.axhline(100, color="#a4262c", linestyle=":", linewidth=0.8)
    ax.set_ylim(-20, 150)
    ax.set_xlabel("Bruto inkomen per maand (€)")
    ax.set_ylabel("Marginale druk (%)")
    ax.set_title("Deel van een extra euro bruto dat u kwijtraakt", loc="left")
    return chart(fig)


def _sections(result: MinimaEffect) -> list[dict[str, Any]]:
    """Per household type: its curve, table rows and charts (drawn once for HTML and PDF)."""
    return [
        {
            "curve": c,
            "rows": [r for r in result.table if r.type.id == c.type.id],
            "income": income_chart(c, dict(result.components)),
            "burden": burden_chart(c),
            "plateau": _plateau(c),
        }
        for c in result.curves
    ]


def render_html(
    result: MinimaEffect, sections: list[dict[str, Any]] | None = None, *, for_print: bool = False
) -> str:
    """The report as one HTML file; ``for_print`` embeds the charts as PNG (for the PDF)."""
    env = report_environment("meedoen.analysis")
    env.filters["euro"] = euro_text
    return env.get_template("minima_effect.html").render(
        result=result,
        municipality=result.municipality.capitalize(),
        date=f"{result.date.day} {MONTHS_NL[result.date.month - 1]} {result.date.year}",
        sections=sections if sections is not None else _sections(result),
        components=result.components,
        labels=dict(result.components),
        levels=LEVELS,
        provisional=provisional_text(result.status) if result.status.status == PROVISIONAL else "",
        for_print=for_print,
    )


def _plateau(curve: Curve) -> int:
    """Gross income up to which the bijstand tops up (above it, the household lives on its own
    income): up to there extra work adds only the earnings disregard."""
    topped_up = np.nonzero(curve.components["bijstand"] > 0)[0]
    if not len(topped_up):
        return 0
    return int(curve.gross[min(topped_up[-1] + 1, len(curve.gross) - 1)])


def curves_csv(result: MinimaEffect) -> str:
    out = io.StringIO()
    writer = safe_csv.writer(out)
    names = [c for c, _ in result.components]
    writer.writerow(["huishouden", "bruto_maand", "niveau_pct", *names, "besteedbaar", "huur",
                     "besteedbaar_na_huur", "marginale_druk"])  # fmt: skip
    for c in result.curves:
        for i in range(len(c.gross)):
            writer.writerow(
                [c.type.id, euro_decimal(c.gross[i]), f"{c.level[i]:.2f}"]
                + [euro_decimal(c.components[n][i]) for n in names]
                + [
                    euro_decimal(c.disposable[i]),
                    euro_decimal(c.rent),
                    euro_decimal(c.disposable[i] - c.rent),
                    f"{c.marginal_burden[i]:.4f}",
                ]
            )
    return out.getvalue()


def table_csv(result: MinimaEffect) -> str:
    out = io.StringIO()
    writer = safe_csv.writer(out)
    names = [c for c, _ in result.components]
    writer.writerow(["huishouden", "niveau_pct", "bruto_maand", "bruto_maand_met_vakantiegeld", *names,
                     "besteedbaar", "besteedbaar_na_huur"])  # fmt: skip
    for r in result.table:
        rent = int(r.type.rent_month * 100)
        writer.writerow(
            [r.type.id, r.level, euro_decimal(r.gross), euro_decimal(r.gross_with_holiday_pay)]
            + [euro_decimal(r.components[n]) for n in names]
            + [euro_decimal(r.disposable), euro_decimal(r.disposable - rent)]
        )
    return out.getvalue()


def write_report(result: MinimaEffect, out: Path, pdf: bool = True) -> list[Path]:
    """Write ``minima-effect.html``, ``.pdf`` and the CSVs to ``out``, all or nothing."""
    sections = _sections(result)
    html = render_html(result, sections)
    files = {
        "minima-effect.html": html.encode("utf-8"),
        "minima-effect-curves.csv": curves_csv(result).encode("utf-8"),
        "minima-effect-tabel.csv": table_csv(result).encode("utf-8"),
    }
    if pdf:
        from weasyprint import HTML  # imported here: loading it takes a second

        files["minima-effect.pdf"] = HTML(string=render_html(result, sections, for_print=True)).write_pdf()
    return write_all(files, out)
