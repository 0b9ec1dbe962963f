"""The Jongerenperspectieffonds: a young person with problematic debts gets a trajectory coach; in an
agreement they promise a counter-performance (a training, work) and the fund buys off their debts.
Every payment to a creditor is a ledger entry on the fund's account (``meedoen.web.ledger``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from meedoen.web.accounts.models import AreaTeam
from meedoen.web.ledger.models import Account, Entry


class FundBudget(models.Model):
    """The fund of one municipality; its money is the ledger account."""

    municipality = models.CharField(max_length=50, unique=True)
    account = models.OneToOneField(Account, on_delete=models.PROTECT, related_name="youth_fund")

    def __str__(self) -> str:
        return f"Jongerenperspectieffonds {self.municipality}"


class Route(models.TextChoices):
    SELF = "self_referral", "Zelf aangevraagd"
    SIGNALS = "vroegsignalering", "Verwezen door vroegsignalering"
    DEBT_HELP = "schuldhulp", "Verwezen door schuldhulp"


class Status(models.TextChoices):
    APPLIED = "applied", "Aangevraagd"
    COACHED = "coached", "Coach gekozen"
    AGREED = "agreed", "Afspraken gemaakt"
    COMPLETED = "completed", "Afgerond"
    BROKEN_OFF = "broken_off", "Afgebroken"


class Trajectory(models.Model):
    """One young person's way through the fund, from application to completion or breaking off."""

    municipality = models.CharField(max_length=50)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("naam", max_length=120)
    birth_date = models.DateField("geboortedatum")
    postcode = models.CharField("postcode", max_length=7)
    situation = models.TextField("situatie", blank=True)
    route = models.CharField(max_length=20, choices=Route.choices)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(AreaTeam, null=True, on_delete=models.PROTECT, related_name="+")
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="youths"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.APPLIED)
    counter_performance = models.TextField("tegenprestatie", blank=True)
    agreed_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)
    applied_on = models.DateField()

    class Meta:
        ordering = ("-applied_on", "-id")

    def __str__(self) -> str:
        return f"Jongerenfonds {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status not in (Status.COMPLETED, Status.BROKEN_OFF)


class Debt(models.Model):
    """A debt the agreement says the fund buys off; ``payment`` is its ledger entry once paid."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.PROTECT, related_name="debts")
    creditor = models.CharField("schuldeiser", max_length=200)
    amount_cents = models.BigIntegerField("bedrag")
    payment = models.OneToOneField(Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ("id",)
        constraints = (
            models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="youthfund_debt_positive"),
        )


class Progress(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.PROTECT, related_name="progress")
    on = models.DateField()
    text = models.TextField("voortgang")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ("on", "id")
