"""Decisions (besluiten) and, per scheme, whether the decision may be automated.

A decision keeps everything needed to explain it later: the reasons, the legal basis, the engine's
trace and the version of the parameters, so a letter can be reproduced and an objection reviewed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from meedoen.web.applications.models import Evidence


class Provider(models.Model):
    """Who grants a scheme: the municipality itself, or e.g. Dienst Toeslagen or the SVB, where the
    resident applies on their site instead of here."""

    name = models.CharField(max_length=100, unique=True)
    website = models.URLField(blank=True)
    applications_here = models.BooleanField(default=True, help_text="Aanvragen kan via dit portaal.")

    def __str__(self) -> str:
        return self.name


class SchemePolicy(models.Model):
    """Per scheme: who provides it and which evidence an application needs.

    Whether a decision may be taken automatically is not here: that is the automation policy, data
    beside the scheme's parameters (``automatisering.yaml``, see :mod:`meedoen.web.decisions.policy`).
    """

    scheme_id = models.CharField(max_length=50, unique=True)
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT)
    evidence = models.JSONField(default=list, blank=True, help_text="Verplichte bewijsstukken (soorten).")

    class Meta:
        verbose_name_plural = "scheme policies"

    def __str__(self) -> str:
        return self.scheme_id

    @classmethod
    def for_scheme(cls, scheme_id: str) -> SchemePolicy:
        """The stored provider and evidence, or the default: the municipality, no evidence required."""
        return cls.objects.filter(scheme_id=scheme_id).first() or cls(scheme_id=scheme_id)

    @property
    def applied_for_here(self) -> bool:
        return self.provider is None or self.provider.applications_here

    @classmethod
    def elsewhere(cls, scheme_ids: list[str]) -> dict[str, Provider]:
        """The schemes a resident applies for at another organisation, with that organisation."""
        policies = cls.objects.filter(scheme_id__in=scheme_ids, provider__applications_here=False)
        return {p.scheme_id: p.provider for p in policies.select_related("provider")}

    @classmethod
    def evidence_for(cls, scheme_ids: list[str]) -> list[Evidence]:
        kinds = {k for p in cls.objects.filter(scheme_id__in=scheme_ids) for k in p.evidence}
        return [e for e in Evidence if e in kinds]


class Outcome(models.TextChoices):
    GRANTED = "granted", "Toegekend"
    REJECTED = "rejected", "Afgewezen"


class Basis(models.TextChoices):
    MACHINE = "machine", "Automatisch besluit"
    ASSISTED = "assisted", "Voorstel van Meedoen, besloten door een consulent"
    HUMAN = "human", "Besloten door een consulent"


class Decision(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The application whose decision in force this is. A decision an objection replaced keeps all it
    # said, is linked to its successor (``superseded_by``) and leaves this empty: see ``case``.
    application = models.OneToOneField(
        "applications.Application", null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    amount_cents = models.BigIntegerField(default=0)
    period = models.CharField(max_length=10)
    peildatum = models.DateField()
    reasons = models.JSONField(default=list)  # [{code, text}] from the engine
    legal_basis = models.JSONField(default=list)  # source URLs from the engine (the contract's sources)
    references = models.JSONField(default=list)  # [{title, url, id, article, kind}] from the engine
    scheme_status = models.JSONField(default=dict)  # {status, provisional_basis?, values_until?}
    motivation = models.TextField(blank=True)  # the consultant's own words
    trace = models.JSONField(default=list)
    parameter_version = models.CharField(max_length=40)
    automated = models.BooleanField(default=False)
    # How it was decided under the automation policy: machine, assisted (the engine proposed, a
    # consultant confirmed or changed it) or human; the proposal and how the facts were established.
    basis = models.CharField(max_length=10, choices=Basis.choices, blank=True)
    proposal = models.JSONField(default=dict, blank=True)  # {outcome, amount_cents} the engine proposed
    facts_basis = models.CharField(max_length=200, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(auto_now_add=True)

    @property
    def granted(self) -> bool:
        return self.outcome == Outcome.GRANTED

    @property
    def in_force(self) -> bool:
        """Not replaced by a later decision (e.g. after an objection that was upheld)."""
        return self.superseded_at is None

    @property
    def case(self):
        """The application this decision is about, also after a later decision replaced it."""
        return self.application if self.application_id else self.superseded_by.case

    @property
    def provisional(self) -> bool:
        """Decided on the latest published amounts because those for the peildatum were not out yet."""
        return self.scheme_status.get("status") == "provisional"

    @property
    def cited(self) -> list:
        """What the letter cites: the structured references, or the source URLs of an older decision."""
        return self.references or self.legal_basis


class FactCheck(models.Model):
    """A consultant checked the facts of a submission (income, household, assets) against documents or
    records: from then on they count as verified for an automated decision. Written to the audit log too."""

    submission = models.ForeignKey(
        "applications.Submission", on_delete=models.PROTECT, related_name="fact_checks"
    )
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("-checked_at", "-id")


class ReviewDraw(models.Model):
    """One random draw of automated decisions of a team, scheme and month for a second look.

    The population (every automated decision not drawn over before), the share and the seed are kept,
    so the same selection can be computed again (:func:`meedoen.web.decisions.review.selection`)."""

    team = models.ForeignKey("accounts.AreaTeam", on_delete=models.PROTECT, related_name="+")
    scheme_id = models.CharField(max_length=50)
    scheme_name = models.CharField(max_length=100)
    month = models.DateField()  # first day of the month the decisions were taken in
    share = models.FloatField()
    seed = models.BigIntegerField()
    population = models.ManyToManyField(Decision, related_name="review_draws")
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-drawn_at", "-id")


class Verdict(models.TextChoices):
    AGREE = "agree", "Eens: het besluit klopt"
    CORRECT = "correct", "Niet eens: het besluit moet anders"


class Review(models.Model):
    """A consultant's second look at one drawn automated decision."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="review")
    draw = models.ForeignKey(ReviewDraw, on_delete=models.PROTECT, related_name="reviews")
    verdict = models.CharField(max_length=10, choices=Verdict.choices, blank=True)
    reason = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("reviewed_at", "id")

    @property
    def done(self) -> bool:
        return bool(self.verdict)
