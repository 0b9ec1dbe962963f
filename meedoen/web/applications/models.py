"""Applying: a submission (one go, several schemes) is a draft until sent, then one application per
scheme with its own status, messages and history. Evidence documents belong to the submission."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models

from meedoen.catalogue import catalogue
from meedoen.web.accounts.models import AreaTeam


class Status(models.TextChoices):
    SUBMITTED = "submitted", "Ontvangen"
    IN_REVIEW = "in_review", "In behandeling"
    INFO_REQUESTED = "info_requested", "Wij hebben informatie van u nodig"
    GRANTED = "granted", "Toegekend"
    REJECTED = "rejected", "Afgewezen"


OPEN_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED)


class Evidence(models.TextChoices):
    IDENTITY = "identity", "Kopie van uw identiteitsbewijs"
    BANK_STATEMENTS = "bank_statements", "Bankafschriften van de laatste 3 maanden"
    INCOME = "income", "Bewijs van inkomen, zoals een loonstrook"
    RENT = "rent", "Huurcontract of brief over de huur"
    OTHER = "other", "Ander document"


class Submission(models.Model):
    class Step(models.TextChoices):
        SCHEMES = "regelingen", "Regelingen kiezen"
        CONTACT = "gegevens", "Uw gegevens"
        DOCUMENTS = "documenten", "Bewijsstukken"
        REVIEW = "controleren", "Controleren en versturen"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions"
    )
    team = models.ForeignKey(AreaTeam, null=True, blank=True, on_delete=models.PROTECT)
    municipality = models.CharField(max_length=50)
    peildatum = models.DateField()
    answers = models.JSONField(default=dict)  # the Regelingencheck answers, as typed
    household = models.JSONField(default=dict)  # the household contract built from them
    check_result = models.JSONField(default=dict)  # the engine's output when the draft was made
    schemes = models.JSONField(default=list)  # chosen scheme ids
    step = models.CharField(max_length=20, choices=Step.choices, default=Step.SCHEMES)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    # name and postal address for the letters (asked in the contact step)
    full_name = models.CharField(max_length=200, blank=True)
    street = models.CharField(max_length=100, blank=True)
    house_number = models.CharField(max_length=20, blank=True)
    postcode = models.CharField(max_length=7, blank=True)
    city = models.CharField(max_length=100, blank=True)
    iban = models.CharField(max_length=34, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # the day the resident first reported (started this application): the melding of art. 44 Pw
    reported_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    @property
    def is_draft(self) -> bool:
        return self.submitted_at is None

    def scheme_outcomes(self) -> list[dict]:
        """The check's outcome for each scheme of the municipality, in the engine's order."""
        return self.check_result.get("schemes", [])

    def already_receives(self) -> list[str]:
        """The scheme ids the resident said in the check the household already receives."""
        return list((self.answers.get("inkomen") or {}).get("receives") or [])

    def scheme_names(self) -> dict[str, str]:
        """Each scheme's name for residents: the catalogue's title (the one definition), else the
        name the engine gave."""
        titles = {k: e.title for k, e in catalogue(self.municipality).items()} if self.municipality else {}
        return {s["id"]: titles.get(s["id"], s["name"]) for s in self.scheme_outcomes()}


class Application(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="applications")
    scheme_id = models.CharField(max_length=50)
    scheme_name = models.CharField(max_length=100)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    expected_amount_cents = models.BigIntegerField(default=0)  # from the check; the decision fixes it
    period = models.CharField(max_length=10, default="month")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    received_on = models.DateField(null=True, blank=True)  # aanvraagdatum: the decision term runs from it
    due_on = models.DateField(null=True, blank=True, db_index=True)  # last day of the decision term

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.scheme_name} ({self.get_status_display()})"

    @property
    def resident(self):
        return self.submission.resident

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def move_to(self, status: Status, *, by=None, note: str = "") -> None:
        """Change the status and write it to the history the resident and the consultant see."""
        self.status = status
        self.save(update_fields=["status", "updated_at"])
        self.events.create(status=status, actor=by, note=note)


class LiftGround(models.TextChoices):
    """Why a young applicant's search period does not hold them (Participatiewet art. 41)."""

    CIRCUMSTANCES = (
        "omstandigheden",
        "De omstandigheden van de inwoner of het gezin geven aanleiding, bijvoorbeeld een kwetsbare "
        "jongere (art. 41 lid 11)",
    )
    SPECIAL_SCHOOL = (
        "praktijkonderwijs",
        "Ingeschreven bij praktijkonderwijs of voortgezet speciaal onderwijs, tot een jaar geleden "
        "(art. 41 lid 4 onder a)",
    )
    LIMITED_HOURS = (
        "urenbeperkt",
        "Medisch urenbeperkt of doelgroep loonkostensubsidie (art. 41 lid 4 onder b)",
    )


class BijstandProcedure(models.Model):
    """The law's dates of one application for algemene bijstand and the consultant's choices on them.

    The dates themselves are computed (``terms``) from these facts and the procedure parameters; every
    change a consultant makes is kept in ``changes`` with its reason and written to the audit log."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="procedure")
    melding_on = models.DateField()
    search_applies = models.BooleanField(default=False)  # under 27 on the melding date (art. 41 lid 4)
    lift_ground = models.CharField(max_length=20, choices=LiftGround.choices, blank=True)
    lift_reason = models.TextField(blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    start_on = models.DateField(null=True, blank=True)  # ingangsdatum chosen by a consultant (art. 44)
    start_reason = models.TextField(blank=True)

    @property
    def search_lifted(self) -> bool:
        return bool(self.lift_ground)

    def terms(self):
        from meedoen.web.applications import procedure

        return procedure.terms(
            self.application.submission.household,
            self.melding_on,
            self.application.received_on or self.melding_on,
            search_applies=self.search_applies,
            search_lifted=self.search_lifted,
        )

    @property
    def start_date(self):
        """The day the bijstand starts: the consultant's choice, else the melding (art. 44 lid 1)."""
        return self.start_on or self.melding_on


class ProcedureChange(models.Model):
    class Field(models.TextChoices):
        MELDING = "melding", "Meldingsdatum"
        RECEIVED = "aanvraag", "Aanvraagdatum"
        SEARCH = "zoektijd", "Zoektijd opgeheven"
        START = "ingang", "Ingangsdatum"

    procedure = models.ForeignKey(BijstandProcedure, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=10, choices=Field.choices)
    old = models.CharField(max_length=200, blank=True)
    new = models.CharField(max_length=200)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")


class StatusEvent(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")


class Message(models.Model):
    """A message between the resident and the municipality about one application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    from_resident = models.BooleanField(default=False)
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")


def private_storage() -> FileSystemStorage:
    """Evidence lives outside the web root; it is only ever sent by a view that checks access."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def document_path(document: Document, filename: str) -> str:
    """A random name per file: the resident's file name never reaches the file system."""
    return f"{document.submission.public_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Document(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=Evidence.choices)
    file = models.FileField(storage=private_storage, upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("uploaded_at", "id")
