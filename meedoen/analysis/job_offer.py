"""Does this job pay? One household now and with a job offer, month by month.

The earner's own income becomes the offered wage (net derived from gross with the national tax
rules); everything else follows from the same rules as the resident's check: bijstand tops up
less or stops, toeslagen fall with the higher toetsingsinkomen. Each month is evaluated with the
rules in force that month (norms and kinderbijslag change on 1 January and 1 July).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

from meedoen.rules.entitlements import entitlements
from meedoen.rules.errors import InputError, InputProblem
from meedoen.rules.household import Household
from meedoen.rules.parameters import ParameterSet, default_parameters
from meedoen.rules.periods import to_int

WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
DISREGARDS = "nl.participatiewet.vrijlating"  # their durations (unit months) split the months


@dataclass(frozen=True)
class Offer:
    """A job: a gross monthly wage, or hours per week times an hourly wage."""

    gross_month: Decimal | None = None
    hours_week: Decimal | None = None
    hourly_wage: Decimal | None = None

    def monthly_gross(self) -> Decimal:
        if self.gross_month is not None:
            return self.gross_month.quantize(Decimal("0.01"))
        if self.hours_week is None or self.hourly_wage is None:
            raise InputError(
                [InputProblem("offer", "give a gross monthly wage, or hours per week and an hourly wage")]
            )
        return (self.hours_week * self.hourly_wage * WEEKS_PER_MONTH).quantize(Decimal("0.01"))

    def hours_month(self) -> Decimal | None:
        return None if self.hours_week is None else self.hours_week * WEEKS_PER_MONTH


@dataclass(frozen=True)
class Month:
    month: dt.date
    now: dict
    with_job: dict


@dataclass(frozen=True)
class JobComparison:
    person_id: str
    gross_month: Decimal
    months: list[Month]
    gain_month: Decimal  # disposable income with the job minus now, first month
    gain_per_hour: Decimal | None
    stops: list[str]  # schemes received now and not with the job
    lower: list[tuple[str, Decimal]]  # schemes that go down, by how much per period
    provisional_from: dt.date | None  # first month computed with provisional figures


def _with_wage(household: Household, person_id: str, gross: Decimal) -> Household:
    """The household with the job: the earnings start in the peildatum's month (``earnings_since``), so a
    household on bijstand keeps the earnings disregard of the first months (art. 31 lid 2 n, 34a)."""
    persons = [
        p.model_copy(
            update={
                "wage_gross_month": gross,
                "net_income_month": None,
                "toetsingsinkomen_year": None,
                "earnings_since": household.date.replace(day=1),
            }
        )
        if p.id == person_id
        else p
        for p in household.persons
    ]
    return household.model_copy(update={"persons": persons})


def _on(household: Household, date: dt.date) -> Household:
    return household.model_copy(update={"date": date})


def _months(start: dt.date, count: int) -> list[dt.date]:
    return [
        dt.date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
        for i in range(count)
    ]


def compare(
    household: Household,
    offer: Offer,
    person_id: str | None = None,
    months: int = 12,
    parameters: ParameterSet | None = None,
) -> JobComparison:
    """The household's month-by-month income now and with the job (for ``months`` months)."""
    parameters = parameters or default_parameters()
    person_id = person_id or household.applicant.id
    if person_id not in {p.id for p in household.persons}:
        raise InputError([InputProblem("person", f'no person with id "{person_id}" in the household')])
    gross = offer.monthly_gross()
    job = _with_wage(household, person_id, gross)
    parameters.check_covered(household.date)
    results: dict[tuple, tuple[dict, dict]] = {}
    out, provisional = [], None
    for month in _months(household.date, months):
        epoch = (*_epoch(parameters, month), _disregard_stage(parameters, household.date, month))
        if epoch not in results:
            results[epoch] = (
                entitlements(_on(household, month), parameters, trace=False),
                entitlements(_on(job, month), parameters, trace=False),
            )
        now, with_job = results[epoch]
        if provisional is None and (now["provisional"] or with_job["provisional"]):
            provisional = month
        out.append(Month(month, now, with_job))
    first = out[0]
    gain = Decimal(str(first.with_job["disposable_income_month"])) - Decimal(
        str(first.now["disposable_income_month"])
    )
    hours = offer.hours_month()
    now_schemes = {s["id"]: s for s in first.now["schemes"]}
    job_schemes = {s["id"]: s for s in first.with_job["schemes"]}
    return JobComparison(
        person_id=person_id,
        gross_month=gross,
        months=out,
        gain_month=gain,
        gain_per_hour=(gain / hours).quantize(Decimal("0.01")) if hours else None,
        stops=[sid for sid, s in now_schemes.items() if s["eligible"] and not job_schemes[sid]["eligible"]],
        lower=[
            (sid, Decimal(str(s["amount"])) - Decimal(str(job_schemes[sid]["amount"])))
            for sid, s in now_schemes.items()
            if job_schemes[sid]["eligible"]
            and None not in (s["amount"], job_schemes[sid]["amount"])  # an unknown amount is not lower
            and job_schemes[sid]["amount"] < s["amount"]
        ],
        provisional_from=provisional,
    )


def _disregard_stage(parameters: ParameterSet, start: dt.date, month: dt.date) -> tuple[bool, ...]:
    """Which durations of the earnings disregards have passed since the job's start: months in the
    same stage (and under the same rules) give the same result, so only a change of stage is
    computed apart. A duration may follow another (art. 31 lid 2 r after n), so every sum of
    durations is a boundary."""
    since = (month.year - start.year) * 12 + month.month - start.month
    durations = [
        parameters[path].at(month)
        for path in parameters.under(DISREGARDS)
        if parameters[path].unit == "months" and parameters[path].starts[0] <= to_int(month)
    ]
    bounds = {sum(c) for n in range(1, len(durations) + 1) for c in itertools.combinations(durations, n)}
    return tuple(since >= b for b in sorted(bounds))


def _epoch(parameters: ParameterSet, date: dt.date) -> tuple:
    """Months with the same rules in force give the same result: key them by the latest
    change of any parameter on or before the date."""
    return (parameters.last_change(date),)
