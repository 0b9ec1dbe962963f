"""Werk naar werk (Regionaal Mobiliteitsteam): a person at risk of losing their job, not on bijstand,
gets an intake, a plan (goals and steps) and a transitievoucher for training. The voucher is a ledger
account (``meedoen.web.ledger``): its grant and every payment to a training institute are entries."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from meedoen.web.accounts.models import AreaTeam
from meedoen.web.ledger.models import Account


class ReferredBy(models.TextChoices):
    EMPLOYER = "employer", "Werkgever"
    UWV = "uwv", "UWV"
    SELF = "self", "Zelf aangemeld"


class Outcome(models.TextChoices):
    NEW_JOB = "new_job", "Nieuwe baan"
    KEPT_JOB = "kept_job", "Baan behouden"
    BIJSTAND = "bijstand", "Toch in de bijstand"


class Trajectory(models.Model):
    municipality = models.CharField(max_length=50)
    name = models.CharField("naam", max_length=120)
    postcode = models.CharField("postcode", max_length=7)
    employer = models.CharField("huidige werkgever", max_length=200, blank=True)
    referred_by = models.CharField("aangemeld door", max_length=10, choices=ReferredBy.choices)
    team = models.ForeignKey(AreaTeam, on_delete=models.PROTECT, related_name="+")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intake_on = models.DateField("datum intake")
    intake_notes = models.TextField("verslag intake", blank=True)
    goals = models.TextField("doelen", blank=True)
    voucher = models.OneToOneField(
        Account, null=True, blank=True, on_delete=models.PROTECT, related_name="rmt_trajectory"
    )
    voucher_source = models.CharField(max_length=300, blank=True)  # where the voucher's amount comes from
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-intake_on", "-id")

    def __str__(self) -> str:
        return f"Werk naar werk {self.pk}"


class Step(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.PROTECT, related_name="steps")
    what = models.CharField("stap", max_length=200)
    due_on = models.DateField("klaar op")
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ("due_on", "id")
