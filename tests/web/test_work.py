"""Werkgeversservicepunt: employers and vacancies, candidates, matching, proposals, placements, the
maatwerkbanen figures; who may see what; bad input; the audit log; the monitor export."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.audit.models import AuditEntry
from meedoen.web.casework.models import Instrument
from meedoen.web.casework.monitor_export import monitor_rows
from meedoen.web.components.pseudonym import person_key
from meedoen.web.work import costbenefit
from meedoen.web.work.models import CandidateProfile, Employer, Placement, PlacementKind, Proposal, Vacancy
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer():
    return factories.work_employer(username="werkgever")


@pytest.fixture
def other_employer():
    return factories.work_employer(name="Zorg Oost", kvk="87654321", username="werkgever2")


@pytest.fixture
def candidate(team, consultant):
    client = factories.casework_client(
        team, consultant, spell_start=dt.date(2024, 1, 1), startkwalificatie=True
    )
    client.resident.first_name, client.resident.last_name = "Fatima", "Zwart"
    client.resident.save()
    return factories.work_candidate(client, certificates=["vca"], skills="magazijn, orderpicken")


@pytest.fixture
def vacancy(employer):
    return factories.work_vacancy(
        employer[0], certificates=["vca"], skills="magazijn", loonwaarde_possible=True
    )


@pytest.fixture
def proposal(vacancy, candidate, consultant):
    return Proposal.objects.create(vacancy=vacancy, candidate=candidate, proposed_by=consultant)


def vacancy_post(**overrides):
    data = {"title": "Heftruckchauffeur", "hours_per_week": "32", "place": "Arnhem", "certificates": ["vca"]}
    return {**data, **overrides}


# --- The employer ------------------------------------------------------------------------------


def test_employer_posts_a_vacancy(employer):
    org, account = employer
    response = logged_in(account).post("/werkgevers/vacatures/nieuw/", vacancy_post(language_level="B1"))
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert (vacancy.employer, vacancy.hours_per_week, vacancy.certificates, vacancy.language_level) == (
        org,
        32,
        ["vca"],
        "B1",
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hours_per_week", "veel", "Uren per week: vul een heel getal in, bijvoorbeeld 32."),
        ("hours_per_week", "60", "Uren per week: vul hoogstens 40 uur in."),
        ("certificates", ["kernfysicus"], "Certificaten: kernfysicus kennen wij niet. Kies uit de lijst."),
        ("language_level", "D4", "Taalniveau Nederlands: kies een niveau van A1 tot en met C2."),
        ("place", "Atlantis", "Werkplaats: kies een plaats uit de lijst."),
        ("title", "", "Functie: vul in om welk werk het gaat."),
    ],
)
def test_bad_vacancy_input_names_the_field_and_stores_nothing(employer, field, value, message):
    response = logged_in(employer[1]).post("/werkgevers/vacatures/nieuw/", vacancy_post(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Vacancy.objects.exists()


def test_employer_sees_only_own_vacancies(employer, other_employer, vacancy):
    theirs = factories.work_vacancy(other_employer[0], title="Verzorgende")
    client = logged_in(employer[1])
    page = client.get("/werkgevers/").content.decode()
    assert "Magazijnmedewerker" in page and "Verzorgende" not in page
    assert client.get(f"/werkgevers/vacatures/{theirs.pk}/").status_code == 404
    assert logged_in(other_employer[1]).get(f"/werkgevers/vacatures/{vacancy.pk}/").status_code == 404


def test_employer_sees_the_candidate_pseudonymised_until_consent(employer, proposal):
    resident = proposal.candidate.client.resident
    proposal.reasons = [
        {"met": True, "text": "Arnhem ligt 16 km van Wijchen; wil tot 20 km reizen.", "topic": "travel"},
        {"met": True, "text": "Heeft VCA (veiligheid).", "topic": "certificate"},
        {"met": True, "text": "Loonwaardemeting en loonkostensubsidie zijn mogelijk.", "topic": "loonwaarde"},
    ]
    proposal.save()
    url = f"/werkgevers/vacatures/{proposal.vacancy.pk}/"
    page = logged_in(employer[1]).get(url).content.decode()
    assert f"Kandidaat F. (nr. {proposal.candidate.pk})" in page
    assert "Past: Heeft VCA (veiligheid)." in page
    for secret in ("Fatima", "Zwart", resident.bsn, resident.postcode, "Wijchen", "loonkostensubsidie zijn"):
        assert secret not in page
    proposal.consent_at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    proposal.save()
    page = logged_in(employer[1]).get(url).content.decode()
    assert "Fatima Zwart" in page and "Wijchen" in page
    assert resident.bsn not in logged_in(employer[1]).get(url).content.decode()


def test_employer_reading_proposals_is_audited(employer, proposal):
    logged_in(employer[1]).get(f"/werkgevers/vacatures/{proposal.vacancy.pk}/")
    entry = AuditEntry.objects.get(actor_role=Role.EMPLOYER)
    assert (entry.object_type, entry.object_id, entry.subject_id) == (
        "client",
        str(proposal.candidate.client.pk),
        proposal.candidate.client.resident_id,
    )


def test_employer_answers_and_a_refusal_needs_a_reason(employer, other_employer, proposal):
    prefix = f"antwoord-{proposal.pk}"
    url = f"/werkgevers/voorstellen/{proposal.pk}/antwoord/"
    response = logged_in(employer[1]).post(url, {f"{prefix}-answer": "afwijzen"})
    assert response.status_code == 400
    assert "Reden: schrijf kort waarom u de kandidaat afwijst." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.answer == ""
    assert logged_in(other_employer[1]).post(url, {f"{prefix}-answer": "uitnodigen"}).status_code == 404
    response = logged_in(employer[1]).post(url, {f"{prefix}-answer": "uitnodigen"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.answer == "uitnodigen" and proposal.answered_at is not None


def test_employer_account_without_organisation_sees_nothing(db):
    lonely = factories.UserFactory(username="los", role=Role.EMPLOYER)
    assert logged_in(lonely).get("/werkgevers/").status_code == 403


# --- Staff -------------------------------------------------------------------------------------


def test_kvk_must_have_eight_digits_and_nothing_is_stored(consultant):
    client = logged_in(consultant)
    for bad in ("1234567", "123456789", "1234abcd"):
        response = client.post("/medewerkers/werk/werkgevers/nieuw/", {"name": "Bakkerij", "kvk_number": bad})
        assert response.status_code == 400
        assert "KvK-nummer: een KvK-nummer heeft precies 8 cijfers." in response.content.decode()
    assert not Employer.objects.exists()
    assert (
        client.post(
            "/medewerkers/werk/werkgevers/nieuw/", {"name": "Bakkerij", "kvk_number": "1234 5678"}
        ).status_code
        == 302
    )
    assert Employer.objects.get().kvk_number == "12345678"


def test_contact_moment_with_the_employer(consultant, employer):
    url = f"/medewerkers/werk/werkgevers/{employer[0].pk}/"
    client = logged_in(consultant)
    bad = client.post(url, {"on": "gisteren", "kind": "visit", "notes": "Kennismaking"})
    assert bad.status_code == 400 and "Vul een datum in zoals 31-01-2026." in bad.content.decode()
    assert not employer[0].contacts.exists()
    assert client.post(url, {"on": "2026-03-02", "kind": "visit", "notes": "Kennismaking"}).status_code == 302
    assert employer[0].contacts.get().by == consultant


def test_candidate_profile_kept_and_every_read_audited(consultant, team):
    client_row = factories.casework_client(team, consultant, spell_start=dt.date(2024, 1, 1))
    url = f"/medewerkers/werk/kandidaten/{client_row.pk}/"
    http = logged_in(consultant)
    assert http.get(url).status_code == 200
    data = {"hours_per_week": "24", "place": "Nijmegen", "travel_km": "15", "certificates": ["heftruck"]}
    assert http.post(url, data).status_code == 302
    profile = CandidateProfile.objects.get(client=client_row)
    assert (profile.hours_per_week, profile.certificates) == (24, ["heftruck"])
    http.get(url)
    reads = AuditEntry.objects.filter(object_type="client", object_id=str(client_row.pk), action="view")
    assert reads.count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hours_per_week", "twintig", "Uren per week: vul een heel getal in, bijvoorbeeld 32."),
        ("travel_km", "ver", "Reisafstand: vul een heel getal in, bijvoorbeeld 15."),
        ("certificates", ["toverstaf"], "Certificaten: toverstaf kennen wij niet. Kies uit de lijst."),
    ],
)
def test_bad_candidate_input_stores_nothing(consultant, candidate, field, value, message):
    data = {"hours_per_week": "24", "place": "Nijmegen", "travel_km": "15", field: value}
    response = logged_in(consultant).post(f"/medewerkers/werk/kandidaten/{candidate.client.pk}/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    candidate.refresh_from_db()
    assert (candidate.hours_per_week, candidate.place) == (32, "Arnhem")


def test_matching_ranks_the_own_teams_candidates_with_reasons(consultant, other_team, vacancy, candidate):
    weaker = factories.work_candidate(
        factories.casework_client(candidate.client.team, consultant), hours_per_week=16, skills="koken"
    )
    elsewhere = factories.work_candidate(factories.casework_client(other_team), skills="magazijn")
    page = logged_in(consultant).get(f"/medewerkers/werk/vacatures/{vacancy.pk}/").content.decode()
    first, second = page.index("1. Fatima Zwart"), page.index(f"2. {weaker.client.resident.display_name}")
    assert first < second
    assert "Kan 16 uur per week; de vacature vraagt 32." in page
    assert elsewhere.client.resident.display_name not in page
    assert AuditEntry.objects.filter(object_type="client", in_list=True).count() == 2


def test_propose_consent_place_and_the_monitor_export_has_the_instruments(
    consultant, employer, candidate, vacancy
):
    http = logged_in(consultant)
    assert (
        http.post(f"/medewerkers/werk/vacatures/{vacancy.pk}/voorstellen/{candidate.pk}/").status_code == 302
    )
    proposal = Proposal.objects.get()
    assert {"met": True, "text": "Heeft VCA (veiligheid).", "topic": "certificate"} in proposal.reasons
    # consent: the box must be ticked
    assert http.post(f"/medewerkers/werk/voorstellen/{proposal.pk}/toestemming/", {}).status_code == 400
    assert (
        http.post(
            f"/medewerkers/werk/voorstellen/{proposal.pk}/toestemming/", {"toestemming-agreed": "on"}
        ).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.consent_at is not None and proposal.consent_recorded_by == consultant
    proposal.answer = "uitnodigen"
    proposal.save()
    url = f"/medewerkers/werk/voorstellen/{proposal.pk}/plaatsing/"
    base = {
        "plaatsing-kind": "maatwerkbaan",
        "plaatsing-start_date": "2026-03-01",
        "plaatsing-wage_gross_month": "2200",
        "plaatsing-loonkostensubsidie": "on",
        "plaatsing-jobcoach": "on",
        "plaatsing-coaching_month": "150",
        "plaatsing-banenafspraak": "on",
    }
    missing = http.post(url, base)  # loonkostensubsidie without loonwaarde or amount
    assert missing.status_code == 400
    assert "Loonwaarde: vul de gemeten loonwaarde in procent in." in missing.content.decode()
    assert not Placement.objects.exists() and not Instrument.objects.exists()
    ok = {**base, "plaatsing-loonwaarde_percent": "60", "plaatsing-wage_subsidy_month": "880,50"}
    assert http.post(url, ok).status_code == 302
    placement = Placement.objects.get()
    assert (
        placement.loonwaarde_percent,
        placement.wage_subsidy_month_cents,
        placement.coaching_month_cents,
    ) == (
        60,
        88050,
        15000,
    )
    assert placement.wage_gross_month_cents == 220000
    rows = monitor_rows()["instruments"]
    key = person_key(candidate.client.resident.bsn)
    assert {
        "person_id": key,
        "instrument": "loonkostensubsidie",
        "start_date": "2026-03-01",
        "end_date": "",
    } in rows
    assert {r["instrument"] for r in rows if r["person_id"] == key} == {
        "loonkostensubsidie",
        "jobcoaching",
        "maatwerkbaan",
    }
    # banenafspraak counted for the employer
    assert (
        "Plaatsingen die meetellen voor de banenafspraak: <strong>1</strong>"
        in logged_in(employer[1]).get("/werkgevers/").content.decode()
    )
    # a second placement of the same proposal is refused
    http.post(url, ok)
    assert Placement.objects.count() == 1


# --- Who may see what --------------------------------------------------------------------------

STAFF_PAGES = [
    "/medewerkers/werk/",
    "/medewerkers/werk/werkgevers/nieuw/",
    "/medewerkers/werk/werkgevers/{employer}/",
    "/medewerkers/werk/kandidaten/{client}/",
    "/medewerkers/werk/vacatures/{vacancy}/",
    "/medewerkers/werk/voorstellen/{proposal}/",
]
EMPLOYER_PAGES = ["/werkgevers/", "/werkgevers/vacatures/nieuw/", "/werkgevers/vacatures/{vacancy}/"]


def _urls(pages, proposal):
    ids = {
        "employer": proposal.vacancy.employer_id,
        "client": proposal.candidate.client_id,
        "vacancy": proposal.vacancy_id,
        "proposal": proposal.pk,
    }
    return [p.format(**ids) for p in pages]


@pytest.mark.parametrize(
    "role", [Role.RESIDENT, Role.EMPLOYER, Role.POLICY_ADVISER, Role.JURIST, Role.PROVIDER, Role.ADMIN]
)
def test_staff_work_pages_refuse_other_roles(proposal, role):
    user = factories.UserFactory(username=f"x-{role}", role=role)
    http = logged_in(user)
    for url in _urls(STAFF_PAGES, proposal):
        assert http.get(url).status_code == 403, url


def test_staff_without_a_team_and_anonymous_see_nothing(proposal):
    teamless = logged_in(factories.UserFactory(username="zonder-team", role=Role.CONSULTANT, team=None))
    for url in [*_urls(STAFF_PAGES, proposal), "/medewerkers/werk/maatwerkbanen/"]:
        assert teamless.get(url).status_code == 403, url
    anonymous = Client()
    for url in [*_urls(STAFF_PAGES + EMPLOYER_PAGES, proposal), "/medewerkers/werk/maatwerkbanen/"]:
        response = anonymous.get(url)
        assert response.status_code == 302 and "/inloggen/" in response["Location"], url


def test_consultant_of_another_team_gets_no_candidate_or_proposal(proposal, other_consultant):
    http = logged_in(other_consultant)
    assert http.get(f"/medewerkers/werk/kandidaten/{proposal.candidate.client_id}/").status_code == 404
    assert http.get(f"/medewerkers/werk/voorstellen/{proposal.pk}/").status_code == 404
    url = f"/medewerkers/werk/voorstellen/{proposal.pk}/"
    assert http.post(url + "toestemming/", {"toestemming-agreed": "on"}).status_code == 404
    assert http.post(url + "plaatsing/", {}).status_code == 404
    assert (
        http.post(
            f"/medewerkers/werk/vacatures/{proposal.vacancy_id}/voorstellen/{proposal.candidate_id}/"
        ).status_code
        == 404
    )
    page = http.get(f"/medewerkers/werk/vacatures/{proposal.vacancy_id}/").content.decode()
    assert "Fatima" not in page
    proposal.refresh_from_db()
    assert proposal.consent_at is None


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.CONSULTANT, Role.TEAM_LEAD, Role.POLICY_ADVISER])
def test_employer_pages_refuse_every_other_role(proposal, team, role):
    user = factories.UserFactory(
        username=f"y-{role}", role=role, team=team if role != Role.RESIDENT else None
    )
    http = logged_in(user)
    for url in _urls(EMPLOYER_PAGES, proposal):
        assert http.get(url).status_code == 403, url
    assert http.post(f"/werkgevers/voorstellen/{proposal.pk}/antwoord/", {}).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.POLICY_ADVISER, 200),
        (Role.TEAM_LEAD, 200),
        (Role.CONSULTANT, 403),
        (Role.EMPLOYER, 403),
        (Role.RESIDENT, 403),
    ],
)
def test_maatwerkbanen_page_for_the_figures_roles_only(team, role, status):
    user = factories.UserFactory(
        username=f"z-{role}", role=role, team=team if role != Role.RESIDENT else None
    )
    assert logged_in(user).get("/medewerkers/werk/maatwerkbanen/").status_code == status


# --- Maatwerkbanen: cost and benefit ------------------------------------------------------------


def _maatwerk_placement(proposal, wage_cents: int, start: dt.date) -> Placement:
    return Placement.objects.create(
        proposal=proposal,
        kind=PlacementKind.MAATWERKBAAN,
        start_date=start,
        wage_gross_month_cents=wage_cents,
        wage_subsidy_month_cents=90000,
        coaching_month_cents=12500,
    )


def test_maatwerkbaan_saving_comes_from_the_rules_for_the_household(proposal):
    """The client's household (the check's ANSWERS: single, 42, net income €450) on 1 July 2026 gets
    the norm for a single person of 21 to AOW age, €1.419,46 (Participatiewet art. 21a, normen.yaml
    2026-07-01), minus the €450 income: €969,46 of bijstand. A wage of €4.000 gross a month ends the
    bijstand, so the saving is the whole €969,46."""
    resident = proposal.candidate.client.resident
    submission = factories.draft_for(resident, ANSWERS)
    from meedoen.web.applications import drafts

    drafts.submit(submission)
    placement = _maatwerk_placement(proposal, 400000, dt.date(2026, 1, 1))
    household = costbenefit.household_of(placement)
    assert household is not None
    amount, status = costbenefit.saving(household, dt.date(2026, 7, 1), placement)
    assert amount == 96946
    assert status in ("final", "provisional")
    rows = costbenefit.totals([dt.date(2025, 12, 1), dt.date(2026, 7, 1)])
    assert rows[0].placements == 0 and rows[0].cost_cents == 0
    assert (rows[1].placements, rows[1].cost_cents, rows[1].saving_cents) == (1, 102500, 96946)
    assert rows[1].net_cents == 96946 - 102500


def test_a_household_unknown_to_the_engine_is_never_counted_as_nil(proposal):
    _maatwerk_placement(proposal, 200000, dt.date(2026, 1, 1))  # no application on file
    (row,) = costbenefit.totals([dt.date(2026, 7, 1)])
    assert (row.placements, row.saving_unknown, row.saving_cents) == (1, 1, 0)


def test_maatwerkbanen_page_shows_aggregates_only(proposal, team):
    _maatwerk_placement(proposal, 200000, dt.date(2020, 1, 1))
    adviser = factories.UserFactory(username="beleid", role=Role.POLICY_ADVISER)
    page = logged_in(adviser).get("/medewerkers/werk/maatwerkbanen/").content.decode()
    assert "Onbekend" in page and "€\u00a0900,00" in page
    assert "Fatima" not in page and proposal.candidate.client.resident.bsn not in page
    # the notes explain only what the table shows: an unknown saving here, nothing provisional
    assert "Onbekend: van het huishouden" in page and "Voorlopig: het bedrag" not in page


def test_maatwerkbanen_page_without_jobs_explains_nothing_it_does_not_show(team):
    adviser = factories.UserFactory(username="beleid", role=Role.POLICY_ADVISER)
    page = logged_in(adviser).get("/medewerkers/werk/maatwerkbanen/").content.decode()
    assert "Onbekend" not in page and "Voorlopig" not in page


def test_an_employer_s_header_names_the_employers_part_not_staff(employer):
    page = logged_in(employer[1]).get("/werkgevers/").content.decode()
    assert "</span> Werkgevers" in page and "</span> Medewerkers" not in page
