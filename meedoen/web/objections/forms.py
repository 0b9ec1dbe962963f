"""The resident's objection form and the jurist's forms, in plain Dutch with specific messages."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from meedoen.web.applications.uploads import content_type_of
from meedoen.web.components.forms import MoneyField, UtrechtForm
from meedoen.web.decisions.models import Outcome as DecisionOutcome
from meedoen.web.objections.models import Outcome, WaiverGround

MAX_FILES = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Zero to five files, each checked like an application's evidence (content, size)."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list:
        uploads = [f for f in (data or []) if f] if isinstance(data, list | tuple) else [data] if data else []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(f"U kunt maximaal {MAX_FILES} bestanden meesturen.")
        for upload in uploads:
            try:
                upload.checked_content_type = content_type_of(upload)
            except forms.ValidationError as exc:
                raise forms.ValidationError(f"{upload.name}: {exc.messages[0]}") from None
        return uploads


class ObjectionForm(UtrechtForm):
    use_required_attribute = False  # the browser's "invalid" look before the resident typed anything
    grounds = forms.CharField(
        label="Waarom bent u het niet eens met het besluit?",
        help_text="Schrijf in uw eigen woorden wat er volgens u niet klopt en waarom.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
    )
    documents = DocumentsField(
        label="Documenten meesturen",
        help_text="Bijvoorbeeld een loonstrook of een brief. Pdf, jpg of png van maximaal 10 MB, "
        f"hoogstens {MAX_FILES} bestanden.",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png", "multiple": True}),
    )
    required_messages: ClassVar[dict[str, str]] = {
        "grounds": "Schrijf op waarom u het niet eens bent met het besluit. Zonder reden kunnen wij uw "
        "bezwaar niet behandelen."
    }

    def clean_grounds(self) -> str:
        text = self.cleaned_data["grounds"].strip()
        if len(text) < 10:
            raise forms.ValidationError(
                "Schrijf iets meer op: in een paar zinnen waarom u het niet eens bent met het besluit."
            )
        return text


class ExtendForm(UtrechtForm):
    use_required_attribute = False
    reason = forms.CharField(
        label="Reden van verdagen",
        help_text="De inwoner krijgt deze reden te lezen.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
    required_messages: ClassVar[dict[str, str]] = {
        "reason": "Geef de reden van het verdagen (Awb 7:10 lid 3)."
    }


class PlanHearingForm(UtrechtForm):
    use_required_attribute = False  # several forms on one page: no browser "invalid" look before a try
    day = forms.DateField(
        label="Datum hoorzitting",
        input_formats=("%Y-%m-%d", "%d-%m-%Y"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Vul een datum in zoals 31-01-2027."},
    )
    required_messages: ClassVar[dict[str, str]] = {"day": "Vul de datum van de hoorzitting in."}

    def clean_day(self) -> dt.date:
        day = self.cleaned_data["day"]
        if day < timezone.localdate():
            raise forms.ValidationError("Deze datum is al geweest. Kies vandaag of een latere datum.")
        return day


class WaiveHearingForm(UtrechtForm):
    use_required_attribute = False
    ground = forms.ChoiceField(
        label="Grond om af te zien van horen (Awb 7:3)",
        choices=[("", "Kies een grond"), *WaiverGround.choices],
    )
    required_messages: ClassVar[dict[str, str]] = {"ground": "Kies de grond waarop u afziet van horen."}


class DecideForm(UtrechtForm):
    use_required_attribute = False
    outcome = forms.ChoiceField(label="Uitkomst", choices=Outcome.choices, widget=forms.RadioSelect)
    motivation = forms.CharField(
        label="Motivering",
        help_text="Deze tekst komt in de brief met het besluit op bezwaar.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
    )
    lateness = forms.ChoiceField(
        label="Is de termijnoverschrijding verschoonbaar? (Awb 6:11)",
        choices=[("yes", "Ja, verschoonbaar"), ("no", "Nee, niet verschoonbaar")],
        widget=forms.RadioSelect,
        required=False,
    )
    new_outcome = forms.ChoiceField(
        label="Nieuw besluit bij gegrond",
        choices=[("", "Kies"), *DecisionOutcome.choices],
        required=False,
    )
    amount = MoneyField(
        label="Bedrag in het nieuwe besluit", help_text="Leeg laten: het berekende bedrag.", required=False
    )
    required_messages: ClassVar[dict[str, str]] = {
        "outcome": "Kies de uitkomst van het bezwaar.",
        "motivation": "Schrijf de motivering op. Die staat in de brief (Awb 7:12).",
    }

    def __init__(self, *args: Any, late: bool, **kwargs: Any) -> None:
        self.late = late
        super().__init__(*args, **kwargs)
        if not late:
            del self.fields["lateness"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        outcome = data.get("outcome")
        if self.late and outcome and outcome != Outcome.WITHDRAWN and not data.get("lateness"):
            self.add_error("lateness", "Het bezwaar is te laat ontvangen. Kies of dat verschoonbaar is.")
        if outcome == Outcome.UPHELD and not data.get("new_outcome"):
            self.add_error("new_outcome", "Kies wat het nieuwe besluit is: toekennen of afwijzen.")
        return data
