"""Staff without a team see nothing team-bound (issue 16, item 2).

An attack round found that a consultant without a team downloaded another resident's unsent draft
document: the filter ``submission__team_id=user.team_id`` became ``team_id IS NULL``, and a draft has
no team yet. Here every team-scoped URL (list, detail, download, action) is walked as a teamless
consultant, team lead and outreach worker, with data present that has no team and data of another
team: each answer is a 403 or 404, or a page that shows none of it, and nothing stored changes.

The walk is checked against the URL configuration, so a new page in a team-bound namespace that is
not in the walk (or in the short list of pages that are not team-bound, with the reason) fails here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from meedoen.web.accounts.models import Role
from meedoen.web.accounts.teams import in_own_team, own_team
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Application, Document, Submission
from meedoen.web.casework.models import Client as CaseworkClient
from meedoen.web.decisions.models import Decision, Outcome, Review, ReviewDraw
from meedoen.web.vroegsignalering.models import SignalCase
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

# What the teamless data and the other team's data are called, so a page that shows them is caught.
MARKERS = (
    "Conceptmaker",  # the resident with an unsent draft
    "Zonderteam",  # the resident whose sent application has no team
    "Anderteam",  # the residents and clients of the other team
    "Regeling zonder team",
    "Regeling ander team",
    "Zonderteamstraat",
    "Anderteamstraat",
)

# Namespaces whose pages are team-bound; every URL in them is walked below or listed here with why not.
TEAM_NAMESPACES = ("backoffice", "casework", "review", "decisions", "vroegsignalering")
NOT_TEAM_BOUND = {
    "backoffice:home": "a redirect to the role's start page, no data",
    "casework:dashboard": "the monitor: aggregates of every area for any team lead, no person",
    "casework:dashboard-download": "the monitor report as PDF or CSV: the same aggregates, no person",
    "vroegsignalering:upload": "the signals lead's delivery upload (municipality-wide role)",
    "vroegsignalering:upload-status": "a large delivery's status: the uploading signals lead's own only",
    "vroegsignalering:figures": "the signals lead's monthly aggregates (municipality-wide role)",
}
# The models whose rows an action might add or change; the walk must leave all of them as they were.
WATCHED_APPS = ("applications", "backoffice", "decisions", "casework", "vroegsignalering")


@dataclass
class World:
    draft_document: Document
    teamless_application: Application
    teamless_document: Document
    teamless_decision: Decision
    other_application: Application
    other_document: Document
    other_decision: Decision
    other_review: Review
    other_client: CaseworkClient
    teamless_case: SignalCase
    other_case: SignalCase


def _sent(first: str, last: str, team, scheme_name: str):
    """A resident's sent bijstand application (with its procedure and a document) in ``team``, and an
    automated decision on a second application of the same submission."""
    resident = factories.ResidentFactory(postcode="6521 AB", first_name=first, last_name=last)
    submission = factories.draft_for(resident, ANSWERS)
    factories.add_pdf(submission, "identity")
    drafts.submit(submission)
    Submission.objects.filter(pk=submission.pk).update(team=team)
    application = submission.applications.get(scheme_id="bijstand")
    Application.objects.filter(pk=application.pk).update(scheme_name=scheme_name)
    decided = submission.applications.create(scheme_id="meedoenregeling", scheme_name=scheme_name)
    decision = Decision.objects.create(
        application=decided,
        outcome=Outcome.GRANTED,
        amount_cents=15000,
        period="year",
        peildatum=dt.date(2026, 5, 1),
        automated=True,
        basis="machine",
        parameter_version="parameters-test",
    )
    return application, submission.documents.get(), decision


def _signal_case(street: str, team) -> SignalCase:
    today = timezone.localdate()
    return SignalCase.objects.create(
        municipality="nijmegen",
        postcode="9999ZZ" if team is None else "6541AB",
        house_number=1,
        street=street,
        city="Nijmegen",
        team=team,
        opened_on=today,
        first_signal_date=today,
        deadline=today + dt.timedelta(days=14),
        signal_count=1,
        creditor_count=1,
        arrears_cents=25000,
    )


@pytest.fixture
def world(team, other_team, other_consultant) -> World:
    drafter = factories.ResidentFactory(postcode="6521 AB", first_name="Dirk", last_name="Conceptmaker")
    draft = factories.draft_for(drafter, ANSWERS)
    factories.add_pdf(draft, "income")
    assert draft.team_id is None and draft.submitted_at is None  # a draft has no team yet
    teamless_application, teamless_document, teamless_decision = _sent(
        "Roos", "Zonderteam", None, "Regeling zonder team"
    )
    other_application, other_document, other_decision = _sent(
        "Bram", "Anderteam", other_team, "Regeling ander team"
    )
    draw = ReviewDraw.objects.create(
        team=other_team,
        scheme_id="meedoenregeling",
        scheme_name="Regeling ander team",
        month=dt.date(2026, 5, 1),
        share=0.05,
        seed=1,
    )
    draw.population.add(other_decision)
    other_client = factories.casework_client(
        other_team, other_consultant, spell_start=dt.date(2024, 2, 1), startkwalificatie=False
    )
    other_client.resident.last_name = "Anderteam"
    other_client.resident.save(update_fields=["last_name"])
    return World(
        draft_document=draft.documents.get(),
        teamless_application=teamless_application,
        teamless_document=teamless_document,
        teamless_decision=teamless_decision,
        other_application=other_application,
        other_document=other_document,
        other_decision=other_decision,
        other_review=Review.objects.create(decision=other_decision, draw=draw),
        other_client=other_client,
        teamless_case=_signal_case("Zonderteamstraat", None),
        other_case=_signal_case("Anderteamstraat", other_team),
    )


def walk(w: World) -> list[tuple[str, str, str, dict]]:
    """(URL name, method, path, POST data) for every team-scoped URL, on teamless and other-team data."""
    apps_ = {"zonder team": w.teamless_application, "ander team": w.other_application}
    steps: list[tuple[str, str, str, dict]] = [
        ("backoffice:queue", "get", "/medewerkers/werkvoorraad/", {}),
        ("backoffice:queue", "get", "/medewerkers/werkvoorraad/?status=&zoek=", {}),
        ("backoffice:figures", "get", "/medewerkers/cijfers/", {}),
        ("casework:caseload", "get", "/medewerkers/klanten/?who=team", {}),
        ("casework:caseload", "get", "/medewerkers/klanten/", {}),
        ("review:overview", "get", "/medewerkers/steekproef/", {}),
        ("review:draw", "post", "/medewerkers/steekproef/trekken/", {"group": "meedoenregeling|2026-05"}),
        ("review:todo", "get", "/medewerkers/tweede-blik/", {}),
        ("vroegsignalering:worklist", "get", "/vroegsignalering/", {}),
        ("vroegsignalering:worklist", "get", "/vroegsignalering/?status=", {}),
    ]
    for doc in (w.draft_document, w.teamless_document, w.other_document):
        steps.append(("backoffice:document", "get", f"/medewerkers/document/{doc.public_id}/", {}))
    for application in apps_.values():
        case = f"/medewerkers/aanvraag/{application.public_id}/"
        steps += [
            ("backoffice:case", "get", case, {}),
            ("backoffice:decide", "post", case + "besluit/", {"outcome": "granted", "motivation": "x"}),
            ("backoffice:ask", "post", case + "vraag/", {"question": "Stuur uw loonstrook."}),
            ("backoffice:note", "post", case + "notitie/", {"text": "Gezien."}),
            ("backoffice:procedure-dates", "post", case + "bijstand/datums/", {"datums-reason": "x"}),
            ("backoffice:lift-search", "post", case + "bijstand/zoektijd/", {"zoektijd-reason": "x"}),
            ("backoffice:start-date", "post", case + "bijstand/ingang/", {"ingang-reason": "x"}),
            ("review:facts-checked", "post", case + "gegevens-gecontroleerd/", {"note": "Gecontroleerd."}),
            ("review:confirm-proposal", "post", case + "voorstel-bevestigen/", {}),
        ]
    for decision in (w.teamless_decision, w.other_decision):
        steps.append(("decisions:letter", "get", f"/besluiten/{decision.public_id}/brief.pdf", {}))
    review = f"/medewerkers/tweede-blik/{w.other_decision.public_id}/"
    steps += [
        ("review:review", "get", review, {}),
        ("review:review", "post", review, {"verdict": "agree", "reason": "Klopt."}),
    ]
    client = f"/medewerkers/klanten/{w.other_client.pk}/"
    steps += [
        ("casework:client", "get", client, {}),
        ("casework:plan", "post", client + "plan/", {}),
        ("casework:assign-consultant", "post", client + "contactpersoon/", {}),
        ("casework:add-step", "post", client + "stap/", {}),
        ("casework:step-done", "post", client + "stap/1/gedaan/", {}),
        ("casework:add-instrument", "post", client + "instrument/", {}),
        ("casework:add-spell", "post", client + "uitkering/", {}),
        ("casework:add-debt-help", "post", client + "schuldhulp/", {}),
        ("casework:end", "get", client + "spell/1/beeindigen/", {}),
        ("casework:end", "post", client + "spell/1/beeindigen/", {}),
    ]
    for signal_case in (w.teamless_case, w.other_case):
        case = f"/vroegsignalering/zaak/{signal_case.pk}/"
        steps += [
            ("vroegsignalering:case", "get", case, {}),
            ("vroegsignalering:offer", "get", case + "aanbod/", {}),
            ("vroegsignalering:attempt", "post", case + "contactpoging/", {}),
            ("vroegsignalering:note", "post", case + "notitie/", {"text": "Langs geweest."}),
            ("vroegsignalering:close", "post", case + "afsluiten/", {"result": "geen_contact"}),
            ("vroegsignalering:hand-over", "post", case + "overdragen/", {}),
            ("vroegsignalering:debt-help", "post", case + "schuldhulp/", {}),
            ("vroegsignalering:debt-help-progress", "post", case + "schuldhulp/voortgang/", {}),
        ]
    return steps


def snapshot() -> dict[str, list[dict]]:
    """Every row of the models an action could touch."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models()
    }


TEAMLESS = {
    "consultant": Role.CONSULTANT,
    "team_lead": Role.TEAM_LEAD,
    "outreach_worker": Role.OUTREACH_WORKER,
}


@pytest.mark.parametrize("who", list(TEAMLESS))
def test_teamless_staff_see_and_change_nothing_team_bound(who, world):
    user = factories.UserFactory(role=TEAMLESS[who], team=None, username=f"zonder.team.{who}")
    client = logged_in(user)
    before = snapshot()
    problems = []
    for name, method, path, data in walk(world):
        response = client.get(path) if method == "get" else client.post(path, data)
        status = response.status_code
        if status in (403, 404):
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        shown = [m for m in MARKERS if m.encode() in body]
        if method == "get" and status == 200 and not shown and b"%PDF" not in body[:8]:
            continue
        problems.append(f"{name} {method.upper()} {path}: {status} {shown}")
    assert not problems, "\n".join(problems)
    assert snapshot() == before


def test_the_draft_document_of_another_resident_is_a_404_for_a_teamless_consultant(world):
    """The attack round's exact case: before the fix this was a 200 with the PDF."""
    teamless = factories.UserFactory(role=Role.CONSULTANT, team=None, username="zonder.team")
    response = logged_in(teamless).get(f"/medewerkers/document/{world.draft_document.public_id}/")
    assert response.status_code == 404


def test_a_teamless_outreach_worker_sees_no_case_without_a_team(world):
    teamless = factories.UserFactory(role=Role.OUTREACH_WORKER, team=None, username="zonder.team")
    client = logged_in(teamless)
    assert b"Zonderteamstraat" not in client.get("/vroegsignalering/").content
    assert client.get(f"/vroegsignalering/zaak/{world.teamless_case.pk}/").status_code == 404


def test_the_walk_covers_every_team_bound_url(world):
    walked = {name for name, *_ in walk(world)}
    declared = set()

    def names(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from names(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name and namespace in TEAM_NAMESPACES:
                yield f"{namespace}:{p.name}"

    declared = set(names(get_resolver().url_patterns))
    missing = declared - walked - set(NOT_TEAM_BOUND)
    assert not missing, f"team-bound URLs not walked as a teamless user: {sorted(missing)}"


def test_staff_of_the_team_still_see_their_own(world, team, consultant):
    """The scope is not simply empty: the own team's case and document are there for its consultant."""
    mine, document, _ = _sent("Eva", "Eigenteam", team, "Regeling eigen team")
    client = logged_in(consultant)
    assert client.get(f"/medewerkers/aanvraag/{mine.public_id}/").status_code == 200
    assert client.get(f"/medewerkers/document/{document.public_id}/").status_code == 200
    assert client.get(f"/medewerkers/document/{world.draft_document.public_id}/").status_code == 404
    assert client.get(f"/medewerkers/document/{world.other_document.public_id}/").status_code == 404


def test_the_scope_helpers_never_match_a_missing_team(world, team, consultant):
    teamless = factories.UserFactory(role=Role.CONSULTANT, team=None, username="zonder.team")
    assert not own_team(Document.objects.all(), teamless, "submission__team").exists()
    assert not own_team(SignalCase.objects.all(), teamless).exists()
    assert set(own_team(Document.objects.all(), consultant, "submission__team")) == set()  # none in Oost
    assert not in_own_team(teamless, None) and not in_own_team(teamless, team.pk)
    assert in_own_team(consultant, team.pk) and not in_own_team(consultant, None)
