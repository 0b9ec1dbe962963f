"""Audit entries point at their object (issue 17, item 8): "who looked at this" is a query on
(object_type, object_id), not a match on the words in ``what``; every call site says which object."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from meedoen.web.applications import drafts
from meedoen.web.audit.log import done_namens, entries_about, object_ref, reads_of
from meedoen.web.audit.models import Action, AuditEntry
from meedoen.web.decisions.models import Outcome
from meedoen.web.decisions.recording import record_decision
from meedoen.web.objections import procedure
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in
from tests.web.test_machtigingen import acting, authorise
from tests.web.test_objections import jurist  # noqa: F401  (fixture)

WEB = Path(__file__).resolve().parents[2] / "meedoen" / "web"


@pytest.fixture
def application(resident, team):
    [application] = drafts.submit(factories.draft_for(resident, ANSWERS, ("meedoenregeling",)))
    return application


def latest(actor) -> AuditEntry:
    return AuditEntry.objects.filter(actor_id=actor.pk).latest("id")


@pytest.mark.django_db
def test_a_consultants_read_of_an_application_points_at_it(application, consultant):
    assert logged_in(consultant).get(f"/medewerkers/aanvraag/{application.public_id}/").status_code == 200
    entry = latest(consultant)
    assert (entry.object_type, entry.object_id, entry.action) == ("application", str(application.pk), "view")
    assert entry.subject_id == application.submission.resident_id and entry.namens_id is None
    assert list(reads_of(application)) == [entry]


@pytest.mark.django_db
def test_a_read_of_a_client_points_at_the_client_and_the_page_lists_it(team, consultant):
    client = factories.casework_client(team, consultant, spell_start=dt.date(2025, 1, 1))
    browser = logged_in(consultant)
    assert browser.get(f"/medewerkers/klanten/{client.pk}/").status_code == 200
    entry = latest(consultant)
    assert (entry.object_type, entry.object_id, entry.subject_id) == (
        "client",
        str(client.pk),
        client.resident_id,
    )
    other = factories.casework_client(team, consultant)
    browser.get(f"/medewerkers/klanten/{other.pk}/")
    assert reads_of(client).count() == 1 and reads_of(other).count() == 1
    # the caseload's rows point at their clients too, but are not "opened" on the client's page
    browser.get("/medewerkers/klanten/")
    assert entries_about(client).filter(in_list=True).count() == 1 and reads_of(client).count() == 1
    page = browser.get(f"/medewerkers/klanten/{client.pk}/").context["viewed_by"]
    assert [e.object_id for e in page] == [str(client.pk)] * 2


@pytest.mark.django_db
def test_a_jurists_read_of_a_bezwaar_case_points_at_the_objection(resident, consultant, application, jurist):  # noqa: F811
    decision = record_decision(application, Outcome.REJECTED, by=consultant, motivation="Geen bewijs.")
    objection = procedure.file_objection(decision, resident, "Ik ben het er niet mee eens.", [])
    assert logged_in(jurist).get(f"/bezwaar/jurist/{objection.public_id}/").status_code == 200
    entry = latest(jurist)
    assert (entry.object_type, entry.object_id, entry.action) == ("bezwaar", str(objection.pk), "view")
    assert entry.subject_id == resident.pk and list(reads_of(objection)) == [entry]
    assert object_ref(decision) == ("decision", str(decision.pk)) and object_ref(None) == ("", "")


@pytest.mark.django_db
def test_an_action_namens_points_at_its_object_and_at_the_machtiging(team):
    resident = factories.ResidentFactory(postcode="6521 AB", first_name="Fatima", last_name="Bakker")
    agent = factories.ResidentFactory(postcode="6522 CD", first_name="Youssef", last_name="Bakker")
    [application] = drafts.submit(factories.draft_for(resident, ANSWERS, ("meedoenregeling",)))
    machtiging = authorise(resident, agent)
    client = acting(agent, machtiging)
    assert client.get(f"/aanvragen/{application.public_id}/").status_code == 200
    entry = latest(agent)
    assert (entry.object_type, entry.object_id) == ("application", str(application.pk))
    assert (entry.namens_id, entry.subject_id) == (machtiging.pk, resident.pk)
    assert entry in done_namens(machtiging) and entry in reads_of(application)
    # a page that shows no single object: no object, still under the machtiging
    client.get("/aanvragen/")
    mine = latest(agent)
    assert (mine.object_type, mine.object_id, mine.namens_id) == ("", "", machtiging.pk)
    # the resident's overview of what was done namens them reads the log by the machtiging's id
    overview = logged_in(resident).get("/machtigingen/").content.decode()
    assert "Wat Youssef Bakker namens u deed" in overview and f"aanvraag {application.public_id}" in overview


@pytest.mark.django_db
def test_entries_of_another_machtiging_of_the_same_pair_are_not_mixed_in(team):
    resident = factories.ResidentFactory(postcode="6521 AB", first_name="Fatima", last_name="Bakker")
    agent = factories.ResidentFactory(postcode="6522 CD", first_name="Youssef", last_name="Bakker")
    first, second = authorise(resident, agent), authorise(resident, agent)
    acting(agent, first).get("/aanvragen/")
    assert done_namens(first).count() == 1 and done_namens(second).count() == 0


def _record_calls() -> list[tuple[Path, ast.Call, list[str]]]:
    calls = []
    for path in WEB.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        source = path.read_text()
        if "record(" not in source:
            continue
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "record":
                calls.append((path, node, lines))
    return calls


def test_every_record_call_names_its_object_or_says_why_there_is_none():
    calls = _record_calls()
    assert len(calls) > 30  # the walk finds the call sites at all
    bad = []
    for path, call, lines in calls:
        where = f"{path.relative_to(WEB)}:{call.lineno}"
        obj = next((k.value for k in call.keywords if k.arg == "obj"), None)
        if obj is None:
            bad.append(f"{where}: no obj=")
        elif isinstance(obj, ast.Constant) and obj.value is None:
            above = lines[call.lineno - 2].strip()  # the line before the call
            if not (above.startswith("# obj=None:") and len(above) > len("# obj=None: ") + 10):
                bad.append(f"{where}: obj=None without a '# obj=None: <reason>' comment above the call")
    assert not bad, "\n".join(bad)


def test_record_many_is_given_objects():
    for path in WEB.rglob("*.py"):
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "record_many":
                assert {k.arg for k in node.keywords} >= {"shown"}, f"{path}:{node.lineno}"


@pytest.mark.django_db
def test_the_object_is_indexed():
    indexes = {tuple(i.fields) for i in AuditEntry._meta.indexes}
    assert ("object_type", "object_id") in indexes
    assert Action.VIEW == "view"
