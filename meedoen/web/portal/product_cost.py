"""From the check's result: "Wat betaalt de gemeente voor iets wat u nodig hebt?" (bijzondere bijstand).

The resident picks a product from the municipality's list (or "iets anders") and types its price;
the engine splits it between the household and the municipality (through the calculation gateway).
Nothing is computed here but the words: an amount the engine does not know stays "bedrag onbekend".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from meedoen.rules.money import cents_of, euro_text, percent
from meedoen.web.calculation import MAX_PRICE, product_cost, products
from meedoen.web.components.forms import MoneyField, UtrechtForm, posted
from meedoen.web.portal.outcome import Outcome, completed_outcome

SCHEME = "bijzondere_bijstand"
OTHER = "anders"


class ProductCostForm(UtrechtForm):
    """A product of the municipality's list or something else, and its price."""

    def __init__(self, *args: Any, listed: list[str], **kwargs: Any) -> None:
        self.listed = listed
        super().__init__(*args, **kwargs)

    description = forms.CharField(
        label="Wat is het?",
        help_text="Alleen als u 'Iets anders' kiest. Bijvoorbeeld: fiets of bed.",
        required=False,
        max_length=60,
    )
    description.requirement_note = "(verplicht bij 'Iets anders')"
    price = MoneyField(
        label="Wat kost het?",
        help_text="De prijs in euro, bijvoorbeeld 600 of 599,95.",
        maximum=MAX_PRICE,
    )
    required_messages: ClassVar[dict[str, str]] = {
        "product": "Kies wat u nodig hebt.",
        "price": "Vul de prijs in euro in, bijvoorbeeld 600.",
    }

    def add_fields(self) -> None:
        choices = [(p, p.capitalize()) for p in self.listed] + [(OTHER, "Iets anders")]
        self.fields = {
            "product": forms.ChoiceField(
                label="Wat hebt u nodig?",
                help_text="Dit zijn de spullen op de lijst van de gemeente."
                if self.listed
                else "De gemeente heeft geen lijst met spullen. Kies 'Iets anders'.",
                choices=choices,
                widget=forms.RadioSelect,
                initial=None if self.listed else OTHER,
                error_messages={"invalid_choice": "Kies iets van de lijst of 'Iets anders'."},
            ),
            **self.fields,
        }

    def clean_price(self) -> Decimal | None:
        price = self.cleaned_data.get("price")
        if price is not None and price <= 0:
            raise forms.ValidationError("Vul een prijs in die hoger is dan € 0.", code="zero")
        return price

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        typed = data.get("description", "").strip() or "description" in self.errors
        if data.get("product") == OTHER and not typed:
            self.add_error("description", "U kiest 'Iets anders'. Schrijf op wat u nodig hebt.")
        return data

    def question(self) -> tuple[str, str]:
        """The product as the engine knows it, and its name in the answer's sentence."""
        chosen = self.cleaned_data["product"]
        if chosen != OTHER:
            return chosen, chosen.capitalize()
        typed = " ".join(self.cleaned_data["description"].split())
        return typed.lower(), typed[:1].upper() + typed[1:]


def _euro(amount: float) -> str:
    return euro_text(cents_of(amount))


def why(answer: dict[str, Any], listed: list[str], name: str) -> list[str]:
    """The answer's reasons in plain Dutch (B1), from the engine's figures."""
    lines = []
    if not answer["on_list"] and not answer["via"]:
        lines.append(
            f"{name} staat niet op de lijst van de gemeente. U kunt wel bijzondere bijstand aanvragen. "
            "De gemeente kijkt dan of u het echt nodig hebt."
            if listed
            else "De gemeente heeft geen lijst met vaste bedragen. Bij uw aanvraag kijkt zij of u het "
            "echt nodig hebt."
        )
    if answer["via"] or not answer["possible"]:
        return lines
    d = answer["draagkracht"]
    if d["total"] is None:
        lines.append(
            "Hoeveel u zelf moet betalen (uw draagkracht), weten wij niet. De regels van de gemeente "
            "hiervoor hebben wij nog niet."
        )
        if answer["loan"]:
            lines.append("Het deel van de gemeente krijgt u meestal als lening.")
        return lines
    above = cents_of(d["income_month"]) - cents_of(d["limit_month"])
    if d["from_income"]:
        lines.append(
            f"Uw inkomen is {_euro(d['income_month'])} per maand. Dat is {euro_text(above)} meer dan "
            f"de grens van de gemeente ({_euro(d['limit_month'])}). Van dat deel telt "
            f"{percent(d['percentage'] * 100, 0)} mee, {d['period_months']} maanden lang. "
            f"Dat is {_euro(d['from_income'])}."
        )
    else:
        lines.append(
            f"Uw inkomen is niet hoger dan de grens van de gemeente ({_euro(d['limit_month'])} per "
            "maand). Van uw inkomen hoeft u dus niets zelf te betalen."
        )
    if d["from_assets"]:
        lines.append(
            f"U hebt {_euro(d['from_assets'])} meer spaargeld of vermogen dan de grens. "
            "Dat geld gebruikt u eerst."
        )
    if d["total"] and not d["counted"]:
        lines.append("Voor dit product telt uw draagkracht niet mee.")
    elif d["total"]:
        lines.append(f"Uw draagkracht is samen {_euro(d['total'])}. Dat deel van de kosten betaalt u zelf.")
    if answer["maximum"] is not None:
        lines.append(f"De gemeente betaalt voor dit product hoogstens {_euro(answer['maximum'])}.")
    return lines


def _scheme(outcome: Outcome) -> dict[str, Any] | None:
    return next((s for s in outcome.schemes if s["id"] == SCHEME), None)


@require_http_methods(["GET", "POST"])
def product_cost_view(request: HttpRequest) -> HttpResponse:
    """For the household of the check answered in this session only (no log-in needed, nothing
    stored): without a completed check there is nothing to compute with."""
    outcome = completed_outcome(request.session)
    if outcome is None:
        return redirect("portal:check-start")
    listed = products(outcome.municipality or settings.MUNICIPALITY)
    form = ProductCostForm(posted(request), listed=listed)
    context: dict[str, Any] = {"form": form, "scheme": _scheme(outcome)}
    if request.method == "POST" and form.is_valid():
        product, name = form.question()
        answer = product_cost(outcome.household, product, cents_of(form.cleaned_data["price"]), name)
        context |= {"answer": answer, "why": why(answer, listed, name)}
        known = answer["municipality_share"] is not None
        context["split"] = known and answer["possible"] and not answer["via"]
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "portal/product_cost.html", context, status=status)
