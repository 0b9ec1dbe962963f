"""The audit log: every view of a resident's data is recorded, and nothing can change it."""

import pytest
from django.db import DatabaseError, connection, transaction

from meedoen.web.applications import drafts
from meedoen.web.audit.append_only import install_triggers
from meedoen.web.audit.models import AppendOnlyError, AuditEntry
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(resident, team):
    return drafts.submit(factories.draft_for(resident, ANSWERS))[0]


def test_reads_by_consultant_and_resident_are_logged_with_who_what_when_why(application, consultant):
    logged_in(consultant).get(f"/medewerkers/aanvraag/{application.public_id}/")
    entry = AuditEntry.objects.filter(actor_id=consultant.pk).latest("at")
    assert entry.action == "view" and entry.subject_id == application.submission.resident_id
    assert entry.why == "behandeling aanvraag" and str(application.public_id) in entry.what and entry.at
    resident = application.submission.resident
    logged_in(resident).get(f"/aanvragen/{application.public_id}/")
    assert AuditEntry.objects.filter(actor_id=resident.pk, why="inwoner bekijkt eigen aanvraag").exists()


def test_the_queue_logs_one_entry_per_resident_shown(application, consultant):
    logged_in(consultant).get("/medewerkers/werkvoorraad/")
    assert AuditEntry.objects.filter(
        actor_id=consultant.pk, subject_id=application.submission.resident_id
    ).exists()


def test_the_model_refuses_changes_and_deletes(application, consultant):
    logged_in(consultant).get(f"/medewerkers/aanvraag/{application.public_id}/")
    entry = AuditEntry.objects.first()
    entry.why = "iets anders"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(why="weg")


def test_the_database_refuses_updates_and_deletes_around_the_model(application, consultant):
    logged_in(consultant).get(f"/medewerkers/aanvraag/{application.public_id}/")
    install_triggers(connection)  # inside this test's transaction; rolled back afterwards
    with connection.cursor() as cursor:
        for sql in ("UPDATE audit_auditentry SET why = 'weg'", "DELETE FROM audit_auditentry"):
            with pytest.raises(DatabaseError), transaction.atomic():
                cursor.execute(sql)
    assert AuditEntry.objects.exclude(why="weg").count() == AuditEntry.objects.count() > 0
