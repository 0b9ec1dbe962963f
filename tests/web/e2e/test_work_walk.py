"""The Werkgeversservicepunt in a real browser (Debian Chromium), every page scanned with axe-core at
phone (390) and desktop (1280) width, a screenshot of each step at both widths in $MEEDOEN_SCREENSHOTS
(default: a temporary folder, printed).

Employer: posts a vacancy (first with a bad number of hours). Consultant: adds an employer (bad KvK
first), keeps a candidate profile, matches and proposes the candidate. Employer: sees the candidate
without a name and invites. Consultant: records consent and a maatwerkbaan with loonkostensubsidie,
which the monitor export then has in its instruments table. Policy adviser: the maatwerkbanen page.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.casework.monitor_export import monitor_rows
from meedoen.web.components.pseudonym import person_key
from meedoen.web.work.models import Placement, Vacancy
from tests.web import factories
from tests.web.e2e.test_accessibility import log_in_staff

pytestmark = pytest.mark.e2e
FOLDER = Path(os.environ.get("MEEDOEN_SCREENSHOTS") or tempfile.mkdtemp(prefix="meedoen-work-walk-"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class Walk:
    def __init__(self, page: Page, axe) -> None:
        self.page, self.axe, self.n = page, axe, 0
        FOLDER.mkdir(parents=True, exist_ok=True)

    def step(self, name: str) -> None:
        """Scan and photograph the page at both widths (the walk itself runs at phone width)."""
        self.n += 1
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            self.page.set_viewport_size(size)
            self.axe.scan(self.page)
            self.page.screenshot(path=str(FOLDER / f"{self.n:02d}-{name}-{label}.png"), full_page=True)
        self.page.set_viewport_size(PHONE)

    def log_out(self) -> None:
        self.page.get_by_role("button", name="Uitloggen").click()


def test_employer_vacancy_matching_proposal_placement_and_monitor(page: Page, axe, team):
    print(f"screenshots: {FOLDER}")
    walk = Walk(page, axe)
    factories.UserFactory(username="karin", role=Role.CONSULTANT, team=team, first_name="Karin")
    consultant = factories.UserFactory(username="karin")
    client = factories.casework_client(
        team, consultant, spell_start=dt.date(2024, 2, 1), startkwalificatie=True
    )
    resident = client.resident
    resident.first_name, resident.last_name = "Fatima", "Zwart"
    resident.save()
    employer, _account = factories.work_employer(name="Logistiek Gelderland BV", username="werkgever")

    # The employer posts a vacancy.
    log_in_staff(page, "werkgever")
    expect(page.get_by_role("heading", name="Vacatures van Logistiek Gelderland BV")).to_be_visible()
    walk.step("werkgever-vacatures")
    page.get_by_role("link", name="Nieuwe vacature").click()
    page.get_by_label("Functie").fill("Magazijnmedewerker")
    page.get_by_label("Uren per week").fill("veel")
    page.get_by_role("button", name="Vacature opslaan").click()
    expect(page.locator("#id_hours_per_week_error")).to_contain_text(
        "Uren per week: vul een heel getal in, bijvoorbeeld 32."
    )
    assert not Vacancy.objects.exists()
    walk.step("vacature-fout")
    page.get_by_label("Uren per week").fill("32")
    page.get_by_label("Werkplaats").select_option("Arnhem")
    page.get_by_label("VCA (veiligheid)").check()
    page.get_by_label("Taalniveau Nederlands").select_option("B1")
    page.get_by_label("Gevraagde vaardigheden").fill("magazijn, orderpicken")
    page.get_by_label("Loonwaardemeting en loonkostensubsidie zijn mogelijk").check()
    page.get_by_label("Deze baan telt voor de banenafspraak").check()
    page.get_by_role("button", name="Vacature opslaan").click()
    expect(page.get_by_text("De vacature staat erin.")).to_be_visible()
    vacancy = Vacancy.objects.get()
    assert (vacancy.employer, vacancy.certificates) == (employer, ["vca"])
    walk.step("vacature-geplaatst")
    walk.log_out()

    # The consultant: a new employer (bad KvK first), the candidate profile, matching, the proposal.
    log_in_staff(page, "karin")
    page.goto("/medewerkers/werk/")
    expect(page.get_by_role("heading", name="Werk en werkgevers")).to_be_visible()
    walk.step("consulent-werk")
    page.get_by_role("link", name="Werkgever toevoegen").click()
    page.get_by_label("Naam").fill("Bakkerij Nijmegen")
    page.get_by_label("KvK-nummer").fill("1234")
    page.get_by_role("button", name="Werkgever opslaan").click()
    expect(page.locator("#id_kvk_number_error")).to_contain_text("een KvK-nummer heeft precies 8 cijfers")
    walk.step("werkgever-kvk-fout")
    page.get_by_label("KvK-nummer").fill("87654321")
    page.get_by_role("button", name="Werkgever opslaan").click()
    expect(page.get_by_role("heading", name="Bakkerij Nijmegen")).to_be_visible()
    page.get_by_label("Datum").fill(dt.date.today().isoformat())
    page.get_by_label("Soort contact").select_option("visit")
    page.get_by_label("Wat is besproken").fill("Kennismaking, twee vacatures in het voorjaar.")
    page.get_by_role("button", name="Contact vastleggen").click()
    expect(page.get_by_text("Het contactmoment is vastgelegd.")).to_be_visible()
    walk.step("werkgever-contact")

    page.goto("/medewerkers/werk/")
    page.get_by_role("link", name="Profiel maken: Fatima Zwart").click()
    page.get_by_label("Vaardigheden").fill("magazijn, orderpicken")
    page.get_by_label("VCA (veiligheid)").check()
    page.get_by_label("Uren per week").fill("32")
    page.get_by_label("Woonplaats").select_option("Nijmegen")
    page.get_by_label("Reisafstand in km").fill("25")
    page.get_by_label("Taalniveau Nederlands").select_option("B1")
    page.get_by_label("Heeft loonkostensubsidie nodig").check()
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_text("Het kandidaatprofiel is opgeslagen.")).to_be_visible()
    walk.step("kandidaatprofiel")

    page.goto("/medewerkers/werk/")
    page.get_by_role("link", name="Magazijnmedewerker").click()
    expect(page.get_by_role("heading", name="1. Fatima Zwart (past op alle eisen)")).to_be_visible()
    expect(page.get_by_text("Arnhem ligt 16 km van Nijmegen; wil tot 25 km reizen.")).to_be_visible()
    walk.step("matching")
    page.get_by_role("button", name="Voorstellen: Fatima Zwart").click()
    expect(page.get_by_text("Het voorstel staat klaar.")).to_be_visible()
    walk.step("voorstel")
    walk.log_out()

    # The employer sees the candidate without a name and invites.
    log_in_staff(page, "werkgever")
    page.get_by_role("link", name="Magazijnmedewerker").click()
    expect(page.get_by_role("heading", name="Kandidaat F.")).to_be_visible()
    assert "Zwart" not in page.content() and resident.bsn not in page.content()
    walk.step("werkgever-ziet-kandidaat-zonder-naam")
    page.get_by_label("Uitnodigen voor een gesprek").check()
    page.get_by_role("button", name="Antwoord geven").click()
    expect(page.get_by_text("Uw antwoord is doorgegeven")).to_be_visible()
    walk.log_out()

    # The consultant records consent and the placement with loonkostensubsidie.
    log_in_staff(page, "karin")
    page.goto("/medewerkers/werk/")
    page.get_by_role("link", name="Magazijnmedewerker").click()
    page.get_by_role("link", name="Voorstel: Fatima Zwart").click()
    page.get_by_label("De kandidaat stemt ermee in").check()
    page.get_by_role("button", name="Toestemming vastleggen").click()
    expect(page.get_by_text("De toestemming is vastgelegd.")).to_be_visible()
    page.get_by_label("Soort baan").select_option("maatwerkbaan")
    page.get_by_label("Startdatum").fill(dt.date.today().replace(day=1).isoformat())
    page.get_by_label("Brutoloon per maand (euro)").fill("2200")
    page.get_by_label("Loonkostensubsidie", exact=True).check()
    page.get_by_role("button", name="Plaatsing vastleggen").click()
    expect(page.locator("#id_plaatsing-loonwaarde_percent_error")).to_contain_text("Loonwaarde")
    assert not Placement.objects.exists()
    walk.step("plaatsing-fout")
    page.get_by_label("Loonwaarde (%)").fill("60")
    page.get_by_label("Loonkostensubsidie per maand (euro)").fill("880")
    page.get_by_label("Jobcoach", exact=True).check()
    page.get_by_label("Jobcoaching per maand (euro)").fill("150")
    page.get_by_label("Telt voor de banenafspraak").check()
    page.get_by_role("button", name="Plaatsing vastleggen").click()
    expect(page.get_by_text("De plaatsing en de instrumenten zijn vastgelegd.")).to_be_visible()
    walk.step("plaatsing")
    rows = monitor_rows()["instruments"]
    mine = {r["instrument"] for r in rows if r["person_id"] == person_key(resident.bsn)}
    assert mine == {"loonkostensubsidie", "jobcoaching", "maatwerkbaan"}
    page.goto(f"/medewerkers/klanten/{client.pk}/")
    expect(page.get_by_role("row", name="Loonkostensubsidie")).to_be_visible()
    walk.step("klantdossier-instrumenten")
    walk.log_out()

    # The employer now sees the name; the policy adviser sees the maatwerkbanen totals.
    log_in_staff(page, "werkgever")
    page.get_by_role("link", name="Magazijnmedewerker").click()
    expect(page.get_by_role("heading", name="Fatima Zwart")).to_be_visible()
    walk.step("werkgever-na-toestemming")
    walk.log_out()
    factories.UserFactory(username="beleid", role=Role.POLICY_ADVISER)
    log_in_staff(page, "beleid")
    page.goto("/medewerkers/werk/maatwerkbanen/")
    expect(page.get_by_role("heading", name="Maatwerkbanen: kosten en baten per maand")).to_be_visible()
    walk.step("maatwerkbanen")

    assert axe.violations == [], "\n".join(axe.violations)
    assert len(axe.scanned) >= 30
