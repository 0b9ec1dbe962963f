"""Monthly series, ambition tracking and cohort views on hand-made tables."""

from datetime import date

import pytest

from meedoen.monitor.ambition import ambition, cbs_national_trend, index_on
from meedoen.monitor.cohorts import cohorts
from meedoen.monitor.loading import load
from meedoen.monitor.series import monthly_series
from tests.monitor.builders import write_folder


def test_monthly_series_stock_inflow_and_outflow_by_reason(tmp_path):
    tables = load(
        write_folder(
            tmp_path,
            persons="""
                P1,1980-01-01,A,true
                P2,1980-01-01,A,true
                P3,1980-01-01,A,true
                P4,1980-01-01,B,true
            """,
            spells="""
                S1,P1,2022-12-15,2023-01-31,work
                S2,P2,2023-01-01,,
                S3,P3,2023-02-10,2023-02-28,moved
                S4,P4,2023-02-01,,
            """,
        )
    ).tables
    rows = monthly_series(tables, date(2023, 1, 1), date(2023, 3, 31)).to_dicts()
    picked = [
        (
            r["month"],
            r["stock_first_day"],
            r["stock_last_day"],
            r["inflow"],
            r["outflow_work"],
            r["outflow_moved"],
        )
        for r in rows
    ]
    assert picked == [
        # January: on the 1st S1 and S2 (starts that day); on the 31st S1 (ends that day) and S2.
        # S2 came in; S1 left for work.
        (date(2023, 1, 1), 2, 2, 1, 1, 0),
        # February: on the 1st S2 and S4 (starts that day); on the 28th S2, S3 (ends that day), S4.
        # S3 and S4 came in; S3 moved away.
        (date(2023, 2, 1), 2, 3, 2, 0, 1),
        # March: S2 and S4 throughout, no movement.
        (date(2023, 3, 1), 2, 2, 0, 0, 0),
    ]
    assert [r["outflow_total"] for r in rows] == [1, 1, 0]
    by_area = monthly_series(tables, date(2023, 2, 1), date(2023, 2, 28), by_area=True).to_dicts()
    # February per area: A has S2 and S3 (first day 1, last day 2, one inflow); B has S4.
    assert [(r["area"], r["stock_first_day"], r["stock_last_day"], r["inflow"]) for r in by_area] == [
        ("A", 1, 2, 1),
        ("B", 1, 1, 1),
    ]


def ten_people_leaving(tmp_path):
    persons = "\n".join(f"P{i},1980-01-01,A,true" for i in range(10))
    # Two leave in spring 2019, two more in autumn 2019: 10 on 1 January 2019, 8 on 2 July, 6 in 2020.
    ends = {0: "2019-03-01", 1: "2019-04-01", 2: "2019-09-01", 3: "2019-10-01"}
    spells = "\n".join(
        f"S{i},P{i},2018-01-01,{ends[i]},work" if i in ends else f"S{i},P{i},2018-01-01,," for i in range(10)
    )
    return load(write_folder(tmp_path, persons=persons, spells=spells)).tables


def test_ambition_against_the_trend_and_500_fewer(tmp_path):
    tables = ten_people_leaving(tmp_path)
    trend = {date(2019, 1, 1): 200.0, date(2020, 1, 1): 180.0}
    rows = ambition(tables, date(2019, 1, 1), [date(2019, 7, 2), date(2020, 1, 1)], trend, fewer=2)
    # 2 July 2019 is day 182 of 365: index 200 - 20 x 182 / 365 = 190.03; 10 x 190.03 / 200 = 9.50 -> 10.
    # Target 10 - 2 = 8; realised 8: on target, 2 below the trend.
    assert rows[0] == {
        "date": "2019-07-02",
        "stock": 8,
        "trend_stock": 10,
        "target": 8,
        "vs_trend": -2,
        "vs_target": 0,
        "on_target": True,
    }
    # 1 January 2020: 10 x 180 / 200 = 9; target 7; realised 6: one ahead of target.
    assert (rows[1]["stock"], rows[1]["trend_stock"], rows[1]["target"], rows[1]["vs_target"]) == (
        6,
        9,
        7,
        -1,
    )


def test_the_trend_is_never_extrapolated():
    trend = {date(2019, 1, 1): 1.0, date(2019, 12, 1): 0.9}
    assert index_on(trend, date(2019, 12, 1)) == 0.9
    with pytest.raises(ValueError, match="covers 2019-01-01 to 2019-12-01"):
        index_on(trend, date(2020, 1, 1))


def test_cbs_national_series_by_month(tmp_path):
    path = tmp_path / "social_security.csv"
    path.write_text(
        '"ID","Perioden","TotaalBijstandsuitkeringen_11"\n'
        '"258","2017MM12","   434.5"\n'
        '"259","2017JJ00","   441.6"\n'
        '"260","2018MM01","   434.2"\n'
        '"270","2018MM11","       ."\n',
        encoding="utf-8",
    )
    # The count at the end of December is the stock entering January; year totals and '.' are left out.
    assert cbs_national_trend(path) == {date(2018, 1, 1): 434500.0, date(2018, 2, 1): 434200.0}


def test_cohorts_outflow_to_work_and_return_within_12_months(tmp_path):
    tables = load(
        write_folder(
            tmp_path,
            persons="\n".join(f"P{i},1980-01-01,A,true" for i in range(1, 6)),
            spells="""
                C1,P1,2021-03-01,2021-12-01,work
                R1,P1,2022-06-01,,
                C2,P2,2021-06-01,2022-07-01,work
                C3,P3,2021-09-01,,
                C4,P4,2022-02-01,2023-03-01,other
                C5,P5,2024-01-05,,
            """,
        )
    ).tables
    rows = cohorts(tables, as_of=date(2023, 12, 31)).to_dicts()
    # 2021: C1, C2, C3 came in. C1 and C2 left for work; only C1 within 365 days of its start
    # (C2 left 2022-07-01, after 2022-06-01). Both measurable (2022-12-01 and 2023-07-01 <= as_of);
    # P1 came back (R1, 182 days after) -> 1 of 2 durable. Its last possible start, 2021-12-31,
    # is 365 days before as_of or more: complete.
    assert rows[0] == {
        "cohort": date(2021, 1, 1),
        "inflow": 3,
        "outflow_work": 2,
        "outflow_work_within_12m": 1,
        "share_work_within_12m": 0.3333,
        "measurable": 2,
        "returned_within_12m": 1,
        "durable_rate": 0.5,
        "complete": True,
    }
    # 2022: R1 and C4; nobody left for work, nothing to measure. 2022-12-31 + 365 = as_of: complete.
    # C5 starts after as_of: no 2024 cohort.
    assert len(rows) == 2
    assert (rows[1]["inflow"], rows[1]["outflow_work"], rows[1]["share_work_within_12m"]) == (2, 0, 0.0)
    assert (rows[1]["durable_rate"], rows[1]["complete"]) == (None, True)
