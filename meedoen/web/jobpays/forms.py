"""The job offer: a gross monthly wage, or hours per week and an hourly wage."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from meedoen.analysis.job_offer import Offer
from meedoen.web.components.forms import MoneyField, UtrechtForm


class OfferForm(UtrechtForm):
    gross_month = MoneyField(
        label="Brutoloon per maand",
        required=False,
        maximum=Decimal("50000"),
        help_text="Zoals in het aanbod of op de loonstrook staat, bijvoorbeeld 1800.",
    )
    hours_week = forms.DecimalField(
        label="Uren per week",
        required=False,
        min_value=Decimal("1"),
        max_value=Decimal("60"),
        decimal_places=1,
        error_messages={
            "invalid": "Vul een aantal uren in, bijvoorbeeld 24.",
            "min_value": "Vul minstens 1 uur in.",
            "max_value": "Vul hoogstens 60 uur per week in.",
            "max_decimal_places": "Vul de uren in met hoogstens één cijfer achter de komma.",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    hourly_wage = MoneyField(
        label="Brutoloon per uur",
        required=False,
        maximum=Decimal("500"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        month, hours, hourly = data.get("gross_month"), data.get("hours_week"), data.get("hourly_wage")
        if month is None and (hours is None or hourly is None):
            if hours is None and hourly is None:
                self.add_error("gross_month", "Vul het brutoloon per maand in, of de uren en het uurloon.")
            elif hours is None:
                self.add_error("hours_week", "Vul ook het aantal uren per week in.")
            else:
                self.add_error("hourly_wage", "Vul ook het brutoloon per uur in.")
        elif month is not None and month <= 0:
            self.add_error("gross_month", "Vul een brutoloon in dat hoger is dan 0.")
        return data

    def offer(self) -> Offer:
        data = self.cleaned_data
        if data.get("gross_month") is not None:
            return Offer(gross_month=data["gross_month"])
        return Offer(hours_week=data["hours_week"], hourly_wage=data["hourly_wage"])
