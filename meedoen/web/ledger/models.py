"""One ledger for every fund outside the city pass: a werk-naar-werk trajectory's transitievoucher,
the Jongerenperspectieffonds. An :class:`Account` holds a budget in integer cents; its
``balance_cents`` is the sum of its append-only :class:`Entry` rows, kept in the same transaction
(``meedoen.web.ledger.booking.post``); ``manage.py ledger_check`` proves the two agree."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from meedoen.web.components.append_only import AppendOnlyModel
from meedoen.web.ledger.append_only import LEDGER


class Fund(models.TextChoices):
    TRANSITIEVOUCHER = "transitievoucher", "Transitievoucher (werk naar werk)"
    JONGERENFONDS = "jongerenfonds", "Jongerenperspectieffonds"


class Account(models.Model):
    """A budget of one fund: a trajectory's transitievoucher, or a municipality's youth fund."""

    fund = models.CharField(max_length=20, choices=Fund.choices)
    municipality = models.CharField(max_length=50)
    label = models.CharField(max_length=120)
    balance_cents = models.BigIntegerField(default=0)  # = sum of the entries
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.CheckConstraint(condition=Q(balance_cents__gte=0), name="ledger_balance_not_negative"),
        )

    def __str__(self) -> str:
        return self.label


class Entry(AppendOnlyModel):
    """A grant (+), a payment (-) or a reversal of a payment (+); never changed or removed."""

    append_only = LEDGER

    class Kind(models.TextChoices):
        GRANT = "grant", "Budget toegekend"
        PAYMENT = "payment", "Betaald"
        REVERSAL = "reversal", "Teruggeboekt"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount_cents = models.BigIntegerField()  # signed: what it does to the balance
    payee = models.CharField(max_length=200, blank=True)  # the training institute, the creditor
    description = models.CharField(max_length=200, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversal"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "ledger_entry"
        ordering = ("at", "id")
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_cents}"
