"""An objection (bezwaarschrift) to a decision, and the bezwaar case the jurist handles.

The objection keeps what the resident sent (grounds, documents, the day it was received) apart from
what the jurist records (terms, hearing, outcome). An upheld objection does not edit the decision: it
makes a new decision revision (``new_decision``) through ``decisions.recording.revise_decision``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from meedoen.web.applications.models import private_storage
from meedoen.web.objections import terms


class Outcome(models.TextChoices):
    UPHELD = "gegrond", "Gegrond"
    DISMISSED = "ongegrond", "Ongegrond"
    INADMISSIBLE = "niet_ontvankelijk", "Niet-ontvankelijk"
    WITHDRAWN = "ingetrokken", "Ingetrokken"


class Hearing(models.TextChoices):
    NOT_YET = "", "Nog niet gepland"
    PLANNED = "planned", "Gepland"
    WAIVED = "waived", "Afgezien van horen"


class WaiverGround(models.TextChoices):
    """Awb 7:3: the only grounds on which the hearing (Awb 7:2) may be left out."""

    INADMISSIBLE = "a", "Het bezwaar is kennelijk niet-ontvankelijk (Awb 7:3 onder a)"
    UNFOUNDED = "b", "Het bezwaar is kennelijk ongegrond (Awb 7:3 onder b)"
    DECLINED = "c", "De indiener wil niet gehoord worden (Awb 7:3 onder c)"
    NO_REPLY = (
        "d",
        "De indiener heeft niet op tijd gezegd gehoord te willen worden (Awb 7:3 onder d)",
    )
    FULLY_MET = "e", "Aan het bezwaar wordt volledig tegemoetgekomen (Awb 7:3 onder e)"


class Objection(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decision = models.ForeignKey("decisions.Decision", on_delete=models.PROTECT, related_name="objections")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="objections"
    )
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    grounds = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)
    received_on = models.DateField()  # the receipt date the resident is given (Awb 6:9, 6:14)
    sent_on = models.DateField()  # the day the decision was sent: the objection term runs from the next
    term_ended_on = models.DateField()  # last day of the objection term (Awb 6:7, 6:8, Atw)
    late = models.BooleanField(default=False)  # received after the term: the jurist weighs Awb 6:11
    lateness_excused = models.BooleanField(null=True, blank=True)
    due_on = models.DateField()  # Awb 7:10 lid 1
    extended_due_on = models.DateField(null=True, blank=True)  # Awb 7:10 lid 3, once
    extension_reason = models.TextField(blank=True)
    hearing = models.CharField(max_length=10, choices=Hearing.choices, default=Hearing.NOT_YET, blank=True)
    hearing_on = models.DateField(null=True, blank=True)
    waiver_ground = models.CharField(max_length=1, choices=WaiverGround.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    motivation = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    new_decision = models.OneToOneField(
        "decisions.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="from_objection"
    )

    class Meta:
        ordering = ("received_at", "id")
        constraints = (
            # one objection per decision at a time; after a withdrawal the resident may object again
            models.UniqueConstraint(
                fields=["decision"], condition=~Q(outcome="ingetrokken"), name="objections_one_per_decision"
            ),
        )

    def __str__(self) -> str:
        return f"Bezwaar {self.public_id}"

    @property
    def is_open(self) -> bool:
        return not self.outcome

    @property
    def decide_by(self) -> dt.date:
        return self.extended_due_on or self.due_on

    def overdue(self, today: dt.date) -> bool:
        return self.is_open and today > self.decide_by

    @property
    def can_extend(self) -> bool:
        return self.is_open and self.extended_due_on is None

    @property
    def heard_or_waived(self) -> bool:
        return self.hearing == Hearing.WAIVED or (
            self.hearing == Hearing.PLANNED and self.hearing_on is not None
        )

    @property
    def appeal_term_end(self) -> dt.date | None:
        """Beroep at the court within six weeks from the day after the besluit op bezwaar (Awb 6:7, 6:8)."""
        if self.decided_at is None:
            return None
        return terms.objection_term_end(timezone.localdate(self.decided_at))  # the Dutch day, not UTC

    @property
    def resident_status(self) -> str:
        """What the resident reads in Mijn aanvragen."""
        if self.outcome == Outcome.WITHDRAWN:
            return "Bezwaar ingetrokken"
        if self.outcome:
            return f"Besluit op bezwaar: {self.get_outcome_display().lower()}"
        if self.hearing == Hearing.PLANNED:
            return "Bezwaar in behandeling: hoorzitting gepland"
        return "Bezwaar ontvangen"


class Event(models.Model):
    """The history of a bezwaar case (filed, extended, hearing, decided), for the jurist and the resident."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="events")
    text = models.CharField(max_length=300)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")


def document_path(document: ObjectionDocument, filename: str) -> str:
    """A random name per file: the resident's file name never reaches the file system."""
    return f"bezwaar/{document.objection.public_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class ObjectionDocument(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(storage=private_storage, upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("uploaded_at", "id")
