"""The forms of the application steps, in plain Dutch (B1)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

from django import forms

from meedoen.web.applications import procedure
from meedoen.web.applications.models import BijstandProcedure, Evidence, LiftGround, Submission
from meedoen.web.applications.uploads import DocumentField
from meedoen.web.components.forms import UtrechtForm


def iban_is_valid(iban: str) -> bool:
    """ISO 13616 check: move the country code and check digits to the end, mod 97 must be 1."""
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    digits = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


class SchemesForm(UtrechtForm):
    schemes = forms.MultipleChoiceField(
        label="Welke regelingen wilt u aanvragen?",
        help_text="Wij hebben de regelingen aangevinkt waar u waarschijnlijk recht op hebt. "
        "U mag ook een andere regeling aanvragen.",
        widget=forms.CheckboxSelectMultiple,
    )
    required_messages: ClassVar[dict[str, str]] = {"schemes": "Kies minstens 1 regeling."}

    def __init__(self, *args: Any, submission: Submission, elsewhere: set[str], **kwargs: Any) -> None:
        self.submission, self.elsewhere = submission, elsewhere
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        names, already = self.submission.scheme_names(), set(self.submission.already_receives())
        self.fields["schemes"].choices = [
            (s["id"], names[s["id"]])
            for s in self.submission.scheme_outcomes()
            if s["id"] not in self.elsewhere and s["id"] not in already
        ]


class ContactForm(UtrechtForm):
    """Name and postal address (for the letter), how to reach the resident, and where to pay.

    The address is required when the municipality decides on one of the chosen schemes: its decision
    letter is sent there. ``needs_address=False`` leaves name and address optional."""

    full_name = forms.CharField(
        label="Wat is uw naam?",
        help_text="Uw voornamen en achternaam, zoals op uw identiteitsbewijs. "
        "Deze naam zetten wij op de brief.",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    street = forms.CharField(
        label="In welke straat woont u?",
        help_text="Alleen de straatnaam, bijvoorbeeld Kerkstraat.",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    house_number = forms.CharField(
        label="Wat is uw huisnummer?",
        help_text="Met een letter of toevoeging als u die hebt, bijvoorbeeld 12, 12A of 12-2.",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    postcode = forms.CharField(
        label="Wat is uw postcode?",
        help_text="Bijvoorbeeld 6511 AB. Zo komt uw aanvraag bij het wijkteam in uw buurt.",
        max_length=7,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label="In welke plaats woont u?",
        help_text="Bijvoorbeeld Nijmegen.",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    email = forms.EmailField(
        label="Wat is uw e-mailadres?",
        help_text="Wij sturen u een e-mail als er nieuws is over uw aanvraag.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Vul een e-mailadres in zoals naam@voorbeeld.nl."},
    )
    phone = forms.CharField(
        label="Wat is uw telefoonnummer?",
        help_text="Dan kunnen wij u bellen als wij een vraag hebben.",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    iban = forms.CharField(
        label="Op welk rekeningnummer (IBAN) wilt u het geld krijgen?",
        help_text="Bijvoorbeeld NL91 ABNA 0417 1643 00. Het rekeningnummer moet op uw naam staan.",
        max_length=42,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    required_messages: ClassVar[dict[str, str]] = {
        "full_name": "Vul uw naam in. Wij zetten die op de brief.",
        "street": "Vul de straat in waar u woont.",
        "house_number": "Vul uw huisnummer in.",
        "postcode": "Vul uw postcode in.",
        "city": "Vul de plaats in waar u woont.",
        "email": "Vul uw e-mailadres in.",
        "iban": "Vul uw rekeningnummer (IBAN) in.",
    }
    ADDRESS: ClassVar[tuple[str, ...]] = ("full_name", "street", "house_number", "city")

    def __init__(self, *args: Any, needs_address: bool = True, **kwargs: Any) -> None:
        self.needs_address = needs_address
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        for name in self.ADDRESS:
            self.fields[name].required = self.needs_address

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if name and (len(name) < 2 or not re.fullmatch(r"[^\W\d_]+(?:[ '\-.][^\W\d_]*)*\.?", name)):
            raise forms.ValidationError(
                "Vul uw naam in met letters, zoals op uw identiteitsbewijs. Cijfers kunnen niet."
            )
        return name

    def clean_street(self) -> str:
        street = " ".join(self.cleaned_data["street"].split())
        if street and not re.search(r"[^\W\d_]{2}", street):
            raise forms.ValidationError("Vul de naam van uw straat in, bijvoorbeeld Kerkstraat.")
        return street

    def clean_house_number(self) -> str:
        number = " ".join(self.cleaned_data["house_number"].split()).upper()
        if number and not re.fullmatch(r"[1-9]\d{0,4}(?: ?-? ?[A-Z0-9]{1,6})?", number):
            raise forms.ValidationError(
                "Vul een huisnummer in dat met een cijfer begint, zoals 12, 12A of 12-2."
            )
        return number

    def clean_city(self) -> str:
        city = " ".join(self.cleaned_data["city"].split())
        if city and not re.fullmatch(r"'?[^\W\d_]+(?:[ '\-.][^\W\d_]*)*", city):
            raise forms.ValidationError("Vul de naam van uw woonplaats in, bijvoorbeeld Nijmegen.")
        return city

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].upper().replace(" ", "")
        if not re.fullmatch(r"[1-9]\d{3}[A-Z]{2}", postcode):
            raise forms.ValidationError("Vul een postcode in zoals 6511 AB: 4 cijfers en 2 letters.")
        return f"{postcode[:4]} {postcode[4:]}"

    def clean_phone(self) -> str:
        phone = re.sub(r"[\s\-()]", "", self.cleaned_data["phone"])
        if phone and not re.fullmatch(r"\+?\d{10,15}", phone):
            raise forms.ValidationError("Vul een telefoonnummer in van 10 cijfers, zoals 0612345678.")
        return phone

    def clean_iban(self) -> str:
        iban = self.cleaned_data["iban"].upper().replace(" ", "")
        if not iban_is_valid(iban):
            raise forms.ValidationError(
                "Dit rekeningnummer klopt niet. Kijk of u alle letters en cijfers goed hebt overgenomen."
            )
        return iban


class DocumentForm(UtrechtForm):
    kind = forms.ChoiceField(
        label="Wat voor document is het?", choices=[("", "Kies een soort"), *Evidence.choices]
    )
    file = DocumentField(
        label="Kies het bestand",
        help_text="Een pdf, jpg of png van maximaal 10 MB. Een foto met uw telefoon mag ook.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    required_messages: ClassVar[dict[str, str]] = {
        "kind": "Kies wat voor document het is.",
        "file": "Kies een bestand.",
    }


class ReviewForm(UtrechtForm):
    """The declaration; sending is refused while a document the chosen schemes need is missing
    (``missing``: their names), so an application never arrives incomplete without the resident
    knowing."""

    truthful = forms.BooleanField(
        label="Ik heb alle vragen eerlijk en volledig beantwoord. Verandert er iets, dan geef ik dat door."
    )
    required_messages: ClassVar[dict[str, str]] = {
        "truthful": "Vink aan dat u alles eerlijk hebt ingevuld. Anders kunt u niet versturen."
    }

    def __init__(self, *args: Any, missing: list[str] | None = None, **kwargs: Any) -> None:
        self.missing = missing or []
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.missing:
            raise forms.ValidationError(
                "U kunt nog niet versturen. Deze documenten ontbreken nog: "
                + ", ".join(m[0].lower() + m[1:] for m in self.missing)
                + ". Voeg ze toe bij de stap Bewijsstukken."
            )
        return data


class MessageForm(UtrechtForm):
    text = forms.CharField(
        label="Uw bericht",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    required_messages: ClassVar[dict[str, str]] = {"text": "Schrijf een bericht."}


# The consultant's forms on the procedure of an application for algemene bijstand.


class DayField(forms.DateField):
    """A day typed as dd-mm-jjjj or picked (the browser sends jjjj-mm-dd)."""

    widget = forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d")
    input_formats = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")
    default_error_messages: ClassVar[dict[str, str]] = {"invalid": "Vul een datum in zoals 31-01-2026."}


REASON = "Waarom wijzigt u dit? De inwoner en een jurist moeten de reden later kunnen lezen."


class ReasonForm(UtrechtForm):
    reason = forms.CharField(
        label="Reden", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), help_text=REASON
    )
    required_messages: ClassVar[dict[str, str]] = {"reason": "Schrijf de reden op."}

    def __init__(self, *args: Any, record: BijstandProcedure, today: dt.date, **kwargs: Any) -> None:
        self.record, self.today = record, today
        super().__init__(*args, **kwargs)


class ProcedureDatesForm(ReasonForm):
    """Melding and application date: a resident may have reported earlier (by phone, at the desk)."""

    melding_on = DayField(
        label="Meldingsdatum",
        help_text="De dag waarop de inwoner zich voor het eerst meldde voor bijstand (art. 44 lid 2).",
    )
    received_on = DayField(
        label="Aanvraagdatum",
        help_text="De dag waarop de aanvraag binnenkwam. De beslistermijn telt vanaf deze dag.",
    )
    field_order = ("melding_on", "received_on", "reason")
    required_messages: ClassVar[dict[str, str]] = {
        "melding_on": "Vul de meldingsdatum in.",
        "received_on": "Vul de aanvraagdatum in.",
        "reason": "Schrijf de reden op.",
    }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        melding, received = data.get("melding_on"), data.get("received_on")
        if melding and melding > self.today:
            self.add_error("melding_on", "De meldingsdatum kan niet in de toekomst liggen.")
        if received and received > self.today:
            self.add_error("received_on", "De aanvraagdatum kan niet in de toekomst liggen.")
        if melding and received and melding > received:
            self.add_error("melding_on", "De melding kan niet na de aanvraag liggen.")
        application = self.record.application
        if melding == self.record.melding_on and received == application.received_on and not self.errors:
            raise forms.ValidationError("U hebt geen datum gewijzigd.")
        return data


class LiftSearchPeriodForm(ReasonForm):
    """Take the application up before the four weeks end: one of the grounds the law gives."""

    ground = forms.ChoiceField(label="Grond", widget=forms.RadioSelect)
    field_order = ("ground", "reason")
    required_messages: ClassVar[dict[str, str]] = {
        "ground": "Kies op welke grond de zoektijd niet geldt.",
        "reason": "Schrijf de reden op.",
    }

    def add_fields(self) -> None:
        allowed = procedure.law("zoektermijn_uitzondering_omstandigheden", self.record.melding_on)
        self.fields["ground"].choices = [
            (value, label)
            for value, label in LiftGround.choices
            if allowed or value != LiftGround.CIRCUMSTANCES
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.record.terms().waiting:
            raise forms.ValidationError("Voor deze aanvraag geldt geen zoektijd (meer).")
        return data


class StartDateForm(ReasonForm):
    """The day the bijstand starts: from the melding, or up to the law's limit before it (art. 44)."""

    start_on = DayField(
        label="Ingangsdatum van de bijstand",
        help_text="Standaard de meldingsdatum (art. 44 lid 1). Eerder kan als individuele omstandigheden "
        "daartoe noodzaken (art. 44 lid 5).",
    )
    field_order = ("start_on", "reason")
    required_messages: ClassVar[dict[str, str]] = {
        "start_on": "Vul de ingangsdatum in.",
        "reason": "Schrijf de reden op.",
    }

    def clean_start_on(self) -> dt.date:
        start = self.cleaned_data["start_on"]
        refusal = procedure.start_refusal(self.record.terms(), start)
        if refusal:
            raise forms.ValidationError(refusal)
        if start == self.record.start_date:
            raise forms.ValidationError("Dit is al de ingangsdatum.")
        return start
