"""Security: other people's data is 404, teams are walled off, CSRF on every form, login lockout,
BSN masked where not needed, production settings pass ``check --deploy``."""

import os
import subprocess
import sys
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from tests.web import factories
from tests.web.conftest import ANSWERS, fill_check, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def application_of_b(other_resident, other_team):
    submission = factories.draft_for(other_resident, ANSWERS)
    factories.add_pdf(submission, "identity")
    [application] = drafts.submit(submission)
    return application


def test_resident_a_cannot_see_or_change_resident_b_application(resident, application_of_b):
    client = logged_in(resident)
    submission = application_of_b.submission
    document = submission.documents.get()
    for url in [
        f"/aanvragen/{application_of_b.public_id}/",
        f"/aanvragen/document/{document.public_id}/",
        f"/aanvragen/{uuid.uuid4()}/",
        f"/aanvragen/{application_of_b.id}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(f"/aanvragen/{application_of_b.public_id}/", {"bericht-text": "hoi"}).status_code == 404
    )
    assert not application_of_b.messages.filter(text="hoi").exists()


def test_resident_a_cannot_touch_resident_b_draft(resident, other_resident):
    draft = factories.draft_for(other_resident, ANSWERS)
    factories.add_pdf(draft, "identity")
    client = logged_in(resident)
    assert client.get(f"/aanvragen/concept/{draft.public_id}/regelingen/").status_code == 404
    assert (
        client.post(f"/aanvragen/concept/{draft.public_id}/gegevens/", {"email": "x@y.nl"}).status_code == 404
    )
    document = draft.documents.get()
    url = f"/aanvragen/concept/{draft.public_id}/documenten/{document.public_id}/verwijderen/"
    assert client.post(url).status_code == 404
    assert draft.documents.exists()


def test_consultant_of_team_x_cannot_open_team_y_cases(consultant, other_consultant, application_of_b):
    document = application_of_b.submission.documents.get()
    client = logged_in(consultant)
    assert client.get(f"/medewerkers/aanvraag/{application_of_b.public_id}/").status_code == 404
    assert client.get(f"/medewerkers/document/{document.public_id}/").status_code == 404
    decide = client.post(
        f"/medewerkers/aanvraag/{application_of_b.public_id}/besluit/", {"outcome": "granted"}
    )
    assert decide.status_code == 404
    assert (
        application_of_b.public_id.hex
        not in client.get("/medewerkers/werkvoorraad/?status=").content.decode()
    )
    assert (
        logged_in(other_consultant).get(f"/medewerkers/aanvraag/{application_of_b.public_id}/").status_code
        == 200
    )


def test_roles_residents_and_policy_advisers_cannot_open_cases(resident, application_of_b):
    adviser = factories.UserFactory(role=Role.POLICY_ADVISER)
    for user in (resident, adviser):
        client = logged_in(user)
        assert client.get(f"/medewerkers/aanvraag/{application_of_b.public_id}/").status_code == 403
        assert client.get("/medewerkers/werkvoorraad/").status_code == 403
    assert logged_in(adviser).get("/medewerkers/cijfers/").status_code == 200
    assert logged_in(resident).get("/medewerkers/cijfers/").status_code == 403
    assert Client().get("/medewerkers/werkvoorraad/").status_code == 302  # to the log-in


def test_decision_letters_are_only_for_the_resident_and_the_team(resident, consultant, application_of_b):
    from meedoen.web.decisions.models import Outcome
    from meedoen.web.decisions.recording import record_decision

    decision = record_decision(application_of_b, Outcome.GRANTED)
    url = f"/besluiten/{decision.public_id}/brief.pdf"
    assert logged_in(resident).get(url).status_code == 404
    assert logged_in(consultant).get(url).status_code == 404
    assert logged_in(application_of_b.submission.resident).get(url).status_code == 200


def post_urls(application, submission, document) -> list[str]:
    return [
        "/regelingencheck/over-u/",
        "/regelingencheck/opnieuw/",
        "/inloggen/",
        "/inloggen/medewerkers/",
        "/inloggen/uitloggen/",
        "/aanvragen/nieuw/",
        f"/aanvragen/concept/{submission.public_id}/regelingen/",
        f"/aanvragen/concept/{submission.public_id}/documenten/{document.public_id}/verwijderen/",
        f"/aanvragen/{application.public_id}/",
        f"/medewerkers/aanvraag/{application.public_id}/besluit/",
        f"/medewerkers/aanvraag/{application.public_id}/vraag/",
        f"/medewerkers/aanvraag/{application.public_id}/notitie/",
    ]


def test_every_form_is_protected_against_csrf(resident, consultant, team):
    submission = factories.draft_for(resident, ANSWERS)
    factories.add_pdf(submission, "identity")
    other = factories.draft_for(resident, ANSWERS)
    [application] = drafts.submit(other)
    document = submission.documents.get()
    for user in (None, resident, consultant):
        client = Client(enforce_csrf_checks=True)
        if user:
            client.force_login(user)
        for url in post_urls(application, submission, document):
            response = client.post(url, {"action": "next"})
            assert response.status_code == 403, (user, url, response.status_code)
            assert "Het formulier is verlopen" in response.content.decode()


def test_every_rendered_post_form_carries_a_csrf_token(resident):
    client = logged_in(resident)
    fill_check(client)
    client.post("/aanvragen/nieuw/")
    submission = resident.submissions.get()
    for url in [
        "/regelingencheck/over-u/",
        "/regelingencheck/uitkomst/",
        "/inloggen/",
        f"/aanvragen/concept/{submission.public_id}/documenten/",
    ]:
        html = client.get(url).content.decode()
        assert html.count('method="post"') == html.count('name="csrfmiddlewaretoken"'), url


def test_login_attempts_are_rate_limited(consultant):
    client = Client()
    url = reverse("accounts:staff-login")
    for _ in range(4):
        assert client.post(url, {"username": "karin", "password": "fout"}).status_code == 200
    assert client.post(url, {"username": "karin", "password": "fout"}).status_code == 429  # the 5th
    locked = client.post(url, {"username": "karin", "password": "een-lang-wachtwoord-2026"})
    assert locked.status_code == 429
    assert "te vaak geprobeerd" in locked.content.decode()


def test_demo_login_attempts_are_rate_limited_too():
    client = Client()
    for _ in range(5):
        client.post("/inloggen/", {"demo-bsn": "123456789"})
    assert client.post("/inloggen/", {"demo-bsn": "123456789"}).status_code == 429


def test_bsn_is_masked_except_for_roles_that_need_it(consultant, team):
    from meedoen.web.accounts.templatetags.personal_data import bsn_for

    resident = factories.ResidentFactory(bsn="999990019")
    assert bsn_for(resident.bsn, consultant) == "999990019"
    for role in (Role.RESIDENT, Role.POLICY_ADVISER):
        assert bsn_for(resident.bsn, factories.UserFactory(role=role)) == "*****0019"
    submission = factories.draft_for(resident, ANSWERS)
    submission.postcode = "6521 AB"
    submission.save()
    [application] = drafts.submit(submission)
    page = logged_in(consultant).get(f"/medewerkers/aanvraag/{application.public_id}/").content.decode()
    assert "999990019" in page


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MEEDOEN_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="meedoen.web.settings.production",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-for-the-check-" + "y" * 10,
        DJANGO_ALLOWED_HOSTS="meedoen.nijmegen.nl",
        DATABASE_URL="sqlite:////tmp/meedoen-deploy-check.sqlite3",
        **extra,
    )
    return env


def test_manage_check_deploy_is_clean_with_production_settings():
    run = subprocess.run(
        [sys.executable, "-m", "meedoen.web.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


def test_production_refuses_the_demo_login():
    run = subprocess.run(
        [sys.executable, "-m", "meedoen.web.manage", "check"],
        env=production_env(MEEDOEN_LOGIN_METHODS="demo,password"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0 and "demo log-in must never be offered in production" in run.stderr


def test_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
