"""The three HTML reports share one stylesheet (issue 17, item 6): meedoen/reporting/report.css.

The renderer puts it inline (a report is one file that is mailed, archived and printed), so the
templates hold only ``<style>{{ report_stylesheet }}</style>`` and no CSS of their own.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import re

from meedoen.reporting.html import environment, stylesheet

ROOT = pathlib.Path(__file__).parents[1] / "meedoen"
REPORTS = {
    "monitor/templates/monitor_report.html": ("meedoen.monitor", "rapport-monitor"),
    "analysis/templates/minima_effect.html": ("meedoen.analysis", "rapport-minima"),
    "analysis/templates/simulation.html": ("meedoen.analysis", "rapport-simulatie"),
}
RENDERERS = ("monitor/report.py", "analysis/report.py", "analysis/simulation_report.py")
SHARED = "<style>{{ report_stylesheet }}</style>"


def test_no_template_carries_a_style_block_of_its_own():
    own = []
    for path in ROOT.rglob("*.html"):
        for block in re.findall(r"<style[^>]*>.*?</style>", path.read_text(encoding="utf-8"), re.S):
            if block != SHARED:
                own.append(str(path.relative_to(ROOT)))
    assert own == []


def test_each_report_template_takes_the_shared_stylesheet_once_and_names_its_report():
    for name, (_, body_class) in REPORTS.items():
        text = (ROOT / name).read_text(encoding="utf-8")
        assert text.count("<style") == 1 and SHARED in text, name
        assert f'<body class="{body_class}">' in text, name
        assert f".{body_class}" in stylesheet(), name


def test_the_renderers_use_the_shared_environment():
    for name in RENDERERS:
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "report_environment(" in text and "Environment(" not in text.replace(
            "report_environment(", ""
        ), name


def test_the_stylesheet_has_no_rule_twice():
    css = re.sub(r"/\*.*?\*/", "", str(stylesheet()), flags=re.S)
    top_level = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
    selectors = [s.strip() for s in re.findall(r"([^{}]+)\{[^{}]*\}", top_level)]
    assert len(selectors) == len(set(selectors)) > 10


def test_a_rendered_report_holds_the_stylesheet_inline():
    from meedoen.analysis.household_types import load_types
    from meedoen.analysis.minima_effect import compute
    from meedoen.analysis.report import render_html

    html = render_html(compute("arnhem", dt.date(2026, 1, 1), load_types(), points=50), sections=[])
    assert html.count(str(stylesheet())) == 1 and "&lt;" not in html.split("</style>")[0]
    assert '<body class="rapport-minima">' in html


def test_the_environment_renders_each_template_with_the_stylesheet():
    for name, (package, _) in REPORTS.items():
        source = environment(package).loader.get_source(environment(package), pathlib.Path(name).name)[0]
        assert SHARED in source
