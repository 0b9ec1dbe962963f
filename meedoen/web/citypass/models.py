"""The city pass: passes per person, budgets per scheme and period, providers with their offers,
and the ledger of every grant, booking and reversal.

Money is integer cents. A budget's ``balance_cents`` is the sum of its ledger entries, kept in the
same transaction as the entry that changes it (a conditional UPDATE, so two bookings at the same
moment cannot both spend the last euro); ``manage.py citypass_check`` proves the two agree.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from meedoen.web.api.tokens import new_token
from meedoen.web.citypass.append_only import LEDGER
from meedoen.web.citypass.budgets import Category, age
from meedoen.web.citypass.numbers import grouped, new_pass_number
from meedoen.web.components.append_only import AppendOnlyError as AppendOnlyError  # re-exported
from meedoen.web.components.append_only import AppendOnlyModel

REVERSAL_DAYS = 14


class Pass(models.Model):
    """One person's pass. The resident who applied manages the passes of the household; a child's
    pass (and so its budget) is the child's own: it cannot be spent with a parent's pass."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Geldig"
        BLOCKED = "blocked", "Geblokkeerd"

    number = models.CharField(max_length=16, unique=True, default=new_pass_number, editable=False)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="city_passes"
    )
    person_key = models.CharField(max_length=40)  # the person's id in the household contract
    person_label = models.CharField(max_length=80)
    birth_date = models.DateField()
    municipality = models.CharField(max_length=50)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaces"
    )
    blocked_at = models.DateTimeField(null=True, blank=True)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("resident_id", "birth_date", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["resident", "person_key"],
                condition=Q(status="active"),
                name="citypass_one_active_pass_per_person",
            ),
        )

    def __str__(self) -> str:
        return grouped(self.number)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def grouped_number(self) -> str:
        return grouped(self.number)

    def age_on(self, day: dt.date) -> int:
        return age(self.birth_date, day)


class Budget(models.Model):
    """Money on a pass from one scheme for one period; after ``period_end`` it can no longer be spent."""

    pass_card = models.ForeignKey(Pass, on_delete=models.PROTECT, related_name="budgets")
    scheme_id = models.CharField(max_length=50)
    label = models.CharField(max_length=100)
    categories = models.JSONField(default=list)  # the offer categories it may be spent on
    period_start = models.DateField()
    period_end = models.DateField()
    balance_cents = models.BigIntegerField(default=0)  # = sum of the ledger; see the module docstring

    class Meta:
        ordering = ("period_end", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["pass_card", "scheme_id", "period_start"], name="citypass_one_budget_per_period"
            ),
            models.CheckConstraint(condition=Q(balance_cents__gte=0), name="citypass_balance_not_negative"),
        )

    def __str__(self) -> str:
        return f"{self.label} {self.period_start:%Y}"

    def is_current(self, day: dt.date) -> bool:
        return self.period_start <= day <= self.period_end


class Area(models.TextChoices):
    """Nijmegen's districts (stadsdelen), for finding an offer near home and for the figures."""

    CENTRUM = "centrum", "Centrum"
    OOST = "oost", "Oost"
    OUD_WEST = "oud-west", "Oud-West"
    NIEUW_WEST = "nieuw-west", "Nieuw-West"
    DUKENBURG = "dukenburg", "Dukenburg"
    LINDENHOLT = "lindenholt", "Lindenholt"
    ZUID = "zuid", "Zuid"
    NOORD = "noord", "Nijmegen-Noord"


class Provider(models.Model):
    """An organisation where pass holders spend their budget; it can redeem once approved."""

    class Status(models.TextChoices):
        PENDING = "pending", "Wacht op goedkeuring"
        APPROVED = "approved", "Goedgekeurd"
        REJECTED = "rejected", "Afgewezen"

    name = models.CharField(max_length=120)
    kvk_number = models.CharField(max_length=8, unique=True, verbose_name="KvK-nummer")
    area = models.CharField(max_length=20, choices=Area.choices)
    address = models.CharField(max_length=200)
    email = models.EmailField()
    iban = models.CharField(max_length=34)
    municipality = models.CharField(max_length=50)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="citypass_providers")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the provider looked up too many unknown pass numbers (throttling.py). On the row itself,
    # not in the cache, so the one booking statement sees it without a query of its own.
    lookups_blocked_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Offer(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="offers")
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=20, choices=Category.choices)
    description = models.TextField(blank=True)
    price_cents = models.PositiveIntegerField()
    min_age = models.PositiveSmallIntegerField(default=0)
    max_age = models.PositiveSmallIntegerField(default=120)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name

    def fits_age(self, age: int) -> bool:
        return self.min_age <= age <= self.max_age


class TillToken(models.Model):
    """A provider's cash register or scanner, allowed to book with a bearer token (only its hash is
    stored, so the token is shown once). Revoking takes effect on the next booking: the booking
    statement reads this row every time."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="tills")
    name = models.CharField(max_length=80)  # e.g. "Kassa 1"
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("provider_id", "name", "id")

    def __str__(self) -> str:
        return f"{self.provider} - {self.name}"

    @classmethod
    def issue(cls, provider: Provider, name: str, by: Any = None) -> tuple[TillToken, str]:
        """A new till and its token, to be shown once."""
        token, hashed = new_token()
        return cls.objects.create(provider=provider, name=name, token_hash=hashed, created_by=by), token


class TillRequest(models.Model):
    """A till's booking or reversal sent with an ``Idempotency-Key``: what it asked (a hash) and the
    first answer, so a repeat of the same request (a till that lost the answer and sends it again)
    gets that answer instead of a second booking. The key is unique per till, which is what makes
    two copies sent at once safe on PostgreSQL: the second waits for the first to commit. Kept for
    ``idempotency.RETENTION``; ``manage.py citypass_till purge`` removes older ones."""

    till = models.ForeignKey(TillToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # sha256 of the operation and its body
    status_code = models.PositiveSmallIntegerField(null=True)
    response = models.JSONField(null=True)  # the answer's body: a booking's reference, never personal data
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["till", "key"], name="citypass_one_request_per_key"),)

    def __str__(self) -> str:
        return f"{self.till_id}: {self.key}"


class LedgerEntry(AppendOnlyModel):
    """A grant (+), a booking (-) or a reversal of a booking (+) on one budget; never changed or removed
    (meedoen.web.components.append_only): a mistake is corrected by a new entry."""

    append_only = LEDGER

    class Kind(models.TextChoices):
        GRANT = "grant", "Toegekend"
        REDEMPTION = "redemption", "Besteed"
        REVERSAL = "reversal", "Teruggeboekt"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="entries")
    pass_card = models.ForeignKey(Pass, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount_cents = models.BigIntegerField()  # signed: what it does to the balance
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(Offer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversal"
    )
    decision_id = models.BigIntegerField(null=True, blank=True)  # the grant's decision
    till = models.ForeignKey(TillToken, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("at", "id")
        verbose_name_plural = "ledger entries"
        indexes = (models.Index(fields=["provider", "at"], name="citypass_ledger_provider_at"),)

    @property
    def spent_cents(self) -> int:
        """What the provider is paid for this entry (a reversal pays back)."""
        return -self.amount_cents

    def reversible_until(self) -> dt.datetime:
        return self.at + dt.timedelta(days=REVERSAL_DAYS)
