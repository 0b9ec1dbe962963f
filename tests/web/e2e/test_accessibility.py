"""axe-core on every page a person can open: no serious or critical WCAG 2.1 A/AA violation.

The page list is checked against the URL configuration, so a new page without a scan fails here.
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver
from playwright.sync_api import Page

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Status
from tests.web import factories
from tests.web.casework.pages import CASEWORK_NOT_PAGES, CASEWORK_PAGES  # scanned in test_casework.py
from tests.web.citypass.pages import CITYPASS_NOT_PAGES, CITYPASS_PAGES  # scanned in test_citypass.py
from tests.web.conftest import ANSWERS
from tests.web.e2e.test_automated_decision import REVIEW_NOT_PAGES, REVIEW_PAGES  # scanned there
from tests.web.e2e.test_namens import MACHTIGINGEN_NOT_PAGES, MACHTIGINGEN_PAGES  # scanned there
from tests.web.e2e.test_product_cost_walk import PRODUCT_COST_PAGES  # scanned there
from tests.web.objection_pages import OBJECTION_NOT_PAGES, OBJECTION_PAGES  # scanned in test_objection.py
from tests.web.vroegsignalering import pages as signal_pages  # scanned in test_vroegsignalering.py

pytestmark = pytest.mark.e2e
PASSWORD = "een-lang-wachtwoord-2026"
# Not HTML pages: POST-only actions, file downloads, PDFs, the API, redirects, the admin and OIDC.
NOT_PAGES = {
    "portal:check-start",
    "portal:check-reset",
    "portal:check-result-pdf",
    "accounts:logout",
    "accounts:after-login",
    "applications:delete-document",
    "applications:document",
    "decisions:letter",
    "backoffice:home",
    "backoffice:decide",
    "backoffice:ask",
    "backoffice:note",
    "backoffice:document",
    "backoffice:procedure-dates",  # POST-only bijstand procedure actions (scanned on the case page)
    "backoffice:lift-search",
    "backoffice:start-date",
}


def page_names() -> set[str]:
    names = set()
    namespaces = ("portal", "accounts", "applications", "backoffice", "decisions", "citypass", "casework")
    namespaces += ("review", "vroegsignalering", "objections", "machtigingen")
    for namespace in namespaces:
        resolver = get_resolver().namespace_dict[namespace][1]
        names |= {f"{namespace}:{n}" for n in resolver.reverse_dict if isinstance(n, str)}
    names -= signal_pages.VROEGSIGNALERING_NOT_PAGES | REVIEW_NOT_PAGES | MACHTIGINGEN_NOT_PAGES
    return names - NOT_PAGES - CITYPASS_NOT_PAGES - CASEWORK_NOT_PAGES - OBJECTION_NOT_PAGES


def scan_all(page: Page, axe, paths: list[str]) -> None:
    for path in paths:
        page.goto(path)
        axe.scan(page)


def log_in_staff(page: Page, username: str) -> None:
    page.goto("/inloggen/medewerkers/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_every_page_has_no_serious_or_critical_violations(page: Page, axe, team):
    covered = {
        "portal:home",
        "portal:check-step",
        "portal:check-result",
        "accounts:login",
        "accounts:staff-login",
        "applications:start",
        "applications:draft-step",
        "applications:mine",
        "applications:detail",
        "backoffice:queue",
        "backoffice:case",
        "backoffice:figures",
    } | CITYPASS_PAGES
    covered |= CASEWORK_PAGES
    covered |= signal_pages.VROEGSIGNALERING_PAGES | REVIEW_PAGES
    covered |= OBJECTION_PAGES | MACHTIGINGEN_PAGES | PRODUCT_COST_PAGES
    assert page_names() <= covered, f"pages without an accessibility scan: {page_names() - covered}"

    # Anonymous: the start page, every step (with a partner, a child and a housemate), errors, outcome.
    page.goto("/regelingencheck/over-u/")
    page.get_by_label("Wat is uw geboortedatum?").fill("1980-01-01")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Ja").check()
    page.get_by_label("Hoeveel kinderen wonen bij u?").fill("1")
    page.get_by_label("Hoeveel andere volwassenen wonen bij u?").fill("1")
    page.get_by_role("button", name="Volgende").click()
    axe.scan(page)  # the ages step
    page.get_by_role("button", name="Volgende").click()
    axe.scan(page)  # the ages step with every error
    steps = ["inkomen", "wonen", "vermogen"]
    scan_all(
        page, axe, ["/", *[f"/regelingencheck/{s}/" for s in steps], "/inloggen/", "/inloggen/medewerkers/"]
    )
    page.goto("/bestaat-niet/")
    axe.scan(page)

    # A resident with a draft at every step and an application waiting for information.
    resident = factories.ResidentFactory(bsn="999990019", postcode="6521 AB")
    draft = factories.draft_for(resident, ANSWERS)
    [waiting] = drafts.submit(factories.draft_for(resident, ANSWERS))
    waiting.messages.create(text="Stuur uw loonstrook.")
    waiting.move_to(Status.INFO_REQUESTED)
    page.goto("/inloggen/")
    page.get_by_label("Burgerservicenummer (BSN)").fill("999990019")
    page.get_by_role("button", name="Inloggen").click()
    base = f"/aanvragen/concept/{draft.public_id}"
    scan_all(
        page,
        axe,
        [f"{base}/{s}/" for s in ("regelingen", "gegevens", "documenten", "controleren")]
        + ["/aanvragen/", f"/aanvragen/{waiting.public_id}/", "/aanvragen/nieuw/"],
    )
    page.get_by_role("button", name="Uitloggen").click()

    # Staff: consultant (queue, case), team lead and policy adviser (figures).
    factories.UserFactory(username="karin", role=Role.CONSULTANT, team=team)
    factories.UserFactory(username="beleid", role=Role.POLICY_ADVISER)
    log_in_staff(page, "karin")
    scan_all(page, axe, ["/medewerkers/werkvoorraad/", f"/medewerkers/aanvraag/{waiting.public_id}/"])
    page.get_by_role("button", name="Uitloggen").click()
    log_in_staff(page, "beleid")
    scan_all(page, axe, ["/medewerkers/cijfers/"])
    assert axe.violations == [], "\n".join(axe.violations)
    assert len(axe.scanned) >= 19  # the outcome page is scanned in test_flows.py


def test_the_lockout_page_is_accessible(page: Page, axe):
    factories.UserFactory(username="karin", role=Role.CONSULTANT)
    page.goto("/inloggen/medewerkers/")
    for _ in range(5):
        page.get_by_label("Gebruikersnaam").fill("karin")
        page.get_by_label("Wachtwoord").fill("fout")
        page.get_by_role("button", name="Inloggen").click()
    assert "te vaak geprobeerd" in page.content()
    axe.scan(page)
    assert axe.violations == [], "\n".join(axe.violations)
