"""The report: HTML with charts, CSVs, PDF; all files or none."""

import csv
import datetime as dt
import io

import pytest

from meedoen.analysis import report
from meedoen.analysis.household_types import load_types
from meedoen.analysis.minima_effect import compute


@pytest.fixture(scope="module")
def small():
    types = [t for t in load_types() if t.id in ("alleenstaande", "paar_2_kinderen")]
    return compute("nijmegen", dt.date(2026, 7, 1), types, points=120)


def test_files_and_contents(small, tmp_path):
    files = report.write_report(small, tmp_path / "out")
    assert sorted(f.name for f in files) == [
        "minima-effect-curves.csv", "minima-effect-tabel.csv", "minima-effect.html", "minima-effect.pdf",
    ]  # fmt: skip
    html = (tmp_path / "out" / "minima-effect.html").read_text()
    assert "Minima-effectrapportage Nijmegen" in html
    assert html.count("<svg") == 4  # two charts per household type
    assert "Paar met 2 kinderen" in html
    assert (tmp_path / "out" / "minima-effect.pdf").read_bytes().startswith(b"%PDF")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "minima-effect-curves.csv").read_text())))
    assert len(rows) == 2 * 120
    first = rows[0]
    # 1 July 2026 norm single 21+ (law text): bijstand tops up from nothing
    assert (first["huishouden"], first["bruto_maand"], first["bijstand"]) == (
        "alleenstaande",
        "0.00",
        "1419.46",
    )
    table = list(csv.DictReader(io.StringIO((tmp_path / "out" / "minima-effect-tabel.csv").read_text())))
    assert [r["niveau_pct"] for r in table[:5]] == ["100", "110", "120", "130", "150"]


def test_nothing_is_written_when_rendering_fails(small, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("van eerder")

    def broken(*args, **kwargs):
        raise RuntimeError("PDF engine down")

    monkeypatch.setattr("weasyprint.HTML.write_pdf", broken)
    with pytest.raises(RuntimeError):
        report.write_report(small, out)
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
