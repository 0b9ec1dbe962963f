"""Forms of the automation policy's consultant steps: facts checked, the review draw, the second look."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms

from meedoen.web.components.forms import UtrechtForm
from meedoen.web.decisions.models import Verdict


class FactCheckForm(UtrechtForm):
    note = forms.CharField(
        label="Wat hebt u gecontroleerd?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bijvoorbeeld: inkomen en vermogen in Suwinet, huishouden in de BRP.",
    )
    required_messages: ClassVar[dict[str, str]] = {"note": "Schrijf op wat u hebt gecontroleerd."}


class DrawForm(UtrechtForm):
    """Which scheme and month to draw from: only what is still open to a draw is offered."""

    group = forms.ChoiceField(label="Regeling en maand")
    required_messages: ClassVar[dict[str, str]] = {"group": "Kies een regeling en een maand."}

    def __init__(self, *args: Any, groups: list[tuple[str, str, dt.date, int]], **kwargs: Any) -> None:
        self.groups = groups
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        self.fields["group"].choices = [("", "Kies een regeling en een maand"), *self.group_choices()]
        self.fields["group"].error_messages["invalid_choice"] = (
            "Kies een regeling en een maand uit de lijst; voor deze keuze is er niets meer te trekken."
        )

    def group_choices(self) -> list[tuple[str, str]]:
        return [
            (f"{scheme_id}|{month:%Y-%m}", f"{name}, {month:%m-%Y} ({n} automatische besluiten)")
            for scheme_id, name, month, n in self.groups
        ]

    def chosen(self) -> tuple[str, dt.date]:
        scheme_id, month = self.cleaned_data["group"].split("|")
        return scheme_id, dt.date.fromisoformat(f"{month}-01")


class ReviewForm(UtrechtForm):
    verdict = forms.ChoiceField(label="Klopt dit besluit?", choices=Verdict.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Verplicht als het besluit anders moet: wat klopt er niet, en wat had het moeten zijn?",
    )
    required_messages: ClassVar[dict[str, str]] = {"verdict": "Kies of het besluit klopt."}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("verdict") == Verdict.CORRECT and not data.get("reason", "").strip():
            self.add_error("reason", "Leg uit wat er anders moet aan dit besluit.")
        return data
