"""Every KPI of docs/contracts/monitor-data.md on small hand-made tables, edge by edge.

The period is 2023-01-01 to 2023-04-30 throughout. Each expected number is counted by hand in the
comment above it, from the rows in the test; none is copied from the code's output.
"""

from datetime import date

import pytest

from meedoen.monitor.kpis import kpis, rounded
from meedoen.monitor.loading import load
from tests.monitor.builders import write_folder

FROM, TO = date(2023, 1, 1), date(2023, 4, 30)
AS_OF = date(2024, 6, 30)


def run(tmp_path, as_of=AS_OF, **tables):
    return kpis(load(write_folder(tmp_path, **tables)).tables, FROM, TO, as_of)


PERSONS_A = """
    P1,1980-01-01,A,true
    P2,1980-01-01,A,true
    P3,1980-01-01,A,false
    P4,1980-01-01,A,
    P5,1980-01-01,A,false
    P6,1980-01-01,A,true
    P7,1980-01-01,A,true
"""


def test_stock_inflow_outflow_on_the_period_edges(tmp_path):
    k = run(
        tmp_path,
        persons=PERSONS_A,
        spells="""
            S1,P1,2022-05-01,2023-01-01,work
            S2,P2,2023-01-01,2023-03-15,moved
            S3,P3,2022-03-01,2023-04-30,study
            S4,P4,2023-04-30,,
            S5,P5,2022-01-01,2022-12-31,other
            S6,P6,2023-05-01,,
            S7,P7,2022-01-01,,
            S8,P7,2022-06-01,2023-02-01,other
        """,
    )
    # Active on 2023-01-01: S1 (ends that day), S2 (starts that day), S3, S7 and S8 (both P7).
    # Not: S4 and S6 (later), S5 (ended the day before). Persons: P1, P2, P3, P7 = 4.
    assert k["stock_at_from"] == 4
    # Active on 2023-04-30: S3 (ends that day), S4 (starts that day), S7 = P3, P4, P7 = 3.
    # Not: S2 (ended 15 March), S8 (ended 1 February), S6 (starts 1 May).
    assert k["stock_at_to"] == 3
    # 100 x (3 - 4) / 4 = -25.0
    assert k["stock_change_pct"] == -25.0
    # start_date in [2023-01-01, 2023-04-30]: S2 (first day), S4 (last day) = 2; S6 starts 1 May.
    assert k["inflow"] == 2
    # end_date in the period: S1 (first day, work), S8 (other), S2 (moved), S3 (last day, study).
    # S5 ended on 2022-12-31, outside.
    assert k["outflow"] == {"work": 1, "study": 1, "moved": 1, "partner_income": 0, "other": 1, "total": 4}


def test_person_with_two_overlapping_spells_counts_once_in_stock(tmp_path):
    k = run(
        tmp_path,
        persons="P1,1980-01-01,A,true",
        spells="""
            S1,P1,2022-01-01,,
            S2,P1,2022-06-01,,
        """,
    )
    # Two spells active on both days, one person.
    assert (k["stock_at_from"], k["stock_at_to"]) == (1, 1)
    assert k["stock_change_pct"] == 0.0


def test_durable_outflow_to_work_return_on_day_365_and_366(tmp_path):
    as_of = date(2024, 4, 20)
    k = run(
        tmp_path,
        as_of=as_of,
        persons=PERSONS_A,
        spells="""
            E1,P1,2020-01-01,2023-01-10,work
            R1,P1,2024-01-10,,
            E2,P2,2020-01-01,2023-01-10,work
            R2,P2,2024-01-11,,
            E3,P3,2020-01-01,2023-02-01,work
            R3,P3,2023-02-01,,
            E4,P4,2020-01-01,2023-04-21,work
            E5,P5,2020-01-01,2023-04-22,work
            R5,P5,2023-06-01,,
            E6,P6,2020-01-01,2023-03-01,partner_income
            R6,P6,2023-04-01,,
        """,
    )
    # Work outflows in the period: E1..E5 (E6 is partner_income: not in this KPI).
    # E1: 2023-01-10 + 365 days = 2024-01-10 <= as_of: measurable; R1 starts on day 365 -> back.
    # E2: R2 starts on day 366 (2024-01-11), outside (end, end + 365]: durable.
    # E3: R3 starts on the end date itself, not after it: durable.
    # E4: 2023-04-21 + 365 days = 2024-04-20 (29 Feb 2024 lies between) = as_of: measurable, durable.
    # E5: 2023-04-22 + 365 days = 2024-04-21 > as_of: pending, whatever R5 says.
    # measurable 4, durable 3 (E2, E3, E4), pending 1, rate 3 / 4.
    assert k["durable_outflow_work"] == {"measurable": 4, "durable": 3, "pending": 1, "rate": 0.75}
    sk = k["startkwalificatie"]
    # With SK (P1, P2): E1 and E2 measurable, E2 durable -> 1 / 2. Both are outflow to work with SK.
    assert sk["outflow_work_with_sk"] == 2
    assert sk["durable_rate_with_sk"] == 0.5
    # Without SK (P3, P5): E3 measurable and durable, E5 pending -> 1 / 1.
    # P4's SK is unknown: E4 counts in the total rate only.
    assert sk["durable_rate_without_sk"] == 1.0


def test_rate_is_null_when_nothing_is_measurable(tmp_path):
    k = run(
        tmp_path,
        as_of=date(2023, 6, 30),
        persons="P1,1980-01-01,A,true",
        spells="S1,P1,2020-01-01,2023-02-01,work",
    )
    # 2023-02-01 + 365 days is after 2023-06-30: pending.
    assert k["durable_outflow_work"] == {"measurable": 0, "durable": 0, "pending": 1, "rate": None}
    assert k["startkwalificatie"]["durable_rate_with_sk"] is None
    assert k["startkwalificatie"]["durable_rate_without_sk"] is None


def test_stock_change_is_null_without_a_stock_at_the_start(tmp_path):
    k = run(tmp_path, persons="P1,1980-01-01,A,true", spells="S1,P1,2023-02-01,,")
    # Nobody on benefit on 1 January: no percentage of 0.
    assert (k["stock_at_from"], k["stock_at_to"], k["stock_change_pct"]) == (0, 1, None)


def test_loonkostensubsidie_active_at_the_end_of_the_period(tmp_path):
    k = run(
        tmp_path,
        persons=PERSONS_A,
        instruments="""
            P1,loonkostensubsidie,2022-01-01,2023-04-30
            P1,loonkostensubsidie,2023-03-01,
            P2,loonkostensubsidie,2023-04-30,
            P3,loonkostensubsidie,2022-01-01,2023-04-29
            P4,loonkostensubsidie,2023-05-01,
            P5,jobcoaching,2022-01-01,
        """,
    )
    # Active on 2023-04-30: P1 (ends that day, and a second overlapping one), P2 (starts that day).
    # Not: P3 (ended the day before), P4 (starts 1 May), P5 (jobcoaching is another instrument).
    assert k["loonkostensubsidie_active_at_to"] == 2


def test_debt_help_started_and_under_27(tmp_path):
    k = run(
        tmp_path,
        persons="""
            P1,1996-01-02,A,true
            P2,1996-04-30,A,true
            P3,2000-01-01,A,true
            P4,2000-01-01,A,true
            P6,2000-02-29,A,
        """,
        debt_help="""
            P1,2023-01-01,,self_referral
            P2,2023-04-30,2023-12-31,vroegsignalering
            P3,2022-12-31,,referral
            P4,2023-05-01,,other
            P6,2023-02-15,,referral
        """,
    )
    # Started in the period: P1 (first day), P2 (last day), P6 (a person without any benefit).
    # P3 started the day before, P4 the day after.
    assert k["debt_help_started"] == 3
    # Age on the start date: P1 turns 27 on 2023-01-02, so 26 on 2023-01-01: under 27.
    # P2 turns 27 on 2023-04-30 itself: not under 27. P6 is 22: under 27.
    assert k["debt_help_started_under_27"] == 2


def test_startkwalificatie_groups_leave_unknown_out(tmp_path):
    k = run(
        tmp_path,
        persons="""
            P1,1980-01-01,A,false
            P2,1980-01-01,A,false
            P3,1980-01-01,A,true
            P4,1980-01-01,A,
            P5,1980-01-01,A,false
        """,
        spells="""
            S1,P1,2022-01-01,,
            S2,P1,2023-02-01,,
            S3,P2,2023-03-01,,
            S4,P3,2023-03-01,,
            S5,P4,2023-03-01,,
            S6,P5,2023-01-15,2023-04-29,work
            S7,P3,2022-01-01,2023-02-10,work
        """,
    )
    sk = k["startkwalificatie"]
    # On 2023-04-30 without SK: P1 (two spells, once), P2. P5 left on the 29th; P3 has SK; P4 unknown.
    assert sk["stock_without_sk_at_to"] == 2
    # Spells starting in the period of persons without SK: S2 (P1), S3 (P2), S6 (P5) = 3.
    assert sk["inflow_without_sk"] == 3
    # Outflow to work of persons with SK: S7 (P3). S6 is P5's, without SK.
    assert sk["outflow_work_with_sk"] == 1


def test_by_area_holds_the_same_keys_and_sums_to_the_total(tmp_path):
    k = run(
        tmp_path,
        persons="""
            P1,1980-01-01,Noord,true
            P2,1999-01-01,Zuid,false
            P3,1980-01-01,Zuid,true
            P4,1980-01-01,Leeg,true
        """,
        spells="""
            S1,P1,2022-01-01,2023-02-01,work
            S2,P2,2022-06-01,,
            S3,P3,2023-02-01,,
        """,
        debt_help="P2,2023-03-01,,vroegsignalering",
    )
    assert list(k["by_area"]) == ["Leeg", "Noord", "Zuid"]
    top_keys = set(k) - {"by_area", "by_gender", "by_age_band"}
    assert all(set(area) == top_keys for area in k["by_area"].values())
    noord, zuid, leeg = k["by_area"]["Noord"], k["by_area"]["Zuid"], k["by_area"]["Leeg"]
    # Noord: P1 on benefit on 1 January, left for work on 1 February.
    assert (noord["stock_at_from"], noord["stock_at_to"], noord["stock_change_pct"]) == (1, 0, -100.0)
    assert noord["outflow"]["work"] == 1
    # Zuid: P2 throughout, P3 from 1 February: 1 -> 2, +100 %; one inflow; P2's debt help (age 24).
    assert (zuid["stock_at_from"], zuid["stock_at_to"], zuid["stock_change_pct"]) == (1, 2, 100.0)
    assert (zuid["inflow"], zuid["debt_help_started"], zuid["debt_help_started_under_27"]) == (1, 1, 1)
    assert zuid["startkwalificatie"]["stock_without_sk_at_to"] == 1
    # Leeg: a person without spells; the area is listed with zeros and no percentage.
    assert (leeg["stock_at_from"], leeg["inflow"], leeg["stock_change_pct"]) == (0, 0, None)
    # The municipality: 2 -> 2 persons, 0.0 %.
    assert (k["stock_at_from"], k["stock_at_to"], k["stock_change_pct"]) == (2, 2, 0.0)


@pytest.mark.parametrize(
    ("numerator", "denominator", "decimals", "expected"),
    [
        (2, 3, 4, 0.6667),  # 0.66666... up
        (1, 3, 4, 0.3333),  # 0.33333... down
        (1, 32, 4, 0.0313),  # 0.03125 exactly: half up (a float round() gives 0.0312)
        (100, 800, 2, 0.13),  # 0.125 exactly: half up
        (-100, 800, 2, -0.13),  # -0.125: half away from zero
        (-100, 4, 2, -25.0),
        (1, 0, 4, None),  # nothing to measure
    ],
)
def test_rounding_is_half_up_and_exact(numerator, denominator, decimals, expected):
    assert rounded(numerator, denominator, decimals) == expected


def test_stock_change_pct_has_two_decimals(tmp_path):
    persons = "\n".join(f"P{i},1980-01-01,A,true" for i in range(3))
    spells = "\n".join(["S0,P0,2022-01-01,2023-02-01,other", "S1,P1,2022-01-01,,", "S2,P2,2022-01-01,,"])
    k = run(tmp_path, persons=persons, spells=spells)
    # 3 -> 2: 100 x -1 / 3 = -33.333... -> -33.33
    assert k["stock_change_pct"] == -33.33


def test_a_period_that_ends_before_it_starts_is_refused(tmp_path):
    tables = load(write_folder(tmp_path)).tables
    with pytest.raises(ValueError, match="after its end"):
        kpis(tables, TO, FROM, AS_OF)
