"""The questions of the Regelingencheck, one form per step, in plain Dutch (B1).

Each form asks only what the household contract needs; the engine decides what the answers mean.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from meedoen.web.components.forms import BirthDateField, MoneyField, UtrechtForm

YES_NO = [("ja", "Ja"), ("nee", "Nee")]
SCHOOLS = [
    ("none", "Gaat niet naar school"),
    ("po", "Basisschool"),
    ("vo", "Middelbare school"),
    ("mbo", "Mbo"),
    ("hbo_wo", "Hbo of universiteit"),
]
HOUSING = [
    ("rent", "Ik huur een woning"),
    ("own", "Ik heb een koopwoning"),
    ("institution", "Ik woon in een instelling, zoals een zorginstelling"),
    ("homeless", "Ik heb geen vaste woonplek"),
]
MAX_PEOPLE = 8


class AboutYouForm(UtrechtForm):
    birth_date = BirthDateField(label="Wat is uw geboortedatum?", help_text="Bijvoorbeeld 31-01-1990.")
    required_messages: ClassVar[dict[str, str]] = {"birth_date": "Vul uw geboortedatum in."}


class HouseholdForm(UtrechtForm):
    partner = forms.ChoiceField(
        label="Bent u getrouwd of woont u samen met een partner?",
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    children = forms.IntegerField(
        label="Hoeveel kinderen wonen bij u?",
        help_text="Uw kinderen en die van uw partner. Vul 0 in als er geen kinderen bij u wonen.",
        min_value=0,
        max_value=MAX_PEOPLE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Vul een getal in, bijvoorbeeld 2.",
            "min_value": "Het aantal kan niet lager zijn dan 0.",
            "max_value": f"Vul een getal in van 0 tot en met {MAX_PEOPLE}.",
        },
    )
    housemates = forms.IntegerField(
        label="Hoeveel andere volwassenen wonen bij u?",
        help_text="Bijvoorbeeld een ouder, een vriend of een huurder van een kamer. "
        "Tel uw partner en uw kinderen niet mee. Vul 0 in als er niemand anders bij u woont.",
        min_value=0,
        max_value=MAX_PEOPLE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Vul een getal in, bijvoorbeeld 1.",
            "min_value": "Het aantal kan niet lager zijn dan 0.",
            "max_value": f"Vul een getal in van 0 tot en met {MAX_PEOPLE}.",
        },
    )
    required_messages: ClassVar[dict[str, str]] = {
        "partner": "Kies ja of nee.",
        "children": "Vul het aantal kinderen in. Vul 0 in als er geen kinderen bij u wonen.",
        "housemates": "Vul het aantal andere volwassenen in. Vul 0 in als er niemand anders bij u woont.",
    }


class AgesForm(UtrechtForm):
    """The birth dates of everyone else in the household; its fields follow the household step."""

    def __init__(self, *args: Any, household: dict[str, Any], applicant_birth: Any = None, **kwargs: Any):
        self.household, self.applicant_birth = household, applicant_birth
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        if self.household.get("partner") == "ja":
            self.fields["partner_birth_date"] = BirthDateField(label="Geboortedatum van uw partner")
        for i in range(1, self.household.get("children", 0) + 1):
            self.fields[f"child_{i}_birth_date"] = BirthDateField(label=f"Geboortedatum van kind {i}")
            self.fields[f"child_{i}_school"] = forms.ChoiceField(
                label=f"Naar welke school gaat kind {i}?", choices=[("", "Kies een antwoord"), *SCHOOLS]
            )
        for i in range(1, self.household.get("housemates", 0) + 1):
            self.fields[f"housemate_{i}_birth_date"] = BirthDateField(
                label=f"Geboortedatum van medebewoner {i}"
            )
            self.fields[f"housemate_{i}_student_finance"] = forms.ChoiceField(
                label=f"Krijgt medebewoner {i} studiefinanciering of doet hij of zij een BBL-opleiding?",
                choices=YES_NO,
                widget=forms.RadioSelect,
            )
            self.fields[f"housemate_{i}_commercial_tenant"] = forms.ChoiceField(
                label=f"Huurt medebewoner {i} een kamer van u, met een huurcontract?",
                choices=YES_NO,
                widget=forms.RadioSelect,
            )
        self.required_messages = {
            n: "Vul de geboortedatum in." for n in self.fields if n.endswith("_birth_date")
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        parents = [d for d in (self.applicant_birth, data.get("partner_birth_date")) if d]
        for name, value in list(data.items()):
            child = name.startswith("child_") and name.endswith("_birth_date")
            if child and value and parents and value <= min(parents):
                self.add_error(name, "Een kind is jonger dan u of uw partner. Kijk of de datum klopt.")
        return data


class IncomeForm(UtrechtForm):
    """Income, and the schemes the household already receives (``receivable``: id and name, from the
    catalogue), so the outcome can say "u krijgt dit al" instead of offering them again."""

    def __init__(
        self,
        *args: Any,
        household: dict[str, Any],
        receivable: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ):
        self.household, self.receivable = household, receivable or []
        super().__init__(*args, **kwargs)

    income = MoneyField(
        label="Hoeveel geld krijgt u per maand?",
        help_text="Uw netto inkomen: wat u op uw rekening krijgt, zoals loon, een uitkering (ook "
        "bijstand) of alimentatie. Tel toeslagen, kinderbijslag en kindgebonden budget niet mee. "
        "Vul 0 in als u geen inkomen hebt.",
    )
    required_messages: ClassVar[dict[str, str]] = {
        "income": "Vul uw netto inkomen per maand in. Vul 0 in als u geen inkomen hebt."
    }

    def add_fields(self) -> None:
        if self.household.get("partner") == "ja":
            self.fields["partner_income"] = MoneyField(
                label="Hoeveel geld krijgt uw partner per maand?",
                help_text="Netto, dus wat uw partner op de rekening krijgt. Vul 0 in als uw partner "
                "geen inkomen heeft.",
            )
            self.required_messages = {
                **self.required_messages,
                "partner_income": "Vul het netto inkomen van uw partner in. Vul 0 in als dat er niet is.",
            }
        if self.receivable:
            self.fields["receives"] = forms.MultipleChoiceField(
                label="Wat krijgt u nu al?",
                help_text="Vink aan wat u of uw partner nu al krijgt. Krijgt u niets hiervan? "
                "Dan vinkt u niets aan.",
                choices=self.receivable,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )


class HousingForm(UtrechtForm):
    kind = forms.ChoiceField(label="Hoe woont u?", choices=HOUSING, widget=forms.RadioSelect)
    rent = MoneyField(
        label="Hoeveel huur betaalt u per maand?",
        help_text="Alleen als u huurt. De kale huur plus de servicekosten. Dit staat op uw huurcontract "
        "of in de brief van uw verhuurder.",
        required=False,
    )
    rent.requirement_note = "(verplicht als u huurt)"
    energy = MoneyField(
        label="Hoeveel betaalt u per maand voor gas en stroom?",
        help_text="Het voorschot op uw energierekening.",
        required=False,
    )
    required_messages: ClassVar[dict[str, str]] = {"kind": "Kies hoe u woont."}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == "rent" and data.get("rent") is None and "rent" not in self.errors:
            self.add_error("rent", "U huurt een woning. Vul in hoeveel huur u per maand betaalt.")
        return data


class AssetsForm(UtrechtForm):
    """Assets; the low-income question only where its answer can change an outcome
    (``asks_low_income``: the engine was asked, see ``relevance.low_income_matters``)."""

    def __init__(self, *args: Any, asks_low_income: bool = True, **kwargs: Any):
        self.asks_low_income = asks_low_income
        super().__init__(*args, **kwargs)

    assets = MoneyField(
        label="Hoeveel spaargeld en ander vermogen hebt u samen?",
        help_text="Geld op uw rekeningen en spaarrekeningen, en bijvoorbeeld de waarde van een auto "
        "boven € 5.000. Vul 0 in als u dat niet hebt.",
    )
    low_income_since = BirthDateField(
        label="Sinds wanneer hebt u een laag inkomen?",
        help_text="Hebt u al een paar jaar weinig geld? Dan kunt u misschien een extra bedrag krijgen. "
        "Vul in sinds wanneer, als u dat weet. Bijvoorbeeld 01-06-2021.",
        required=False,
    )
    required_messages: ClassVar[dict[str, str]] = {
        "assets": "Vul uw vermogen in. Vul 0 in als u geen spaargeld hebt."
    }

    def add_fields(self) -> None:
        if not self.asks_low_income:
            del self.fields["low_income_since"]
