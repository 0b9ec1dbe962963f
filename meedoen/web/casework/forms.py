"""The consultant's forms for case work, with plain Dutch errors next to each field.

Each form on the case page has its own ``prefix``, so the fields' ids stay unique on one page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms

from meedoen.web.accounts.models import AreaTeam, Role, User
from meedoen.web.casework.models import (
    BenefitSpell,
    Client,
    DebtRoute,
    InflowReason,
    InstrumentKind,
    OutflowReason,
)
from meedoen.web.components.forms import UtrechtForm

MAX_YEARS_AHEAD = 2  # a review or an end further away than this is a typing error


class DayField(forms.DateField):
    """A day typed as dd-mm-jjjj or picked (the browser sends jjjj-mm-dd), not absurdly far off."""

    widget = forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d")
    input_formats = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")
    default_error_messages: ClassVar[dict[str, str]] = {
        "invalid": "Vul een datum in zoals 31-01-2026.",
        "too_old": "Deze datum ligt te ver terug. Kijk of het jaar klopt.",
        "too_far": "Deze datum ligt te ver in de toekomst. Kijk of het jaar klopt.",
    }

    def validate(self, value: dt.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        if value.year < 1990:
            raise forms.ValidationError(self.error_messages["too_old"], code="too_old")
        if value.year > dt.date.today().year + MAX_YEARS_AHEAD:
            raise forms.ValidationError(self.error_messages["too_far"], code="too_far")


class CaseloadFilterForm(UtrechtForm):
    who = forms.ChoiceField(
        label="Welke klanten",
        required=False,
        choices=[("mine", "Mijn klanten"), ("team", "Het hele team")],
    )
    review = forms.ChoiceField(
        label="Gesprek over het plan",
        required=False,
        choices=[
            ("", "Alle"),
            ("overdue", "Te laat"),
            ("due", "Binnen twee weken"),
            ("none", "Nog geen plan"),
        ],
    )
    search = forms.CharField(label="Zoek op naam", required=False, max_length=100)


class PlanForm(UtrechtForm):
    """Samen Beslissen: the goals as the resident says them, the first agreed step, a review date."""

    goals = forms.CharField(
        label="Doelen in de woorden van de inwoner",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Schrijf op wat de inwoner zelf zegt, bijvoorbeeld: 'Ik wil weer onder de mensen zijn.'",
    )
    step_what = forms.CharField(label="Eerste afgesproken stap: wat", max_length=300)
    step_who = forms.CharField(
        label="Wie doet dit",
        max_length=100,
        help_text="Bijvoorbeeld: de inwoner, de consulent of de jobcoach.",
    )
    step_due = DayField(label="Wanneer is deze stap klaar")
    review_on = DayField(label="Wanneer bespreken we het plan opnieuw")
    agreed = forms.BooleanField(
        label="Ik heb dit plan samen met de inwoner gemaakt en de inwoner is het ermee eens"
    )
    required_messages: ClassVar[dict[str, str]] = {
        "goals": "Schrijf de doelen op zoals de inwoner ze zegt.",
        "step_what": "Schrijf de eerste stap op die u samen hebt afgesproken.",
        "step_who": "Schrijf op wie deze stap doet.",
        "step_due": "Vul in wanneer deze stap klaar is.",
        "review_on": "Vul in wanneer u het plan opnieuw bespreekt.",
        "agreed": "Een plan maakt u samen met de inwoner. Bevestig dat de inwoner het ermee eens is.",
    }

    def clean_review_on(self) -> dt.date:
        review_on = self.cleaned_data["review_on"]
        if review_on <= dt.date.today():
            raise forms.ValidationError("Kies een datum na vandaag.")
        return review_on


class StepForm(UtrechtForm):
    what = forms.CharField(label="Wat is afgesproken", max_length=300)
    who = forms.CharField(label="Wie doet dit", max_length=100)
    due_on = DayField(label="Wanneer klaar")
    required_messages: ClassVar[dict[str, str]] = {
        "what": "Schrijf op wat u hebt afgesproken.",
        "who": "Schrijf op wie deze stap doet.",
        "due_on": "Vul in wanneer deze stap klaar is.",
    }


class PeriodForm(UtrechtForm):
    """A start and an optional last day; the last day may not lie before the start."""

    start_date = DayField(label="Startdatum")
    end_date = DayField(label="Einddatum", required=False, help_text="Laat leeg zolang het loopt.")
    required_messages: ClassVar[dict[str, str]] = {"start_date": "Vul de startdatum in."}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", "De einddatum ligt voor de startdatum. Kijk of u de datums goed hebt ingevuld."
            )
        return data


class InstrumentForm(PeriodForm):
    kind = forms.ChoiceField(
        label="Instrument", choices=[("", "Kies een instrument"), *InstrumentKind.choices]
    )
    field_order = ("kind", "start_date", "end_date")
    required_messages: ClassVar[dict[str, str]] = {
        **PeriodForm.required_messages,
        "kind": "Kies welk instrument u inzet.",
    }


class DebtHelpForm(PeriodForm):
    route = forms.ChoiceField(
        label="Hoe kwam de inwoner bij schuldhulp", choices=[("", "Kies een antwoord"), *DebtRoute.choices]
    )
    field_order = ("start_date", "end_date", "route")
    required_messages: ClassVar[dict[str, str]] = {
        **PeriodForm.required_messages,
        "route": "Kies hoe de inwoner bij schuldhulp kwam.",
    }


class EndForm(UtrechtForm):
    """Ending something that runs: its last day, not before its first."""

    end_date = DayField(label="Laatste dag")
    required_messages: ClassVar[dict[str, str]] = {"end_date": "Vul de laatste dag in."}

    def __init__(self, *args: Any, start: dt.date, **kwargs: Any) -> None:
        self.start = start
        super().__init__(*args, **kwargs)

    def clean_end_date(self) -> dt.date:
        end = self.cleaned_data["end_date"]
        if end < self.start:
            raise forms.ValidationError(
                f"De laatste dag kan niet voor de startdatum ({self.start:%d-%m-%Y}) liggen."
            )
        return end


class EndSpellForm(EndForm):
    outflow_reason = forms.ChoiceField(
        label="Reden van uitstroom", choices=[("", "Kies een reden"), *OutflowReason.choices]
    )
    required_messages: ClassVar[dict[str, str]] = {
        **EndForm.required_messages,
        "outflow_reason": "Kies waarom de uitkering stopt.",
    }


class SpellForm(UtrechtForm):
    """A new benefit spell; one person has at most one running spell and spells do not overlap."""

    start_date = DayField(label="Eerste dag met uitkering")
    inflow_reason = forms.ChoiceField(
        label="Reden van instroom", choices=[("", "Kies een reden"), *InflowReason.choices]
    )
    required_messages: ClassVar[dict[str, str]] = {
        "start_date": "Vul de eerste dag met uitkering in.",
        "inflow_reason": "Kies waarom de uitkering begint.",
    }

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        self.client = client
        super().__init__(*args, **kwargs)

    def clean_start_date(self) -> dt.date:
        start = self.cleaned_data["start_date"]
        spells = BenefitSpell.objects.filter(client=self.client)
        if spells.filter(end_date=None).exists():
            raise forms.ValidationError("Er loopt al een uitkering. Beëindig die eerst.")
        last_end = max((s.end_date for s in spells), default=None)
        if last_end and start <= last_end:
            raise forms.ValidationError(
                f"De vorige uitkering liep tot en met {last_end:%d-%m-%Y}. Kies een latere datum."
            )
        return start


class ConsultantForm(UtrechtForm):
    """The team lead chooses the client's fixed contact person among the team's consultants."""

    consultant = forms.ModelChoiceField(label="Vaste contactpersoon", queryset=User.objects.none())
    required_messages: ClassVar[dict[str, str]] = {"consultant": "Kies een consulent van het team."}

    def __init__(self, *args: Any, team: AreaTeam, **kwargs: Any) -> None:
        self.team = team
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        field = self.fields["consultant"]
        field.queryset = User.objects.filter(team=self.team, role=Role.CONSULTANT).order_by("first_name")
        field.label_from_instance = lambda user: user.display_name
        field.error_messages["invalid_choice"] = "Kies een consulent van dit team."
