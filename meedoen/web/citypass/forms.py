"""Forms of the city pass, in the Utrecht components with plain Dutch messages."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.password_validation import validate_password

from meedoen.bsn import bsn_is_valid
from meedoen.rules.money import euro_plain
from meedoen.web.accounts.forms import clean_new_username
from meedoen.web.accounts.models import User
from meedoen.web.citypass.budgets import Category
from meedoen.web.citypass.models import Area, Offer, Provider
from meedoen.web.citypass.money import MoneyError, parse_euro
from meedoen.web.components.forms import BirthDateField, UtrechtForm

ANY = [("", "Alle")]
MAX_PRICE_CENTS = 1_000_000  # EUR 10.000,00: far above any offer, low enough to catch a typo


class EuroField(forms.CharField):
    """An amount in euro in Dutch notation, cleaned to integer cents by ``money.parse_euro`` (the one
    parser; its docstring lists what is accepted and refused)."""

    def __init__(self, *, maximum_cents: int = MAX_PRICE_CENTS, **kwargs: Any) -> None:
        self.maximum_cents = maximum_cents
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_euro(text, maximum_cents=self.maximum_cents)
        except MoneyError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        return euro_plain(value) if isinstance(value, int) else value


class PassNumberForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {"number": "Vul het pasnummer in of scan de pas."}
    number = forms.CharField(
        label="Pasnummer",
        max_length=30,
        help_text="De 16 cijfers op de pas, of scan de QR-code.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")


class PassSearchForm(UtrechtForm):
    """The officer looks a pass up: by its number, or by the holder's name, BSN, birth date or address
    (postcode with house number). Every field is optional; what is filled in must all match."""

    number = forms.CharField(
        label="Pasnummer",
        required=False,
        max_length=30,
        help_text="De 16 cijfers op de pas.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(
        label="Naam", required=False, max_length=100, help_text="Voornaam, achternaam of een deel ervan."
    )
    bsn = forms.CharField(
        label="BSN",
        required=False,
        max_length=11,
        help_text="Het zoeken op BSN wordt vastgelegd.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = BirthDateField(label="Geboortedatum", required=False)
    postcode = forms.CharField(
        label="Postcode", required=False, max_length=7, help_text="Bijvoorbeeld 6521 AB."
    )
    house_number = forms.CharField(label="Huisnummer", required=False, max_length=10)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if name and len(name) < 2:
            raise forms.ValidationError("Vul minstens 2 letters van de naam in.")
        return name

    def clean_bsn(self) -> str:
        bsn = re.sub(r"[\s.]", "", self.cleaned_data["bsn"])
        if bsn and not bsn_is_valid(bsn):
            raise forms.ValidationError(
                "Dit is geen geldig BSN. Een BSN heeft 9 cijfers; kijk of u het goed hebt overgenomen."
            )
        return bsn

    def clean_postcode(self) -> str:
        text = self.cleaned_data["postcode"]
        if not text.strip():
            return ""
        match = POSTCODE.match(text)
        if not match:
            raise forms.ValidationError("Vul een postcode in zoals 6521 AB.")
        return f"{match[1]} {match[2].upper()}"

    def clean_house_number(self) -> str:
        value = self.cleaned_data["house_number"].strip()
        if value and not re.match(r"^\d{1,5}", value):
            raise forms.ValidationError("Vul een huisnummer in, bijvoorbeeld 12 of 12a.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not any(data.get(k) for k in self.fields):
            raise forms.ValidationError(
                "Vul minstens een van de velden in: pasnummer, naam, BSN, geboortedatum of postcode."
            )
        if data.get("house_number") and not data.get("postcode"):
            self.add_error("postcode", "Vul bij een huisnummer ook de postcode in.")
        return data


class BookForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {"amount": "Vul het bedrag in."}
    number = forms.CharField(widget=forms.HiddenInput)
    offer = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    amount = EuroField(label="Bedrag in euro", help_text="Bijvoorbeeld 7,50 of 1.250,00.")

    @classmethod
    def for_offer(cls, card, offer: Offer) -> BookForm:
        """One form per offer on a page: the ids differ per offer, the field names do not."""
        initial = {"number": card.number, "offer": offer.pk, "amount": offer.price_cents}
        return cls(initial=initial, auto_id=f"aanbod{offer.pk}_%s")


class OfferFilterForm(UtrechtForm):
    q = forms.CharField(label="Zoekwoord", required=False, max_length=100)
    category = forms.ChoiceField(label="Soort", required=False, choices=ANY + list(Category.choices))
    area = forms.ChoiceField(label="Stadsdeel", required=False, choices=ANY + list(Area.choices))


class TillForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {
        "name": "Vul een naam voor de kassa in, bijvoorbeeld Kassa 1."
    }
    name = forms.CharField(label="Naam van de kassa", max_length=80)


class OfferForm(UtrechtForm):
    required_messages: ClassVar[dict[str, str]] = {"name": "Vul de naam van het aanbod in."}
    name = forms.CharField(label="Naam", max_length=120)
    category = forms.ChoiceField(label="Soort", choices=Category.choices)
    description = forms.CharField(
        label="Omschrijving", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    price = EuroField(label="Prijs in euro", help_text="Bijvoorbeeld 7,50 of 1.250,00.")
    min_age = forms.IntegerField(label="Vanaf leeftijd", min_value=0, max_value=120, initial=0)
    max_age = forms.IntegerField(label="Tot en met leeftijd", min_value=0, max_value=120, initial=120)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("min_age") is not None
            and data.get("max_age") is not None
            and data["min_age"] > data["max_age"]
        ):
            self.add_error("max_age", "De hoogste leeftijd moet gelijk aan of hoger zijn dan de laagste.")
        return data

    @classmethod
    def initial_for(cls, offer: Offer) -> dict[str, Any]:
        return {
            "name": offer.name,
            "category": offer.category,
            "description": offer.description,
            "price": offer.price_cents,
            "min_age": offer.min_age,
            "max_age": offer.max_age,
        }

    def apply_to(self, offer: Offer) -> Offer:
        data = self.cleaned_data
        offer.name, offer.category, offer.description = data["name"], data["category"], data["description"]
        offer.price_cents = data["price"]
        offer.min_age, offer.max_age = data["min_age"], data["max_age"]
        offer.save()
        return offer


class RegisterForm(UtrechtForm):
    """A provider organisation signs up; it can redeem once a municipal employee approves it."""

    name = forms.CharField(label="Naam van de organisatie", max_length=120)
    kvk_number = forms.CharField(label="KvK-nummer", help_text="8 cijfers.", max_length=8)
    area = forms.ChoiceField(label="Stadsdeel", choices=Area.choices)
    address = forms.CharField(label="Adres", max_length=200)
    email = forms.EmailField(label="E-mailadres")
    iban = forms.CharField(label="IBAN", max_length=34, help_text="Hierop betaalt de gemeente uw boekingen.")
    username = forms.CharField(label="Gebruikersnaam om in te loggen", max_length=150)
    password = forms.CharField(
        label="Wachtwoord",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Minstens 12 tekens.",
    )

    def clean_kvk_number(self) -> str:
        value = self.cleaned_data["kvk_number"].strip()
        if not re.fullmatch(r"\d{8}", value):
            raise forms.ValidationError("Een KvK-nummer heeft 8 cijfers.")
        if Provider.objects.filter(kvk_number=value).exists():
            raise forms.ValidationError("Deze organisatie is al aangemeld.")
        return value

    def clean_iban(self) -> str:
        value = self.cleaned_data["iban"].replace(" ", "").upper()
        if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", value):
            raise forms.ValidationError("Vul een IBAN in zoals NL91 ABNA 0417 1643 00.")
        return value

    def clean_username(self) -> str:
        return clean_new_username(self.cleaned_data["username"])  # generic refusal (issue 16, item 11)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password"):
            try:
                validate_password(data["password"], User(username=data.get("username", "")))
            except forms.ValidationError:
                self.add_error(
                    "password",
                    "Kies een langer of minder voor de hand liggend wachtwoord (minstens 12 tekens).",
                )
        return data


class YearForm(UtrechtForm):
    year = forms.IntegerField(label="Jaar", min_value=2020, max_value=2100)


class StatementForm(UtrechtForm):
    provider = forms.ModelChoiceField(label="Aanbieder", queryset=Provider.objects.none())
    month = forms.DateField(
        label="Maand",
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": "Kies een maand, bijvoorbeeld 2026-03."},
    )

    def add_fields(self) -> None:
        self.fields["provider"].queryset = Provider.objects.filter(status=Provider.Status.APPROVED)
