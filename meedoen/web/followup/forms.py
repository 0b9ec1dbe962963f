"""The resident's forms: mail me the result, was this useful, the follow-up, my answer to the plan."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from meedoen.web.components.forms import UtrechtForm
from meedoen.web.followup.models import Applied, Obstacle


class MailForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {"email": "Vul uw e-mailadres in."}

    email = forms.EmailField(
        label="Uw e-mailadres",
        max_length=254,
        error_messages={"invalid": "Vul een e-mailadres in zoals naam@voorbeeld.nl."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    followup = forms.BooleanField(
        label="Stuur mij over 14 dagen één vraag: heeft u het aangevraagd?",
        required=False,
    )


class FeedbackForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {"useful": "Kies ja of nee."}

    useful = forms.ChoiceField(
        label="Was dit nuttig?", choices=[("ja", "Ja"), ("nee", "Nee")], widget=forms.RadioSelect
    )
    text = forms.CharField(
        label="Wilt u nog iets zeggen? (mag leeg blijven)",
        help_text="Schrijf hier geen BSN of andere persoonlijke gegevens.",
        required=False,
        max_length=1000,
        error_messages={"max_length": "Schrijf hier hoogstens 1000 tekens."},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowupForm(UtrechtForm):
    """Per scheme of the result: did you apply, and if not, what held you back."""

    def __init__(self, *args: Any, schemes: list[dict[str, Any]], **kwargs: Any) -> None:
        self.schemes = schemes
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        for scheme in self.schemes:
            self.fields[f"applied_{scheme['id']}"] = forms.ChoiceField(
                label=f"{scheme['name']}: heeft u het aangevraagd?",
                choices=Applied.choices,
                widget=forms.RadioSelect,
            )
            self.fields[f"obstacle_{scheme['id']}"] = forms.ChoiceField(
                label=f"{scheme['name']}: wat hield u tegen?",
                help_text="Alleen als het (nog) niet lukte.",
                choices=Obstacle.choices,
                required=False,
            )

    def answers(self) -> list[tuple[dict[str, Any], str, str]]:
        return [
            (s, self.cleaned_data[f"applied_{s['id']}"], self.cleaned_data[f"obstacle_{s['id']}"])
            for s in self.schemes
        ]


class PlanResponseForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {"agreed": "Kies of u het eens bent met het plan."}

    agreed = forms.ChoiceField(
        label="Bent u het eens met dit plan?",
        choices=[("ja", "Ja, ik ben het eens"), ("nee", "Nee, ik wil iets veranderen")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Wat wilt u tegen uw consulent zeggen?",
        help_text="Bent u het niet eens? Schrijf dan op wat u anders wilt.",
        required=False,
        max_length=2000,
        error_messages={"max_length": "Schrijf hier hoogstens 2000 tekens."},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("agreed") == "nee" and not data.get("comment", "").strip():
            self.add_error("comment", "Schrijf op wat u anders wilt, dan weet uw consulent het.")
        return data
