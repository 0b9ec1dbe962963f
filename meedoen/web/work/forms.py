"""Forms of the Werkgeversservicepunt: each error names its field in plain Dutch.

Nothing is stored unless the whole form is valid (the views save only after ``is_valid``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from meedoen.rules.money import cents_of
from meedoen.web.casework.forms import DayField
from meedoen.web.components.forms import MoneyField, UtrechtForm
from meedoen.web.work.matching import CERTIFICATES
from meedoen.web.work.models import (
    LANGUAGE_CHOICES,
    PLACE_CHOICES,
    ContactMoment,
    Employer,
    PlacementKind,
    Proposal,
)


def hours_field(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=1,
        max_value=40,
        error_messages={
            "invalid": f"{label}: vul een heel getal in, bijvoorbeeld 32.",
            "min_value": f"{label}: vul minstens 1 uur in.",
            "max_value": f"{label}: vul hoogstens 40 uur in.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def certificates_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Certificaten",
        required=False,
        choices=list(CERTIFICATES.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Certificaten: %(value)s kennen wij niet. Kies uit de lijst."},
    )


def language_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", "Geen eis / onbekend"), *LANGUAGE_CHOICES],
        error_messages={"invalid_choice": f"{label}: kies een niveau van A1 tot en met C2."},
    )


def place_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "Kies een plaats"), *PLACE_CHOICES],
        error_messages={"invalid_choice": f"{label}: kies een plaats uit de lijst."},
    )


class EmployerForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "name": "Naam: vul de naam van de werkgever in.",
        "kvk_number": "KvK-nummer: vul het KvK-nummer in (8 cijfers).",
    }
    name = forms.CharField(label="Naam", max_length=200)
    kvk_number = forms.CharField(
        label="KvK-nummer", max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )

    def clean_kvk_number(self) -> str:
        value = self.cleaned_data["kvk_number"].replace(" ", "")
        if not (len(value) == 8 and value.isdigit()):
            raise forms.ValidationError("KvK-nummer: een KvK-nummer heeft precies 8 cijfers.")
        if Employer.objects.filter(kvk_number=value).exists():
            raise forms.ValidationError("KvK-nummer: deze werkgever staat er al in.")
        return value


class VacancyForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "title": "Functie: vul in om welk werk het gaat.",
        "hours_per_week": "Uren per week: vul in hoeveel uur per week het werk is.",
        "place": "Werkplaats: kies de plaats waar het werk is.",
    }
    title = forms.CharField(label="Functie", max_length=200)
    description = forms.CharField(
        label="Omschrijving", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    hours_per_week = hours_field("Uren per week")
    place = place_field("Werkplaats")
    certificates = certificates_field()
    language_level = language_field("Taalniveau Nederlands")
    skills = forms.CharField(
        label="Gevraagde vaardigheden",
        required=False,
        max_length=300,
        help_text="Gescheiden door komma's, bijvoorbeeld: magazijn, orderpicken.",
    )
    loonwaarde_possible = forms.BooleanField(
        label="Loonwaardemeting en loonkostensubsidie zijn mogelijk", required=False
    )
    startkwalificatie_required = forms.BooleanField(label="Een startkwalificatie is nodig", required=False)
    banenafspraak = forms.BooleanField(label="Deze baan telt voor de banenafspraak", required=False)


class ContactForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "on": "Datum: vul de datum van het contact in.",
        "kind": "Soort contact: kies bezoek, telefoon of e-mail.",
        "notes": "Wat is besproken: schrijf kort op wat u besprak.",
    }
    on = DayField(label="Datum")
    kind = forms.ChoiceField(label="Soort contact", choices=[("", "Kies"), *ContactMoment.Kind.choices])
    notes = forms.CharField(label="Wat is besproken", widget=forms.Textarea(attrs={"rows": 3}))


class CandidateForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "hours_per_week": "Uren per week: vul in hoeveel uur per week de kandidaat kan werken.",
        "place": "Woonplaats: kies de woonplaats van de kandidaat.",
        "travel_km": "Reisafstand: vul in hoeveel km de kandidaat wil reizen.",
    }
    skills = forms.CharField(
        label="Vaardigheden", required=False, max_length=300, help_text="Gescheiden door komma's."
    )
    certificates = certificates_field()
    wishes = forms.CharField(label="Wensen", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    hours_per_week = hours_field("Uren per week")
    place = place_field("Woonplaats")
    travel_km = forms.IntegerField(
        label="Reisafstand in km",
        min_value=0,
        max_value=150,
        error_messages={
            "invalid": "Reisafstand: vul een heel getal in, bijvoorbeeld 15.",
            "min_value": "Reisafstand: vul 0 km of meer in.",
            "max_value": "Reisafstand: vul hoogstens 150 km in.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    language_level = language_field("Taalniveau Nederlands")
    needs_loonwaarde = forms.BooleanField(label="Heeft loonkostensubsidie nodig", required=False)


class ConsentForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "agreed": "Toestemming: vink aan dat de kandidaat heeft ingestemd.",
    }
    agreed = forms.BooleanField(
        label="De kandidaat stemt ermee in dat de werkgever naam en profiel ziet",
    )


class AnswerForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {"answer": "Antwoord: kies uitnodigen of afwijzen."}
    answer = forms.ChoiceField(
        label="Antwoord",
        choices=[
            (Proposal.Answer.INVITE, "Uitnodigen voor een gesprek"),
            (Proposal.Answer.DECLINE, "Afwijzen"),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reden",
        required=False,
        max_length=1000,
        help_text="Nodig als u de kandidaat afwijst.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("answer") == Proposal.Answer.DECLINE and not data.get("reason", "").strip():
            self.add_error("reason", "Reden: schrijf kort waarom u de kandidaat afwijst.")
        return data


class PlacementForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "kind": "Soort baan: kies regulier of maatwerkbaan.",
        "start_date": "Startdatum: vul de eerste werkdag in.",
        "wage_gross_month": "Brutoloon per maand: vul het loon in euro in.",
    }
    kind = forms.ChoiceField(label="Soort baan", choices=[("", "Kies"), *PlacementKind.choices])
    start_date = DayField(label="Startdatum")
    wage_gross_month = MoneyField(label="Brutoloon per maand (euro)")
    banenafspraak = forms.BooleanField(label="Telt voor de banenafspraak", required=False)
    loonkostensubsidie = forms.BooleanField(label="Loonkostensubsidie", required=False)
    loonwaarde_percent = forms.IntegerField(
        label="Loonwaarde (%)",
        required=False,
        help_text="Nodig bij loonkostensubsidie: de gemeten loonwaarde.",
        min_value=1,
        max_value=100,
        error_messages={
            "invalid": "Loonwaarde: vul een percentage in als heel getal, bijvoorbeeld 60.",
            "min_value": "Loonwaarde: vul minstens 1% in.",
            "max_value": "Loonwaarde: vul hoogstens 100% in.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    wage_subsidy_month = MoneyField(
        label="Loonkostensubsidie per maand (euro)", required=False, help_text="Nodig bij loonkostensubsidie."
    )
    jobcoach = forms.BooleanField(label="Jobcoach", required=False)
    coaching_month = MoneyField(
        label="Jobcoaching per maand (euro)", required=False, help_text="Nodig bij een jobcoach."
    )
    proefplaatsing = forms.BooleanField(label="Begint met een proefplaatsing", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("loonkostensubsidie"):
            if data.get("loonwaarde_percent") is None and "loonwaarde_percent" not in self.errors:
                self.add_error("loonwaarde_percent", "Loonwaarde: vul de gemeten loonwaarde in procent in.")
            if data.get("wage_subsidy_month") is None and "wage_subsidy_month" not in self.errors:
                self.add_error(
                    "wage_subsidy_month", "Loonkostensubsidie per maand: vul het bedrag in euro in."
                )
        if (
            data.get("jobcoach")
            and data.get("coaching_month") is None
            and "coaching_month" not in self.errors
        ):
            self.add_error("coaching_month", "Jobcoaching per maand: vul de kosten in euro in.")
        return data

    def cents(self, name: str) -> int:
        value = self.cleaned_data.get(name)
        return 0 if value is None else cents_of(value)
