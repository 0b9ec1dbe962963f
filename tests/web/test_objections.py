"""Online objection (bezwaar): filing, the jurist's bezwaar case, the besluit op bezwaar, and what an
upheld objection does to the decision and its payments. Every view is attacked by every other role."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import date
from django.test import Client
from django.utils import timezone

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.audit.models import AuditEntry
from meedoen.web.citypass.issuing import end_for_decision
from meedoen.web.citypass.models import Budget, LedgerEntry
from meedoen.web.decisions.models import Decision, Outcome
from meedoen.web.decisions.recording import record_decision, revise_decision
from meedoen.web.objections import procedure, terms
from meedoen.web.objections.models import Hearing, Objection, ObjectionDocument
from meedoen.web.objections.models import Outcome as ObjectionOutcome
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

pytestmark = pytest.mark.django_db
PDF = factories.PDF


@pytest.fixture
def jurist(db):
    return factories.UserFactory(role=Role.JURIST, username="jurist", first_name="Sanne", last_name="de Jong")


@pytest.fixture
def team_lead(team):
    return factories.UserFactory(role=Role.TEAM_LEAD, team=team, username="teamleider")


@pytest.fixture
def teamless(db):
    return factories.UserFactory(role=Role.POLICY_ADVISER, username="beleid")


@pytest.fixture
def rejected(resident, team, consultant) -> Decision:
    """A Meedoen-regeling the consultant rejected: the resident objects to it."""
    [application] = drafts.submit(factories.draft_for(resident, ANSWERS, ("meedoenregeling",)))
    return record_decision(
        application, Outcome.REJECTED, by=consultant, motivation="Geen bewijs van inkomen."
    )


def file_url(decision: Decision) -> str:
    return f"/bezwaar/besluit/{decision.public_id}/"


def post_objection(
    client: Client, decision: Decision, grounds: str = "Mijn inkomen is wel laag genoeg.", files=()
):
    return client.post(file_url(decision), {"grounds": grounds, "documents": list(files)})


def filed(decision: Decision) -> Objection:
    return procedure.file_objection(
        decision, decision.case.submission.resident, "Ik ben het er niet mee eens.", []
    )


# ------------------------------------------------------------------ terms (law arithmetic)


def test_the_objection_term_is_six_weeks_from_the_day_after_sending_moved_past_weekends_and_holidays():
    # Thursday 3 Dec 2026 + 6 weeks = Thursday 14 Jan 2027 (a working day)
    assert terms.objection_term_end(dt.date(2026, 12, 3)) == dt.date(2027, 1, 14)
    # Saturday 5 Dec 2026 + 6 weeks = Saturday 16 Jan 2027 -> Monday 18 Jan (Atw art. 1)
    assert terms.objection_term_end(dt.date(2026, 12, 5)) == dt.date(2027, 1, 18)
    # 20 Nov 2026 + 6 weeks = Friday 1 Jan 2027 (Nieuwjaarsdag) -> Monday 4 Jan 2027
    assert terms.objection_term_end(dt.date(2026, 11, 20)) == dt.date(2027, 1, 4)
    # Easter 2027 is 28 March (so tweede paasdag 29 March, Hemelvaart 6 May, tweede pinksterdag 17 May)
    assert terms.easter(2027) == dt.date(2027, 3, 28)
    assert terms.objection_term_end(dt.date(2027, 2, 15)) == dt.date(2027, 3, 30)  # Mon 29 Mar -> Tue
    assert dt.date(2027, 5, 6) in terms.general_holidays(2027) and dt.date(
        2027, 5, 17
    ) in terms.general_holidays(2027)
    # Koningsdag 27 April 2025 was a Sunday: celebrated on Saturday 26 April
    assert terms.kings_day(2025) == dt.date(2025, 4, 26) and terms.kings_day(2026) == dt.date(2026, 4, 27)


def test_the_decision_term_is_six_weeks_after_the_objection_term_and_once_six_more():
    ended = dt.date(2027, 1, 14)
    assert terms.decision_due(ended, dt.date(2026, 12, 10)) == dt.date(2027, 2, 25)  # Awb 7:10 lid 1
    assert terms.extended(dt.date(2027, 2, 25)) == dt.date(2027, 4, 8)  # lid 3
    # a late objection: six weeks from its receipt, not a due date already past
    assert terms.decision_due(ended, dt.date(2027, 2, 1)) == dt.date(2027, 3, 15)


# ------------------------------------------------------------------ filing


def test_the_resident_files_an_objection_with_a_document_and_gets_a_receipt(resident, rejected):
    client = logged_in(resident)
    form = client.get(file_url(rejected)).content.decode()
    assert "Bezwaar maken" in form and "U kunt bezwaar maken tot en met" in form
    upload = SimpleUploadedFile("loonstrook.pdf", PDF, content_type="application/pdf")
    response = post_objection(client, rejected, files=[upload])
    objection = Objection.objects.get()
    assert response.status_code == 302 and response.url == f"/bezwaar/{objection.public_id}/ontvangen/"
    today = timezone.localdate()
    assert (objection.received_on, objection.late, objection.decision, objection.application) == (
        today,
        False,
        rejected,
        rejected.case,
    )
    assert objection.term_ended_on == terms.objection_term_end(timezone.localdate(rejected.decided_at))
    assert objection.due_on == terms.decision_due(objection.term_ended_on, today)
    [document] = objection.documents.all()
    assert document.original_name == "loonstrook.pdf" and document.content_type == "application/pdf"
    receipt = client.get(response.url).content.decode()
    assert "Wij hebben uw bezwaar ontvangen" in receipt and "Mijn inkomen is wel laag genoeg." in receipt
    assert f"{today.day} " in receipt and "loonstrook.pdf" in receipt
    assert re.search(r"Zaaknummer</dt>.*WI-\d{4}-\d{6}", receipt) and str(objection.public_id) not in receipt
    page = client.get(f"/aanvragen/{rejected.case.public_id}/").content.decode()
    assert "Bezwaar ontvangen" in page and "Bezwaar maken tegen dit besluit" not in page
    assert "Bezwaar ontvangen" in client.get("/aanvragen/").content.decode()


def test_a_late_objection_is_accepted_and_flagged_for_the_jurist(resident, rejected):
    sent = timezone.localdate() - dt.timedelta(days=60)
    Decision.objects.filter(pk=rejected.pk).update(
        decided_at=timezone.make_aware(dt.datetime.combine(sent, dt.time(12)))
    )
    client = logged_in(resident)
    assert "Die termijn is voorbij" in client.get(file_url(rejected)).content.decode()
    assert post_objection(client, rejected).status_code == 302
    objection = Objection.objects.get()
    assert objection.late and objection.term_ended_on == terms.objection_term_end(sent)
    assert objection.due_on > timezone.localdate()
    assert "te laat" in objection.events.get().text


@pytest.mark.parametrize(
    ("grounds", "files", "message"),
    [
        ("", [], "Schrijf op waarom u het niet eens bent met het besluit."),
        ("   ", [], "Schrijf op waarom u het niet eens bent met het besluit."),
        ("Nee.", [], "Schrijf iets meer op"),
        (
            "Het klopt niet.",
            [("virus.exe", b"MZ\x90\x00")],
            "virus.exe: Dit soort bestand kunnen wij niet gebruiken",
        ),
        ("Het klopt niet.", [("leeg.pdf", b"")], "Dit bestand is leeg"),
        ("Het klopt niet.", [(f"d{i}.pdf", PDF) for i in range(6)], "maximaal 5 bestanden"),
    ],
)
def test_bad_input_gets_a_specific_message_and_stores_nothing(resident, rejected, grounds, files, message):
    uploads = [SimpleUploadedFile(name, content) for name, content in files]
    response = post_objection(logged_in(resident), rejected, grounds, uploads)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Objection.objects.exists() and not ObjectionDocument.objects.exists()


def test_a_second_objection_to_the_same_decision_is_refused(resident, rejected):
    client = logged_in(resident)
    post_objection(client, rejected)
    again = post_objection(client, rejected, "Nog een keer: het klopt niet.")
    assert again.status_code == 409
    assert "U hebt al bezwaar gemaakt tegen dit besluit." in again.content.decode()
    assert Objection.objects.count() == 1
    with pytest.raises(procedure.Refused):
        filed(rejected)


def test_after_a_withdrawal_the_resident_may_object_again(resident, rejected, jurist):
    objection = filed(rejected)
    procedure.decide(
        objection, ObjectionOutcome.WITHDRAWN, "De inwoner trok het bezwaar in per telefoon.", jurist
    )
    assert post_objection(logged_in(resident), rejected).status_code == 302
    assert Objection.objects.count() == 2


def test_an_objection_to_a_withdrawn_decision_is_refused(resident, rejected, consultant):
    new = revise_decision(rejected, Outcome.GRANTED, by=consultant, motivation="Toch recht na nieuw bewijs.")
    client = logged_in(resident)
    response = post_objection(client, rejected)
    assert response.status_code == 409
    assert "Het is ingetrokken en vervangen door een nieuw besluit" in response.content.decode()
    assert not Objection.objects.exists()
    assert post_objection(client, new).status_code == 302  # the decision in force: yes


def test_no_objection_to_a_besluit_op_bezwaar_the_route_is_the_court(resident, rejected, jurist):
    objection = filed(rejected)
    procedure.waive_hearing(objection, "e", jurist)
    objection = procedure.decide(
        objection, ObjectionOutcome.UPHELD, "U hebt recht.", jurist, new_outcome=Outcome.GRANTED
    )
    response = post_objection(logged_in(resident), objection.new_decision)
    assert response.status_code == 409 and "in beroep gaan bij de rechtbank" in response.content.decode()
    assert Objection.objects.count() == 1


def test_someone_elses_decision_is_not_found(other_resident, rejected):
    client = logged_in(other_resident)
    assert client.get(file_url(rejected)).status_code == 404
    assert post_objection(client, rejected).status_code == 404
    assert not Objection.objects.exists()


# ------------------------------------------------------------------ the jurist's case


def test_the_jurist_sees_the_case_with_its_terms_and_every_read_is_audited(resident, rejected, jurist):
    objection = filed(rejected)
    client = logged_in(jurist)
    queue = client.get("/bezwaar/jurist/").content.decode()
    assert resident.display_name in queue and objection.decide_by.strftime("%d-%m-%Y") in queue
    case = client.get(f"/bezwaar/jurist/{objection.public_id}/").content.decode()
    assert "Ik ben het er niet mee eens." in case and objection.term_ended_on.strftime("%d-%m-%Y") in case
    assert "Geen bewijs van inkomen." in case  # the contested decision's motivation
    assert resident.bsn not in case  # the jurist does not see the BSN
    entries = AuditEntry.objects.filter(actor_id=jurist.pk, subject_id=resident.pk)
    assert {e.what for e in entries} == {"bezwaarzaken", f"bezwaar {objection.public_id}"}
    assert all(e.why == "behandeling bezwaar" for e in entries)


def test_the_term_is_extended_once_with_a_reason(rejected, jurist):
    objection = filed(rejected)
    client = logged_in(jurist)
    url = f"/bezwaar/jurist/{objection.public_id}/verdagen/"
    missing = client.post(url, {"verdagen-reason": ""})
    assert missing.status_code == 400 and "Geef de reden van het verdagen" in missing.content.decode()
    assert (
        client.post(url, {"verdagen-reason": "Wij wachten op gegevens van de Belastingdienst."}).status_code
        == 302
    )
    objection.refresh_from_db()
    assert objection.extended_due_on == terms.extended(objection.due_on)
    assert objection.extension_reason == "Wij wachten op gegevens van de Belastingdienst."
    assert "Wij wachten op gegevens" in objection.application.messages.last().text
    again = client.post(url, {"verdagen-reason": "Nog meer tijd."})
    assert again.status_code == 409 and "maar één keer" in again.content.decode()
    objection.refresh_from_db()
    assert objection.extension_reason == "Wij wachten op gegevens van de Belastingdienst."


def test_hearing_planned_or_waived_with_its_ground(rejected, jurist):
    objection = filed(rejected)
    client = logged_in(jurist)
    url = f"/bezwaar/jurist/{objection.public_id}/horen/"
    past = client.post(url, {"action": "plan", "horen-day": "2020-01-01"})
    assert past.status_code == 400 and "Deze datum is al geweest" in past.content.decode()
    no_ground = client.post(url, {"action": "waive", "afzien-ground": ""})
    assert (
        no_ground.status_code == 400
        and "Kies de grond waarop u afziet van horen." in no_ground.content.decode()
    )
    objection.refresh_from_db()
    assert objection.hearing == Hearing.NOT_YET
    day = timezone.localdate() + dt.timedelta(days=14)
    assert client.post(url, {"action": "plan", "horen-day": day.isoformat()}).status_code == 302
    objection.refresh_from_db()
    assert (objection.hearing, objection.hearing_on) == (Hearing.PLANNED, day)
    # deciding before the hearing took place is refused
    decide = client.post(
        f"/bezwaar/jurist/{objection.public_id}/beslissen/",
        {"besluit-outcome": "ongegrond", "besluit-motivation": "Het besluit klopt."},
    )
    assert decide.status_code == 409 and "Beslis na de hoorzitting" in decide.content.decode()
    assert client.post(url, {"action": "waive", "afzien-ground": "c"}).status_code == 302
    objection.refresh_from_db()
    assert (objection.hearing, objection.waiver_ground, objection.hearing_on) == (Hearing.WAIVED, "c", None)


def test_deciding_needs_a_hearing_or_a_waiver_and_a_motivation(rejected, jurist):
    objection = filed(rejected)
    client = logged_in(jurist)
    url = f"/bezwaar/jurist/{objection.public_id}/beslissen/"
    empty = client.post(url, {"besluit-outcome": "ongegrond", "besluit-motivation": ""})
    assert empty.status_code == 400 and "Schrijf de motivering op." in empty.content.decode()
    unheard = client.post(url, {"besluit-outcome": "ongegrond", "besluit-motivation": "Klopt."})
    assert unheard.status_code == 409 and "Plan eerst een hoorzitting" in unheard.content.decode()
    upheld_without = client.post(url, {"besluit-outcome": "gegrond", "besluit-motivation": "Klopt niet."})
    assert (
        upheld_without.status_code == 400
        and "Kies wat het nieuwe besluit is" in upheld_without.content.decode()
    )
    objection.refresh_from_db()
    assert objection.is_open and Decision.objects.count() == 1


def test_a_late_objection_not_excused_can_only_be_inadmissible(rejected, jurist):
    objection = filed(rejected)
    Objection.objects.filter(pk=objection.pk).update(late=True)
    procedure.waive_hearing(objection, "a", jurist)
    client = logged_in(jurist)
    url = f"/bezwaar/jurist/{objection.public_id}/beslissen/"
    no_choice = client.post(url, {"besluit-outcome": "ongegrond", "besluit-motivation": "Klopt."})
    assert no_choice.status_code == 400 and "Kies of dat verschoonbaar is" in no_choice.content.decode()
    not_excused = {"besluit-outcome": "ongegrond", "besluit-motivation": "Klopt.", "besluit-lateness": "no"}
    refused = client.post(url, not_excused)
    assert refused.status_code == 409 and "niet-ontvankelijk" in refused.content.decode()
    ok = {**not_excused, "besluit-outcome": "niet_ontvankelijk", "besluit-motivation": "Te laat, geen reden."}
    assert client.post(url, ok).status_code == 302
    objection.refresh_from_db()
    assert objection.outcome == "niet_ontvankelijk" and objection.lateness_excused is False
    letter = client.get(f"/bezwaar/{objection.public_id}/besluit-op-bezwaar.pdf")
    text = pdf_text(letter.content)
    assert "niet-ontvankelijk" in text and "geen goede reden" in text


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages).replace(
        "\n", " "
    )


def test_upheld_replaces_the_decision_keeps_the_old_one_and_puts_the_budget_on_the_pass(
    resident, rejected, jurist
):
    objection = filed(rejected)
    client = logged_in(jurist)
    client.post(
        f"/bezwaar/jurist/{objection.public_id}/horen/",
        {"action": "plan", "horen-day": timezone.localdate().isoformat()},
    )
    response = client.post(
        f"/bezwaar/jurist/{objection.public_id}/beslissen/",
        {
            "besluit-outcome": "gegrond",
            "besluit-motivation": "Uit de loonstroken blijkt dat uw inkomen onder de grens ligt.",
            "besluit-new_outcome": "granted",
        },
    )
    assert response.status_code == 302
    objection.refresh_from_db()
    old, new = Decision.objects.get(pk=rejected.pk), objection.new_decision
    application = old.case
    # the old decision is kept as it was, linked to the new one; the application's decision is the new one
    assert (old.outcome, old.motivation, old.in_force) == ("rejected", "Geen bewijs van inkomen.", False)
    assert old.superseded_by == new and new.supersedes == old and new.in_force
    assert application.decision == new and application.status == "granted"
    assert (new.outcome, new.decided_by, new.automated) == ("granted", jurist, False)
    # the Meedoen-regeling budget (EUR 150 per adult in Nijmegen, 2026 parameters) is on the pass
    [budget] = Budget.objects.filter(pass_card__resident=resident)
    assert budget.balance_cents == 15000
    assert LedgerEntry.objects.get(kind="grant").decision_id == new.pk
    # the resident sees the changed decision, the status and the letter
    resident_client = logged_in(resident)
    page = resident_client.get(f"/aanvragen/{application.public_id}/").content.decode()
    assert "Uw aanvraag is toegekend." in page and "Besluit op bezwaar: gegrond" in page
    assert "Bezwaar maken tegen dit besluit" not in page
    letter = resident_client.get(f"/bezwaar/{objection.public_id}/besluit-op-bezwaar.pdf")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    text = pdf_text(letter.content)
    assert "Besluit op uw bezwaar: gegrond" in text and "Rechtbank Gelderland" in text
    assert "6 weken" in text and "Toegekend" in text and "Sanne de Jong" in text
    last_day = terms.objection_term_end(timezone.localdate(objection.decided_at))
    assert f"uiterlijk op {date(last_day, 'j F')}" in text  # the year may fall after a page break
    # the old decision's letter is still there, for the record
    assert resident_client.get(f"/besluiten/{old.public_id}/brief.pdf").status_code == 200


def test_revoking_a_grant_ends_its_budget_but_keeps_what_was_spent(resident, team, consultant):
    [application] = drafts.submit(factories.draft_for(resident, ANSWERS, ("meedoenregeling",)))
    granted = (
        application.decision
        if application.status == "granted"
        else record_decision(application, Outcome.GRANTED, by=consultant)
    )
    [budget] = Budget.objects.filter(pass_card__resident=resident)
    assert budget.period_end > timezone.localdate()
    revise_decision(granted, Outcome.REJECTED, by=consultant, motivation="Inkomen bleek te hoog.")
    budget.refresh_from_db()
    assert budget.period_end == timezone.localdate() and budget.balance_cents == 15000
    assert LedgerEntry.objects.count() == 1  # the ledger is not touched
    assert end_for_decision(granted) == 0  # ending again changes nothing
    with pytest.raises(ValueError):
        revise_decision(granted, Outcome.GRANTED, by=consultant, motivation="Nog eens.")


def test_dismissed_keeps_the_decision_and_payments(rejected, jurist):
    objection = filed(rejected)
    procedure.waive_hearing(objection, "b", jurist)
    procedure.decide(objection, ObjectionOutcome.DISMISSED, "Het besluit klopt.", jurist)
    rejected.refresh_from_db()
    assert rejected.in_force and Decision.objects.count() == 1 and not Budget.objects.exists()
    with pytest.raises(procedure.Refused):
        procedure.decide(
            objection, ObjectionOutcome.UPHELD, "Toch niet.", jurist, new_outcome=Outcome.GRANTED
        )


# ------------------------------------------------------------------ authorisation


def jurist_urls(objection: Objection) -> list[tuple[str, str]]:
    base = f"/bezwaar/jurist/{objection.public_id}/"
    return [
        ("get", "/bezwaar/jurist/"),
        ("get", base),
        ("post", base + "verdagen/"),
        ("post", base + "horen/"),
        ("post", base + "beslissen/"),
    ]


@pytest.mark.parametrize(
    "who", ["resident", "other_resident", "consultant", "other_consultant", "team_lead", "teamless"]
)
def test_only_the_jurist_opens_the_jurists_pages(request, who, rejected):
    objection = filed(rejected)
    client = logged_in(request.getfixturevalue(who))
    for method, url in jurist_urls(objection):
        assert getattr(client, method)(url).status_code == 403, (who, url)
    objection.refresh_from_db()
    assert objection.is_open and objection.extended_due_on is None and objection.hearing == Hearing.NOT_YET


def test_anonymous_is_sent_to_log_in_everywhere(rejected, jurist):
    objection = filed(rejected)
    procedure.waive_hearing(objection, "e", jurist)
    procedure.decide(objection, ObjectionOutcome.DISMISSED, "Klopt.", jurist)
    anonymous = Client()
    urls = [u for _, u in jurist_urls(objection)] + [
        file_url(rejected),
        f"/bezwaar/{objection.public_id}/ontvangen/",
        f"/bezwaar/{objection.public_id}/besluit-op-bezwaar.pdf",
    ]
    for url in urls:
        response = anonymous.get(url)
        assert response.status_code == 302 and "/inloggen/" in response.url, url


@pytest.mark.parametrize("who", ["other_resident", "consultant", "other_consultant", "team_lead", "teamless"])
def test_the_residents_objection_its_documents_and_letter_are_the_residents_and_the_jurists(
    request, who, rejected, jurist
):
    upload = SimpleUploadedFile("brief.pdf", PDF)
    upload.checked_content_type = "application/pdf"
    objection = procedure.file_objection(
        rejected, rejected.case.submission.resident, "Het klopt niet.", [upload]
    )
    procedure.waive_hearing(objection, "e", jurist)
    procedure.decide(objection, ObjectionOutcome.DISMISSED, "Klopt.", jurist)
    document = objection.documents.get()
    urls = [
        f"/bezwaar/{objection.public_id}/ontvangen/",
        f"/bezwaar/{objection.public_id}/besluit-op-bezwaar.pdf",
        f"/bezwaar/document/{document.public_id}/",
    ]
    client = logged_in(request.getfixturevalue(who))
    expected = 403 if who != "other_resident" else 404
    for url in urls:
        status = client.get(url).status_code
        # the receipt page is for residents only (403 for staff); the rest is 404 for anyone not entitled
        assert status == (expected if url.endswith("/ontvangen/") else 404), (who, url, status)
    assert client.get(file_url(rejected)).status_code == expected
    owner, jurist_client = logged_in(rejected.case.submission.resident), logged_in(jurist)
    assert owner.get(urls[0]).status_code == 200
    for url in urls[1:]:
        assert owner.get(url).status_code == 200 and jurist_client.get(url).status_code == 200
    downloads = AuditEntry.objects.filter(action="download", subject_id=rejected.case.submission.resident_id)
    assert downloads.filter(actor_id=jurist.pk, why="behandeling bezwaar").count() == 2


def test_the_jurist_lands_on_the_bezwaar_cases_and_never_sees_the_application_queue(jurist, rejected):
    client = logged_in(jurist)
    assert client.get("/medewerkers/").url == "/bezwaar/jurist/"
    assert client.get("/medewerkers/werkvoorraad/").status_code == 403
    assert client.get(f"/medewerkers/aanvraag/{rejected.case.public_id}/").status_code == 403
    assert client.get(f"/besluiten/{rejected.public_id}/brief.pdf").status_code == 404
    assert client.get("/aanvragen/").status_code == 403
    assert client.get(file_url(rejected)).status_code == 403
