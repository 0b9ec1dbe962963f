"""A reported change: the answers before and after, and per scheme what the engine says now and then."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    INCOME = "income", "Mijn inkomen"
    HOUSEHOLD = "household", "Wie er bij mij wonen"
    RENT = "rent", "Mijn huur"


# The Regelingencheck steps a change of each kind asks again (in this order); a new household asks the
# ages of who joined and the income again (a partner's income counts too).
STEPS = {
    Kind.INCOME: ("inkomen",),
    Kind.HOUSEHOLD: ("huishouden", "leeftijden", "inkomen"),
    Kind.RENT: ("wonen",),
}


class ChangeReport(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="change_reports"
    )
    base = models.ForeignKey("applications.Submission", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    answers = models.JSONField(default=dict)  # all Regelingencheck answers after the change, as typed
    household = models.JSONField(default=dict)  # the household contract after the change
    check_result = models.JSONField(default=dict)  # the engine's output for it
    # [{scheme_id, name, before_eligible, before_amount_cents, after_eligible, after_amount_cents,
    #   after_status, period, changed}]
    consequences = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    submission = models.OneToOneField(  # the applications the confirmed change put in the queue
        "applications.Submission",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_report",
    )

    class Meta:
        ordering = ("-created_at", "-id")

    @property
    def changed(self) -> list[dict]:
        return [c for c in self.consequences if c["changed"]]
