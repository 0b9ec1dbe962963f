"""The werk-naar-werk forms; every error names its field in plain Dutch, nothing is stored on an error."""

from __future__ import annotations

import re
from typing import ClassVar

from django import forms

from meedoen.web.casework.forms import DayField
from meedoen.web.citypass.forms import EuroField
from meedoen.web.components.forms import UtrechtForm
from meedoen.web.rmt.models import Outcome, ReferredBy

POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")
MAX_VOUCHER_CENTS = 5_000_000  # EUR 50.000: far above any training budget, low enough to catch a typo


class IntakeForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "name": "Naam: vul de naam in.",
        "postcode": "Postcode: vul de postcode in.",
        "referred_by": "Aangemeld door: kies wie de persoon aanmeldt.",
        "intake_on": "Datum intake: vul de datum van de intake in.",
    }
    name = forms.CharField(label="Naam", max_length=120)
    postcode = forms.CharField(label="Postcode", max_length=7)
    employer = forms.CharField(label="Huidige werkgever", max_length=200, required=False)
    referred_by = forms.ChoiceField(
        label="Aangemeld door", choices=ReferredBy.choices, widget=forms.RadioSelect
    )
    intake_on = DayField(label="Datum intake")
    intake_notes = forms.CharField(
        label="Verslag intake", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )
    goals = forms.CharField(
        label="Doelen",
        help_text="Welk werk wil de persoon, en wat is daarvoor nodig?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip().upper()
        if not POSTCODE.match(value):
            raise forms.ValidationError("Postcode: vul een postcode in zoals 6511 AB.")
        return value[:4] + " " + value[-2:]


class StepForm(UtrechtForm):
    prefix = "stap"
    required_messages: ClassVar[dict[str, str]] = {
        "what": "Stap: schrijf op wat er gebeurt.",
        "due_on": "Klaar op: vul een datum in.",
    }
    what = forms.CharField(label="Stap", max_length=200)
    due_on = DayField(label="Klaar op")


class VoucherForm(UtrechtForm):
    """The voucher's amount: the municipality's official figure when there is one, else typed in here
    with the decision it comes from (never a figure of Meedoen's own)."""

    prefix = "voucher"
    required_messages: ClassVar[dict[str, str]] = {
        "amount_cents": "Bedrag transitievoucher: vul het bedrag in.",
        "source": "Besluit of bron: noem waar het bedrag vandaan komt.",
    }
    amount_cents = EuroField(label="Bedrag transitievoucher", maximum_cents=MAX_VOUCHER_CENTS)
    source = forms.CharField(
        label="Besluit of bron", max_length=300, help_text="Bijvoorbeeld het besluit van het RMT met datum."
    )


class PaymentForm(UtrechtForm):
    prefix = "betaling"
    required_messages: ClassVar[dict[str, str]] = {
        "payee": "Opleider: vul in aan wie het geld gaat.",
        "amount_cents": "Bedrag: vul het bedrag van de opleiding in.",
        "description": "Opleiding: vul de naam van de opleiding in.",
    }
    payee = forms.CharField(label="Opleider", max_length=200)
    description = forms.CharField(label="Opleiding", max_length=200)
    amount_cents = EuroField(label="Bedrag", maximum_cents=MAX_VOUCHER_CENTS)


class OutcomeForm(UtrechtForm):
    prefix = "uitkomst"
    required_messages: ClassVar[dict[str, str]] = {"outcome": "Uitkomst: kies hoe het traject afliep."}
    outcome = forms.ChoiceField(label="Uitkomst", choices=Outcome.choices, widget=forms.RadioSelect)
