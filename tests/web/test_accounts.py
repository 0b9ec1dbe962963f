"""Log-in: the demo DigiD stand-in, staff passwords, and the DigiD OIDC backend's claim mapping."""

import pytest
from django.test import Client, override_settings

from meedoen.web.accounts.models import Role, User, bsn_is_valid
from meedoen.web.accounts.oidc import DigiDBackend

pytestmark = pytest.mark.django_db

OIDC = {
    "OIDC_RP_CLIENT_ID": "meedoen",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_TOKEN_ENDPOINT": "https://broker.invalid/token",
    "OIDC_OP_USER_ENDPOINT": "https://broker.invalid/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://broker.invalid/jwks",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://broker.invalid/authorize",
}


def test_elfproef():
    assert bsn_is_valid("999990019") and not bsn_is_valid("123456789") and not bsn_is_valid("12345678a")


def test_demo_login_with_a_bsn_creates_the_resident_and_goes_to_mijn_aanvragen():
    client = Client()
    bad = client.post("/inloggen/", {"demo-bsn": "12345"})
    assert "Met dit BSN kunt u niet inloggen." in bad.content.decode()
    response = client.post("/inloggen/", {"demo-bsn": "999990019"})
    assert response.status_code == 302
    assert User.objects.get(bsn="999990019").role == Role.RESIDENT
    assert client.get(response["Location"], follow=True).request["PATH_INFO"] == "/aanvragen/"


@override_settings(LOGIN_METHODS=["oidc", "password"])
def test_no_demo_login_when_not_offered():
    client = Client()
    assert "Inloggen met DigiD (demo)" not in client.get("/inloggen/").content.decode()
    client.post("/inloggen/", {"demo-bsn": "999990019"})
    assert not User.objects.filter(bsn="999990019").exists()


def test_staff_login_with_password(consultant):
    response = Client().post(
        "/inloggen/medewerkers/", {"username": "karin", "password": "een-lang-wachtwoord-2026"}, follow=True
    )
    assert response.request["PATH_INFO"] == "/medewerkers/werkvoorraad/"


@override_settings(**OIDC)
def test_digid_backend_maps_the_bsn_claim_to_a_resident():
    backend = DigiDBackend()
    assert not backend.verify_claims({"sub": "x", "bsn": "123456789"})
    claims = {"sub": "abc", "bsn": "999990019"}
    assert backend.verify_claims(claims)
    user = backend.create_user(claims)
    assert user.bsn == "999990019" and user.role == Role.RESIDENT
    assert list(backend.filter_users_by_claims(claims)) == [user]
