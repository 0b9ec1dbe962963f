"""The outcome of a completed Regelingencheck: the engine's result plus what would change it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.conf import settings
from django.utils import timezone

from meedoen.catalogue import Entry, catalogue
from meedoen.rules.errors import InputError
from meedoen.rules.money import cents_of, euro_text, round_div
from meedoen.web.calculation import evaluate, peildatum
from meedoen.web.portal.questionnaire import Questionnaire
from meedoen.web.portal.what_if import Change, what_would_change
from meedoen.web.themes.site import call_us


class AnswersNeedAttention(Exception):
    """The engine found a problem in complete answers; ``step`` is where the resident can fix it."""

    def __init__(self, step: str) -> None:
        self.step = step
        super().__init__(step)


PER_YEAR = {"month": 12, "quarter": 4, "year": 1}  # "once" has no monthly equivalent
HOUSEHOLD_TYPES = {
    "single": "u woont alleen of met mensen die niet uw partner of kind zijn",
    "single_parent": "u bent alleenstaande ouder",
    "couple": "u hebt een partner",
}


# The engine's code for a right whose amount it does not know (its amount is then 0: not a nil).
AMOUNT_UNKNOWN = "amount_unknown"
AMOUNT_UNKNOWN_TEXT = "Het bedrag weten wij nog niet. De gemeente rekent het uit als u het aanvraagt."


def unknown_text(scheme: dict[str, Any]) -> str:
    """What a resident reads where the rules cannot compute a scheme on the date (plain Dutch,
    never the engine's "bij Meedoen" wording)."""
    return (
        "Wij kunnen deze regeling op deze datum nog niet voor u uitrekenen. "
        f"Wilt u weten of u er recht op hebt? Vraag het aan. {call_us()}"
    )


def presented(scheme: dict[str, Any], entries: dict[str, Entry], already: frozenset[str]) -> dict[str, Any]:
    """A scheme of the engine's output as a resident reads it: the catalogue's name and texts (the
    one definition of a scheme's name), whether the household already receives it, and reasons
    without internal wording. Amounts and eligibility stay exactly the engine's."""
    entry = entries.get(scheme["id"])
    reasons = scheme["reasons"]
    if scheme["eligible"] is None:
        reasons = [{"code": r["code"], "text": unknown_text(scheme)} for r in reasons[:1]]
    amount_unknown = scheme["amount"] is None or any(r["code"] == AMOUNT_UNKNOWN for r in reasons)
    reasons = [{**r, "text": AMOUNT_UNKNOWN_TEXT} if r["code"] == AMOUNT_UNKNOWN else r for r in reasons]
    return {
        **scheme,
        "name": entry.title if entry else scheme["name"],
        "entry": entry,
        "already": scheme["id"] in already,
        "amount_unknown": amount_unknown,
        "reasons": reasons,
    }


@dataclass(frozen=True)
class MonthlyTotal:
    """What the household can expect per month from the schemes it does not receive yet."""

    cents: int
    counted: list[str]
    unknown: list[str]  # eligible, amount not known: "bedrag onbekend", left out
    in_kind: list[str]  # a pass, an insurance or help per cost: no fixed amount, left out
    once: list[str]  # one-off amounts, left out
    converted: bool  # a yearly or quarterly amount was turned into a monthly one
    provisional: bool

    @property
    def text(self) -> str:
        return euro_text(self.cents)


def monthly_total(schemes: list[dict[str, Any]]) -> MonthlyTotal:
    """Sum of the engine's amounts per month, in cents: yearly and quarterly amounts divided (the
    sum is taken per year first, then rounded once), every scheme left out named."""
    year_cents, counted, unknown, in_kind, once = 0, [], [], [], []
    converted = provisional = False
    for s in schemes:
        if not s["eligible"] or s["already"]:
            continue
        if s["amount_unknown"]:
            unknown.append(s["name"])
        elif not s["amount"]:
            in_kind.append(s["name"])
        elif s["period"] not in PER_YEAR:
            once.append(s["name"])
        else:
            year_cents += cents_of(s["amount"]) * PER_YEAR[s["period"]]
            counted.append(s["name"])
            converted |= s["period"] != "month"
            provisional |= s["status"] == "provisional"
    return MonthlyTotal(round_div(year_cents, 12), counted, unknown, in_kind, once, converted, provisional)


@dataclass(frozen=True)
class Outcome:
    household: dict[str, Any]
    result: dict[str, Any]
    date: dt.date
    changes: dict[str, list[Change]]
    already: frozenset[str] = field(default_factory=frozenset)
    municipality: str = ""

    @property
    def is_today(self) -> bool:
        return self.date == timezone.localdate()

    @cached_property
    def schemes(self) -> list[dict[str, Any]]:
        entries = catalogue(self.municipality or self.result.get("municipality") or settings.MUNICIPALITY)
        return [presented(s, entries, self.already) for s in self.result["schemes"]]

    @property
    def eligible(self) -> list[dict[str, Any]]:
        return [s for s in self.schemes if s["eligible"] and not s["already"]]

    @property
    def not_eligible(self) -> list[dict[str, Any]]:
        return [s for s in self.schemes if s["eligible"] is False and not s["already"]]

    @property
    def unknown(self) -> list[dict[str, Any]]:
        """Schemes Meedoen cannot compute on the date: shown as "onbekend", never as "no"."""
        return [s for s in self.schemes if s["eligible"] is None and not s["already"]]

    @property
    def received(self) -> list[dict[str, Any]]:
        """Schemes the household says it already receives: "u krijgt dit al", never offered again."""
        return [s for s in self.schemes if s["already"]]

    @cached_property
    def total(self) -> MonthlyTotal:
        return monthly_total(self.schemes)

    @cached_property
    def explained(self) -> list[str]:
        """Every figure the outcome rests on that the resident did not type, each in one line."""
        r, lines = self.result, []
        kind = HOUSEHOLD_TYPES.get(r.get("household_type", ""))
        if kind:
            lines.append(f"Uw huishouden: {kind}.")
        partner = any(p["role"] == "partner" for p in self.household.get("persons", []))
        if r.get("income_net_month") is not None:
            whose = "uw netto inkomen en dat van uw partner samen" if partner else "uw netto inkomen"
            lines.append(f"Uw inkomen per maand: {_euro(r['income_net_month'])}. Dat is {whose}.")
        norm = r.get("norm") or {}
        if norm.get("monthly_incl_vakantietoeslag") is not None:
            sharing = (
                " Er wonen andere volwassenen bij u die meetellen. Daarom is deze norm lager."
                if r.get("kostendelers", 1) > (2 if partner else 1)
                else ""
            )
            lines.append(
                f"De bijstandsnorm voor uw huishouden, met vakantiegeld: "
                f"{_euro(norm['monthly_incl_vakantietoeslag'])} per maand. Dat is "
                f"{_euro(norm['monthly_excl_vakantietoeslag'])} plus "
                f"{_euro(norm['vakantietoeslag_monthly'])} vakantiegeld per maand.{sharing}"
            )
        ratio, income = r.get("income_ratio"), r.get("income_net_month")
        if ratio is not None and income:
            base = _reference_norm(income, ratio, norm)
            lines.append(
                f"Uw inkomen is {round(ratio * 100)}% van {base}. "
                "De gemeente kijkt naar dit percentage bij haar eigen regelingen."
            )
        yearly = _traced(r, "toetsingsinkomen_household")
        if yearly is not None:
            lines.append(
                f"Uw inkomen over een jaar voor de toeslagen: {_euro(yearly)} bruto. "
                "Zo rekenden wij: uw netto inkomen per maand keer 12, omgerekend naar bruto"
                + (", met de bijstand uit deze berekening erbij." if _bijstand_counted(r) else ".")
            )
        return lines


def _euro(amount: float) -> str:
    return euro_text(cents_of(amount))


def _reference_norm(income: float, ratio: float, norm: dict[str, Any]) -> str:
    """Which norm the income ratio is measured against, named only where it is one of the two
    norms the result shows (the reference is a parameter per municipality)."""
    reference = cents_of(income) / ratio if ratio else 0
    for key, words in (
        ("monthly_excl_vakantietoeslag", "de bijstandsnorm zonder vakantiegeld"),
        ("monthly_incl_vakantietoeslag", "de bijstandsnorm met vakantiegeld"),
    ):
        if norm.get(key) and abs(reference - cents_of(norm[key])) <= cents_of(norm[key]) * 0.001:
            return f"{words} ({_euro(norm[key])} per maand)"
    return "het sociaal minimum"


def _traced(result: dict[str, Any], variable: str) -> float | None:
    """A household figure from the engine's trace, or None where the trace does not have it."""
    for step in result.get("trace") or []:
        if step.get("variable") == variable and isinstance(step.get("value"), int | float):
            return float(step["value"])
    return None


def _bijstand_counted(result: dict[str, Any]) -> bool:
    return any(s["id"] == "bijstand" and s["eligible"] and s["amount"] for s in result["schemes"])


def outcome_of(questionnaire: Questionnaire, *, with_changes: bool = True) -> Outcome:
    """Evaluate complete answers (the caller checked ``first_incomplete()``)."""
    municipality = settings.MUNICIPALITY
    date = peildatum(municipality)
    household, steps = questionnaire.household(municipality, date)
    try:
        result = evaluate(household, trace=True)
    except InputError as exc:
        raise AnswersNeedAttention(steps.get(exc.problems[0].path, "over-u")) from None
    changes = what_would_change(household, result) if with_changes else {}
    return Outcome(household, result, date, changes, questionnaire.already_receives(), municipality)


def completed_outcome(session: Any) -> Outcome | None:
    """The outcome of the check answered in this session (no what-if variants), or None while the
    check is incomplete or its answers need attention: for pages that offer something on a result."""
    q = Questionnaire.from_session(session)
    if q.first_incomplete():
        return None
    try:
        return outcome_of(q, with_changes=False)
    except AnswersNeedAttention:
        return None
