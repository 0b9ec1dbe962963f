"""Audit and retention (issue 16, item 9): admin reads are audited, the app's database role cannot
remove the audit trail, pages send Cache-Control: no-store, and figures never show a small cell."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.audit.admin_reads import AuditedAdmin
from meedoen.web.audit.append_only import install_triggers
from meedoen.web.audit.grants import current_tables, grant_statements
from meedoen.web.audit.models import AuditEntry
from meedoen.web.components.templatetags.utrecht import cents
from meedoen.web.decisions.models import Decision
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

pytestmark = pytest.mark.django_db
# Admins of models without personal data; every other admin must audit its reads.
NOT_PERSONAL = {"accounts.AreaTeam", "auth.Group", "decisions.SchemePolicy", "decisions.Provider"}


@pytest.fixture
def beheerder(db):
    return factories.UserFactory(role=Role.ADMIN, username="beheer", is_staff=True, is_superuser=True)


def test_the_admins_user_list_and_search_are_audited_per_person_shown(beheerder, resident):
    client = logged_in(beheerder)
    assert client.get("/beheer/accounts/user/", {"q": resident.last_name}).status_code == 200
    entry = AuditEntry.objects.get(actor_id=beheerder.pk, subject_id=resident.pk)
    assert entry.action == "view" and entry.why == "beheer"
    assert f"gezocht op '{resident.last_name}'" in entry.what


def test_the_admins_detail_and_history_pages_are_audited(beheerder, resident):
    client = logged_in(beheerder)
    for page in ("change", "history"):
        assert client.get(f"/beheer/accounts/user/{resident.pk}/{page}/").status_code == 200
    whats = set(
        AuditEntry.objects.filter(actor_id=beheerder.pk, subject_id=resident.pk).values_list(
            "what", flat=True
        )
    )
    assert any(w.startswith("beheer: gegevens van") for w in whats)
    assert any(w.startswith("beheer: geschiedenis van") for w in whats)


def test_reading_the_audit_log_in_the_admin_is_itself_audited(beheerder, resident, consultant):
    logged_in(beheerder).get(f"/beheer/accounts/user/{resident.pk}/change/")
    before = AuditEntry.objects.count()
    logged_in(beheerder).get("/beheer/audit/auditentry/")
    assert AuditEntry.objects.filter(what__startswith="beheer: lijst").count() > 0
    assert AuditEntry.objects.count() > before


def test_every_admin_of_personal_data_audits_its_reads():
    unaudited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model._meta.label not in NOT_PERSONAL and not isinstance(model_admin, AuditedAdmin)
    ]
    assert unaudited == []


def test_pages_with_personal_data_are_never_stored_by_a_browser_or_proxy(
    resident, consultant, team, beheerder, client
):
    application = drafts.submit(factories.draft_for(resident, ANSWERS))[0]
    pages = {
        None: ["/regelingencheck/uitkomst/", "/inloggen/"],
        resident: ["/aanvragen/", f"/aanvragen/{application.public_id}/"],
        consultant: ["/medewerkers/werkvoorraad/", f"/medewerkers/aanvraag/{application.public_id}/"],
        factories.UserFactory(role=Role.POLICY_ADVISER): ["/medewerkers/cijfers/"],
        beheerder: ["/beheer/accounts/user/", f"/beheer/accounts/user/{resident.pk}/change/"],
        factories.UserFactory(role=Role.PASS_OFFICER): ["/stadspas/gemeente/"],
        factories.UserFactory(role=Role.OUTREACH_WORKER, team=team): ["/vroegsignalering/"],
    }
    for user, urls in pages.items():
        browser = logged_in(user) if user else client
        for url in urls:
            response = browser.get(url)
            assert response.status_code in (200, 302), (url, response.status_code)
            assert "no-store" in response.get("Cache-Control", ""), (user, url)


def test_the_api_answers_are_not_stored_either(client):
    response = client.post("/api/v1/check", "{}", content_type="application/json")
    assert "no-store" in response["Cache-Control"]


def decide(consultant, resident_count: int, amount: str) -> None:
    for _ in range(resident_count):
        resident = factories.ResidentFactory(postcode="6521 AB")
        application = drafts.submit(factories.draft_for(resident, ANSWERS))[0]
        response = logged_in(consultant).post(
            f"/medewerkers/aanvraag/{application.public_id}/besluit/",
            {"outcome": "granted", "amount": amount},
        )
        assert response.status_code == 302, response.content.decode()[:3000]


def test_figures_never_show_a_cell_of_fewer_than_ten_persons(consultant):
    decide(consultant, 1, "612,34")
    decision = Decision.objects.get()
    adviser = logged_in(factories.UserFactory(role=Role.POLICY_ADVISER))
    page = adviser.get("/medewerkers/cijfers/").content.decode()
    assert "&lt; 10" in page and "niet getoond" in page
    assert cents(decision.amount_cents) not in page and "612,34" not in page
    # Ten persons: the count and the total appear.
    decide(consultant, 9, "100,00")
    page = adviser.get("/medewerkers/cijfers/").content.decode()
    total = sum(Decision.objects.values_list("amount_cents", flat=True))
    assert cents(total) in page and "niet getoond" not in page


def test_the_app_role_cannot_switch_off_or_empty_the_audit_log(resident, beheerder):
    if connection.vendor != "postgresql":
        pytest.skip("database roles are PostgreSQL's; SQLite has none")
    logged_in(beheerder).get(f"/beheer/accounts/user/{resident.pk}/change/")
    install_triggers(connection)  # as the migration does in production; rolled back afterwards
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE meedoen_app_test NOLOGIN")  # rolled back with the test's transaction
        for statement in grant_statements("meedoen_app_test", current_tables(connection)):
            cursor.execute(statement)
        cursor.execute("SET ROLE meedoen_app_test")
        try:
            cursor.execute("SELECT count(*) FROM audit_auditentry")
            assert cursor.fetchone()[0] >= 1
            cursor.execute(
                "INSERT INTO audit_auditentry (at, actor_name, actor_role, action, what, why, path)"
                " VALUES (now(), 'app', '', 'view', 'x', 'y', '/')"
            )
            cursor.execute("UPDATE accounts_user SET first_name = first_name WHERE id = %s", [resident.pk])
            for sql in (
                "ALTER TABLE audit_auditentry DISABLE TRIGGER ALL",
                "DROP TRIGGER audit_append_only ON audit_auditentry",
                "DELETE FROM audit_auditentry",
                "UPDATE audit_auditentry SET why = 'weg'",
                "TRUNCATE audit_auditentry",
                "ALTER TABLE audit_auditentry OWNER TO meedoen_app_test",
            ):
                with pytest.raises(DatabaseError), transaction.atomic():
                    cursor.execute(sql)
        finally:
            cursor.execute("RESET ROLE")
