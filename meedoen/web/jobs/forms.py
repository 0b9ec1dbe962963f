"""The form that starts a simulation from the web."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.utils import timezone

from meedoen.web.components.forms import UtrechtForm
from meedoen.web.jobs.simulation import reforms


class SimulationForm(UtrechtForm):
    reform = forms.ChoiceField(
        label="Hervorming",
        help_text="Een van de meegeleverde hervormingen voor deze gemeente.",
        widget=forms.RadioSelect,
    )
    peildatum = forms.DateField(
        label="Peildatum",
        help_text="De datum waarop de regels worden toegepast, bijvoorbeeld 1-7-2026.",
        input_formats=["%d-%m-%Y", "%Y-%m-%d"],
    )
    required_messages: ClassVar[dict[str, str]] = {
        "reform": "Kies een hervorming.",
        "peildatum": "Vul een peildatum in.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reform"].choices = list(reforms(settings.MUNICIPALITY).items())
        self.fields["reform"].error_messages["invalid_choice"] = "Kies een hervorming uit de lijst."
        self.fields["peildatum"].error_messages["invalid"] = (
            "Vul de peildatum in als dag-maand-jaar, bijvoorbeeld 1-7-2026."
        )
        if not self.is_bound:
            self.initial.setdefault("peildatum", timezone.localdate().strftime("%d-%m-%Y"))
