"""The offer at the door: a Regelingencheck pre-filled from what the municipality already knows,
through the portal's own code.

A signal tells little: a date of birth, the address, the arrears. What the municipality knows of the
household comes first: the resident's latest application (the answers of its Regelingencheck) and the
case work (date of birth, a running bijstand). Only the rest starts from stated assumptions (a single
adult on a low income), and the page names every figure that was assumed, so the worker checks those
with the resident. No rule is computed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from meedoen.rules.errors import InputError, InputProblem
from meedoen.web.portal.outcome import Outcome, outcome_of
from meedoen.web.portal.questionnaire import Questionnaire
from meedoen.web.portal.relevance import receivable
from meedoen.web.vroegsignalering.models import SignalCase

ASSUMED = {
    "birth_date": dt.date(1980, 1, 1),
    "partner": "nee",
    "children": 0,
    "income": Decimal("1100"),
    "rent": Decimal("750"),
    "energy": Decimal("150"),
    "assets": Decimal("0"),
}
LABELS = {
    "birth_date": "geboortedatum",
    "partner": "partner",
    "children": "aantal kinderen",
    "income": "netto inkomen per maand",
    "rent": "huur per maand",
    "energy": "energiekosten per maand",
    "assets": "spaargeld en vermogen",
}
CHILD_AGE_YEARS = 8  # an assumed child: primary school age


@dataclass
class Known:
    """What the municipality knows of the household at this address, with where each figure is from."""

    answers: dict[str, Any] = field(default_factory=dict)  # the OfferForm's fields
    sources: dict[str, str] = field(default_factory=dict)  # field -> where it is from
    check: dict[str, dict[str, Any]] = field(default_factory=dict)  # an earlier check's answers
    receives: list[str] = field(default_factory=list)  # scheme ids known to be received
    read: list[Any] = field(default_factory=list)  # the records read (an application, a client): audited

    def source(self, name: str) -> str:
        return self.sources.get(name, "aangenomen")


def _resident(case: SignalCase):
    """The resident behind the case: by a BSN in its signals (only a known resident has one)."""
    from meedoen.web.accounts.models import User

    bsns = [b for b in case.signals.exclude(bsn="").values_list("bsn", flat=True).distinct()]
    return User.objects.filter(bsn__in=bsns).first() if bsns else None


def _latest_application(case: SignalCase, resident):
    """The newest application of the resident, or one sent from this address."""
    from meedoen.web.applications.models import Submission

    postcode = f"{case.postcode[:4]} {case.postcode[4:]}" if len(case.postcode) == 6 else case.postcode
    at_address = Q(postcode__in=[case.postcode, postcode], house_number__istartswith=str(case.house_number))
    mine = Q(resident=resident) if resident is not None else Q(pk__in=[])
    return Submission.objects.filter(mine | at_address).exclude(answers={}).order_by("-created_at").first()


def _money(text: Any) -> Decimal | None:
    try:
        return Decimal(str(text).replace(".", "").replace(",", ".")) if str(text).strip() else None
    except InvalidOperation:
        return None


def known_of(case: SignalCase) -> Known:
    """Everything the municipality knows of the household: the case's signals, the case work and the
    latest application; the assumptions for the rest."""
    known = Known(answers=dict(ASSUMED))
    birth = case.signals.exclude(birth_date=None).values_list("birth_date", flat=True).first()
    if birth:
        known.answers["birth_date"], known.sources["birth_date"] = birth, "signaal"
    resident = _resident(case)
    client = getattr(resident, "casework_client", None) if resident is not None else None
    if client is not None:
        known.answers["birth_date"], known.sources["birth_date"] = client.birth_date, "klantdossier"
        known.read.append(client)
        if client.current_spell is not None:
            known.receives.append("bijstand")
    submission = _latest_application(case, resident)
    if submission is not None:
        where = f"aanvraag van {submission.created_at:%d-%m-%Y}"
        known.read.append(submission)
        answers = submission.answers
        known.check = {step: dict(values) for step, values in answers.items()}
        found = {
            "birth_date": answers.get("over-u", {}).get("birth_date"),
            "partner": answers.get("huishouden", {}).get("partner"),
            "children": answers.get("huishouden", {}).get("children"),
            "income": _money(answers.get("inkomen", {}).get("income", "")),
            "rent": _money(answers.get("wonen", {}).get("rent", "")),
            "energy": _money(answers.get("wonen", {}).get("energy", "")),
            "assets": _money(answers.get("vermogen", {}).get("assets", "")),
        }
        for name, value in found.items():
            if value in (None, ""):
                continue
            if name == "birth_date":
                value = dt.date.fromisoformat(value)
            elif name == "children":
                value = int(value)
            known.answers[name], known.sources[name] = value, where
        known.receives += list(answers.get("inkomen", {}).get("receives") or [])
    return known


def initial_answers(case: SignalCase) -> dict[str, Any]:
    """The form's starting values: what is known, the assumptions for the rest."""
    return known_of(case).answers


@dataclass(frozen=True)
class Offer:
    outcome: Outcome
    assumed: list[str]  # figures (in words) that were assumed, not known
    known: list[tuple[str, str]]  # (figure, where it is from)


def offer(answers: dict[str, Any], known: Known | None = None) -> Offer:
    """The engine's outcome for the household with these answers (the OfferForm's cleaned data),
    the earlier check's details (ages, partner's income) kept where the household is the same."""
    known = known or Known(answers=dict(ASSUMED))
    check = known.check
    assumed = [LABELS[n] for n in LABELS if n not in known.sources and answers.get(n) == ASSUMED[n]]
    partner, children = answers.get("partner", "nee"), int(answers.get("children") or 0)
    earlier_house = check.get("huishouden", {})
    same_house = earlier_house.get("partner") == partner and str(earlier_house.get("children")) == str(
        children
    )
    ages = dict(check.get("leeftijden", {})) if same_house else {}
    birth = answers["birth_date"]
    if partner == "ja" and not ages.get("partner_birth_date"):
        ages["partner_birth_date"] = birth.isoformat()
        assumed.append("geboortedatum van de partner (even oud)")
    for i in range(1, children + 1):
        if not ages.get(f"child_{i}_birth_date"):
            child = timezone.localdate()
            ages[f"child_{i}_birth_date"] = child.replace(year=child.year - CHILD_AGE_YEARS).isoformat()
            ages[f"child_{i}_school"] = "po"
            assumed.append(f"kind {i}: {CHILD_AGE_YEARS} jaar, basisschool")
    housemates = int(earlier_house.get("housemates") or 0) if same_house else 0
    allowed = {i for i, _ in receivable(settings.MUNICIPALITY, {"children": children})}
    income = {"income": str(answers["income"]), "receives": [r for r in known.receives if r in allowed]}
    if partner == "ja":
        earlier = check.get("inkomen", {}).get("partner_income") if same_house else None
        income["partner_income"] = earlier or "0"
        if not earlier:
            assumed.append("inkomen van de partner (geen)")
    questionnaire = Questionnaire(
        {
            "over-u": {"birth_date": birth.isoformat()},
            "huishouden": {"partner": partner, "children": str(children), "housemates": str(housemates)},
            "leeftijden": ages,
            "inkomen": income,
            "wonen": {"kind": "rent", "rent": str(answers["rent"]), "energy": str(answers["energy"])},
            "vermogen": {
                "assets": str(answers["assets"]),
                "low_income_since": check.get("vermogen", {}).get("low_income_since", ""),
            },
        }
    )
    missing = questionnaire.first_incomplete()
    if missing is not None:
        raise InputError([InputProblem(missing.slug, "de antwoorden zijn niet compleet")])
    figures = [(LABELS[n], known.sources[n]) for n in LABELS if n in known.sources]
    if "bijstand" in known.receives:
        figures.append(
            (
                "krijgt bijstand",
                "klantdossier"
                if "bijstand" not in check.get("inkomen", {}).get("receives", [])
                else "aanvraag",
            )
        )
    return Offer(outcome_of(questionnaire, with_changes=False), assumed, figures)
