"""The consultant's actions on a case: filter the queue, decide, ask for information, add a note."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from meedoen.web.applications.models import Status
from meedoen.web.components.forms import MoneyField, UtrechtForm
from meedoen.web.decisions.models import Outcome


class QueueFilterForm(UtrechtForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("open", "Alle open aanvragen"), *Status.choices, ("", "Alle")],
    )
    scheme = forms.ChoiceField(label="Regeling", required=False)
    search = forms.CharField(label="Zoek op naam of kenmerk", required=False, max_length=100)

    def __init__(self, *args: Any, schemes: list[tuple[str, str]], **kwargs: Any) -> None:
        self.schemes = schemes
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        self.fields["scheme"].choices = [("", "Alle regelingen"), *self.schemes]


class DecideForm(UtrechtForm):
    outcome = forms.ChoiceField(
        label="Besluit",
        choices=[(Outcome.GRANTED, "Toekennen"), (Outcome.REJECTED, "Afwijzen")],
        widget=forms.RadioSelect,
    )
    amount = MoneyField(
        label="Bedrag",
        required=False,
        help_text="Laat leeg om het berekende bedrag te gebruiken.",
    )
    motivation = forms.CharField(
        label="Motivering voor de inwoner",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Bij een afwijzing verplicht. Schrijf in eenvoudige taal.",
    )
    required_messages: ClassVar[dict[str, str]] = {"outcome": "Kies toekennen of afwijzen."}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") == Outcome.REJECTED and not data.get("motivation", "").strip():
            self.add_error("motivation", "Leg de inwoner uit waarom u afwijst.")
        return data


class AskForm(UtrechtForm):
    question = forms.CharField(
        label="Welke informatie hebt u nodig?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="De inwoner ziet dit bericht bij Mijn aanvragen.",
    )
    required_messages: ClassVar[dict[str, str]] = {"question": "Schrijf wat u van de inwoner nodig hebt."}


class NoteForm(UtrechtForm):
    text = forms.CharField(
        label="Notitie (alleen voor medewerkers)", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    required_messages: ClassVar[dict[str, str]] = {"text": "Schrijf een notitie."}
