"""Behind a reverse proxy (issue 16, item 1): one client address for the API rate limit, django-axes
and the audit log; X-Forwarded-For counts only when the request came from a trusted proxy."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from meedoen.web.audit.address import client_address
from meedoen.web.audit.models import AuditEntry
from tests.web import factories
from tests.web.conftest import logged_in

EXAMPLE = Path(__file__).parents[2] / "meedoen" / "examples" / "household_arnhem.json"
PROXY = "10.0.0.5"
PASSWORD = "een-lang-wachtwoord-2026"


def address(remote: str, forwarded: str | None = None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert address("192.0.2.10", "198.51.100.1") == "192.0.2.10"


@override_settings(TRUSTED_PROXIES=[PROXY, "10.1.0.0/16"])
def test_behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client():
    assert address(PROXY, "198.51.100.1") == "198.51.100.1"
    # The client wrote the left part itself; the proxies appended what they saw.
    assert address(PROXY, "6.6.6.6, 198.51.100.1, 10.1.2.3") == "198.51.100.1"
    assert address(PROXY, "[2001:db8::7]:443") == "2001:db8::7"
    assert address(PROXY, "198.51.100.1:5678") == "198.51.100.1"
    assert address(PROXY, "") == PROXY
    assert address(PROXY, "no-address, 198.51.100.1") == "198.51.100.1"
    assert address(PROXY, "198.51.100.1, no-address") == PROXY
    # A request that did not come through the proxy: its header is not believed.
    assert address("192.0.2.10", "198.51.100.1") == "192.0.2.10"


def post_check(client: Client, **headers):
    return client.post("/api/v1/check", EXAMPLE.read_text(), content_type="application/json", **headers)


@pytest.mark.django_db
@override_settings(API_RATE="3/m")
def test_a_new_forwarded_header_per_request_does_not_bypass_the_api_limit():
    cache.clear()
    client = Client(REMOTE_ADDR="192.0.2.10")
    codes = [post_check(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code for i in range(5)]
    assert codes == [200, 200, 200, 429, 429]


@pytest.mark.django_db
@override_settings(API_RATE="3/m", TRUSTED_PROXIES=[PROXY])
def test_behind_a_trusted_proxy_the_limit_is_per_client_not_per_proxy():
    cache.clear()
    proxy = Client(REMOTE_ADDR=PROXY)
    first = [post_check(proxy, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code for _ in range(4)]
    assert first == [200, 200, 200, 429]
    # A spoofed left-hand part does not make the same client new.
    assert post_check(proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1").status_code == 429
    assert post_check(proxy, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=[PROXY])
def test_behind_a_proxy_a_strangers_wrong_passwords_lock_only_the_stranger(consultant):
    consultant.set_password(PASSWORD)
    consultant.save()
    url = reverse("accounts:staff-login")
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    codes = [attacker.post(url, {"username": "karin", "password": "fout"}).status_code for _ in range(5)]
    assert codes[-1] == 429
    assert attacker.post(url, {"username": "karin", "password": PASSWORD}).status_code == 429
    owner = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = owner.post(url, {"username": "karin", "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=[PROXY])
def test_the_audit_log_records_the_client_behind_the_proxy(consultant):
    admin = factories.UserFactory(role="admin", is_staff=True, is_superuser=True)
    client = logged_in(admin)
    client.get(
        f"/beheer/accounts/user/{consultant.pk}/change/",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    client.get(
        f"/beheer/accounts/user/{consultant.pk}/change/",
        REMOTE_ADDR="192.0.2.3",
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )
    addresses = list(AuditEntry.objects.order_by("id").values_list("ip_address", flat=True))
    assert addresses[-2:] == ["198.51.100.9", "192.0.2.3"]
