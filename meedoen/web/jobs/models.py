"""The rows the background jobs fill in. Each has a status the page shows in Dutch; the job reads its
row again and does nothing when it is already done, so a job that runs twice (a retry after a crash)
leaves one result."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    WAITING = "waiting", "Wacht op zijn beurt"
    RUNNING = "running", "Wordt gemaakt"
    DONE = "done", "Klaar"
    FAILED = "failed", "Niet gelukt"


class Job(models.Model):
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # What went wrong, in Dutch for the page (never a stack trace: that is in the log and the admin).
    problem = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def ready(self) -> bool:
        return self.status == Status.DONE

    @property
    def pending(self) -> bool:
        return self.status in (Status.WAITING, Status.RUNNING)


class LetterKind(models.TextChoices):
    DECISION = "decision", "Besluitbrief"
    OBJECTION = "objection", "Besluit op bezwaar"


class LetterPdf(Job):
    """A letter as sent: rendered once by a job, then every download serves the same bytes."""

    kind = models.CharField(max_length=10, choices=LetterKind.choices)
    object_id = models.PositiveBigIntegerField()
    # The site address for the links in the letter (the online objection form); a job has no request.
    site_url = models.CharField(max_length=300, blank=True)
    pdf = models.BinaryField(blank=True, editable=False)

    class Meta:
        verbose_name = "brief als PDF"
        verbose_name_plural = "brieven als PDF"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="jobs_one_pdf_per_letter")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}"


class ReportPdf(Job):
    """The monitor dashboard's bestuursrapportage as PDF: aggregates only, never a person."""

    # The dashboard's choice (bron, period, area) and the source's fingerprint: the same choice on
    # the same data is one job.
    query = models.CharField(max_length=300)
    key = models.CharField(max_length=200, unique=True)
    file_name = models.CharField(max_length=200, blank=True)
    pdf = models.BinaryField(blank=True, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "monitorrapport als PDF"
        verbose_name_plural = "monitorrapporten als PDF"

    def __str__(self) -> str:
        return self.file_name or self.query


class SignalUpload(Job):
    """A signals delivery too large to handle in the request: stored, then read by a job. The file is
    erased once it is handled; the summary (counts and refused rows by line) stays."""

    file_name = models.CharField(max_length=255)
    content = models.BinaryField(editable=False)
    size = models.PositiveBigIntegerField()
    delivered_on = models.DateField()
    threshold_cents = models.PositiveIntegerField()
    municipality = models.CharField(max_length=50)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    summary = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = "grote aanlevering signalen"
        verbose_name_plural = "grote aanleveringen signalen"

    def __str__(self) -> str:
        return self.file_name


class SimulationRun(Job):
    """``meedoen simulate`` for the municipality with a bundled reform, started by a policy adviser."""

    municipality = models.CharField(max_length=50)
    reform = models.CharField(max_length=100)  # the file stem in meedoen/examples/reforms/
    description = models.TextField(blank=True)
    peildatum = models.DateField()
    households = models.PositiveIntegerField(null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    html = models.TextField(blank=True)
    pdf = models.BinaryField(blank=True, editable=False)
    # Headline figures for the result page: extra cost per year (cents), winners, losers.
    summary = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = "simulatie"
        verbose_name_plural = "simulaties"

    def __str__(self) -> str:
        return f"{self.reform} ({self.peildatum})"
