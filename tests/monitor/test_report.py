"""``meedoen monitor report``: the bestuursrapportage on the demo city as HTML, PDF and CSV."""

import argparse
import csv
import re
import shutil

import pytest

from meedoen.demo.monitor_data import write_monitor_demo
from meedoen.monitor.cbs import default_folder
from meedoen.monitor.cli import add_commands
from meedoen.monitor.report_text import change_text, count_text, csv_value
from tests.monitor.builders import write_folder

CBS = default_folder()
STEM = "monitor-arnhem-2023-T1"
SECTIONS = ("samenvatting", "kerncijfers", "ontwikkeling", "werk", "schuldhulp", "startkwalificatie",
            "gebieden", "groepen", "ambitie", "vergelijking", "verantwoording")  # fmt: skip
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


def run(*args):
    parser = argparse.ArgumentParser(prog="meedoen")
    add_commands(parser.add_subparsers(dest="command", required=True))
    parsed = parser.parse_args(["monitor", *map(str, args)])
    return parsed.run(parsed)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    write_monitor_demo(folder)
    return folder


@pytest.fixture(scope="module")
def out(demo, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report") / "out"
    assert run("report", demo, "--period", "2023-T1", "--out", folder, "--municipality", "arnhem") == 0
    return folder


def test_report_writes_html_pdf_and_csv(out):
    assert sorted(p.name for p in out.iterdir()) == [f"{STEM}-cijfers.csv", f"{STEM}.html", f"{STEM}.pdf"]
    assert (out / f"{STEM}.pdf").read_bytes().startswith(b"%PDF")
    assert (out / f"{STEM}.pdf").stat().st_size > 50_000  # the charts and the map are in it


def test_html_has_every_section_and_figure_with_its_query(out):
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'id="{section}"' in html
    assert "<h1>Bestuursrapportage Werk en Inkomen Arnhem</h1>" in html
    assert html.count("<svg") == 9  # ambition, stock, flows, durable, lks, debt, SK, density, map
    assert 'id="ambitie"' in html and "Doorbraak naar Werk" in html
    # every figure names what it counts and the function it came from
    footnotes = re.findall(r'<p class="bron">(.*?)</p>', html, flags=re.S)
    assert len(footnotes) == 14  # one per figure (F1..F14)
    assert all("Telt:" in f and "meedoen.monitor." in f for f in footnotes)
    assert "meedoen.monitor.kpis.kpis(tables, first=2023-01-01, last=2023-04-30, as_of=2024-12-31)" in html
    # the national comparison says persons vs benefits, and the three cities are side by side
    assert "personen (CBS 84066NED" in html and "uitkeringen (landelijk, CBS 37789ksz)" in html
    for city in ("Arnhem", "Nijmegen", "Groningen", "Nederland"):
        assert f"<td>{city}</td>" in html or f"<td>{city}" in html
    assert "132.010" in html and "9.320" in html and "35,5" in html


def test_headline_compares_with_the_previous_period_and_last_year(out):
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    assert "<th>2023-T1</th><th>2022-T3</th><th>Verschil</th><th>2022-T1</th>" in html
    text = re.search(r'<ul class="samenvatting">(.*?)</ul>', html, flags=re.S)[1]
    assert "Op 30 april 2023 hadden" in text and "personen in Arnhem een bijstandsuitkering" in text
    assert re.search(r"\d+ (minder|meer) dan aan het eind van 2022-T3 \([+-]\d+,\d%\)", text)
    assert "70,5 personen met bijstand per 1.000 inwoners" in text and "35,5 landelijk" in text


def test_small_cells_are_suppressed(out):
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    gebieden = re.search(r'<section id="gebieden">(.*?)</section>', html, flags=re.S)[1]
    cells = re.findall(r"<td>([^<]*)</td>", gebieden)
    assert "&lt;10" in cells  # the demo's Centrum has fewer than 10 young people starting debt help
    assert not [c for c in cells if re.fullmatch(r"[1-9]", c)]
    with open(out / f"{STEM}-cijfers.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    counts = [r["waarde"] for r in rows if r["waarde"].isdigit()]
    assert counts and all(int(v) >= 10 for v in counts)
    assert any(r["waarde"] == "<10" for r in rows)
    assert {r["telt"] for r in rows} >= {"personen", "uitkeringen", "trajecten"}
    assert all(r["bron"] for r in rows)


def test_suppression_rules():
    assert count_text(9) == "<10" and count_text(0) == "<10" and count_text(10) == "10"
    assert count_text(7756) == "7.756"
    assert change_text(20, 9) == "n.v.t." and change_text(110, 100) == "+10 (+10,0%)"
    assert csv_value(3) == "<10" and csv_value(1234) == "1234" and csv_value(0.92281, "rate") == "0.9228"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2023-Q1"], "unknown period '2023-Q1'"),
        (["--period", "2030-T1"], "outside the data, which cover 2014-01-01 to 2024-12-31"),
        (["--period", "2010-T3"], "outside the data"),
        (["--period", "2023-T1", "--municipality", "atlantis"], "no municipality 'atlantis'"),
        (["--period", "2023-T1", "--cbs", "/nonexistent/cbs"], "does not exist"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(demo, tmp_path, capsys, args, message):
    target = tmp_path / "out"
    assert run("report", demo, "--out", target, *args) == 2
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_unreadable_or_broken_folder_exits_2(tmp_path, capsys):
    target = tmp_path / "out"
    assert run("report", tmp_path / "missing", "--period", "2023-T1", "--out", target) == 2
    assert "cannot read the folder" in capsys.readouterr().err
    persons, spells = "P1,1990-01-01,Noord,true", "S1,P9,2023-01-01,,"  # P9 is not in persons
    broken = write_folder(tmp_path / "broken", persons=persons, spells=spells)
    assert run("report", broken, "--period", "2023-T1", "--out", target) == 2
    err = capsys.readouterr().err
    assert "spells.csv" in err and "nothing was written" in err
    assert not target.exists()


def test_html_renders_in_chromium_with_charts_and_map(out, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((out / f"{STEM}.html").as_uri())
        assert page.locator("h1").inner_text() == "Bestuursrapportage Werk en Inkomen Arnhem"
        charts = page.locator("figure svg")
        assert charts.count() == 9
        for i in range(charts.count()):
            box = charts.nth(i).bounding_box()
            assert box and 200 < box["width"] <= 1280 and box["height"] > 100
        the_map = page.locator("figure", has_text="Kaart: bijstandsdichtheid per gemeente").locator("svg")
        assert the_map.locator("path").count() > 300  # the municipal polygons
        page.locator("#vergelijking").screenshot(path=str(tmp_path / "vergelijking.png"))
        browser.close()
    assert (tmp_path / "vergelijking.png").stat().st_size > 10_000


def test_a_rate_over_fewer_than_10_measurable_outflows_is_not_shown(demo):
    from datetime import date

    from meedoen.monitor.kpis import kpis
    from meedoen.monitor.loading import load
    from meedoen.monitor.periods import Period
    from meedoen.monitor.report_cbs import suppress_rates

    tables, as_of = load(demo).tables, date(2024, 12, 31)
    recent, older = Period(2024, 1), Period(2023, 1)
    raw = kpis(tables, recent.first, recent.last, as_of)
    assert (
        0 < raw["durable_outflow_work"]["measurable"] < 10 and raw["durable_outflow_work"]["rate"] is not None
    )
    shown = suppress_rates(raw, tables, recent, as_of)
    assert shown["durable_outflow_work"]["rate"] is None
    assert shown["startkwalificatie"]["durable_rate_without_sk"] is None
    kept = suppress_rates(kpis(tables, older.first, older.last, as_of), tables, older, as_of)
    assert kept["durable_outflow_work"]["rate"] == 0.9228


def test_the_report_splits_by_gender_and_age_band_with_small_cells_suppressed(out):
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    section = html[html.index('id="groepen"') :]
    section = section[: section.index("</section>")]
    for group in ("Vrouw", "Man", "18-26", "27-44", "45-54", "55+"):
        assert f"<td>{group}</td>" in section
    rows = list(csv.reader((out / f"{STEM}-cijfers.csv").read_text(encoding="utf-8").splitlines()))
    women = [r for r in rows if r[1] == "Naar geslacht" and r[5] == "Vrouw" and "[stock_at_to]" in r[2]]
    men = [r for r in rows if r[1] == "Naar geslacht" and r[5] == "Man" and "[stock_at_to]" in r[2]]
    total = next(r for r in rows if r[0] == "F2" and "[stock_at_to]" in r[2] and r[4] == "2023-T1")
    # unknown gender counts in neither: the two together are at most the total
    assert int(women[0][6]) + int(men[0][6]) <= int(total[6])
