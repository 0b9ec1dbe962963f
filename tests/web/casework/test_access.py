"""Who may see a case: only the consultant and team lead of the client's own area team (404 for
another team's), every view of personal data in the audit log, the full BSN only for case roles."""

from __future__ import annotations

import pytest
from django.test import Client

from meedoen.web.audit.models import Action, AuditEntry
from meedoen.web.casework.caseload import PURPOSE
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


def pages(client_) -> list[str]:
    base = f"/medewerkers/klanten/{client_.pk}"
    spell = client_.spells.get()
    return [f"{base}/", f"{base}/plan/", f"{base}/uitkering/{spell.pk}/beeindigen/"]


def test_the_consultant_and_team_lead_of_the_team_open_the_case(client_, consultant, team_lead):
    for user in (consultant, team_lead):
        for url in pages(client_):
            response = logged_in(user).get(url)
            assert response.status_code == 200, url
    page = logged_in(consultant).get(f"/medewerkers/klanten/{client_.pk}/").content.decode()
    assert client_.resident.bsn in page  # case roles need the full BSN (Suwinet)


@pytest.mark.parametrize("who", ["other_consultant", "other_team_lead"])
def test_another_teams_staff_get_404_for_every_page_and_action(client_, who, request):
    user = request.getfixturevalue(who)
    browser = logged_in(user)
    for url in pages(client_):
        assert browser.get(url).status_code == 404, url
    base = f"/medewerkers/klanten/{client_.pk}"
    for action in ("stap", "instrument", "uitkering", "schuldhulp"):
        assert browser.post(f"{base}/{action}/", {}).status_code == 404, action
    assert client_.instruments.count() == 0
    assert not AuditEntry.objects.filter(subject_id=client_.resident_id).exists()


def test_other_roles_are_refused(client_, adviser, resident):
    for user in (adviser, resident):
        assert logged_in(user).get(f"/medewerkers/klanten/{client_.pk}/").status_code == 403
        assert logged_in(user).get("/medewerkers/klanten/").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client_):
    response = Client().get(f"/medewerkers/klanten/{client_.pk}/")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_a_case_view_and_a_change_are_in_the_audit_log(client_, consultant):
    browser = logged_in(consultant)
    browser.get(f"/medewerkers/klanten/{client_.pk}/")
    entry = AuditEntry.objects.get(subject_id=client_.resident_id)
    assert (entry.action, entry.actor_name, entry.why) == (Action.VIEW, "karin", PURPOSE)
    assert entry.what == f"klantdossier {client_.pk}"
    browser.post(
        f"/medewerkers/klanten/{client_.pk}/instrument/",
        {"instrument-kind": "jobcoaching", "instrument-start_date": "2024-03-01"},
    )
    change = AuditEntry.objects.filter(subject_id=client_.resident_id, action=Action.CHANGE).get()
    assert change.what.startswith("instrument")


def test_the_caseload_lists_own_clients_and_logs_each_shown(client_, consultant, team):
    colleague = factories.UserFactory(username="bas", team=team)
    theirs = factories.casework_client(team, colleague, spell_start=client_.spells.get().start_date)
    browser = logged_in(consultant)
    page = browser.get("/medewerkers/klanten/").content.decode()
    assert client_.resident.display_name in page and theirs.resident.display_name not in page
    assert list(AuditEntry.objects.values_list("subject_id", flat=True)) == [client_.resident_id]
    team_page = browser.get("/medewerkers/klanten/?who=team").content.decode()
    assert theirs.resident.display_name in team_page
    assert AuditEntry.objects.filter(subject_id=theirs.resident_id, what__startswith="caseload").count() == 1


def test_the_caseload_of_another_team_is_never_shown(client_, other_consultant):
    page = logged_in(other_consultant).get("/medewerkers/klanten/?who=team").content.decode()
    assert client_.resident.display_name not in page
    assert "0 klanten" in page


def test_a_team_lead_sees_the_whole_team_by_default(client_, team_lead):
    page = logged_in(team_lead).get("/medewerkers/klanten/").content.decode()
    assert f"Klanten van {client_.team}" in page and client_.resident.display_name in page
    assert '<option value="team" selected>' in page


def test_only_the_team_lead_chooses_the_contact_person_from_the_team(client_, team_lead, consultant, team):
    colleague = factories.UserFactory(username="bas", team=team, first_name="Bas", last_name="Kok")
    outsider = factories.UserFactory(username="ahmed2", team=factories.AreaTeamFactory(name="Wijkteam Zuid"))
    url = f"/medewerkers/klanten/{client_.pk}/contactpersoon/"
    assert logged_in(consultant).post(url, {"contact-consultant": colleague.pk}).status_code == 403
    page = logged_in(team_lead).post(url, {"contact-consultant": outsider.pk}).content.decode()
    assert 'id="id_contact-consultant_error"' in page and "Kies een consulent van dit team." in page
    response = logged_in(team_lead).post(url, {"contact-consultant": colleague.pk}, follow=True)
    assert "Bas Kok is nu de vaste contactpersoon." in response.content.decode()
    client_.refresh_from_db()
    assert client_.consultant == colleague
    assert AuditEntry.objects.filter(action=Action.CHANGE, what__startswith="contactpersoon").count() == 1
