"""Test data: people and teams, and applications made through the app's own functions."""

from __future__ import annotations

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from meedoen.web.accounts.models import AreaTeam, Role, User
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Submission
from meedoen.web.portal.outcome import outcome_of
from meedoen.web.portal.questionnaire import Questionnaire

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def valid_bsns():
    """Test BSNs from the 99999xxxx range that pass the elfproef."""
    for n in range(10000):
        bsn = f"99999{n:04d}"
        if sum(int(d) * w for d, w in zip(bsn, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True)) % 11 == 0:
            yield bsn


class AreaTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaTeam
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Wijkteam {n}")
    municipality = "nijmegen"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Persoon{n}")
    role = Role.CONSULTANT
    password = factory.django.Password("een-lang-wachtwoord-2026")


class ResidentFactory(UserFactory):
    username = factory.Sequence(lambda n: f"inwoner{n}")
    role = Role.RESIDENT
    bsn = factory.Iterator(valid_bsns())


def draft_for(
    resident: User, answers: dict[str, dict[str, str]], schemes: tuple[str, ...] = ("bijstand",)
) -> Submission:
    """A draft as the portal makes it, applying for ``schemes`` only (bijstand by default)."""
    submission = drafts.start_draft(resident, answers, outcome_of(Questionnaire(answers), with_changes=False))
    submission.postcode = resident.postcode or "6521 AB"
    submission.full_name = resident.get_full_name() or "Test Inwoner"
    submission.street, submission.house_number, submission.city = "Kerkstraat", "12", "Nijmegen"
    submission.email = "inwoner@example.org"
    submission.iban = "NL91ABNA0417164300"
    submission.schemes = list(schemes)
    submission.save()
    return submission


def add_pdf(submission: Submission, kind: str) -> None:
    upload = SimpleUploadedFile(f"{kind}.pdf", PDF, content_type="application/pdf")
    upload.checked_content_type = "application/pdf"
    drafts.add_document(submission, kind, upload, submission.resident)


def casework_client(team, consultant=None, *, spell_start=None, spell_end=None, reason="", **fields):
    """A case-work client (a resident with a BSN) in ``team``, with one benefit spell from ``spell_start``."""
    import datetime as dt

    from meedoen.web.casework.models import BenefitSpell, Client

    resident = ResidentFactory(postcode="6521 AB")
    fields.setdefault("birth_date", dt.date(1985, 3, 1))
    client = Client.objects.create(resident=resident, team=team, consultant=consultant, **fields)
    if spell_start:
        BenefitSpell.objects.create(
            client=client,
            start_date=spell_start,
            end_date=spell_end,
            outflow_reason=reason,
            inflow_reason="job_loss",
        )
    return client


def work_employer(name="Bouwbedrijf De Linge", kvk="12345678", username=None):
    """An employer (Werkgeversservicepunt) with one employer account logging in as ``username``."""
    from meedoen.web.work.models import Employer

    employer = Employer.objects.create(name=name, kvk_number=kvk)
    account = UserFactory(username=username or f"werkgever{kvk}", role=Role.EMPLOYER)
    employer.accounts.add(account)
    return employer, account


def work_vacancy(employer, **fields):
    from meedoen.web.work.models import Vacancy

    defaults = {"title": "Magazijnmedewerker", "hours_per_week": 32, "place": "Arnhem"}
    return Vacancy.objects.create(employer=employer, **{**defaults, **fields})


def work_candidate(client, **fields):
    """A candidate profile for a case-work client."""
    from meedoen.web.work.models import CandidateProfile

    defaults = {"hours_per_week": 32, "place": "Arnhem", "travel_km": 20}
    return CandidateProfile.objects.create(client=client, **{**defaults, **fields})
