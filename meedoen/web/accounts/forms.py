"""Log-in forms in the Utrecht layout with plain Dutch messages."""

from typing import ClassVar

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm

from meedoen.web.components.forms import UtrechtForm


class DemoLoginForm(UtrechtForm):
    """Stands in for DigiD during development: any valid (made-up) BSN logs in as that resident."""

    bsn = forms.CharField(
        label="Burgerservicenummer (BSN)",
        help_text="Alleen voor de demo: vul een BSN in, bijvoorbeeld 999990019.",
        max_length=9,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    required_messages: ClassVar[dict[str, str]] = {"bsn": "Vul een BSN in van 9 cijfers."}

    def __init__(self, request, *args, **kwargs) -> None:
        self.request, self.user = request, None
        super().__init__(*args, **kwargs)

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data["bsn"].replace(" ", "").replace(".", "")
        self.user = authenticate(self.request, demo_bsn=bsn)
        if self.user is None:
            raise forms.ValidationError("Met dit BSN kunt u niet inloggen. Kijk of u 9 cijfers goed hebt.")
        return bsn


class StaffLoginForm(UtrechtForm, AuthenticationForm):
    error_messages: ClassVar[dict[str, str]] = {
        "invalid_login": "De gebruikersnaam of het wachtwoord klopt niet.",
        "inactive": "Dit account is niet actief.",
    }
    required_messages: ClassVar[dict[str, str]] = {
        "username": "Vul uw gebruikersnaam in.",
        "password": "Vul uw wachtwoord in.",
    }
