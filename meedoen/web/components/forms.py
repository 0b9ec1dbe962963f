"""Forms rendered as NL Design System (Utrecht) form fields, with plain Dutch (B1) error messages.

The renderer gives every form the Utrecht markup, so a view's template only writes ``{{ form }}``;
an error stands next to its field and is tied to the input with ``aria-describedby``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django import forms
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest, QueryDict

from meedoen.rules.money import cents_of, euro_text


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST, also an empty one (``request.POST or None`` is not)."""
    return request.POST if request.method == "POST" else None


class UtrechtFormRenderer(DjangoTemplates):
    form_template_name = "components/form.html"
    field_template_name = "components/field.html"


_WIDGET_CLASSES = {  # the first match counts: CheckboxSelectMultiple is a subclass of RadioSelect
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.ClearableFileInput: "meedoen-file-input",
}


class UtrechtForm(forms.Form):
    """A form whose widgets carry the Utrecht classes and ARIA state for help texts and errors.

    ``required_messages`` names per field what is missing, in the resident's words; a choice
    without one gets "Kies een antwoord.", any other field "Vul dit in.".
    """

    required_messages: ClassVar[dict[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.add_fields()
        for name, field in self.fields.items():
            choice = isinstance(field, forms.ChoiceField | forms.MultipleChoiceField)
            default = "Kies een antwoord." if choice else "Vul dit in."
            field.error_messages["required"] = self.required_messages.get(name, default)
            css = next(
                (c for w, c in _WIDGET_CLASSES.items() if isinstance(field.widget, w)),
                "utrecht-textbox utrecht-textbox--html-input",
            )
            field.widget.attrs.setdefault("class", css)
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"

    def add_fields(self) -> None:
        """Add fields that depend on earlier answers (before styling); none by default."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs, bound = self.fields[name].widget.attrs, self[name]
            attrs["aria-invalid"] = "true"
            attrs["class"] += " " + attrs["class"].split()[0] + "--invalid"
            attrs["aria-describedby"] = " ".join(
                filter(None, [attrs.get("aria-describedby"), f"{bound.auto_id}_error"])
            )


class MoneyField(forms.CharField):
    """An amount in euro as people type it: ``1250``, ``1.250,50``, ``1250.50`` or ``€ 1250``."""

    default_error_messages: ClassVar[dict[str, str]] = {
        "invalid": "Vul een bedrag in euro in, bijvoorbeeld 1250 of 1250,50.",
        "negative": "Het bedrag kan niet lager zijn dan 0.",
        "too_large": "Dit bedrag is te hoog. Kijk of u het goed hebt ingevuld.",
    }

    def __init__(self, *, maximum: Decimal = Decimal("10000000"), **kwargs: Any) -> None:
        self.maximum = maximum
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        text = super().to_python(value).replace("€", "").replace(" ", "").strip()
        if not text:
            return None
        if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", text):  # 1.250,50
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d+,\d{1,2}", text):  # 1250,50
            text = text.replace(",", ".")
        elif text.startswith("-"):
            raise forms.ValidationError(self.error_messages["negative"], code="negative")
        elif not re.fullmatch(r"\d+(\.\d{1,2})?", text):  # 1250.50
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            amount = Decimal(text).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if amount > self.maximum:
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")
        return amount

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int):
            return euro_text(cents_of(value))
        return value


class BirthDateField(forms.DateField):
    """A date in the past, typed as dd-mm-jjjj or picked (the browser sends jjjj-mm-dd)."""

    widget = forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d")
    input_formats = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")
    default_error_messages: ClassVar[dict[str, str]] = {
        "invalid": "Vul een datum in zoals 31-01-1990.",
        "future": "Deze datum ligt in de toekomst. Vul een datum in die al geweest is.",
        "too_old": "Deze datum ligt te ver terug. Kijk of het jaar klopt.",
    }

    def validate(self, value: dt.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        if value > dt.date.today():
            raise forms.ValidationError(self.error_messages["future"], code="future")
        if value.year < 1900:
            raise forms.ValidationError(self.error_messages["too_old"], code="too_old")
