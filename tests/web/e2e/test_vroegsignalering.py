"""The outreach worker's flow in a real browser: worklist -> case -> contact attempt -> offer -> end
result; the team lead uploads a file and reads the figures. axe-core scans every page on the way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.vroegsignalering.models import SignalCase
from tests.signals.helpers import csv_text
from tests.web import factories
from tests.web.vroegsignalering.conftest import store

pytestmark = pytest.mark.e2e
PASSWORD = "een-lang-wachtwoord-2026"


def log_in(page: Page, username: str) -> None:
    page.goto("/inloggen/medewerkers/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def days_ago(n: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=n)).isoformat()


def test_worker_handles_a_case_and_the_lead_uploads(page: Page, axe, team, tmp_path):
    today = timezone.localdate()
    street = {"straatnaam": "Daalseweg", "ontstaansdatum": days_ago(60)}
    store(
        {**street, "huisnummer": "1", "signaaldatum": days_ago(2), "signaalpartner_naam": "Portaal"},
        {**street, "huisnummer": "2", "signaaldatum": days_ago(9), "crisissignaal": "true"},
        today=today,
    )
    factories.UserFactory(username="fatima", role=Role.OUTREACH_WORKER, team=team)
    factories.UserFactory(username="ingrid", role=Role.SIGNALS_LEAD)
    factories.UserFactory(username="sanne", role=Role.DEBT_PARTNER, first_name="Sanne", last_name="de Boer")

    log_in(page, "fatima")
    page.goto("/vroegsignalering/")  # after log-in staff land on /medewerkers/ (not for these roles)
    expect(page.get_by_role("heading", name="Werkvoorraad vroegsignalering Wijkteam Oost")).to_be_visible()
    overdue = page.get_by_text("Termijn verlopen", exact=True)
    expect(overdue).to_be_visible()  # the crisis case: its 3 working days have passed
    axe.scan(page)
    page.get_by_role("link", name="Daalseweg 2, 6521 AB").click()
    expect(page.get_by_role("heading", name="Daalseweg 2, 6521 AB")).to_be_visible()
    axe.scan(page)

    page.get_by_label("Soort contact").select_option("huisbezoek")
    page.get_by_label("Datum", exact=True).fill(today.isoformat())
    page.get_by_role("radio", name="Middag (12.00 tot 18.00 uur)").check()
    page.get_by_role("radio", name="Ja").check()
    page.get_by_role("button", name="Contactpoging vastleggen").click()
    expect(page.get_by_text("De contactpoging is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("huisbezoek, bereikt", exact=False)).to_be_visible()
    axe.scan(page)

    page.get_by_role("link", name="Aanbod aan de deur").click()
    expect(page.get_by_role("heading", name="Waarschijnlijk recht op")).to_be_visible()
    axe.scan(page)
    page.get_by_role("link", name="Terug naar zaak").click()

    page.get_by_label("Eindresultaat").select_option("quick_fix")
    page.get_by_role("button", name="Afsluiten met dit eindresultaat").click()
    expect(page.get_by_text("De zaak is afgesloten")).to_be_visible()
    case = SignalCase.objects.get(house_number=2)
    assert (case.status, case.result, case.first_contact_on) == ("closed", "quick_fix", today)
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, "ingrid")
    page.goto("/vroegsignalering/aanleveren/")
    axe.scan(page)
    path = tmp_path / "signalen.csv"
    new = {"signaal_id": "U1", "signaaldatum": days_ago(1), "ontstaansdatum": days_ago(45), "huisnummer": "5"}
    path.write_text(csv_text(new, {"signaal_id": "U2", "bedrag": "-3"}), encoding="utf-8")
    page.get_by_label("Bestand met signalen (CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Aanleveren").click()
    expect(page.get_by_role("heading", name="Resultaat")).to_be_visible()
    expect(page.get_by_text("Regel 3, bedrag")).to_be_visible()
    axe.scan(page)
    page.goto("/vroegsignalering/cijfers/")
    expect(page.get_by_role("heading", name="Cijfers vroegsignalering")).to_be_visible()
    axe.scan(page)
    assert axe.violations == [], "\n".join(axe.violations)
    assert len(axe.scanned) == 7
