"""Signals, cases (vroegsignaalzaken), contact attempts, notes and debt help, after the VNG model
DDAS Vroegsignalering (objects Vroegsignaal, Vroegsignaalzaak, Contactpoging and their enumerations).

Money in integer cents. A case belongs to one address and one area team; the ingest keeps its
urgency figures (number of creditors, total arrears, deadline) up to date, so the worklist sorts
in the database.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from meedoen.signals.classify import SignalStatus
from meedoen.signals.partners import PARTNER_TYPES
from meedoen.web.api.tokens import new_token

DECISION_TERM = dt.timedelta(weeks=8)  # Wgs art. 4(1)(b): decision within 8 weeks of the first conversation


class Source(models.TextChoices):
    CLI = "cli", "Opdrachtregel"
    UPLOAD = "upload", "Upload teamleider"
    API = "api", "Signaalplatform (API)"


class Ingest(models.Model):
    """One delivery of signals, with the contract's summary of what became of its rows."""

    municipality = models.CharField(max_length=50)
    source = models.CharField(max_length=10, choices=Source.choices)
    filename = models.CharField(max_length=255, blank=True)
    today = models.DateField()
    threshold_cents = models.PositiveIntegerField()
    received_at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ("-received_at", "-id")


class Contactsoort(models.TextChoices):
    """EnumContactsoort."""

    MAIL = "mail", "Mail"
    BRIEF = "brief", "Brief"
    SMS = "sms", "SMS/Whatsapp"
    TELEFOON = "telefoon", "Telefoon"
    HUISBEZOEK = "huisbezoek", "Huisbezoek"
    KAARTJE = "kaartje", "Kaartje"
    OVERIGE = "overige", "Overige"
    ADMINISTRATIEF = "administratief", "Administratief"


class Dagdeel(models.TextChoices):
    """EnumDagdeel."""

    OCHTEND = "ochtend", "Ochtend (tot 12.00 uur)"
    MIDDAG = "middag", "Middag (12.00 tot 18.00 uur)"
    AVOND = "avond", "Avond (vanaf 18.00 uur)"


class Eindresultaat(models.TextChoices):
    """EnumEindresultaat: how a case ends (the first two are set per signal by the ingest)."""

    HERHAALD = "herhaald", "Niet opgepakt: herhaalde melding"
    ONTERECHT = "onterecht", "Niet opgepakt: onterecht signaal"
    OVERLEDEN = "overleden", "Inwoner is overleden"
    GEEN_INWONER = "geen_inwoner", "Persoon is geen inwoner (meer) in de gemeente"
    ANDERE_REDEN = "andere_reden", "Niet opgepakt: andere reden"
    BEKEND_SHV = "bekend_shv", "Inwoner al bekend bij schuldhulpverlening"
    ANDER_TRAJECT = "ander_traject", "Inwoner heeft al een ander lopend traject"
    GEEN_CONTACT = "geen_contact", "Definitief geen contact kunnen krijgen"
    GEEN_REACTIE = "geen_reactie", "Geen reactie na eerder contact"
    GEEN_HULP = "geen_hulp", "Inwoner hoeft geen hulp vanuit vroegsignalering"
    ZELF_BETAALD = "zelf_betaald", "Inwoner heeft zelf al betaald/betalingsregeling getroffen"
    QUICK_FIX = "quick_fix", "(Budget)advies en/of 'quick fix'"
    VERVOLG_FINANCIEEL = "vervolg_financieel", "Vervolghulp en/of verwijzing financieel"
    VERWIJZING_ZONDER_CONTACT = "verwijzing_zonder_contact", "Verwijzing zonder contact"
    VERVOLG_NIET_FINANCIEEL = "vervolg_niet_financieel", "Vervolghulp en/of verwijzing niet financieel"


# End results a case can get from a worker (the first two belong to signals, not to cases).
CASE_RESULTS = [
    c for c in Eindresultaat.choices if c[0] not in (Eindresultaat.HERHAALD, Eindresultaat.ONTERECHT)
]
# End results that mean the resident accepted help (for the monitor).
HELP_ACCEPTED = frozenset(
    {Eindresultaat.QUICK_FIX, Eindresultaat.VERVOLG_FINANCIEEL, Eindresultaat.VERVOLG_NIET_FINANCIEEL}
)


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Afgesloten"


class SignalCase(models.Model):
    """A vroegsignaalzaak: the picked-up signals of one address, handled as one case."""

    municipality = models.CharField(max_length=50)
    postcode = models.CharField(max_length=6)
    house_number = models.PositiveIntegerField()
    addition = models.CharField(max_length=10, blank=True)
    street = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=200, blank=True)
    team = models.ForeignKey(
        "accounts.AreaTeam", null=True, blank=True, on_delete=models.PROTECT, related_name="signal_cases"
    )
    opened_on = models.DateField()
    first_signal_date = models.DateField()
    crisis = models.BooleanField(default=False)
    deadline = models.DateField(db_index=True)
    signal_count = models.PositiveIntegerField(default=0)
    creditor_count = models.PositiveIntegerField(default=0)
    arrears_cents = models.BigIntegerField(default=0)
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    result = models.CharField(max_length=30, choices=CASE_RESULTS, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    first_contact_on = models.DateField(null=True, blank=True)
    handed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handed_cases",
    )

    class Meta:
        indexes = (
            models.Index(fields=["municipality", "postcode", "house_number", "addition"]),
            models.Index(fields=["team", "status", "deadline"]),
        )
        constraints = (
            models.UniqueConstraint(
                fields=["municipality", "postcode", "house_number", "addition"],
                condition=models.Q(status="open"),
                name="one_open_case_per_address",
            ),
        )

    def __str__(self) -> str:
        return f"Zaak {self.pk}: {self.address_text}"

    @property
    def address_text(self) -> str:
        number = f"{self.house_number}{(' ' + self.addition) if self.addition else ''}"
        street = f"{self.street} {number}" if self.street else f"huisnummer {number}"
        return f"{street}, {self.postcode[:4]} {self.postcode[4:]}{(' ' + self.city) if self.city else ''}"

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN

    def is_overdue(self, today: dt.date) -> bool:
        """Open without a first contact after the statutory deadline."""
        return self.is_open and self.first_contact_on is None and today > self.deadline


class Signal(models.Model):
    """A vroegsignaal as received; ``status`` is what the ingest decided (contract rules 3-5).

    The sender is ``platform`` for a signal platform's API deliveries and none for the municipality's
    own file deliveries (command line and upload): a ``signal_id`` is unique per sender, so two
    platforms' ids never collide and a platform reads only its own signals.
    """

    municipality = models.CharField(max_length=50)
    signal_id = models.CharField(max_length=100)
    platform = models.ForeignKey(
        "SignalPlatform",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signals",
        db_constraint=False,  # as ingest and case: written by the bulk COPY (the unique index covers it)
        db_index=False,
    )
    # No database constraint on these two: a delivery of a million signals is written in the one
    # transaction that also writes its ingest and cases (bulk COPY), and per-row constraint checks
    # would double its time. Django still cascades on delete.
    ingest = models.ForeignKey(
        Ingest,
        null=True,
        on_delete=models.SET_NULL,
        related_name="signals",
        db_constraint=False,
        db_index=False,
    )
    case = models.ForeignKey(
        SignalCase,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signals",
        db_constraint=False,
    )
    status = models.CharField(max_length=10, choices=[(s.value, s.name) for s in SignalStatus])
    received_on = models.DateField()
    partner_type = models.CharField(max_length=30, choices=[(p, p) for p in PARTNER_TYPES])
    partner_name = models.CharField(max_length=200)
    signal_date = models.DateField()
    arisen_date = models.DateField()
    amount_cents = models.BigIntegerField()
    crisis = models.BooleanField(default=False)
    warm_handover = models.BooleanField(default=False)
    bsn = models.CharField(max_length=9, blank=True)
    initials = models.CharField(max_length=20, blank=True)
    prefix = models.CharField(max_length=200, blank=True)
    surname = models.CharField(max_length=200, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    street = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=6)
    house_number = models.PositiveIntegerField()
    addition = models.CharField(max_length=10, blank=True)
    city = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("signal_date", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["municipality", "signal_id"],
                condition=models.Q(platform__isnull=True),
                name="unique_signal_id_of_file_deliveries",
            ),
            models.UniqueConstraint(
                fields=["platform", "signal_id"],
                condition=models.Q(platform__isnull=False),
                name="unique_signal_id_per_platform",
            ),
        )
        indexes = (models.Index(fields=["municipality", "status", "signal_date"]),)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.initials, self.prefix, self.surname) if p) or "(naam onbekend)"


class ContactAttempt(models.Model):
    """A contactpoging: how, when and whether the resident was reached."""

    case = models.ForeignKey(SignalCase, on_delete=models.CASCADE, related_name="attempts")
    kind = models.CharField("soort", max_length=20, choices=Contactsoort.choices)
    date = models.DateField("datum")
    daypart = models.CharField("dagdeel", max_length=10, choices=Dagdeel.choices)
    reached = models.BooleanField("bereikt", default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ("date", "id")


class CaseNote(models.Model):
    case = models.ForeignKey(SignalCase, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")


class DebtHelp(models.Model):
    """A debt-help trajectory (schulddienstverlening) that started from a case."""

    case = models.OneToOneField(SignalCase, on_delete=models.PROTECT, related_name="debt_help")
    bsn = models.CharField(max_length=9, blank=True)
    first_conversation_on = models.DateField()
    decision_on = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def decision_due(self) -> dt.date:
        return self.first_conversation_on + DECISION_TERM

    def decision_overdue(self, today: dt.date) -> bool:
        return self.decision_on is None and today > self.decision_due


class SignalPlatform(models.Model):
    """A signal platform (e.g. Inforing) allowed to post signals for one municipality with a token."""

    name = models.CharField(max_length=100, unique=True)
    municipality = models.CharField(max_length=50)
    token_hash = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(default=True)

    @classmethod
    def register(cls, name: str, municipality: str) -> tuple[SignalPlatform, str]:
        """A new platform and its token; only the hash is stored, so the token is shown once."""
        token, hashed = new_token()
        return cls.objects.create(name=name, municipality=municipality, token_hash=hashed), token
