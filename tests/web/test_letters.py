"""Letters: the letterhead per municipality as validated data, readable case numbers, HTML + PDF,
and the decision letter read back as PDF text (pypdf; see docs/decisions.md)."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from pypdf import PdfReader

from meedoen.rules.parameters import PARAMETER_ROOT
from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Application
from meedoen.web.audit.models import AuditEntry
from meedoen.web.decisions.models import Decision, Outcome
from meedoen.web.letters import Letter, case_number, render_letter
from meedoen.web.letters.decision import decision_letter, objections_online, online_objection_url
from meedoen.web.letters.letterhead import (
    LETTERHEADS,
    Letterhead,
    LetterheadError,
    _validated,
    legal_facts,
    letterhead,
    municipalities_with_letterheads,
)
from meedoen.web.letters.models import CaseNumber
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

NUMBER = re.compile(r"^WI-\d{4}-\d{6}$")


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as a reader gets it, whitespace folded (line breaks fall anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


# --- letterheads and legal facts as data -----------------------------------------------------------


def test_every_municipality_with_parameters_has_a_valid_letterhead():
    with_parameters = sorted(p.name for p in (PARAMETER_ROOT / "gemeenten").iterdir() if p.is_dir())
    assert with_parameters, "no municipalities found"
    assert set(with_parameters) <= set(municipalities_with_letterheads())
    for municipality in with_parameters:
        head = letterhead(municipality)
        assert head.municipality == municipality and head.name.startswith("Gemeente ")
        assert head.objection_address.postcode and head.sources


def test_a_malformed_letterhead_names_the_file_and_field(tmp_path):
    bad = tmp_path / "ergens.yaml"
    bad.write_text((LETTERHEADS / "nijmegen.yaml").read_text().replace("6500 HG", "6500hg", 1))
    with pytest.raises(LetterheadError, match=r"ergens\.yaml: postal_address\.postcode"):
        _validated(Letterhead, bad)
    with pytest.raises(LetterheadError, match="bestand ontbreekt"):
        letterhead("bestaat_niet")


def test_the_objection_term_and_articles_are_data():
    facts = legal_facts()
    assert [r.article for r in facts.objection.references] == ["6:7", "6:8"]
    assert facts.information_duty[0].id == "BWBR0015703" and facts.information_duty[0].article == "17"


# --- render_letter -------------------------------------------------------------------------------


def test_render_letter_gives_html_and_a_pdf_with_the_letterhead():
    letter = render_letter("letters/base.html", {}, "arnhem")
    assert isinstance(letter, Letter)
    assert "Gemeente Arnhem" in letter.html and "Postbus 9029" in letter.html
    assert "/static/letters/letter.css" in letter.html
    assert letter.pdf.startswith(b"%PDF")
    text = pdf_text(letter.pdf)
    assert "Gemeente Arnhem" in text and "Postbus 9029" in text and "6800 EL Arnhem" in text


# --- case numbers --------------------------------------------------------------------------------


@pytest.fixture
def applications(resident):
    submission = factories.draft_for(resident, ANSWERS, schemes=("bijstand", "meedoenregeling"))
    return drafts.submit(submission)


@pytest.mark.django_db
def test_case_numbers_are_readable_stable_and_unique(applications):
    first, second = applications
    number = case_number(first)
    assert NUMBER.match(number), number
    assert case_number(first) == number  # asked again
    assert case_number(Application.objects.get(pk=first.pk)) == number  # from another request
    other = case_number(second)
    assert other != number and NUMBER.match(other)
    year = first.submission.submitted_at.year
    assert number.startswith(f"WI-{year}-")
    assert int(other[-6:]) == int(number[-6:]) + 1
    assert CaseNumber.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_get_one_number_per_application(resident):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises writers)")
    submission = factories.draft_for(resident, ANSWERS, schemes=("bijstand", "meedoenregeling"))
    applications = drafts.submit(submission)
    results: list[str] = []
    errors: list[BaseException] = []

    def take(application):
        try:
            results.append(case_number(Application.objects.get(pk=application.pk)))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(a,)) for a in applications for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(set(results)) == 2  # four requests per application, one number each
    assert CaseNumber.objects.count() == 2


# --- the decision letter, read back from the PDF ---------------------------------------------------

NORMAL = dt.date(2026, 3, 2)  # a Monday with published figures
LAW = {"title": "Participatiewet art. 21", "url": "https://wetten.overheid.nl/BWBR0015703#Artikel21",
       "id": "BWBR0015703", "article": "21", "kind": "law"}  # fmt: skip
WEB = {"title": "Gemeente Nijmegen, Meedoen-regeling", "url": "https://www.nijmegen.nl/meedoen/",
       "id": None, "article": None, "kind": "web"}  # fmt: skip


def today(monkeypatch, date: dt.date) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: date)


def decided(application, *, by=None, amount_cents=12345, outcome=Outcome.GRANTED, **fields) -> Decision:
    """A stored decision as recording makes it, with amounts and references the test chooses."""
    fields = {"scheme_status": {"status": "final"}, **fields}
    decision = Decision.objects.create(
        application=application, outcome=outcome, amount_cents=amount_cents, period="month",
        peildatum=NORMAL, reasons=[{"code": "ok", "text": "Uw inkomen is lager dan de grens."}],
        references=[LAW, WEB], parameter_version="test", automated=by is None, decided_by=by, **fields,
    )  # fmt: skip
    Decision.objects.filter(pk=decision.pk).update(
        decided_at=timezone.make_aware(dt.datetime.combine(NORMAL, dt.time(10)))
    )
    decision.refresh_from_db()
    return decision


def link_targets(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return {
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    }


@pytest.fixture
def application(resident, team):
    submission = factories.draft_for(resident, ANSWERS, schemes=("meedoenregeling",))
    submission.full_name = "Fatima el Amrani"
    submission.street, submission.house_number = "Tweede Oude Heselaan", "120 A"
    submission.postcode, submission.city = "6521 AB", "Nijmegen"
    submission.save()
    [application] = drafts.submit(submission)
    Decision.objects.filter(application=application).delete()  # the test decides itself
    return application


@pytest.mark.django_db
def test_the_resident_downloads_a_letter_with_everything_a_municipality_must_say(
    application, resident, consultant
):
    decision = decided(application, by=consultant)
    detail = logged_in(resident).get(f"/aanvragen/{application.public_id}/").content.decode()
    assert f"/besluiten/{decision.public_id}/brief.pdf" in detail
    response = logged_in(resident).get(f"/besluiten/{decision.public_id}/brief.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    number = case_number(application)
    assert NUMBER.match(number)
    # addressed to the resident by name and postal address; never a BSN
    assert "Fatima el Amrani" in text and "Tweede Oude Heselaan 120 A" in text and "6521 AB Nijmegen" in text
    assert resident.bsn not in text and "inwoner-" not in text
    assert f"Zaaknummer {number}" in text and "Datum 2 maart 2026" in text
    # the decision: scheme, amount, period, start
    assert "Regeling Meedoenregeling" in text or "Meedoen" in text
    assert (
        "Besluit Toegekend" in text and "€ 123,45 per maand" in text and "Ingangsdatum 2 maart 2026" in text
    )
    # legal basis by kind, with links
    assert (
        "Wettelijke basis: Participatiewet, artikel 21" in text
        and "Bron: Gemeente Nijmegen, Meedoen-regeling" in text
    )
    assert {LAW["url"], WEB["url"]} <= link_targets(response.content)
    # what to report (inlichtingenplicht) and who decided
    assert "Geef dat dan meteen aan ons door" in text and "Participatiewet, artikel 17" in text
    assert f"genomen door {consultant.display_name}, consulent Werk en Inkomen" in text
    # the objection route: six weeks from the day after sending, the last day, the address
    assert "binnen 6 weken" in text and "de dag na de dag waarop wij deze brief hebben verstuurd" in text
    assert "uiterlijk op maandag 13 april 2026" in text
    assert (
        "College van burgemeester en wethouders van de gemeente Nijmegen Postbus 9105 6500 HG Nijmegen"
        in text
    )
    assert "Algemene wet bestuursrecht, artikel 6:7" in text
    assert "Gemeente Nijmegen" in text and "14 024" in text


@pytest.mark.django_db
def test_the_consultant_of_the_team_gets_the_same_letter(application, consultant):
    decision = decided(application, by=consultant)
    case_page = logged_in(consultant).get(f"/medewerkers/aanvraag/{application.public_id}/").content.decode()
    assert f"/besluiten/{decision.public_id}/brief.pdf" in case_page
    text = pdf_text(logged_in(consultant).get(f"/besluiten/{decision.public_id}/brief.pdf").content)
    assert case_number(application) in text and "Fatima el Amrani" in text


@pytest.mark.django_db
def test_an_automated_decision_says_so_and_offers_a_person(application):
    text = pdf_text(decision_letter(decided(application)).pdf)
    assert "automatisch besluit" in text and "Er heeft nog geen medewerker naar gekeken" in text
    assert "U hebt het recht dat een medewerker naar uw aanvraag kijkt" in text and "artikel 22" in text
    assert "consulent" not in text.split("Wie heeft dit besluit genomen?")[1].split("Bent u")[0]


@pytest.mark.django_db
def test_a_rejection_has_no_amount_and_no_reporting_duty(application, consultant):
    text = pdf_text(
        decision_letter(decided(application, by=consultant, amount_cents=0, outcome=Outcome.REJECTED)).pdf
    )
    assert "U krijgt geen Meedoen" in text and "Besluit Afgewezen" in text
    assert "€" not in text and "Wat moet u aan ons doorgeven" not in text
    assert "binnen 6 weken" in text


@pytest.mark.django_db
def test_a_grant_without_a_known_amount_never_says_nil(application, consultant):
    text = pdf_text(decision_letter(decided(application, by=consultant, amount_cents=0)).pdf)
    assert "€ 0" not in text and "€" not in text and "U krijgt deze regeling vanaf 2 maart 2026" in text


@pytest.mark.django_db
def test_a_provisional_decision_says_so_in_the_pdf(application, consultant):
    decision = decided(
        application, by=consultant, scheme_status={"status": "provisional", "values_until": "2026-12-31"}
    )
    text = pdf_text(decision_letter(decision).pdf)
    assert "Voorlopig bedrag. De bedragen voor 2 maart 2026 waren nog niet gepubliceerd" in text
    assert "die gelden tot en met 31 december 2026" in text and "€ 123,45 per maand (voorlopig)" in text


@pytest.mark.django_db
def test_without_a_name_or_address_the_letter_never_shows_a_bsn(application, resident, consultant):
    submission = application.submission
    submission.full_name = submission.street = submission.house_number = submission.city = ""
    submission.save()
    text = pdf_text(decision_letter(decided(application, by=consultant)).pdf)
    assert "Aan de bewoner" in text and "Beste inwoner" in text and "6521 AB" in text
    assert resident.bsn not in text and resident.username not in text


@pytest.mark.django_db
def test_the_online_objection_route_and_its_fallback(application, consultant, monkeypatch):
    decision = decided(application, by=consultant)
    request = RequestFactory().get("/besluiten/")
    if objections_online():  # the objections app is installed: the letter links its form
        url = request.build_absolute_uri(reverse("objections:file", args=[decision.public_id]))
        pdf = decision_letter(decision, request=request).pdf
        assert url in link_targets(pdf)
        assert "Online bezwaar maken: log in met DigiD en ga naar Mijn aanvragen" in pdf_text(pdf)

    def missing(*args, **kwargs):
        raise NoReverseMatch("objections")

    monkeypatch.setattr("meedoen.web.letters.decision.reverse", missing)
    assert online_objection_url(decision, request) is None and not objections_online()
    text = pdf_text(decision_letter(decision, request=request).pdf)
    assert "Online bezwaar maken: kijk op https://www.nijmegen.nl/diensten/klacht-bezwaar-" in text
    assert "Postbus 9105" in text


@pytest.mark.django_db
def test_the_last_day_to_object_moves_past_a_holiday(application, consultant):
    """Sent on 23 February 2026: six weeks end on tweede paasdag (6 April), so the 7th is the last day
    (the arithmetic is meedoen/web/objections/terms.py, shared with the objection procedure)."""
    decision = decided(application, by=consultant)
    Decision.objects.filter(pk=decision.pk).update(
        decided_at=timezone.make_aware(dt.datetime(2026, 2, 23, 10))
    )
    decision.refresh_from_db()
    text = pdf_text(decision_letter(decision).pdf)
    assert "(23 februari 2026)" in text and "uiterlijk op dinsdag 7 april 2026" in text


# --- who may read a decision letter ----------------------------------------------------------------


@pytest.mark.django_db
def test_only_the_resident_and_their_team_get_the_letter(
    application, resident, other_resident, consultant, other_consultant
):
    decision = decided(application, by=consultant)
    url = f"/besluiten/{decision.public_id}/brief.pdf"
    teamless = factories.UserFactory(role=Role.CONSULTANT, team=None, username="zonderteam")
    jurist = factories.UserFactory(role=Role.JURIST, username="jurist")
    adviser = factories.UserFactory(role=Role.POLICY_ADVISER, username="beleid")
    for user in (other_resident, other_consultant, teamless, jurist, adviser):
        assert logged_in(user).get(url).status_code == 404, user.username
    assert Client().get(url).status_code == 302  # anonymous: to the log-in
    assert logged_in(resident).get(url).status_code == 200
    assert logged_in(consultant).get(url).status_code == 200
    reads = AuditEntry.objects.filter(what=f"besluit {decision.public_id}")
    assert reads.count() == 2 and {e.subject_id for e in reads} == {resident.pk}


@pytest.mark.django_db
def test_teamless_staff_never_see_a_letter_of_a_teamless_application(application, consultant):
    decision = decided(application, by=consultant)
    submission = application.submission
    submission.team = None
    submission.save()
    teamless = factories.UserFactory(role=Role.CONSULTANT, team=None, username="zonderteam")
    assert logged_in(teamless).get(f"/besluiten/{decision.public_id}/brief.pdf").status_code == 404


@pytest.mark.django_db
def test_a_granted_amount_says_when_it_is_paid(application, consultant):
    """Awb 4:87 lid 1: within six weeks of the decision (decided on NORMAL, so six weeks later)."""
    text = pdf_text(decision_letter(decided(application, by=consultant)).pdf)
    last_day = NORMAL + dt.timedelta(weeks=6)
    assert f"uiterlijk op {last_day.day} " in text and "4:87" in text
    assert "Betaling" in text


@pytest.mark.django_db
def test_a_rejection_or_a_grant_without_money_has_no_payment_line(application, consultant):
    rejected = pdf_text(decision_letter(decided(application, by=consultant, outcome=Outcome.REJECTED)).pdf)
    assert "Betaling" not in rejected and "Wij betalen" not in rejected
