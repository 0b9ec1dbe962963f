"""The fund's forms; every error names its field in plain Dutch and nothing is stored on an error."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

from django import forms
from django.conf import settings

from meedoen.web.accounts.models import Role, User
from meedoen.web.citypass.forms import EuroField
from meedoen.web.components.forms import UtrechtForm
from meedoen.web.youthfund.limits import limits
from meedoen.web.youthfund.models import Route

POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")
MAX_DEBT_CENTS = 10_000_000  # EUR 100.000: above any debt the fund buys off, low enough to catch a typo


class BirthDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d")
    input_formats = ("%Y-%m-%d", "%d-%m-%Y")
    default_error_messages: ClassVar[dict[str, str]] = {
        "invalid": "Geboortedatum: vul een datum in zoals 31-01-2004.",
        "required": "Geboortedatum: vul uw geboortedatum in.",
    }


class ApplicantForm(UtrechtForm):
    """Who applies (the resident) or is referred (by staff): the age limits come from ``fund.yaml``."""

    required_messages: ClassVar[dict[str, str]] = {
        "name": "Naam: vul de naam in.",
        "birth_date": "Geboortedatum: vul de geboortedatum in.",
        "postcode": "Postcode: vul de postcode in.",
        "route": "Verwezen door: kies wie de jongere verwijst.",
    }

    name = forms.CharField(label="Naam", max_length=120, error_messages={"required": "Naam: vul de naam in."})
    birth_date = BirthDateField(label="Geboortedatum")
    postcode = forms.CharField(
        label="Postcode", max_length=7, error_messages={"required": "Postcode: vul de postcode in."}
    )
    situation = forms.CharField(
        label="Wat is uw situatie?",
        help_text="Welke schulden heeft u ongeveer, en wat wilt u bereiken? Een paar zinnen is genoeg.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or dt.date.today()

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip().upper()
        if not POSTCODE.match(value):
            raise forms.ValidationError("Postcode: vul een postcode in zoals 6511 AB.")
        return value[:4] + " " + value[-2:]

    def clean_birth_date(self) -> dt.date:
        born = self.cleaned_data["birth_date"]
        fund = limits(settings.MUNICIPALITY)
        if fund is None:
            raise forms.ValidationError("Deze gemeente heeft geen Jongerenperspectieffonds.")
        if not fund.fits(born, self.today):
            raise forms.ValidationError(
                f"Geboortedatum: het fonds is voor jongeren van {fund.min_age} "
                f"tot en met {fund.max_age} jaar."
            )
        return born


class ReferralForm(ApplicantForm):
    route = forms.ChoiceField(
        label="Verwezen door",
        choices=[(Route.SIGNALS, Route.SIGNALS.label), (Route.DEBT_HELP, Route.DEBT_HELP.label)],
        widget=forms.RadioSelect,
        error_messages={"required": "Verwezen door: kies wie de jongere verwijst."},
    )
    situation = forms.CharField(
        label="Situatie", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class CoachForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {"coach": "Trajectcoach: kies een coach."}
    prefix = "coach"
    coach = forms.ModelChoiceField(
        label="Trajectcoach",
        queryset=User.objects.none(),
        error_messages={
            "required": "Trajectcoach: kies een coach.",
            "invalid_choice": "Trajectcoach: kies een coach uit de lijst.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = User.objects.filter(role=Role.COACH, is_active=True).order_by(
            "last_name"
        )
        self.fields["coach"].label_from_instance = lambda u: u.display_name


class AgreementForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "counter_performance": "Tegenprestatie: schrijf op wat de jongere doet."
    }
    prefix = "afspraak"
    counter_performance = forms.CharField(
        label="Tegenprestatie",
        help_text="Wat doet de jongere: een opleiding, werk of vrijwilligerswerk, en tot wanneer.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Tegenprestatie: schrijf op wat de jongere doet."},
    )


class DebtForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "creditor": "Schuldeiser: vul in aan wie de schuld is.",
        "amount_cents": "Bedrag: vul het bedrag van de schuld in.",
    }
    prefix = "schuld"
    creditor = forms.CharField(
        label="Schuldeiser",
        max_length=200,
        error_messages={"required": "Schuldeiser: vul in aan wie de schuld is."},
    )
    amount_cents = EuroField(
        label="Bedrag",
        maximum_cents=MAX_DEBT_CENTS,
        error_messages={"required": "Bedrag: vul het bedrag van de schuld in."},
    )

    def clean_amount_cents(self) -> int:
        return self.cleaned_data["amount_cents"]


class ProgressForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {"text": "Voortgang: schrijf op hoe het gaat."}
    prefix = "voortgang"
    text = forms.CharField(
        label="Voortgang",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Voortgang: schrijf op hoe het gaat."},
    )


class EndForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "outcome": "Hoe eindigt het traject: kies afgerond of afgebroken."
    }
    prefix = "einde"
    outcome = forms.ChoiceField(
        label="Hoe eindigt het traject?",
        choices=[("completed", "Afgerond: afspraken nagekomen"), ("broken_off", "Afgebroken")],
        widget=forms.RadioSelect,
        error_messages={"required": "Hoe eindigt het traject: kies afgerond of afgebroken."},
    )
    reason = forms.CharField(label="Toelichting", max_length=300, required=False)


class GrantForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "amount_cents": "Budget erbij: vul een bedrag in.",
        "source": "Besluit of bron: noem het besluit waarin het budget staat.",
    }
    prefix = "budget"
    amount_cents = EuroField(
        label="Budget erbij",
        help_text="Het bedrag dat de gemeenteraad voor het fonds beschikbaar stelt.",
        maximum_cents=1_000_000_000,
        error_messages={"required": "Budget erbij: vul een bedrag in."},
    )
    source = forms.CharField(
        label="Besluit of bron",
        max_length=200,
        error_messages={"required": "Besluit of bron: noem het besluit waarin het budget staat."},
    )
