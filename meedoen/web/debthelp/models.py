"""Debt help as a trajectory, on the existing record (``vroegsignalering.DebtHelp``, which keeps the
statutory terms: the first conversation and the decision within 8 weeks, Wgs art. 4): intake,
stabilisation, the inventory of debts and creditors (integer cents), the route, aftercare and the
outcome; young people (under 27) and entrepreneurs are marked for the monitor and the youth fund."""

from __future__ import annotations

import datetime as dt

from django.db import models

from meedoen.web.citypass.budgets import age
from meedoen.web.vroegsignalering.models import DebtHelp

YOUTH_BELOW = 27  # the programme's youth mark (issue 22: "youth (< 27)")
SCHULDREGELING_MONTHS = 18  # the minnelijke schuldregeling's usual term (issue 22)


class Phase(models.TextChoices):
    INTAKE = "intake", "Intake"
    STABILISATION = "stabilisation", "Stabilisatie"
    INVENTORY = "inventory", "Schulden in kaart"
    ROUTE = "route", "Route loopt"
    AFTERCARE = "aftercare", "Nazorg"
    CLOSED = "closed", "Afgesloten"


class Route(models.TextChoices):
    SCHULDREGELING = "schuldregeling", "Schuldregeling (18 maanden)"
    SANERINGSKREDIET = "saneringskrediet", "Saneringskrediet"
    WSNP = "wsnp", "Verwijzing naar de WSNP"
    BUDGETCOACHING = "budgetcoaching", "Budgetcoaching"


class Outcome(models.TextChoices):
    DEBT_FREE = "debt_free", "Schuldenvrij"
    STABLE = "stable", "Stabiel, schulden nog niet opgelost"
    WSNP = "wsnp", "Naar de WSNP"
    DROPPED_OUT = "dropped_out", "Voortijdig gestopt"


class Trajectory(models.Model):
    debt_help = models.OneToOneField(DebtHelp, on_delete=models.PROTECT, related_name="trajectory")
    phase = models.CharField(max_length=15, choices=Phase.choices, default=Phase.INTAKE)
    birth_date = models.DateField("geboortedatum", null=True, blank=True)
    entrepreneur = models.BooleanField("ondernemer", default=False)
    stabilised_on = models.DateField(null=True, blank=True)
    route = models.CharField(max_length=20, choices=Route.choices, blank=True)
    route_start = models.DateField(null=True, blank=True)
    aftercare_until = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=15, choices=Outcome.choices, blank=True)

    def __str__(self) -> str:
        return f"Schuldhulptraject {self.pk}"

    def is_youth(self, day: dt.date) -> bool | None:
        """Under 27 on ``day``; None when the birth date is not known (never guessed)."""
        return None if self.birth_date is None else age(self.birth_date, day) < YOUTH_BELOW

    @property
    def route_end(self) -> dt.date | None:
        """A schuldregeling ends 18 months after its start; other routes have no fixed end here."""
        if self.route != Route.SCHULDREGELING or self.route_start is None:
            return None
        month = self.route_start.month - 1 + SCHULDREGELING_MONTHS
        year, month = self.route_start.year + month // 12, month % 12 + 1
        return self.route_start.replace(year=year, month=month, day=min(self.route_start.day, 28))


class Debt(models.Model):
    """One debt in the inventory: the creditor and what is owed, in integer cents."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.PROTECT, related_name="debts")
    creditor = models.CharField("schuldeiser", max_length=200)
    amount_cents = models.BigIntegerField("bedrag")
    added_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="debthelp_debt_positive"),
        )
