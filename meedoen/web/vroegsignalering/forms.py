"""The signals team's forms: worklist filters, upload, contact attempts, notes, end result, hand-over."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from meedoen.signals.partners import PARTNER_TYPES
from meedoen.web.accounts.models import AreaTeam, Role, User
from meedoen.web.components.forms import MoneyField, UtrechtForm
from meedoen.web.vroegsignalering.models import CASE_RESULTS, Contactsoort, Dagdeel

DATE_WIDGET = forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d")


class PastDateField(forms.DateField):
    """A day that has been (a contact attempt, a conversation): not in the future."""

    widget = DATE_WIDGET
    input_formats = ("%Y-%m-%d", "%d-%m-%Y")
    default_error_messages: ClassVar[dict[str, str]] = {
        "invalid": "Vul een datum in zoals 31-01-2026.",
        "future": "Deze datum ligt in de toekomst.",
    }

    def validate(self, value: dt.date | None) -> None:
        super().validate(value)
        if value and value > timezone.localdate():
            raise forms.ValidationError(self.error_messages["future"], code="future")


class WorklistFilterForm(UtrechtForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            ("open", "Open zaken"),
            ("overdue", "Open, termijn verlopen"),
            ("closed", "Afgesloten"),
            ("all", "Alle"),
        ],
    )
    team = forms.ModelChoiceField(
        label="Gebied", required=False, queryset=AreaTeam.objects.none(), empty_label="Alle gebieden"
    )
    partner = forms.ChoiceField(
        label="Soort schuldeiser", required=False, choices=[("", "Alle"), *[(p, p) for p in PARTNER_TYPES]]
    )
    search = forms.CharField(label="Zoek op postcode of straat", required=False, max_length=100)

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        self.teams = teams
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        self.fields["team"].queryset = self.teams


class UploadForm(UtrechtForm):
    file = forms.FileField(
        label="Bestand met signalen (CSV)", help_text="Een CSV-bestand volgens het afgesproken formaat."
    )
    threshold = MoneyField(
        label="Drempelbedrag voor deze levering",
        required=False,
        help_text="Laat leeg om het drempelbedrag van de gemeente te gebruiken.",
    )
    required_messages: ClassVar[dict[str, str]] = {"file": "Kies een bestand."}


class AttemptForm(UtrechtForm):
    kind = forms.ChoiceField(label="Soort contact", choices=Contactsoort.choices)
    date = PastDateField(label="Datum")
    daypart = forms.ChoiceField(label="Dagdeel", choices=Dagdeel.choices, widget=forms.RadioSelect)
    reached = forms.ChoiceField(
        label="Inwoner bereikt?", choices=[("ja", "Ja"), ("nee", "Nee")], widget=forms.RadioSelect
    )


class NoteForm(UtrechtForm):
    text = forms.CharField(label="Notitie", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    required_messages: ClassVar[dict[str, str]] = {"text": "Schrijf eerst een notitie."}


class ResultForm(UtrechtForm):
    result = forms.ChoiceField(label="Eindresultaat", choices=[("", "Kies een eindresultaat"), *CASE_RESULTS])


class HandOverForm(UtrechtForm):
    partner = forms.ModelChoiceField(
        label="Partnerorganisatie", queryset=User.objects.none(), empty_label="Kies een partner"
    )

    def add_fields(self) -> None:
        self.fields["partner"].queryset = User.objects.filter(role=Role.DEBT_PARTNER, is_active=True)


class DebtHelpForm(UtrechtForm):
    first_conversation_on = PastDateField(
        label="Datum eerste gesprek",
        help_text="Binnen 8 weken na het eerste gesprek moet het besluit over schuldhulp er zijn.",
    )


class DebtHelpProgressForm(UtrechtForm):
    decision_on = PastDateField(label="Datum besluit over schuldhulp", required=False)
    end_date = PastDateField(
        label="Einddatum schuldhulp",
        required=False,
        help_text="Alleen invullen als de schuldhulp is afgerond.",
    )


class OfferForm(UtrechtForm):
    """What the worker learns at the door about a single adult; defaults are assumptions, shown as such."""

    birth_date = forms.DateField(
        label="Geboortedatum", widget=DATE_WIDGET, input_formats=("%Y-%m-%d", "%d-%m-%Y")
    )
    partner = forms.ChoiceField(
        label="Partner?", choices=[("nee", "Nee"), ("ja", "Ja")], widget=forms.RadioSelect
    )
    children = forms.IntegerField(label="Aantal kinderen", min_value=0, max_value=15)
    income = MoneyField(label="Netto inkomen per maand")
    rent = MoneyField(label="Huur per maand")
    energy = MoneyField(label="Energiekosten per maand")
    assets = MoneyField(label="Spaargeld en vermogen")
