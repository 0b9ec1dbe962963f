"""The Regelingencheck as a sequence of steps, the answers kept in the session, and the household
contract built from them.

Answers are stored as typed (text per field), so going back and forth never loses what was typed,
not even an answer that is not valid yet; each step's form validates them again when needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import QueryDict

from meedoen.rules.money import cents_of, euro_text
from meedoen.web.components.forms import UtrechtForm
from meedoen.web.portal import questions

SESSION_KEY = "regelingencheck"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type[UtrechtForm]
    context: Callable[[Questionnaire], dict[str, Any]] = lambda q: {}
    applies: Callable[[Questionnaire], bool] = lambda q: True


def _household(q: Questionnaire) -> dict[str, Any]:
    return {"household": q.cleaned("huishouden") or {}}


def _ages(q: Questionnaire) -> dict[str, Any]:
    return {**_household(q), "applicant_birth": (q.cleaned("over-u") or {}).get("birth_date")}


def _income(q: Questionnaire) -> dict[str, Any]:
    from meedoen.web.portal.relevance import receivable

    return {**_household(q), "receivable": receivable(settings.MUNICIPALITY, _household(q)["household"])}


def _assets(q: Questionnaire) -> dict[str, Any]:
    from meedoen.web.portal.relevance import low_income_matters

    return {"asks_low_income": q.memo("low_income_matters", lambda: low_income_matters(q))}


def _has_others(q: Questionnaire) -> bool:
    """Counted as a step until the household step says nobody else lives there."""
    h = q.cleaned("huishouden")
    return h is None or h.get("partner") == "ja" or bool(h.get("children")) or bool(h.get("housemates"))


STEPS = [
    Step("over-u", "Over u", questions.AboutYouForm),
    Step("huishouden", "Uw huishouden", questions.HouseholdForm),
    Step("leeftijden", "Wie wonen er bij u?", questions.AgesForm, _ages, _has_others),
    Step("inkomen", "Uw inkomen", questions.IncomeForm, _income),
    Step("wonen", "Uw woning", questions.HousingForm),
    Step("vermogen", "Uw spaargeld en vermogen", questions.AssetsForm, _assets),
]
STEP_BY_SLUG = {s.slug: s for s in STEPS}


@dataclass
class Questionnaire:
    """The answers of one resident, step by step, as typed."""

    raw: dict[str, dict[str, str | list[str]]] = field(default_factory=dict)
    _cleaned: dict[str, dict[str, Any] | None] = field(default_factory=dict, repr=False, compare=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_session(cls, session: SessionBase) -> Questionnaire:
        return cls(dict(session.get(SESSION_KEY, {})))

    def save(self, session: SessionBase) -> None:
        session[SESSION_KEY] = self.raw

    def form(self, step: Step, data: dict[str, str] | QueryDict | None = None) -> UtrechtForm:
        """The step's form: bound to ``data``, or to the stored answers, or empty."""
        if data is None:
            data = self.raw.get(step.slug)
        return step.form_class(data, **step.context(self))

    def store(self, step: Step, form: UtrechtForm, posted: QueryDict) -> None:
        """Keep what was typed, every checked box of a multiple choice too."""
        self.raw[step.slug] = {
            name: posted.getlist(form.add_prefix(name))
            if isinstance(f, forms.MultipleChoiceField)
            else posted.get(form.add_prefix(name), "")
            for name, f in form.fields.items()
        }
        self._cleaned.clear()  # later steps may depend on this answer
        self._memo.clear()

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value derived from the answers, computed once per request (the engine may be asked)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def already_receives(self) -> frozenset[str]:
        """The scheme ids the resident says the household already receives."""
        return frozenset((self.cleaned("inkomen") or {}).get("receives") or ())

    def cleaned(self, slug: str) -> dict[str, Any] | None:
        """The step's validated answers, or None; validated once per request (steps depend on steps)."""
        if slug not in self._cleaned:
            form = self.form(STEP_BY_SLUG[slug]) if slug in self.raw else None
            self._cleaned[slug] = form.cleaned_data if form is not None and form.is_valid() else None
        return self._cleaned[slug]

    def steps(self) -> list[Step]:
        return [s for s in STEPS if s.applies(self)]

    def first_incomplete(self) -> Step | None:
        return next((s for s in self.steps() if self.cleaned(s.slug) is None), None)

    def neighbours(self, step: Step) -> tuple[Step | None, Step | None]:
        steps = self.steps()
        i = steps.index(step) if step in steps else 0
        return (steps[i - 1] if i > 0 else None, steps[i + 1] if i + 1 < len(steps) else None)

    def declared(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every answer as the resident gave it, per step, with the question: what an application
        declares. A choice shows its label, money and dates the Dutch way."""
        declared = []
        for step in self.steps():
            form = self.form(step)
            data = form.cleaned_data if form.is_valid() else {}
            rows = []
            for name, f in form.fields.items():
                rows.append((str(f.label), _shown(f, data.get(name, self.raw.get(step.slug, {}).get(name)))))
            declared.append((step.title, rows))
        return declared

    def household(
        self, municipality: str, date: dt.date, wealth: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """The household contract from complete answers, and which step holds each field path.
        ``wealth`` stands in for the answers of the last step (to ask the engine what they change)."""
        about, house = self.cleaned("over-u") or {}, self.cleaned("huishouden") or {}
        ages, income = self.cleaned("leeftijden") or {}, self.cleaned("inkomen") or {}
        living = self.cleaned("wonen") or {}
        wealth = wealth if wealth is not None else self.cleaned("vermogen") or {}
        persons: list[dict[str, Any]] = [
            {
                "id": "aanvrager",
                "role": "applicant",
                "birth_date": about["birth_date"].isoformat(),
                "net_income_month": float(income["income"]),
            }
        ]
        steps = {"persons[0].birth_date": "over-u", "persons[0].net_income_month": "inkomen"}
        if house.get("partner") == "ja":
            persons.append(
                {
                    "id": "partner",
                    "role": "partner",
                    "birth_date": ages["partner_birth_date"].isoformat(),
                    "net_income_month": float(income["partner_income"]),
                }
            )
        for i in range(1, house.get("children", 0) + 1):
            persons.append(
                {
                    "id": f"kind-{i}",
                    "role": "child",
                    "birth_date": ages[f"child_{i}_birth_date"].isoformat(),
                    "school": ages[f"child_{i}_school"],
                }
            )
        for i in range(1, house.get("housemates", 0) + 1):
            persons.append(
                {
                    "id": f"medebewoner-{i}",
                    "role": "housemate",
                    "birth_date": ages[f"housemate_{i}_birth_date"].isoformat(),
                    "student_finance": ages[f"housemate_{i}_student_finance"] == "ja",
                    "commercial_tenant": ages[f"housemate_{i}_commercial_tenant"] == "ja",
                }
            )
        for index in range(1, len(persons)):
            steps[f"persons[{index}].birth_date"] = "leeftijden"
        housing: dict[str, Any] = {"kind": living["kind"]}
        if living["kind"] == "rent" and living.get("rent") is not None:
            housing["rent_month"] = float(living["rent"])
        if living.get("energy") is not None:
            housing["energy_cost_month"] = float(living["energy"])
        household: dict[str, Any] = {
            "municipality": municipality,
            "date": date.isoformat(),
            "persons": persons,
            "housing": housing,
            "assets": float(wealth["assets"]),
        }
        if wealth.get("low_income_since"):
            household["low_income_since"] = wealth["low_income_since"].isoformat()
            steps["low_income_since"] = "vermogen"
        return household, steps


def _shown(f: forms.Field, value: Any) -> str:
    """An answer in words: the chosen label(s), an amount in euro, a date as 31-01-1990."""
    if value in (None, "", []):
        return "niet ingevuld"
    if isinstance(f, forms.MultipleChoiceField):
        labels = dict(f.choices)
        return ", ".join(str(labels.get(v, v)) for v in value) or "niets"
    if isinstance(f, forms.ChoiceField):
        return str(dict(f.choices).get(value, value))
    if isinstance(value, Decimal):
        return euro_text(cents_of(value))
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)
