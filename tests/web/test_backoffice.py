"""The consultant's work: the team queue, the case page, deciding, asking, notes, figures."""

import pytest

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Status
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

pytestmark = pytest.mark.django_db
RICH = {**ANSWERS, "inkomen": {"income": "4000"}}


@pytest.fixture
def rejected_by_engine(resident, team):
    return drafts.submit(factories.draft_for(resident, RICH, schemes=("bijstand",)))[0]


def test_queue_filters_and_case_page_shows_the_engine_explanation(consultant, rejected_by_engine):
    client = logged_in(consultant)
    queue = client.get("/medewerkers/werkvoorraad/").content.decode()
    assert str(rejected_by_engine.public_id) in queue
    assert (
        str(rejected_by_engine.public_id)
        not in client.get("/medewerkers/werkvoorraad/?status=granted").content.decode()
    )
    assert (
        "Geen aanvragen gevonden" in client.get("/medewerkers/werkvoorraad/?search=niemand").content.decode()
    )
    case = client.get(f"/medewerkers/aanvraag/{rejected_by_engine.public_id}/").content.decode()
    assert "Uitleg van de berekening" in case and "Alle rekenstappen" in case and "Geen recht" in case


def test_a_rejection_needs_a_motivation_and_is_then_recorded(consultant, rejected_by_engine):
    client = logged_in(consultant)
    url = f"/medewerkers/aanvraag/{rejected_by_engine.public_id}/besluit/"
    missing = client.post(url, {"outcome": "rejected", "motivation": ""})
    assert missing.status_code == 400 and "Leg de inwoner uit waarom u afwijst." in missing.content.decode()
    done = client.post(url, {"outcome": "rejected", "motivation": "Uw inkomen is te hoog."})
    assert done.status_code == 302
    rejected_by_engine.refresh_from_db()
    decision = rejected_by_engine.decision
    assert rejected_by_engine.status == Status.REJECTED
    assert not decision.automated and decision.decided_by == consultant and decision.trace
    assert decision.parameter_version.startswith("parameters-")
    letter = client.get(f"/besluiten/{decision.public_id}/brief.pdf")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    again = client.post(url, {"outcome": "granted"}, follow=True)
    assert "Over deze aanvraag is al besloten." in again.content.decode()


def test_ask_for_information_then_the_resident_answers(consultant, rejected_by_engine):
    client = logged_in(consultant)
    client.post(
        f"/medewerkers/aanvraag/{rejected_by_engine.public_id}/vraag/", {"question": "Stuur uw loonstrook."}
    )
    rejected_by_engine.refresh_from_db()
    assert rejected_by_engine.status == Status.INFO_REQUESTED
    resident = logged_in(rejected_by_engine.submission.resident)
    page = resident.get(f"/aanvragen/{rejected_by_engine.public_id}/").content.decode()
    assert "Stuur uw loonstrook." in page and "Wij hebben nog informatie van u nodig" in page
    resident.post(
        f"/aanvragen/{rejected_by_engine.public_id}/", {"action": "message", "bericht-text": "Zie bijlage."}
    )
    rejected_by_engine.refresh_from_db()
    assert rejected_by_engine.status == Status.IN_REVIEW


def test_notes_stay_internal(consultant, rejected_by_engine):
    logged_in(consultant).post(
        f"/medewerkers/aanvraag/{rejected_by_engine.public_id}/notitie/", {"text": "Gebeld, geen gehoor."}
    )
    assert rejected_by_engine.notes.get().author == consultant
    page = logged_in(rejected_by_engine.submission.resident).get(
        f"/aanvragen/{rejected_by_engine.public_id}/"
    )
    assert "Gebeld, geen gehoor." not in page.content.decode()


def test_figures_are_aggregates_without_names(rejected_by_engine):
    adviser = factories.UserFactory(role=Role.POLICY_ADVISER)
    page = logged_in(adviser).get("/medewerkers/cijfers/").content.decode()
    assert "Bijstandsuitkering" in page
    resident = rejected_by_engine.submission.resident
    assert resident.last_name not in page and resident.bsn not in page


def test_home_sends_each_role_to_its_page(consultant):
    assert logged_in(consultant).get("/medewerkers/")["Location"].endswith("/werkvoorraad/")
    adviser = factories.UserFactory(role=Role.POLICY_ADVISER)
    assert logged_in(adviser).get("/medewerkers/")["Location"].endswith("/cijfers/")
    landing = {
        Role.OUTREACH_WORKER: "/vroegsignalering/",
        Role.SIGNALS_LEAD: "/vroegsignalering/",
        Role.DEBT_PARTNER: "/vroegsignalering/",
        Role.PROVIDER: "/stadspas/aanbieder/",
        Role.PASS_OFFICER: "/stadspas/gemeente/",
    }
    for role, page in landing.items():
        user = factories.UserFactory(role=role)
        assert logged_in(user).get("/medewerkers/")["Location"] == page, role
