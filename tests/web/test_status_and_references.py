"""Every page that shows a result says when it is provisional or unknown, and cites its sources by
kind: "Wettelijke basis" for a law or regulation, "Bron" for the rest. Nothing grants or decides on
a scheme the engine cannot compute on the date."""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

from meedoen.web.applications import drafts
from meedoen.web.applications.models import Application, Status
from meedoen.web.calculation import evaluate as real_evaluate
from meedoen.web.decisions.models import Decision, Outcome
from meedoen.web.decisions.recording import Undecidable, record_decision
from meedoen.web.portal.outcome import Outcome as CheckOutcome
from tests.web import factories
from tests.web.conftest import ANSWERS, fill_check, logged_in

pytestmark = pytest.mark.django_db
FAR = dt.date(2035, 1, 1)  # nothing is published for it: every scheme is provisional
NORMAL = dt.date(2026, 3, 2)
LAW = {"title": "Participatiewet art. 21", "url": "https://wetten.overheid.nl/BWBR0015703#Artikel21",
       "id": "BWBR0015703", "article": "21", "kind": "law"}  # fmt: skip
WEB = {"title": "Gemeente Nijmegen, Meedoen-regeling", "url": "https://www.nijmegen.nl/meedoen/",
       "id": None, "article": None, "kind": "web"}  # fmt: skip


def today(monkeypatch, date: dt.date) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: date)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def unknown(result: dict, scheme_id: str) -> dict:
    """The result as the engine gives it for a date before the scheme's first figures."""
    result = copy.deepcopy(result)
    for scheme in result["schemes"]:
        if scheme["id"] == scheme_id:
            scheme.update(
                eligible=None,
                amount=None,
                status="unknown",
                known_from="2036-01-01",
                sources=[],
                references=[],
                reasons=[
                    {"code": "no_figures_for_date", "text": "Deze regeling kan Meedoen nog niet berekenen."}
                ],
            )
            for key in ("provisional_basis", "values_until"):
                scheme.pop(key, None)
    return result


def engine_without(scheme_id: str):
    return lambda household, **kw: unknown(real_evaluate(household, **kw), scheme_id)


def patch_engine(monkeypatch, scheme_id: str, *where: str) -> None:
    for module in where:
        monkeypatch.setattr(f"meedoen.web.{module}.evaluate", engine_without(scheme_id))


# --- the resident's Regelingencheck -------------------------------------------------------------


def test_a_provisional_date_says_so_in_plain_dutch(monkeypatch):
    today(monkeypatch, FAR)
    client = Client()
    fill_check(client)
    page = text_of(client.get("/regelingencheck/uitkomst/").content.decode())
    assert "Wij hebben gerekend met de regels die gelden op vandaag, 1 januari 2035." in page
    assert (
        "Voorlopige uitkomst." in page
        and "Niet alle bedragen voor 1 januari 2035 zijn al gepubliceerd" in page
    )
    assert (
        "Voorlopig bedrag: de bedragen voor 1 januari 2035 zijn nog niet gepubliceerd. We rekenen met" in page
    )
    assert "Nieuwere bedragen zijn nog niet bekend" not in page


def test_a_normal_date_has_no_provisional_notice(monkeypatch):
    today(monkeypatch, NORMAL)
    client = Client()
    fill_check(client)
    page = text_of(client.get("/regelingencheck/uitkomst/").content.decode())
    assert "Wij hebben gerekend met de regels die gelden op vandaag, 2 maart 2026." in page
    assert "Voorlopig" not in page
    assert "Wettelijke basis: Participatiewet, artikel 21" in page


def test_a_web_page_is_a_source_never_a_legal_basis():
    scheme = {"id": "meedoenpas", "name": "Meedoen-pas", "eligible": True, "amount": 0.0, "period": "year",
              "reasons": [], "sources": [LAW["url"], WEB["url"]], "references": [LAW, WEB],
              "status": "final"}  # fmt: skip
    outcome = CheckOutcome({}, {"schemes": [scheme]}, NORMAL, {})
    html = render_to_string("portal/_scheme.html", {"scheme": scheme, "outcome": outcome})
    page = text_of(html)
    assert "Wettelijke basis: Participatiewet, artikel 21 " in page
    assert "Bron: Gemeente Nijmegen, Meedoen-regeling" in page
    legal = page.split("Wettelijke basis:")[1].split("Bron:")[0]
    assert "Nijmegen" not in legal


def test_an_unknown_scheme_shows_onbekend_never_nil_or_no(monkeypatch):
    today(monkeypatch, NORMAL)
    patch_engine(monkeypatch, "huurtoeslag", "portal.outcome", "portal.what_if")
    client = Client()
    fill_check(client)
    html = client.get("/regelingencheck/uitkomst/").content.decode()
    card = text_of(html.split('id="regeling-huurtoeslag"')[1].split("</section>")[0])
    assert "Onbekend" in card and "Bedrag: onbekend" in card and "€" not in card
    assert "Waarschijnlijk niet" not in card
    unknown_part = text_of(html.split("Hier kunnen we nog niets over zeggen")[1])
    assert "Huurtoeslag" in unknown_part
    assert client.get("/regelingencheck/uitkomst.pdf").status_code == 200


# --- applying, deciding, the letter --------------------------------------------------------------


def test_applying_for_an_unknown_scheme_never_grants_it(monkeypatch, resident, team):
    today(monkeypatch, NORMAL)
    patch_engine(monkeypatch, "meedoenpas", "portal.outcome", "portal.what_if", "decisions.automation")
    client = logged_in(resident)
    fill_check(client)
    client.post("/aanvragen/nieuw/")
    submission = resident.submissions.get()
    assert "meedoenpas" not in submission.schemes  # not pre-chosen as "probably yes"
    step = text_of(client.get(f"/aanvragen/concept/{submission.public_id}/regelingen/").content.decode())
    assert "Meedoen-pas: onbekend" in step
    submission.schemes = ["meedoenpas"]  # the resident may still apply for it
    submission.postcode, submission.email = "6521 AB", "a@example.org"
    submission.save()
    [application] = drafts.submit(submission)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW and application.expected_amount_cents == 0
    assert not Decision.objects.exists()
    assert "niet maken" in application.events.last().note


def test_a_consultant_cannot_decide_on_an_unknown_scheme(monkeypatch, resident, consultant):
    today(monkeypatch, NORMAL)
    submission = factories.draft_for(resident, ANSWERS, schemes=("bijzondere_bijstand",))
    [application] = drafts.submit(submission)
    patch_engine(monkeypatch, "bijzondere_bijstand", "backoffice.views", "decisions.recording")
    client = logged_in(consultant)
    case = text_of(client.get(f"/medewerkers/aanvraag/{application.public_id}/").content.decode())
    assert "Onbekend : bedrag onbekend" in case and "Toekennen of afwijzen kan pas" in case
    for outcome in ("granted", "rejected"):
        response = client.post(
            f"/medewerkers/aanvraag/{application.public_id}/besluit/",
            {"outcome": outcome, "motivation": "Uitleg.", "amount": "100"},
        )
        assert response.status_code == 400
        assert "niet berekenen" in response.content.decode()
    assert not Decision.objects.exists()
    application.refresh_from_db()
    assert application.is_open


def test_record_decision_refuses_a_result_without_an_answer(resident):
    submission = factories.draft_for(resident, ANSWERS)
    application = Application.objects.create(
        submission=submission, scheme_id="bijstand", scheme_name="Bijstand"
    )
    result = unknown(real_evaluate(submission.household, trace=True), "bijstand")
    with pytest.raises(Undecidable):
        record_decision(application, Outcome.GRANTED, result=result)
    assert not Decision.objects.exists()


def test_no_automated_grant_on_provisional_amounts(monkeypatch, resident, team):
    today(monkeypatch, FAR)
    submission = factories.draft_for(resident, ANSWERS, schemes=("meedoenpas",))
    [application] = drafts.submit(submission)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW and not Decision.objects.exists()
    assert "voorlopig" in application.events.last().note


def test_a_provisional_decision_keeps_its_status_and_references_and_the_letter_says_so(
    monkeypatch, resident, consultant
):
    today(monkeypatch, FAR)
    submission = factories.draft_for(resident, ANSWERS, schemes=("meedoenregeling",))
    [application] = drafts.submit(submission)
    client = logged_in(consultant)
    case = text_of(client.get(f"/medewerkers/aanvraag/{application.public_id}/").content.decode())
    assert "Voorlopig" in case and "die gelden tot en met" in case and "Rekenbasis: bedragen vanaf" in case
    assert "voorlopig" in case.split("Alle rekenstappen")[1]  # the trace marks the parameters
    response = client.post(f"/medewerkers/aanvraag/{application.public_id}/besluit/", {"outcome": "granted"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.provisional and decision.scheme_status["provisional_basis"]
    assert decision.references and all({"title", "url", "kind"} <= set(r) for r in decision.references)
    letter = text_of(
        render_to_string("decisions/letter.html", {"decision": decision, "submission": submission})
    )
    assert "Voorlopig bedrag. De bedragen voor 1 januari 2035 waren nog niet gepubliceerd" in letter
    assert "laatst gepubliceerde bedragen, die gelden tot en met" in letter
    assert "(voorlopig)" in letter
    assert client.get(f"/besluiten/{decision.public_id}/brief.pdf").status_code == 200
    mine = text_of(logged_in(resident).get(f"/aanvragen/{application.public_id}/").content.decode())
    assert decision.amount_cents > 0 and "Dit bedrag is voorlopig" in mine


def test_the_letter_labels_a_web_page_bron_and_reads_older_decisions(resident, consultant):
    submission = factories.draft_for(resident, ANSWERS)
    [application] = drafts.submit(submission)
    decision = Decision.objects.create(
        application=application, outcome=Outcome.GRANTED, amount_cents=100, period="month",
        peildatum=NORMAL, references=[LAW, WEB], scheme_status={"status": "final"}, parameter_version="x",
    )  # fmt: skip
    letter = text_of(
        render_to_string("decisions/letter.html", {"decision": decision, "submission": submission})
    )
    assert "Wettelijke basis: Participatiewet, artikel 21" in letter
    assert "Bron: Gemeente Nijmegen, Meedoen-regeling" in letter and "Voorlopig" not in letter
    decision.references, decision.legal_basis = [], [LAW["url"]]  # stored before references existed
    letter = text_of(
        render_to_string("decisions/letter.html", {"decision": decision, "submission": submission})
    )
    assert "Wettelijke basis: Participatiewet, artikel 21" in letter


# --- the changed views keep their walls ----------------------------------------------------------


def test_changed_views_keep_their_authorisation(
    monkeypatch, resident, other_resident, consultant, other_consultant
):
    today(monkeypatch, FAR)
    submission = factories.draft_for(other_resident, ANSWERS, schemes=("meedoenpas",))
    [application] = drafts.submit(submission)  # lands with the other team (postcode 6541)
    case = f"/medewerkers/aanvraag/{application.public_id}/"
    assert logged_in(other_consultant).get(case).status_code == 200
    assert logged_in(consultant).get(case).status_code == 404  # not their team
    assert logged_in(resident).get(case).status_code == 403
    assert Client().get(case).status_code == 302
    post = {"outcome": "granted"}
    assert logged_in(consultant).post(case + "besluit/", post).status_code == 404
    assert logged_in(resident).post(case + "besluit/", post).status_code == 403
    assert not Decision.objects.exists()
