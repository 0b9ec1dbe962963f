"""A kept check result, a result sent by mail (with its follow-up), follow-up answers and feedback."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models


def summary_of(result: dict[str, Any]) -> list[dict[str, Any]]:
    """What a kept or mailed result shows per scheme: the engine's own fields, nothing recomputed."""
    return [
        {
            "id": s["id"],
            "name": s["name"],
            "eligible": s["eligible"],
            "amount": s.get("amount"),
            "period": s.get("period", ""),
            "status": s.get("status", "final"),
        }
        for s in result.get("schemes", [])
    ]


def _token() -> str:
    return secrets.token_urlsafe(24)


class SavedResult(models.Model):
    """A check result a logged-in resident kept: the answers (to open the check again) and the outcome."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_results"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    peildatum = models.DateField()
    answers = models.JSONField(default=dict)  # the Regelingencheck answers as typed
    household = models.JSONField(default=dict)
    schemes = models.JSONField(default=list)  # summary_of(result)

    class Meta:
        ordering = ("-created_at", "-id")

    @property
    def eligible(self) -> list[dict[str, Any]]:
        return [s for s in self.schemes if s["eligible"]]


class ResultMail(models.Model):
    """A check result sent to an e-mail address, and its optional follow-up question.

    The address is erased once the follow-up is answered or sent without answer for 30 days: the
    follow-up needs it, nothing else does.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    peildatum = models.DateField()
    schemes = models.JSONField(default=list)  # summary_of(result)
    sent_at = models.DateTimeField(null=True, blank=True)
    followup = models.BooleanField(default=False)  # the resident asked for the follow-up question
    followup_due = models.DateField(null=True, blank=True, db_index=True)
    followup_sent_at = models.DateTimeField(null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_token)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    @property
    def eligible(self) -> list[dict[str, Any]]:
        return [s for s in self.schemes if s["eligible"]]


class Applied(models.TextChoices):
    YES = "yes", "Ja, ik heb het aangevraagd"
    NOT_YET = "not_yet", "Nog niet, maar dat ga ik doen"
    NO = "no", "Nee"


class Obstacle(models.TextChoices):
    NONE = "", "Niets"
    HOW = "how", "Ik wist niet hoe het moest"
    PAPERS = "papers", "Ik moest te veel papieren verzamelen"
    DOUBT = "doubt", "Ik dacht dat ik er toch geen recht op had"
    TIME = "time", "Ik had er geen tijd of energie voor"
    OTHER = "other", "Iets anders"


# Column heads of the staff's count table (the residents read the full choice texts above).
OBSTACLE_SHORT = {
    Obstacle.HOW: "Wist niet hoe",
    Obstacle.PAPERS: "Te veel papieren",
    Obstacle.DOUBT: "Dacht: geen recht",
    Obstacle.TIME: "Geen tijd of energie",
    Obstacle.OTHER: "Anders",
}


class FollowupAnswer(models.Model):
    """One answer to the follow-up, for one scheme: no e-mail, no person, no link to the mail, so the
    counts per scheme carry no personal data."""

    scheme_id = models.CharField(max_length=50, db_index=True)
    scheme_name = models.CharField(max_length=100)
    applied = models.CharField(max_length=10, choices=Applied.choices)
    obstacle = models.CharField(max_length=10, choices=Obstacle.choices, blank=True)
    month = models.DateField()  # first day of the month of the answer, nothing finer

    class Meta:
        ordering = ("scheme_id", "id")


class Page(models.TextChoices):
    CHECK_RESULT = "check_result", "Uitkomst van de Regelingencheck"
    DECISION = "decision", "Besluit"


class Feedback(models.Model):
    """'Was dit nuttig?': yes or no and, if the resident wants, a few words. Not linked to an account."""

    page = models.CharField(max_length=20, choices=Page.choices)
    useful = models.BooleanField()
    text = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name_plural = "feedback"


class PlanResponse(models.Model):
    """The resident's answer to their plan (Samen Beslissen): agreed, or a comment for the consultant."""

    plan = models.ForeignKey("casework.Plan", on_delete=models.CASCADE, related_name="responses")
    agreed = models.BooleanField()
    comment = models.TextField(blank=True, max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-at", "-id")
