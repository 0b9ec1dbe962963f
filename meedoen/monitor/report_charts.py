"""The charts of the bestuursrapportage, drawn with the analyses' matplotlib helpers.

Each function returns a ``meedoen.reporting.charts.Chart`` (SVG for the HTML, PNG for the PDF). The
map draws the municipal polygons of the CBS GeoJSON with a ``PolyCollection``: no network, no
geopandas. Counts under 10 are not drawn (the same rule as the tables).
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import Normalize

from meedoen.monitor.cbs import Boundary
from meedoen.reporting.charts import COLOURS, Chart, chart, plt

SMALL = 10
HIGHLIGHT = "#a90061"


def hidden(values: list[int]) -> list[float]:
    """Counts under 10 become NaN, so a chart never shows what a table suppresses."""
    return [float("nan") if v is None or v < SMALL else float(v) for v in values]


def _finish(fig, ax, title: str, ylabel: str, legend: bool = True) -> Chart:
    ax.set_title(title, loc="left")
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    if legend:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3, frameon=False)
    return chart(fig)


def stock_chart(
    months: list[date],
    stock: list[int],
    national: list[float | None],
    period: tuple[date, date],
    name: str,
    table: str = "37789ksz",
) -> Chart:
    """Persons with bijstand on the first day of each month, and the national trend scaled to them
    (``table``: the CBS table the national series comes from)."""
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.axvspan(period[0], period[1], color="#f0f0f0", label="Rapportageperiode")
    ax.plot(months, hidden(stock), color=COLOURS[0], linewidth=1.6, label=f"{name}: personen met bijstand")
    values = [np.nan if v is None else v for v in national]
    if any(v is not None for v in national):
        ax.plot(months, values, color=COLOURS[4], linewidth=1.2, linestyle="--",
                label=f"Landelijke trend (uitkeringen, CBS {table}), geschaald")  # fmt: skip
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=1, frameon=False)
    return _finish(fig, ax, "Bijstand: personen op de eerste dag van de maand", "Personen", legend=False)


def ambition_chart(months: list[date], stock: list[int], target: list[int], name: str, goal: str) -> Chart:
    """Persons with bijstand per month since the ambition's baseline, against its target."""
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.plot(months, hidden(stock), color=COLOURS[0], linewidth=1.6, label=f"{name}: personen met bijstand")
    ax.plot(months, hidden(target), color=HIGHLIGHT, linewidth=1.2, linestyle="--", label=f"Doel {goal}")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    return _finish(fig, ax, f"Ambitie {goal}: stand en doel per maand", "Personen", legend=False)


def flow_chart(months: list[date], inflow: list[int], outflow: list[int], work: list[int]) -> Chart:
    """Inflow and outflow of benefits (spells) per month, with the outflow to work."""
    fig, ax = plt.subplots(figsize=(7, 2.8))
    x = np.arange(len(months))
    ax.bar(x - 0.2, hidden(inflow), width=0.4, color=COLOURS[0], label="Instroom (uitkeringen)")
    ax.bar(x + 0.2, hidden(outflow), width=0.4, color=COLOURS[1], label="Uitstroom (uitkeringen)")
    ax.plot(x + 0.2, hidden(work), color=COLOURS[2], marker="o", markersize=3, linewidth=1.2,
            label="waarvan naar werk")  # fmt: skip
    step = max(1, len(months) // 8)
    ax.set_xticks(x[::step], [f"{m.month:02d}-{m.year}" for m in months][::step])
    return _finish(fig, ax, "Instroom en uitstroom per maand", "Uitkeringen")


def _period_bars(labels: list[str], series: dict[str, list[float]], title: str, ylabel: str,
                 percent: bool = False) -> Chart:  # fmt: skip
    fig, ax = plt.subplots(figsize=(7, 2.6))
    x = np.arange(len(labels))
    width = 0.8 / len(series)
    for i, (label, values) in enumerate(series.items()):
        ax.bar(x - 0.4 + width * (i + 0.5), values, width=width, color=COLOURS[i * 2 % len(COLOURS)],
               label=label)  # fmt: skip
    ax.set_xticks(x, labels)
    if percent:
        ax.set_ylim(0, 100)
    return _finish(fig, ax, title, ylabel)


def rate_chart(labels: list[str], series: dict[str, list[float | None]], title: str) -> Chart:
    """Rates (fractions) per period as percentages; a period without measurable outflow has no bar."""
    values = {k: [np.nan if v is None else v * 100 for v in vs] for k, vs in series.items()}
    return _period_bars(labels, values, title, "%", percent=True)


def count_chart(labels: list[str], series: dict[str, list[int]], title: str, ylabel: str) -> Chart:
    return _period_bars(labels, {k: hidden(v) for k, v in series.items()}, title, ylabel)


def line_chart(months: list[date], values: list[int], title: str, label: str, ylabel: str) -> Chart:
    fig, ax = plt.subplots(figsize=(7, 2.6))
    ax.plot(months, hidden(values), color=COLOURS[2], linewidth=1.6, label=label)
    ax.set_ylim(bottom=0)
    return _finish(fig, ax, title, ylabel)


def density_chart(years: list[int], lines: dict[str, list[float | None]], highlight: str) -> Chart:
    """Bijstand density (persons per 1,000 inhabitants 15+) per CBS year."""
    fig, ax = plt.subplots(figsize=(7, 2.8))
    for i, (label, values) in enumerate(lines.items()):
        ys = [np.nan if v is None else v for v in values]
        style = {"linewidth": 2.4, "color": HIGHLIGHT} if label == highlight else {
            "linewidth": 1.2, "color": COLOURS[i % len(COLOURS)]}  # fmt: skip
        ax.plot(years, ys, marker="o", markersize=3, label=label, **style)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylim(bottom=0)
    return _finish(
        fig, ax, "Bijstandsdichtheid (personen per 1.000 inwoners van 15 jaar en ouder)", "Per 1.000"
    )


def density_map(boundaries: list[Boundary], density: dict[str, float], code: str, peers: list[str],
                year: int) -> Chart:  # fmt: skip
    """Every municipality coloured by bijstand density; the municipality outlined, its peers dotted."""
    values = [v for v in density.values() if v is not None]
    norm = Normalize(vmin=0, vmax=max(values) if values else 1)
    cmap = plt.get_cmap("Blues")
    polygons, colours = [], []
    for b in boundaries:
        value = density.get(b.code)
        colour = cmap(norm(value)) if value is not None else (0.85, 0.85, 0.85, 1)
        for ring in b.rings:
            polygons.append(ring)
            colours.append(colour)
    fig, ax = plt.subplots(figsize=(5.2, 5.6))
    ax.add_collection(PolyCollection(polygons, facecolors=colours, edgecolors="white", linewidths=0.2))
    for b in boundaries:
        if b.code in peers or b.code == code:
            mine = b.code == code
            ax.add_collection(PolyCollection(
                b.rings, facecolors="none", edgecolors=HIGHLIGHT if mine else "#222",
                linewidths=1.6 if mine else 0.8, linestyles="solid" if mine else "dotted"))  # fmt: skip
    xs = [x for ring in polygons for x, _ in ring]
    ys = [y for ring in polygons for _, y in ring]
    if xs:
        ax.set_xlim(min(xs), max(xs))
        ax.set_ylim(min(ys), max(ys))
        ax.set_aspect(1 / math.cos(math.radians((min(ys) + max(ys)) / 2)))
    ax.set_axis_off()
    bar = fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6)
    bar.set_label(f"Personen met bijstand per 1.000 inwoners 15+ ({year})")
    ax.set_title(f"Bijstandsdichtheid per gemeente, {year}", loc="left")
    return chart(fig)
