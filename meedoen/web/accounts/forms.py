"""Log-in forms in the Utrecht layout with plain Dutch messages."""

from typing import ClassVar

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm

from meedoen.web.accounts.models import User
from meedoen.web.components.forms import UtrechtForm

# One message for every user name that cannot be chosen, whoever has it (staff, a provider, reserved):
# saying "this name exists" would let anyone find the staff's log-in names by trying them.
USERNAME_REFUSED = (
    "Deze gebruikersnaam kunt u niet kiezen. Kies een andere, bijvoorbeeld met de naam van uw organisatie."
)
RESERVED_USERNAMES = frozenset({"admin", "beheer", "beheerder", "root", "meedoen", "gemeente", "support"})


def clean_new_username(value: str) -> str:
    """A user name chosen at sign-up, or the generic refusal (issue 16, item 11). The sign-up view is
    rate-limited per client address (``signup_rate_limited``), so names cannot be tried in bulk."""
    value = value.strip()
    taken = User.objects.filter(username__iexact=value).exists()
    if taken or value.lower() in RESERVED_USERNAMES:
        raise forms.ValidationError(USERNAME_REFUSED)
    return value


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
