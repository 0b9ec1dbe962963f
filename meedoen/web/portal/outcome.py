"""The outcome of a completed Regelingencheck: the engine's result plus what would change it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from meedoen.rules.errors import InputError
from meedoen.web.calculation import evaluate, peildatum
from meedoen.web.portal.questionnaire import Questionnaire
from meedoen.web.portal.what_if import Change, what_would_change


class AnswersNeedAttention(Exception):
    """The engine found a problem in complete answers; ``step`` is where the resident can fix it."""

    def __init__(self, step: str) -> None:
        self.step = step
        super().__init__(step)


@dataclass(frozen=True)
class Outcome:
    household: dict[str, Any]
    result: dict[str, Any]
    date: dt.date
    changes: dict[str, list[Change]]

    @property
    def is_today(self) -> bool:
        return self.date == timezone.localdate()

    @property
    def eligible(self) -> list[dict[str, Any]]:
        return [s for s in self.result["schemes"] if s["eligible"]]

    @property
    def not_eligible(self) -> list[dict[str, Any]]:
        return [s for s in self.result["schemes"] if s["eligible"] is False]

    @property
    def unknown(self) -> list[dict[str, Any]]:
        """Schemes Meedoen cannot compute on the date: shown as "onbekend", never as "no"."""
        return [s for s in self.result["schemes"] if s["eligible"] is None]


def outcome_of(questionnaire: Questionnaire, *, with_changes: bool = True) -> Outcome:
    """Evaluate complete answers (the caller checked ``first_incomplete()``)."""
    municipality = settings.MUNICIPALITY
    date = peildatum(municipality)
    household, steps = questionnaire.household(municipality, date)
    try:
        result = evaluate(household)
    except InputError as exc:
        raise AnswersNeedAttention(steps.get(exc.problems[0].path, "over-u")) from None
    changes = what_would_change(household, result) if with_changes else {}
    return Outcome(household, result, date, changes)
