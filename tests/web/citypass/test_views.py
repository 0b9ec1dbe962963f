"""The pages: resident's pass, offers, provider sign-up and redeeming, the officer's tasks."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from meedoen.web.accounts.models import Role, User
from meedoen.web.audit.models import AuditEntry
from meedoen.web.citypass import redemption
from meedoen.web.citypass.models import Budget, LedgerEntry, Pass, Provider
from tests.web import factories
from tests.web.citypass.conftest import make_provider, offer
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return factories.UserFactory(username="stadspas", role=Role.PASS_OFFICER)


def provider_client(provider: Provider) -> Client:
    return logged_in(provider.users.get())


def test_the_resident_sees_the_pass_number_qr_code_and_balance(card, resident):
    html = logged_in(resident).get("/stadspas/mijn-pas/").content.decode().replace("\xa0", " ")
    assert card.grouped_number in html
    assert 'src="data:image/svg+xml' in html
    assert "€ 150,00" in html
    assert AuditEntry.objects.filter(subject_id=resident.pk, what="stadspassen").exists()


def test_the_history_shows_bookings_and_is_only_the_residents_own(card, resident, other_resident, provider):
    redemption.book(provider, card.number, offer(provider, "Zwemles volwassenen").pk, 9500)
    html = logged_in(resident).get(f"/stadspas/mijn-pas/{card.pk}/geschiedenis/").content.decode()
    assert "Zwemclub De Dolfijn" in html and "-€\xa095,00" in html
    assert logged_in(other_resident).get(f"/stadspas/mijn-pas/{card.pk}/geschiedenis/").status_code == 404


def test_offers_can_be_searched_and_filtered_by_category_and_area(provider, other_provider):
    pending = make_provider("Nog niet", "99998888", status=Provider.Status.PENDING)
    pending.offers.create(name="Geheim aanbod", category="sport", price_cents=100)
    client = Client()
    assert "Geheim aanbod" not in client.get("/stadspas/aanbod/").content.decode()
    html = client.get("/stadspas/aanbod/", {"q": "gitaar"}).content.decode()
    assert "Gitaarles" in html and "Jaarabonnement" not in html
    html = client.get("/stadspas/aanbod/", {"category": "sport"}).content.decode()
    assert "Jaarabonnement" in html and "Gitaarles" not in html
    html = client.get("/stadspas/aanbod/", {"area": "noord"}).content.decode()
    assert "Gitaarles" in html and "Jaarabonnement" not in html


def test_a_provider_registers_and_waits_for_the_officer_to_approve(officer, card):
    client = Client()
    response = client.post(
        "/stadspas/aanbieder/aanmelden/",
        {
            "name": "Dansschool Swing",
            "kvk_number": "33334444",
            "area": "centrum",
            "address": "Grote Markt 1",
            "email": "info@swing.example",
            "iban": "NL91 ABNA 0417 1643 00",
            "username": "swing",
            "password": "een-heel-lang-wachtwoord",
        },
    )
    assert response.status_code == 302
    provider = Provider.objects.get(kvk_number="33334444")
    assert provider.status == "pending" and User.objects.get(username="swing").role == Role.PROVIDER
    assert "Uw aanmelding is wacht op goedkeuring" in client.get("/stadspas/aanbieder/").content.decode()
    with pytest.raises(redemption.Refused):
        redemption.check(provider, card.number)
    officer_client = logged_in(officer)
    assert "Dansschool Swing" in officer_client.get("/stadspas/gemeente/").content.decode()
    officer_client.post(f"/stadspas/gemeente/aanbieder/{provider.pk}/besluit/", {"besluit": "goedkeuren"})
    provider.refresh_from_db()
    assert provider.status == "approved" and provider.decided_by == officer


def test_registration_errors_are_in_plain_dutch():
    response = Client().post("/stadspas/aanbieder/aanmelden/", {"kvk_number": "12", "iban": "NL00"})
    html = response.content.decode()
    assert "Een KvK-nummer heeft 8 cijfers." in html and "Vul een IBAN in" in html
    assert Provider.objects.count() == 0


def test_the_provider_checks_a_pass_books_and_reverses_without_seeing_personal_data(card, provider, resident):
    client = provider_client(provider)
    html = client.post("/stadspas/aanbieder/", {"number": card.number}).content.decode()
    assert "De pas is geldig" in html and "Zwemles volwassenen" in html
    assert "Jaarabonnement" not in html  # 200,00 does not fit
    assert resident.last_name not in html and resident.bsn not in html and "150,00" not in html
    lessons = offer(provider, "Zwemles volwassenen")
    response = client.post(
        "/stadspas/aanbieder/afschrijven/", {"number": card.number, "offer": lessons.pk, "amount": "95,00"}
    )
    assert response.status_code == 302
    assert Budget.objects.get().balance_cents == 5500
    html = client.get("/stadspas/aanbieder/").content.decode()
    assert "Afgeschreven: Zwemles volwassenen, 95,00 euro." in html
    entry = LedgerEntry.objects.get(kind="redemption")
    client.post(f"/stadspas/aanbieder/terugdraaien/{entry.reference}/", {"bevestigen": "ja"})
    assert Budget.objects.get().balance_cents == 15000


def test_a_refused_booking_shows_the_reason_and_books_nothing(card, provider, other_provider):
    client = provider_client(provider)
    guitar = offer(other_provider, "Gitaarles")
    response = client.post(
        "/stadspas/aanbieder/afschrijven/", {"number": card.number, "offer": guitar.pk, "amount": "10"}
    )
    assert redemption.NOT_OURS in response.content.decode()  # on the till page itself (issue 19)
    lessons = offer(provider, "Zwemles volwassenen")
    response = client.post(
        "/stadspas/aanbieder/afschrijven/",
        {"number": "0000000000000000", "offer": lessons.pk, "amount": "10"},
    )
    assert redemption.UNKNOWN in response.content.decode()
    assert LedgerEntry.objects.filter(kind="redemption").count() == 0


@override_settings(API_RATE="3/m")
def test_guessing_pass_numbers_is_stopped_per_provider(card, provider, other_provider):
    cache.clear()
    client = provider_client(provider)
    for _ in range(4):  # three within the limit, the fourth goes over it
        response = client.post("/stadspas/aanbieder/", {"number": "1234567812345670"})
        assert response.status_code == 200 and redemption.UNKNOWN in response.content.decode()
    response = client.post("/stadspas/aanbieder/", {"number": card.number})
    assert response.status_code == 429 and "te vaak een pasnummer" in response.content.decode()
    lessons = offer(provider, "Zwemles volwassenen")
    client.post(
        "/stadspas/aanbieder/afschrijven/", {"number": card.number, "offer": lessons.pk, "amount": "10"}
    )
    assert LedgerEntry.objects.filter(kind="redemption").count() == 0  # a booking is a lookup too
    # Valid lookups do not count, and another provider is not affected.
    other = provider_client(other_provider)
    for _ in range(5):
        assert (
            "De pas is geldig" in other.post("/stadspas/aanbieder/", {"number": card.number}).content.decode()
        )
    cache.clear()


def test_providers_manage_only_their_own_offers(provider, other_provider):
    client = provider_client(provider)
    response = client.post(
        "/stadspas/aanbieder/aanbod/nieuw/",
        {"name": "Aquajoggen", "category": "sport", "price": "45,50", "min_age": "50", "max_age": "120"},
    )
    assert response.status_code == 302
    assert provider.offers.get(name="Aquajoggen").price_cents == 4550
    guitar = offer(other_provider, "Gitaarles")
    assert client.get(f"/stadspas/aanbieder/aanbod/{guitar.pk}/").status_code == 404
    response = client.post(
        "/stadspas/aanbieder/aanbod/nieuw/",
        {"name": "X", "category": "sport", "price": "0", "min_age": "9", "max_age": "3"},
    )
    html = response.content.decode()
    assert "Vul een bedrag in dat hoger is dan 0." in html and "De hoogste leeftijd" in html


def test_the_monthly_statement_as_csv_and_pdf(card, provider, officer):
    lessons = offer(provider, "Zwemles volwassenen")
    redemption.book(provider, card.number, lessons.pk, 9500)
    entry = redemption.book(provider, card.number, lessons.pk, 1250)
    redemption.reverse(provider, entry.reference)
    today = timezone.localdate()
    client = provider_client(provider)
    response = client.get(f"/stadspas/aanbieder/overzichten/{today.year}-{today.month}.csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("datum;referentie")
    assert [line.rsplit(";", 1)[1] for line in lines[1:]] == ["95,00", "12,50", "-12,50"]
    assert all(card.number not in line for line in lines)  # only the last 4 digits
    pdf = client.get(f"/stadspas/aanbieder/overzichten/{today.year}-{today.month}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    response = logged_in(officer).get(
        "/stadspas/gemeente/overzichten/",
        {"provider": provider.pk, "month": f"{today:%Y-%m}", "soort": "csv"},
    )
    assert len(b"".join(response.streaming_content).decode().splitlines()) == 4


def test_the_officer_blocks_a_lost_pass_and_the_balance_moves_to_the_new_one(card, officer, provider):
    client = logged_in(officer)
    html = client.get("/stadspas/gemeente/pas/", {"number": card.grouped_number}).content.decode()
    assert "Blokkeren en nieuwe pas maken" in html
    response = client.post(f"/stadspas/gemeente/pas/{card.pk}/vervangen/")
    assert response.status_code == 302
    card.refresh_from_db()
    new = card.replaced_by
    assert card.status == "blocked" and new.is_active and new.budgets.get().balance_cents == 15000
    assert Pass.objects.filter(status="active").count() == 1
    with pytest.raises(redemption.Refused, match="geblokkeerd"):
        redemption.check(provider, card.number)


def test_the_figures_show_spending_per_budget_category_area_and_take_up(card, provider, officer, resident):
    from meedoen.web.citypass import issuing
    from tests.web.citypass.conftest import ADULT, PARTNER

    # the partner joins the household: a second budget, unused (the applicant's is not doubled)
    issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT, PARTNER])
    redemption.book(provider, card.number, offer(provider, "Zwemles volwassenen").pk, 9500)
    client = logged_in(officer)
    html = client.get("/stadspas/gemeente/cijfers/").content.decode().replace("\xa0", " ")
    assert "50% van de budgetten is gebruikt" in html
    assert "Sport en bewegen" in html and "Oost" in html and "€ 95,00" in html
    rows = client.get("/stadspas/gemeente/cijfers/export/").content.decode().splitlines()
    assert "categorie;Sport en bewegen;9500" in rows and "gebruik;percentage;50" in rows


def test_each_role_only_opens_its_own_pages(resident, provider, officer):
    assert logged_in(resident).get("/stadspas/gemeente/").status_code == 403
    assert provider_client(provider).get("/stadspas/gemeente/cijfers/").status_code == 403
    assert logged_in(officer).get("/stadspas/aanbieder/").status_code == 403
    assert logged_in(provider.users.get()).get("/stadspas/mijn-pas/").status_code == 403
    assert Client().get("/stadspas/aanbieder/").status_code == 302  # to the log-in
    assert logged_in(officer).get("/stadspas/").url == "/stadspas/gemeente/"
