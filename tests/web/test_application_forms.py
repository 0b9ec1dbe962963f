"""Forms as the NL Design System draws them (issue 19, item 2), bad input (kept, named, never lost),
and the offer at the door from what the municipality knows (item 8)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from meedoen.web.applications.models import Application, Submission
from meedoen.web.vroegsignalering.models import SignalCase
from meedoen.web.vroegsignalering.offer import known_of
from tests.web import factories
from tests.web.conftest import ANSWERS, fill_check, logged_in
from tests.web.vroegsignalering.conftest import store

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def published_date(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: dt.date(2026, 6, 1))


def draft_url(submission: Submission, step: str) -> str:
    return f"/aanvragen/concept/{submission.public_id}/{step}/"


# --- NL Design System forms -----------------------------------------------------------------------


def test_the_scheme_choice_is_a_real_checkbox_list(resident):
    submission = factories.draft_for(resident, ANSWERS)
    page = logged_in(resident).get(draft_url(submission, "regelingen")).content.decode()
    boxes = re.findall(r'<input type="checkbox"[^>]*>', page)
    assert boxes and all("utrecht-checkbox utrecht-checkbox--html-input" in b for b in boxes)
    assert "utrecht-radio-button" not in page
    assert "utrecht-form-field--checkbox" in page and "utrecht-form-label--checkbox" in page


def test_optional_and_required_are_marked_truthfully():
    client = Client()
    fill_check(client, {k: ANSWERS[k] for k in ("over-u", "huishouden", "inkomen")})
    page = client.get("/regelingencheck/wonen/").content.decode()
    rent = page.split('for="id_rent"', 1)[1].split("</label>", 1)[0]
    energy = page.split('for="id_energy"', 1)[1].split("</label>", 1)[0]
    assert "(verplicht als u huurt)" in rent and "niet verplicht" not in rent
    assert "(niet verplicht)" in energy
    assert page.index('for="id_rent"') < page.index('id="id_rent"')  # the label comes before the control


def test_an_error_summary_at_the_top_is_announced_focused_and_names_each_field():
    client = Client()
    response = client.post("/regelingencheck/over-u/", {"birth_date": "", "action": "next"})
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split("data-error-summary", 1)[1].split("</div>\n</div>", 1)[0]
    assert page.index("data-error-summary") < page.index("<form")
    head = page.split("data-error-summary", 1)[0].rsplit("<div", 1)[1]
    assert 'role="alert"' in head and 'tabindex="-1"' in head
    assert (
        'href="#id_birth_date"' in summary and "Wat is uw geboortedatum?: Vul uw geboortedatum in." in summary
    )
    assert "portal/forms" in page  # the script that moves focus to the summary


# --- the review step ------------------------------------------------------------------------------


def test_the_review_shows_every_answer_being_declared(resident):
    submission = factories.draft_for(resident, ANSWERS, schemes=("meedoenregeling",))
    page = logged_in(resident).get(draft_url(submission, "controleren")).content.decode()
    for shown in (
        "Meedoen-regeling",  # the chosen scheme
        submission.full_name,
        "Kerkstraat 12",
        "6521 AB",
        "inwoner@example.org",
        "NL91ABNA0417164300",
        "Wat is uw geboortedatum?",
        "12-05-1984",
        "Hoeveel geld krijgt u per maand?",
        "€\xa0450,00",
        "Ik huur een woning",
        "€\xa0650,00",
        "€\xa01.200,00",
    ):
        assert shown in page, shown


def test_sending_without_a_required_document_is_refused_until_it_is_there(resident):
    submission = factories.draft_for(resident, ANSWERS, schemes=("bijstand",))
    client = logged_in(resident)
    page = client.get(draft_url(submission, "controleren")).content.decode()
    assert "Er ontbreken nog documenten." in page and "Kopie van uw identiteitsbewijs" in page
    refused = client.post(draft_url(submission, "controleren"), {"truthful": "on"})
    assert refused.status_code == 400
    assert "U kunt nog niet versturen. Deze documenten ontbreken nog: kopie van uw identiteitsbewijs" in (
        refused.content.decode()
    )
    assert not Application.objects.exists() and Submission.objects.get().is_draft
    factories.add_pdf(submission, "identity")
    factories.add_pdf(submission, "bank_statements")
    sent = client.post(draft_url(submission, "controleren"), {"truthful": "on"})
    assert sent.status_code == 302 and Application.objects.filter(scheme_id="bijstand").exists()


def test_bad_contact_input_keeps_what_was_typed_names_the_field_and_keeps_the_draft(resident):
    submission = factories.draft_for(resident, ANSWERS, schemes=("meedoenregeling",))
    before = Submission.objects.filter(pk=submission.pk).values().get()
    typed = {
        "full_name": "Fatima el Amrani",
        "street": "Kerkstraat",
        "house_number": "12",
        "postcode": "6521 AB",
        "city": "Nijmegen",
        "email": "fatima@example.org",
        "phone": "",
        "iban": "NL00 FOUT 0000 0000 00",
    }
    response = logged_in(resident).post(draft_url(submission, "gegevens"), typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Op welk rekeningnummer (IBAN) wilt u het geld krijgen?: Dit rekeningnummer klopt niet." in page
    for value in ("Fatima el Amrani", "fatima@example.org", "NL00 FOUT 0000 0000 00"):
        assert f'value="{value}"' in page
    after = Submission.objects.filter(pk=submission.pk).values().get()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }


def test_an_already_received_scheme_is_not_chosen_for_the_application(resident):
    answers = {**ANSWERS, "inkomen": {"income": "450", "receives": ["bijstand"]}}
    client = logged_in(resident)
    fill_check(client, answers)
    assert client.post("/aanvragen/nieuw/").status_code == 302
    assert "bijstand" not in Submission.objects.get().schemes


# --- the offer at the door ------------------------------------------------------------------------


@pytest.fixture
def worker(team):
    from meedoen.web.accounts.models import Role

    return factories.UserFactory(role=Role.OUTREACH_WORKER, team=team, username="fatima")


FAMILY = {
    "over-u": {"birth_date": "1984-05-12"},
    "huishouden": {"partner": "ja", "children": "1", "housemates": "0"},
    "leeftijden": {
        "partner_birth_date": "1985-02-02",
        "child_1_birth_date": "2015-09-01",
        "child_1_school": "po",
    },
    "inkomen": {"income": "1300", "partner_income": "200"},
    "wonen": {"kind": "rent", "rent": "820", "energy": "160"},
    "vermogen": {"assets": "900", "low_income_since": ""},
}


def test_the_offer_uses_the_earlier_application_and_names_what_was_assumed(worker, team):
    store({})  # a signal for BSN 999990019 at 6521AB 12
    resident = factories.ResidentFactory(bsn="999990019", postcode="6521 AB")
    factories.draft_for(resident, FAMILY, schemes=("meedoenregeling",))
    case = SignalCase.objects.get()
    known = known_of(case)
    assert known.answers["partner"] == "ja" and known.answers["children"] == 1
    assert str(known.answers["income"]) == "1300" and known.sources["rent"].startswith("aanvraag van")
    response = logged_in(worker).get(f"/vroegsignalering/zaak/{case.pk}/aanbod/")
    assert response.status_code == 200
    household = response.context["outcome"].household
    roles = [p["role"] for p in household["persons"]]
    assert roles == ["applicant", "partner", "child"]
    assert household["persons"][2]["birth_date"] == "2015-09-01"  # the child's real age, not an assumption
    assert household["housing"]["rent_month"] == 820.0
    page = response.content.decode()
    assert "Waar de cijfers vandaan komen" in page and "Huur per maand: uit aanvraag van" in page
    assert "Niets aangenomen" in page
    from meedoen.web.audit.log import object_ref
    from meedoen.web.audit.models import AuditEntry

    kind, pk = object_ref(Submission.objects.get())
    read = AuditEntry.objects.filter(object_type=kind, object_id=pk, subject_id=resident.pk)
    assert read.filter(actor_id=worker.pk).exists()  # reading the application for the offer is audited


def test_the_offer_without_anything_known_says_every_figure_is_assumed(worker, team):
    store({"bsn": ""})
    case = SignalCase.objects.get()
    response = logged_in(worker).get(f"/vroegsignalering/zaak/{case.pk}/aanbod/")
    page = response.content.decode()
    assert "Geboortedatum: uit signaal" in page
    assumed = page.split("Aangenomen, nog navragen:", 1)[1].split("</li>", 1)[0]
    for figure in ("netto inkomen per maand", "huur per maand", "spaargeld en vermogen"):
        assert figure in assumed


def test_the_offer_uses_the_case_work_bijstand(worker, team):
    client = factories.casework_client(team, spell_start=dt.date(2025, 1, 1), birth_date=dt.date(1979, 3, 3))
    store({"bsn": client.resident.bsn})
    case = SignalCase.objects.get()
    known = known_of(case)
    assert (
        known.answers["birth_date"] == dt.date(1979, 3, 3) and known.sources["birth_date"] == "klantdossier"
    )
    response = logged_in(worker).get(f"/vroegsignalering/zaak/{case.pk}/aanbod/")
    outcome = response.context["outcome"]
    assert [s["id"] for s in outcome.received] == ["bijstand"]
    assert "bijstand" not in [s["id"] for s in outcome.eligible]
