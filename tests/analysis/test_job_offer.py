"""Does this job pay? The job's earnings start on the peildatum, so a household on bijstand keeps
the earnings disregard of the first months (Participatiewet art. 31 lid 2 n)."""

import datetime as dt
from decimal import Decimal

from meedoen.analysis.job_offer import Offer, compare
from meedoen.rules.household import parse_household

SINGLE = {
    "municipality": "arnhem",
    "date": "2026-01-01",
    "persons": [{"id": "a", "role": "applicant", "birth_date": "1986-05-01", "net_income_month": 0}],
    "housing": {"kind": "rent", "rent_month": 600.0},
}


def _bijstand(result: dict) -> float:
    return next(s["amount"] for s in result["schemes"] if s["id"] == "bijstand")


def test_part_time_job_keeps_the_disregard_for_six_months():
    comparison = compare(parse_household(SINGLE), Offer(gross_month=Decimal("800")), months=8)
    by_month = {m.month: m for m in comparison.months}
    first, sixth, seventh = (by_month[dt.date(2026, m, 1)] for m in (1, 6, 7))
    # net wage w: bijstand = norm - 75 % of w in months 1-6 (25 % of w < 285,00), norm - w from month 7
    net = first.with_job["income_net_month"]
    assert 0 < net * 0.25 < 285
    assert _bijstand(first.with_job) == round(1401.50 - (net - round(net * 0.25, 2)), 2)
    assert _bijstand(sixth.with_job) == _bijstand(first.with_job)
    net7 = seventh.with_job["income_net_month"]
    assert _bijstand(seventh.with_job) == round(1419.46 - net7, 2)
    reasons = [r for s in first.with_job["schemes"] if s["id"] == "bijstand" for r in s["reasons"]]
    assert any(r["code"] == "earnings_disregard" and "telt niet mee" in r["text"] for r in reasons)
