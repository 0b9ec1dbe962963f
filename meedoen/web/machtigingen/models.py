"""Authorisations (machtigingen) and shared check results.

A ``Machtiging`` lets one person (the agent, known by their BSN and logged in with their own DigiD) act
for a resident: only for the schemes and actions the resident chose, only between two dates, and never
after the resident revoked it. A ``SharedCheck`` is one Regelingencheck result a resident shows a named
professional through a link with a random token (only its hash is stored), until it expires.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils import timezone


class Act(models.TextChoices):
    """What an agent may do namens the resident (each one chosen by the resident)."""

    APPLY = "aanvragen", "De Regelingencheck doen en aanvragen, met bewijsstukken en berichten"
    VIEW = "inzien", "Aanvragen, besluiten, brieven en de stadspas bekijken"
    OBJECT = "bezwaar", "Bezwaar maken tegen een besluit"


class Relation(models.TextChoices):
    FAMILY = "familie", "Familielid"
    BEWINDVOERDER = "bewindvoerder", "Bewindvoerder"
    WIJKTEAM = "wijkteam", "Medewerker van het wijkteam"
    OTHER = "anders", "Iemand anders"


class State(models.TextChoices):
    ACTIVE = "active", "Actief"
    FUTURE = "future", "Gaat nog in"
    ENDED = "ended", "Afgelopen"
    REVOKED = "revoked", "Ingetrokken"


class Machtiging(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="machtigingen_gegeven"
    )
    resident_name = models.CharField(max_length=200)  # what the agent reads: "U handelt namens ..."
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="machtigingen_ontvangen"
    )
    agent_name = models.CharField(max_length=200)
    relation = models.CharField(max_length=20, choices=Relation.choices)
    schemes = models.JSONField(default=list)  # scheme ids of the catalogue
    acts = models.JSONField(default=list)  # Act values
    starts_on = models.DateField()
    ends_on = models.DateField()  # the last day it holds
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.agent_name} namens {self.resident_name}"

    def state(self, today: dt.date | None = None) -> State:
        today = today or timezone.localdate()
        if self.revoked_at is not None:
            return State.REVOKED
        if today < self.starts_on:
            return State.FUTURE
        if today > self.ends_on:
            return State.ENDED
        return State.ACTIVE

    def is_active(self, today: dt.date | None = None) -> bool:
        return self.state(today) == State.ACTIVE

    def covers(self, acts: Act | Iterable[Act], scheme: str | None = None) -> bool:
        """True when any of ``acts`` was chosen, and ``scheme`` (if given) is one of the schemes."""
        wanted = {acts} if isinstance(acts, str) else set(acts)
        return bool(wanted & set(self.acts)) and (scheme is None or scheme in self.schemes)

    def act_labels(self) -> list[str]:
        return [Act(a).label for a in Act if a in self.acts]

    def scheme_names(self) -> list[str]:
        from meedoen.web.machtigingen.schemes import scheme_names

        names = scheme_names()
        return [names.get(s, s) for s in self.schemes]


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SharedCheck(models.Model):
    """One check result, read-only for a named professional through a link, until ``expires_at``."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shared_checks"
    )
    recipient_name = models.CharField(max_length=200)
    recipient_organisation = models.CharField(max_length=200)
    recipient_email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)  # sha256 of the link's token, never the token
    peildatum = models.DateField()
    result = models.JSONField(default=dict)  # the engine's output as the resident saw it (no trace)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    read_count = models.PositiveIntegerField(default=0)
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    @staticmethod
    def new_token() -> tuple[str, str]:
        """A random token for the link (256 bits) and the digest that is stored."""
        token = secrets.token_urlsafe(32)
        return token, token_digest(token)

    @classmethod
    def by_token(cls, token: str) -> SharedCheck | None:
        return cls.objects.filter(token_hash=token_digest(token)).first()

    def state(self, now: dt.datetime | None = None) -> State:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return State.REVOKED
        if now >= self.expires_at:
            return State.ENDED
        return State.ACTIVE
