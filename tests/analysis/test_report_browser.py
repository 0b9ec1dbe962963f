"""The HTML report renders in real headless Chromium (Debian's), with its charts."""

import datetime as dt
import shutil

import pytest
from playwright.sync_api import sync_playwright

from meedoen.analysis import report
from meedoen.analysis.household_types import load_types
from meedoen.analysis.minima_effect import compute

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


@pytest.mark.parametrize("width", [390, 1280])  # a phone and a desktop
def test_report_renders_with_charts(tmp_path, width):
    result = compute("arnhem", dt.date(2026, 1, 1), load_types(), points=150)
    report.write_report(result, tmp_path, pdf=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto((tmp_path / "minima-effect.html").as_uri())
        assert page.locator("h1").inner_text() == "Minima-effectrapportage Arnhem"
        charts = page.locator("figure svg")
        assert charts.count() == 2 * len(result.curves)  # income and burden per household type
        box = charts.first.bounding_box()
        assert box and 0 < box["width"] <= width and box["height"] > 100
        assert page.locator("section h2").count() == len(result.curves)
        page.screenshot(path=str(tmp_path / f"report-{width}.png"), full_page=False)
        browser.close()
    assert (tmp_path / f"report-{width}.png").stat().st_size > 10_000
