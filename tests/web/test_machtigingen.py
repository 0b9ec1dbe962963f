"""Machtigen: authorising a person, acting namens a resident within exactly what the authorisation covers,
the audit of everything done namens, revoking at once, and sharing one check result read-only.

Every boundary is attacked: another resident, another scheme, another action, after the end date, after
revocation, before the start date, staff roles, anonymous."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Submission
from meedoen.web.audit.models import Action, AuditEntry
from meedoen.web.citypass.models import Pass
from meedoen.web.decisions.models import Outcome
from meedoen.web.decisions.recording import record_decision
from meedoen.web.machtigingen.models import Act, Machtiging, SharedCheck
from meedoen.web.machtigingen.namens import SESSION_KEY
from meedoen.web.objections.models import Objection
from tests.web import factories
from tests.web.conftest import ANSWERS, fill_check, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(db):
    return factories.ResidentFactory(postcode="6521 AB", first_name="Fatima", last_name="Bakker")


@pytest.fixture
def agent(db):
    return factories.ResidentFactory(postcode="6522 CD", first_name="Youssef", last_name="Bakker")


def authorise(
    resident, agent, schemes=("meedoenregeling",), acts=(Act.APPLY, Act.VIEW), **dates
) -> Machtiging:
    today = timezone.localdate()
    return Machtiging.objects.create(
        resident=resident,
        resident_name=resident.get_full_name(),
        agent=agent,
        agent_name=agent.get_full_name(),
        relation="familie",
        schemes=list(schemes),
        acts=list(acts),
        starts_on=dates.get("starts_on", today),
        ends_on=dates.get("ends_on", today + dt.timedelta(days=30)),
    )


def acting(agent, machtiging: Machtiging) -> Client:
    client = logged_in(agent)
    response = client.post("/machtigingen/namens/", {"namens": str(machtiging.public_id)})
    assert response.status_code == 302 and response.url == "/machtigingen/namens/start/"
    return client


def form_data(agent_bsn: str, **overrides) -> dict:
    today = timezone.localdate()
    data = {
        "resident_name": "Fatima Bakker",
        "agent_bsn": agent_bsn,
        "agent_name": "Youssef Bakker",
        "relation": "familie",
        "schemes": ["meedoenregeling"],
        "acts": ["aanvragen", "inzien"],
        "starts_on": today.isoformat(),
        "ends_on": (today + dt.timedelta(days=90)).isoformat(),
    }
    return {**data, **overrides}


def submitted(resident, scheme: str):
    [application] = drafts.submit(factories.draft_for(resident, ANSWERS, (scheme,)))
    return application


# ------------------------------------------------------------------ authorising


def test_a_resident_authorises_a_known_person_for_chosen_schemes_actions_and_period(resident, agent):
    client = logged_in(resident)
    assert client.get("/machtigingen/nieuw/").status_code == 200
    response = client.post("/machtigingen/nieuw/", form_data(agent.bsn))
    assert response.status_code == 302
    m = Machtiging.objects.get()
    assert (m.resident, m.agent, m.schemes, m.acts) == (
        resident,
        agent,
        ["meedoenregeling"],
        ["aanvragen", "inzien"],
    )
    assert m.ends_on == timezone.localdate() + dt.timedelta(days=90)
    assert AuditEntry.objects.filter(
        actor_id=resident.pk, action=Action.CREATE, what__contains="machtiging"
    ).exists()
    page = client.get("/machtigingen/").content.decode()
    assert "Youssef Bakker" in page and "Meedoen-regeling" in page and "Actief" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"agent_bsn": "123456789"}, "BSN: dit is geen geldig burgerservicenummer"),
        ({"agent_bsn": "12345"}, "BSN: dit is geen geldig burgerservicenummer"),
        ({"agent_bsn": ""}, "Vul het BSN in van de persoon die u wilt machtigen."),
        ({"schemes": []}, "Kies minstens één regeling."),
        ({"schemes": ["bestaat_niet"]}, "Regelingen: kies uit de regelingen in de lijst."),
        ({"acts": ["alles"]}, "Kies uit de dingen in de lijst."),
        ({"acts": []}, "Kies minstens één ding dat deze persoon voor u mag doen."),
        ({"starts_on": "2020-01-01"}, "Eerste dag: deze dag is al voorbij."),
        ({"starts_on": "31-02-2027"}, "Eerste dag: vul een datum in zoals 31-01-2026."),
        (
            {"ends_on": (dt.date.today() - dt.timedelta(days=1)).isoformat()},
            "Laatste dag: deze dag ligt vóór",
        ),
        ({"ends_on": (dt.date.today() + dt.timedelta(days=6 * 366)).isoformat()}, "hooguit 5 jaar"),
    ],
)
def test_bad_input_gets_a_specific_message_and_authorises_nobody(resident, agent, change, message):
    response = logged_in(resident).post("/machtigingen/nieuw/", {**form_data(agent.bsn), **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Machtiging.objects.exists()


def test_no_authorisation_for_oneself(resident):
    response = logged_in(resident).post("/machtigingen/nieuw/", form_data(resident.bsn))
    assert response.status_code == 400
    assert "BSN: dit is uw eigen BSN. U kunt uzelf niet machtigen." in response.content.decode()
    assert not Machtiging.objects.exists()


def test_no_authorisation_for_an_unknown_bsn(resident):
    known = {resident.bsn}
    unknown = next(b for b in factories.valid_bsns() if b not in known and not b.startswith("99999000"))
    response = logged_in(resident).post("/machtigingen/nieuw/", form_data(unknown))
    assert response.status_code == 400
    assert "BSN: wij kennen niemand met dit BSN" in response.content.decode()
    assert not Machtiging.objects.exists()


def test_no_authorisation_for_a_staff_account(resident):
    staff = factories.UserFactory(role=Role.CONSULTANT, bsn="999990019")
    response = logged_in(resident).post("/machtigingen/nieuw/", form_data(staff.bsn))
    assert response.status_code == 400
    assert "deze persoon kan niet met DigiD namens u handelen" in response.content.decode()
    assert not Machtiging.objects.exists()


def test_staff_and_anonymous_cannot_open_the_authorisation_pages(resident, agent, consultant):
    m = authorise(resident, agent)
    for path in ("/machtigingen/", "/machtigingen/nieuw/", "/machtigingen/namens/", "/machtigingen/delen/"):
        assert logged_in(consultant).get(path).status_code == 403
        anonymous = Client().get(path)
        assert anonymous.status_code == 302 and anonymous.url.startswith("/inloggen/")
    assert logged_in(consultant).post(f"/machtigingen/{m.public_id}/intrekken/").status_code == 403
    assert Client().post(f"/machtigingen/{m.public_id}/intrekken/").status_code == 302
    m.refresh_from_db()
    assert m.revoked_at is None


def test_another_resident_cannot_revoke_or_see_an_authorisation(resident, agent, other_resident):
    m = authorise(resident, agent)
    assert logged_in(other_resident).post(f"/machtigingen/{m.public_id}/intrekken/").status_code == 404
    assert logged_in(agent).post(f"/machtigingen/{m.public_id}/intrekken/").status_code == 404
    m.refresh_from_db()
    assert m.revoked_at is None
    assert "Youssef" not in logged_in(other_resident).get("/machtigingen/").content.decode()


# ------------------------------------------------------------------ choosing and acting namens


def test_after_logging_in_an_agent_chooses_for_whom(resident, agent):
    authorise(resident, agent)
    client = logged_in(agent)
    assert client.get("/inloggen/verder/").url == "/machtigingen/namens/"
    page = client.get("/machtigingen/namens/").content.decode()
    assert "Namens Fatima Bakker handelen" in page and "Voor mezelf" in page
    # without an authorisation a resident lands on their own applications
    assert logged_in(resident).get("/inloggen/verder/").url == "/aanvragen/"


def test_only_authorisations_in_force_can_be_chosen(resident, agent):
    today = timezone.localdate()
    future = authorise(resident, agent, starts_on=today + dt.timedelta(days=1))
    ended = authorise(
        resident, agent, starts_on=today - dt.timedelta(days=10), ends_on=today - dt.timedelta(days=1)
    )
    revoked = authorise(resident, agent)
    revoked.revoked_at = timezone.now()
    revoked.save()
    client = logged_in(agent)
    assert "Namens Fatima" not in client.get("/machtigingen/namens/").content.decode()
    for m in (future, ended, revoked):
        response = client.post("/machtigingen/namens/", {"namens": str(m.public_id)})
        assert response.status_code == 400
        assert "Deze machtiging geldt (nu) niet." in response.content.decode()
        assert SESSION_KEY not in client.session
    # someone else's authorisation cannot be chosen either
    stranger = factories.ResidentFactory()
    m = authorise(resident, agent)
    assert logged_in(stranger).post("/machtigingen/namens/", {"namens": str(m.public_id)}).status_code == 400


def test_pages_say_clearly_on_whose_behalf(resident, agent):
    client = acting(agent, authorise(resident, agent))
    for path in ("/machtigingen/namens/start/", "/aanvragen/", "/regelingencheck/over-u/"):
        assert "U handelt namens Fatima Bakker." in client.get(path).content.decode()
    assert "U handelt namens" not in logged_in(agent).get("/aanvragen/").content.decode()


def test_the_agent_applies_namens_the_resident_and_everything_is_audited(resident, agent):
    m = authorise(resident, agent)
    client = acting(agent, m)
    fill_check(client)
    response = client.post("/aanvragen/nieuw/")
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.resident == resident  # the resident's application, not the agent's
    assert submission.schemes == ["meedoenregeling"]  # only what the authorisation covers is chosen
    assert not Submission.objects.filter(resident=agent).exists()
    trail = AuditEntry.objects.filter(actor_id=agent.pk)
    assert trail.exists() and all(e.subject_id == resident.pk for e in trail)
    assert all(e.why.startswith(f"namens Fatima Bakker (machtiging {m.pk}):") for e in trail)
    assert trail.filter(action=Action.CHANGE, what="een aanvraag begonnen").exists()
    assert trail.filter(action=Action.CHANGE, what="de Regelingencheck ingevuld").exists()
    # the resident sees what was done namens them
    overview = logged_in(resident).get("/machtigingen/").content.decode()
    assert "Wat Youssef Bakker namens u deed" in overview and "een aanvraag begonnen" in overview


def test_acting_outside_the_chosen_schemes_is_refused_and_changes_nothing(resident, agent):
    client = acting(agent, authorise(resident, agent))
    fill_check(client)
    client.post("/aanvragen/nieuw/")
    submission = Submission.objects.get()
    response = client.post(
        f"/aanvragen/concept/{submission.public_id}/regelingen/", {"schemes": ["bijstand"]}
    )
    assert response.status_code == 403
    assert "Uw machtiging van Fatima Bakker geldt niet voor Bijstandsuitkering." in response.content.decode()
    submission.refresh_from_db()
    assert submission.schemes == ["meedoenregeling"]


def test_a_draft_of_another_scheme_or_another_resident_is_out_of_reach(resident, agent, other_resident):
    own_bijstand = factories.draft_for(resident, ANSWERS, ("bijstand",))
    strangers = factories.draft_for(other_resident, ANSWERS, ("meedoenregeling",))
    client = acting(agent, authorise(resident, agent))
    assert client.get(f"/aanvragen/concept/{own_bijstand.public_id}/gegevens/").status_code == 403
    assert client.get(f"/aanvragen/concept/{strangers.public_id}/gegevens/").status_code == 404
    mine = client.get("/aanvragen/").content.decode()
    assert str(own_bijstand.public_id) not in mine and str(strangers.public_id) not in mine


def test_mijn_aanvragen_namens_shows_only_the_covered_schemes(resident, agent, team):
    meedoen, bijstand = submitted(resident, "meedoenregeling"), submitted(resident, "bijstand")
    client = acting(agent, authorise(resident, agent))
    page = client.get("/aanvragen/").content.decode()
    assert str(meedoen.public_id) in page and str(bijstand.public_id) not in page
    assert client.get(f"/aanvragen/{meedoen.public_id}/").status_code == 200
    response = client.get(f"/aanvragen/{bijstand.public_id}/")
    assert response.status_code == 403 and "geldt niet voor Bijstandsuitkering" in response.content.decode()


def test_another_action_is_refused(resident, agent, team, consultant):
    application = submitted(resident, "meedoenregeling")
    decision = record_decision(application, Outcome.REJECTED, by=consultant, motivation="Geen bewijs.")
    only_view = acting(agent, authorise(resident, agent, acts=(Act.VIEW,)))
    fill_check(only_view)
    response = only_view.post("/aanvragen/nieuw/")
    assert response.status_code == 403
    assert "geldt niet voor: de regelingencheck doen en aanvragen" in response.content.decode()
    before = application.messages.count()
    assert (
        only_view.post(f"/aanvragen/{application.public_id}/", {"bericht-text": "Hallo"}).status_code == 403
    )
    assert application.messages.count() == before
    assert only_view.get(f"/besluiten/{decision.public_id}/brief.pdf").status_code == 200
    assert only_view.get(f"/bezwaar/besluit/{decision.public_id}/").status_code == 403

    only_apply = acting(agent, authorise(resident, agent, acts=(Act.APPLY,)))
    assert only_apply.get(f"/besluiten/{decision.public_id}/brief.pdf").status_code == 403
    assert only_apply.get("/stadspas/mijn-pas/").status_code == 403


def test_an_objection_namens_is_filed_for_the_resident(resident, agent, team, consultant):
    application = submitted(resident, "meedoenregeling")
    decision = record_decision(application, Outcome.REJECTED, by=consultant, motivation="Geen bewijs.")
    client = acting(agent, authorise(resident, agent, acts=(Act.OBJECT,)))
    response = client.post(f"/bezwaar/besluit/{decision.public_id}/", {"grounds": "Haar inkomen is laag."})
    assert response.status_code == 302
    objection = Objection.objects.get(decision=decision)
    assert objection.resident == resident
    assert client.get(f"/bezwaar/{objection.public_id}/ontvangen/").status_code == 200
    assert AuditEntry.objects.filter(
        actor_id=agent.pk, subject_id=resident.pk, action=Action.CREATE, why__startswith="namens Fatima"
    ).exists()


def test_the_city_pass_namens_needs_inzien(resident, agent):
    client = acting(agent, authorise(resident, agent, acts=(Act.VIEW,)))
    assert client.get("/stadspas/mijn-pas/").status_code == 200
    assert AuditEntry.objects.filter(actor_id=agent.pk, subject_id=resident.pk, what="stadspassen").exists()
    assert Pass.objects.count() == 0


def test_revoking_stops_acting_at_once(resident, agent):
    m = authorise(resident, agent)
    client = acting(agent, m)
    assert client.get("/aanvragen/").status_code == 200
    response = logged_in(resident).post(f"/machtigingen/{m.public_id}/intrekken/")
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.revoked_at is not None
    response = client.get("/aanvragen/")
    assert response.status_code == 302 and response.url == "/machtigingen/namens/beeindigd/"
    assert SESSION_KEY not in client.session
    assert "U handelt namens" not in client.get("/aanvragen/").content.decode()
    # a POST after revocation does nothing for the resident either
    fill_check(client)
    client.post("/aanvragen/nieuw/")
    assert not Submission.objects.filter(resident=resident).exists()
    assert "Ingetrokken" in logged_in(resident).get("/machtigingen/").content.decode()


def test_acting_stops_after_the_last_day(resident, agent):
    m = authorise(resident, agent)
    client = acting(agent, m)
    Machtiging.objects.filter(pk=m.pk).update(
        starts_on=timezone.localdate() - dt.timedelta(days=5),
        ends_on=timezone.localdate() - dt.timedelta(days=1),
    )
    response = client.get("/aanvragen/")
    assert response.status_code == 302 and response.url == "/machtigingen/namens/beeindigd/"
    assert SESSION_KEY not in client.session


def test_staff_cannot_act_namens_even_with_the_session_key(resident, agent, consultant):
    m = authorise(resident, agent)
    client = logged_in(consultant)
    session = client.session
    session[SESSION_KEY] = m.pk
    session.save()
    client.get("/")
    assert SESSION_KEY not in client.session
    assert "U handelt namens" not in client.get("/").content.decode()
    # and another resident with the key of someone else's authorisation gets nothing either
    other = factories.ResidentFactory()
    client = logged_in(other)
    session = client.session
    session[SESSION_KEY] = m.pk
    session.save()
    client.get("/aanvragen/")
    assert SESSION_KEY not in client.session
    assert not Submission.objects.filter(resident=resident).exists()


def test_authorising_and_sharing_are_never_done_namens(resident, agent):
    client = acting(agent, authorise(resident, agent, acts=list(Act)))
    for path in ("/machtigingen/", "/machtigingen/nieuw/", "/machtigingen/delen/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Alleen Fatima Bakker zelf kan" in response.content.decode()
    other = factories.ResidentFactory()
    response = client.post("/machtigingen/nieuw/", form_data(other.bsn))
    assert response.status_code == 403
    assert Machtiging.objects.count() == 1


def test_stopping_clears_the_answers_typed_for_the_resident(resident, agent):
    client = acting(agent, authorise(resident, agent))
    fill_check(client)
    assert client.post("/machtigingen/namens/stoppen/").status_code == 302
    assert SESSION_KEY not in client.session and "regelingencheck" not in client.session


# ------------------------------------------------------------------ sharing one check result


def share(client: Client, **overrides) -> tuple[SharedCheck, str]:
    data = {
        "recipient_name": "Petra de Wit",
        "recipient_organisation": "Schuldhulp Nijmegen",
        "recipient_email": "petra@schuldhulp.example",
        "days": "14",
        **overrides,
    }
    response = client.post("/machtigingen/delen/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(response.url).content.decode()
    link = page.split('id="deellink" type="text" readonly value="', 1)[1].split('"', 1)[0]
    return SharedCheck.objects.latest("id"), link


def test_a_resident_shares_one_check_result_read_only_until_it_expires(resident):
    client = logged_in(resident)
    fill_check(client)
    shared, link = share(client)
    path = link.split("testserver", 1)[1]
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert resident.bsn not in link and "Bakker" not in link and len(token) >= 40
    assert shared.token_hash != token and token not in str(SharedCheck.objects.values().get())
    # the link is shown once
    assert "deellink" not in client.get(f"/machtigingen/delen/{shared.public_id}/").content.decode()

    professional = Client()
    response = professional.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Uitkomst van de Regelingencheck" in page and "Meedoen-regeling" in page
    assert "<form" not in page.split('id="inhoud"', 1)[1]  # read-only: nothing to send
    assert response["Referrer-Policy"] == "no-referrer"
    read = AuditEntry.objects.get(what=f"gedeelde uitkomst {shared.public_id}")
    assert read.subject_id == resident.pk and "Petra de Wit" in read.why and read.actor_name == "anoniem"
    shared.refresh_from_db()
    assert shared.read_count == 1
    assert "Bekeken: 1 keer" in client.get("/machtigingen/").content.decode()

    SharedCheck.objects.filter(pk=shared.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = professional.get(path)
    assert response.status_code == 410
    assert "De tijd waarin u deze uitkomst mocht bekijken, is voorbij." in response.content.decode()
    assert "Meedoen-regeling" not in response.content.decode()
    assert AuditEntry.objects.filter(what=f"gedeelde uitkomst {shared.public_id}").count() == 1


def test_a_shared_result_can_be_revoked_by_its_owner_only(resident, other_resident):
    client = logged_in(resident)
    fill_check(client)
    shared, link = share(client)
    path = link.split("testserver", 1)[1]
    assert (
        logged_in(other_resident).post(f"/machtigingen/delen/{shared.public_id}/intrekken/").status_code
        == 404
    )
    assert Client().get(path).status_code == 200
    assert client.post(f"/machtigingen/delen/{shared.public_id}/intrekken/").status_code == 302
    response = Client().get(path)
    assert (
        response.status_code == 410
        and "heeft het delen van deze uitkomst gestopt" in response.content.decode()
    )


def test_unknown_share_tokens_are_not_found():
    assert Client().get("/machtigingen/gedeeld/" + "a" * 43 + "/").status_code == 404
    assert Client().get("/machtigingen/gedeeld/kort/").status_code == 404


def test_sharing_needs_a_completed_check_and_valid_input(resident):
    client = logged_in(resident)
    response = client.get("/machtigingen/delen/")
    assert response.status_code == 302 and response.url.startswith("/regelingencheck/")
    fill_check(client)
    response = client.post(
        "/machtigingen/delen/",
        {
            "recipient_name": "Petra",
            "recipient_organisation": "",
            "recipient_email": "geen-adres",
            "days": "365",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "E-mailadres: vul een e-mailadres in zoals naam@organisatie.nl." in page
    assert "Vul in bij welke organisatie de hulpverlener werkt." in page
    assert "Kies 1 dag, 1 week, 2 weken of 30 dagen." in page
    assert not SharedCheck.objects.exists()


def test_staff_cannot_create_shares(consultant):
    assert logged_in(consultant).post("/machtigingen/delen/", {}).status_code == 403
    assert not SharedCheck.objects.exists()
