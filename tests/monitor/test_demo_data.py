"""The demo city meets the published figures it is calibrated to (docs/monitor-demo-data.md)."""

from datetime import date

import pytest

from meedoen.demo.monitor_data import generate, write_monitor_demo
from meedoen.monitor.ambition import stock_on
from meedoen.monitor.kpis import kpis
from meedoen.monitor.loading import load
from meedoen.monitor.series import monthly_series

EXPORT = date(2024, 12, 31)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    write_monitor_demo(folder)
    return folder


@pytest.fixture(scope="module")
def tables(demo):
    loaded = load(demo)  # strict: the demo breaks no rule of the contract
    assert all(c.skipped == 0 for c in loaded.counts)
    return loaded.tables


def year(tables, y):
    return kpis(tables, date(y, 1, 1), date(y, 12, 31), EXPORT)


def test_people_with_a_benefit_as_arnhem_published(tables):
    # Seed 003: 8,956 in January 2019, 7,756 in April 2023 (stock on the first of the month).
    assert stock_on(tables, date(2019, 1, 1)) == 8956
    assert stock_on(tables, date(2023, 4, 1)) == 7756
    # Seed 002: from July 2019 down 3.8 % (7,794 -> 7,499), then up 2.6 % to June 2020 (7,691).
    july, low, june = (stock_on(tables, d) for d in (date(2019, 7, 1), date(2020, 3, 1), date(2020, 6, 1)))
    assert low / july == pytest.approx(7499 / 7794, abs=0.0005)
    assert june / low == pytest.approx(7691 / 7499, abs=0.0005)


def test_about_8000_people_at_a_time(tables):
    series = monthly_series(tables, date(2014, 1, 1), EXPORT)
    assert series["stock_first_day"].min() >= 7500
    assert series["stock_first_day"].max() <= 9400


@pytest.mark.parametrize(
    ("y", "inflow", "outflow", "work"),
    [(2015, 2290, 1990, 800), (2016, 2410, 1870, 880), (2017, 1990, 1960, 880)],  # CBS 84066NED, GM0202
)
def test_flows_as_cbs_counted_them(tables, y, inflow, outflow, work):
    k = year(tables, y)
    assert k["inflow"] == inflow
    assert k["outflow"]["total"] == pytest.approx(outflow, rel=0.025)
    assert k["outflow"]["work"] == pytest.approx(work, rel=0.025)


def test_over_90_percent_not_back_within_a_year(tables):
    for y in range(2015, 2024):
        assert year(tables, y)["durable_outflow_work"]["rate"] > 0.9


def test_wage_cost_subsidy_390_in_december_2022_up_15_7_percent(tables):
    dec_2021 = kpis(tables, date(2021, 12, 1), date(2021, 12, 31), EXPORT)
    dec_2022 = kpis(tables, date(2022, 12, 1), date(2022, 12, 31), EXPORT)
    assert dec_2022["loonkostensubsidie_active_at_to"] == 390
    assert dec_2022["loonkostensubsidie_active_at_to"] / dec_2021["loonkostensubsidie_active_at_to"] == (
        pytest.approx(1.157, abs=0.001)
    )


def test_debt_help_382_in_2019_and_562_in_the_first_half_of_2020(tables):
    assert year(tables, 2019)["debt_help_started"] == 382
    h1 = kpis(tables, date(2020, 1, 1), date(2020, 6, 30), EXPORT)
    assert (h1["debt_help_started"], h1["debt_help_started_under_27"]) == (562, 110)


def test_every_area_and_instrument_is_there(tables):
    assert tables.areas == ["Centrum", "Noord", "Oost", "West", "Zuid"]
    assert tables.instruments["instrument"].n_unique() == 8
    assert set(tables.debt_help["route"].unique()) == {
        "vroegsignalering",
        "self_referral",
        "referral",
        "other",
    }


def test_the_same_seed_gives_the_same_files(demo):
    again = generate()
    for name, frame in again.items():
        assert frame.write_csv() == (demo / f"{name}.csv").read_text(encoding="utf-8")
