"""The resident's forms: authorise someone, share a check result. Plain Dutch, one message per problem."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from meedoen.bsn import bsn_is_valid
from meedoen.web.accounts.models import User
from meedoen.web.components.forms import UtrechtForm
from meedoen.web.machtigingen.models import Act, Relation
from meedoen.web.machtigingen.schemes import scheme_choices

MAX_YEARS = 5
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


def date_field(label: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d"),
        error_messages={"invalid": f"{label}: vul een datum in zoals 31-01-2026."},
    )


def find_person(bsn: str) -> User | None:
    """The person with this BSN, if we know them: someone who logged in here with DigiD once.

    Without a link to the BRP (Basisregistratie Personen) this is the only register of persons the
    platform has; with one, this is where the BRP would be asked."""
    return User.objects.filter(bsn=bsn).first()


class MachtigingForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "resident_name": "Vul uw naam in.",
        "agent_bsn": "Vul het BSN in van de persoon die u wilt machtigen.",
        "agent_name": "Vul de naam in van de persoon die u wilt machtigen.",
        "relation": "Kies wie deze persoon voor u is.",
        "schemes": "Kies minstens één regeling.",
        "acts": "Kies minstens één ding dat deze persoon voor u mag doen.",
        "starts_on": "Vul de eerste dag van de machtiging in.",
        "ends_on": "Vul de laatste dag van de machtiging in.",
    }

    resident_name = forms.CharField(
        label="Uw naam",
        max_length=200,
        help_text="Deze naam ziet de gemachtigde als hij of zij namens u handelt.",
    )
    agent_bsn = forms.CharField(
        label="BSN van de persoon die u machtigt",
        max_length=20,
        help_text="9 cijfers. Deze persoon logt in met zijn of haar eigen DigiD.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    agent_name = forms.CharField(label="Naam van de persoon die u machtigt", max_length=200)
    relation = forms.ChoiceField(
        label="Wie is deze persoon voor u?", choices=Relation.choices, widget=forms.RadioSelect
    )
    schemes = forms.MultipleChoiceField(
        label="Voor welke regelingen?",
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Regelingen: kies uit de regelingen in de lijst."},
    )
    acts = forms.MultipleChoiceField(
        label="Wat mag deze persoon voor u doen?",
        choices=Act.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies uit de dingen in de lijst."},
    )
    starts_on = date_field("Eerste dag", "Vanaf deze dag mag de persoon namens u handelen.")
    ends_on = date_field("Laatste dag", f"Tot en met deze dag. Hooguit {MAX_YEARS} jaar na de eerste dag.")

    def __init__(self, *args: Any, resident: User, **kwargs: Any) -> None:
        self.resident = resident
        super().__init__(*args, **kwargs)
        self.fields["schemes"].choices = scheme_choices()
        self.agent: User | None = None

    def clean_agent_bsn(self) -> str:
        bsn = self.cleaned_data["agent_bsn"].replace(" ", "").replace(".", "").replace("-", "")
        if not bsn_is_valid(bsn):
            raise forms.ValidationError(
                "BSN: dit is geen geldig burgerservicenummer. Een BSN heeft 9 cijfers. "
                "Kijk of u het goed hebt overgenomen."
            )
        if bsn == self.resident.bsn:
            raise forms.ValidationError("BSN: dit is uw eigen BSN. U kunt uzelf niet machtigen.")
        person = find_person(bsn)
        if person is None or not person.is_active:
            raise forms.ValidationError(
                "BSN: wij kennen niemand met dit BSN. Vraag de persoon die u wilt machtigen om eerst "
                "één keer in te loggen op deze website met zijn of haar eigen DigiD. "
                "Probeer het daarna opnieuw."
            )
        if not person.is_resident:
            raise forms.ValidationError(
                "BSN: deze persoon kan niet met DigiD namens u handelen. Kies iemand anders."
            )
        self.agent = person
        return bsn

    def clean_starts_on(self) -> dt.date:
        day = self.cleaned_data["starts_on"]
        if day < timezone.localdate():
            raise forms.ValidationError("Eerste dag: deze dag is al voorbij. Kies vandaag of een latere dag.")
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end:
            if end < start:
                self.add_error("ends_on", "Laatste dag: deze dag ligt vóór de eerste dag.")
            elif end > years_later(start, MAX_YEARS):
                self.add_error(
                    "ends_on",
                    f"Laatste dag: een machtiging duurt hooguit {MAX_YEARS} jaar. Kies een dag tot en met "
                    f"{years_later(start, MAX_YEARS):%d-%m-%Y}.",
                )
        return data


def years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class ShareForm(UtrechtForm):
    DAYS = (("1", "1 dag"), ("7", "1 week"), ("14", "2 weken"), ("30", "30 dagen"))
    required_messages: ClassVar[dict[str, str]] = {
        "recipient_name": "Vul de naam in van de hulpverlener.",
        "recipient_organisation": "Vul in bij welke organisatie de hulpverlener werkt.",
        "recipient_email": "Vul het e-mailadres van de hulpverlener in.",
        "days": "Kies hoe lang de hulpverlener de uitkomst mag zien.",
    }

    recipient_name = forms.CharField(label="Naam van de hulpverlener", max_length=200)
    recipient_organisation = forms.CharField(
        label="Organisatie", max_length=200, help_text="Bijvoorbeeld het wijkteam of de schuldhulpverlening."
    )
    recipient_email = forms.EmailField(
        label="E-mailadres van de hulpverlener",
        error_messages={"invalid": "E-mailadres: vul een e-mailadres in zoals naam@organisatie.nl."},
    )
    days = forms.ChoiceField(
        label="Hoe lang mag de hulpverlener de uitkomst zien?",
        choices=DAYS,
        initial="14",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Kies 1 dag, 1 week, 2 weken of 30 dagen."},
    )
