"""Debt-help trajectory forms; each error names its field in plain Dutch, nothing stored on an error."""

from __future__ import annotations

from typing import ClassVar

from django import forms

from meedoen.web.casework.forms import DayField
from meedoen.web.citypass.forms import EuroField
from meedoen.web.components.forms import UtrechtForm
from meedoen.web.debthelp.models import Outcome, Phase, Route

MAX_DEBT_CENTS = 100_000_000  # EUR 1 mln: above any household debt, low enough to catch a typo


class MarksForm(UtrechtForm):
    prefix = "kenmerken"
    birth_date = forms.DateField(
        label="Geboortedatum",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=("%Y-%m-%d", "%d-%m-%Y"),
        error_messages={"invalid": "Geboortedatum: vul een datum in zoals 31-01-2001."},
    )
    entrepreneur = forms.BooleanField(label="Ondernemer (zzp of eigen bedrijf)", required=False)


class PhaseForm(UtrechtForm):
    prefix = "fase"
    required_messages: ClassVar[dict[str, str]] = {"phase": "Fase: kies de fase van het traject."}
    phase = forms.ChoiceField(label="Fase", choices=Phase.choices)
    route = forms.ChoiceField(
        label="Route", choices=[("", "Nog niet gekozen"), *Route.choices], required=False
    )
    route_start = DayField(label="Route gestart op", required=False)
    aftercare_until = DayField(label="Nazorg tot", required=False)
    outcome = forms.ChoiceField(
        label="Uitkomst", choices=[("", "Nog niet bekend"), *Outcome.choices], required=False
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("route") and not data.get("route_start"):
            self.add_error("route_start", "Route gestart op: vul de startdatum van de route in.")
        if data.get("phase") == Phase.CLOSED and not data.get("outcome"):
            self.add_error("outcome", "Uitkomst: kies de uitkomst als u het traject afsluit.")
        if data.get("phase") == Phase.AFTERCARE and not data.get("aftercare_until"):
            self.add_error("aftercare_until", "Nazorg tot: vul in tot wanneer de nazorg loopt.")
        return data


class DebtForm(UtrechtForm):
    prefix = "schuld"
    required_messages: ClassVar[dict[str, str]] = {
        "creditor": "Schuldeiser: vul in aan wie de schuld is.",
        "amount_cents": "Bedrag: vul het bedrag van de schuld in.",
    }
    creditor = forms.CharField(label="Schuldeiser", max_length=200)
    amount_cents = EuroField(label="Bedrag", maximum_cents=MAX_DEBT_CENTS)
