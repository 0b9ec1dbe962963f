"""Shared output helpers of the analyses: charts in two forms, and all-or-nothing file writing."""

from __future__ import annotations

import base64
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("svg")
matplotlib.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False,
                            "axes.spines.right": False})  # fmt: skip
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

COLOURS = ("#01689b", "#8fcae7", "#39870c", "#c3df9f", "#e17000", "#f9e11e", "#a90061")


@dataclass(frozen=True)
class Chart:
    """One chart in two forms: SVG for the HTML (sharp, text stays text) and PNG for the PDF
    (WeasyPrint lays out a PNG far faster than a detailed SVG)."""

    svg: str
    png_data_uri: str


def chart(fig: plt.Figure) -> Chart:
    svg, png = io.StringIO(), io.BytesIO()
    fig.savefig(svg, format="svg", bbox_inches="tight")
    fig.savefig(png, format="png", bbox_inches="tight", dpi=110)
    plt.close(fig)
    text = svg.getvalue()
    return Chart(
        text[text.index("<svg") :], "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    )


def write_all(files: dict[str, bytes], out: Path) -> list[Path]:
    """Write every file to ``out`` or none: they go to a temporary folder first and are moved into
    place only when all of them are written."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out, prefix=".partial-") as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        for name in files:
            os.replace(Path(tmp) / name, out / name)
    return [out / name for name in files]
