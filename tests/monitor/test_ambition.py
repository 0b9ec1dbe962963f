"""The ambition as data: progress against the trend-adjusted target, the fall still needed, the words."""

from __future__ import annotations

from datetime import date

import pytest

from meedoen.monitor.ambition import Ambition, load_ambition, progress
from tests.monitor.test_views import ten_people_leaving

GOAL = Ambition("Proef", fewer=2, baseline=date(2019, 1, 1), until=date(2020, 7, 1), source="test")


def test_arnhem_s_ambition_is_data_with_its_source():
    goal = load_ambition("Arnhem")
    assert (goal.name, goal.fewer, goal.baseline) == ("Doorbraak naar Werk", 500, date(2019, 7, 1))
    assert "500 Arnhemmers minder" in goal.source and goal.until_is_assumption
    assert load_ambition("nijmegen") is None


def test_progress_with_the_national_trend(tmp_path):
    tables = ten_people_leaving(tmp_path)  # 10 on 1 January 2019, 8 on 2 July, 6 in 2020
    trend = {date(2019, 1, 1): 200.0, date(2020, 1, 1): 180.0}
    p = progress(tables, GOAL, date(2019, 7, 2), trend)
    # 2 July 2019 is day 182 of 365: index 190.03; 10 x 190.03 / 200 = 9.50 -> 10; target 8; stock 8.
    assert (p.baseline_stock, p.stock, p.expected, p.target, p.to_go, p.reached) == (10, 8, 10, 8, 0, True)


def test_progress_says_what_is_still_needed_per_month(tmp_path):
    tables = ten_people_leaving(tmp_path)
    trend = {date(2019, 1, 1): 100.0, date(2019, 12, 1): 100.0}
    p = progress(
        tables, Ambition("Proef", 5, date(2019, 1, 1), date(2020, 7, 1), "test"), date(2019, 5, 1), trend
    )
    # 8 on 1 May (two left in spring); flat trend: expected 10, target 5, 3 to go in 14 months -> 1 a month.
    assert (p.stock, p.expected, p.target, p.to_go, p.months_left, p.per_month) == (8, 10, 5, 3, 14, 1)


def test_without_a_covering_trend_the_target_is_the_baseline_less_the_ambition(tmp_path):
    tables = ten_people_leaving(tmp_path)
    p = progress(tables, GOAL, date(2020, 1, 1), {date(2015, 1, 1): 1.0, date(2018, 11, 1): 1.0})
    assert (p.with_trend, p.expected, p.target, p.stock, p.to_go) == (False, None, 8, 6, -2)


def test_a_malformed_ambition_names_the_key(tmp_path):
    (tmp_path / "ede.yaml").write_text("name: X\nfewer: veel\nbaseline: 2020-01-01\nsource: s\n")
    with pytest.raises(ValueError, match=r"ede\.yaml"):
        load_ambition("ede", tmp_path)
    (tmp_path / "ede.yaml").write_text("name: X\nbaseline: 2020-01-01\nsource: s\n")
    with pytest.raises(ValueError, match="'fewer'"):
        load_ambition("ede", tmp_path)


def test_the_arnhem_report_shows_the_ambition(tmp_path):
    from meedoen.demo.monitor_data import write_monitor_demo
    from meedoen.monitor.cbs import default_folder, load_cbs
    from meedoen.monitor.loading import load
    from meedoen.monitor.periods import parse_period
    from meedoen.monitor.report import build

    write_monitor_demo(tmp_path)
    tables = load(tmp_path).tables
    report = build(tables, parse_period("2023-T1"), load_cbs(default_folder()), "arnhem")
    words = " ".join(report.ambition["sentences"])
    baseline = progress(tables, load_ambition("arnhem"), date(2023, 4, 30), {}).baseline_stock
    assert "Doel: 500 personen minder" in words and "vanaf 1 juli 2019" in words
    # The bundled national series ends in 2018: the target is the baseline less 500, and it says so.
    assert f"min 500: {baseline - 500:,}".replace(",", ".") in words and "cbs-import" in words
    assert "ambition" in report.figures and report.figures["ambition"].chart is not None
