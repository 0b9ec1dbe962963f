"""Letters: the letterhead per municipality as validated data, readable case numbers, HTML + PDF,
and the decision letter read back as PDF text (pypdf; see docs/decisions.md)."""

from __future__ import annotations

import io
import re
import threading

import pytest
from django.db import connection
from pypdf import PdfReader

from meedoen.rules.parameters import PARAMETER_ROOT
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Application
from meedoen.web.letters import Letter, case_number, render_letter
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
from tests.web.conftest import ANSWERS

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
    assert facts.objection.weeks == 6 and facts.appeal_weeks == 6
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
