"""Case work: a resident on bijstand with a fixed contact person in an area team, and what is done.

The enumerations use the values of the monitor contract (``shared/contracts/monitor-data.md``) so
the export writes them unchanged; ``tests/web/casework`` checks they equal ``meedoen.monitor.tables``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

# Within this many days a review counts as due on the caseload page.
REVIEW_SOON_DAYS = 14


class InstrumentKind(models.TextChoices):
    LOONKOSTENSUBSIDIE = "loonkostensubsidie", "Loonkostensubsidie"
    JOBCOACHING = "jobcoaching", "Jobcoaching"
    PROEFPLAATSING = "proefplaatsing", "Proefplaatsing"
    SCHOLING = "scholing", "Scholing"
    STARTKWALIFICATIE_TRAJECT = "startkwalificatie_traject", "Startkwalificatie-traject"
    BESCHUT_WERK = "beschut_werk", "Beschut werk"
    ACTIVEREND_WERK = "activerend_werk", "Activerend werk"
    MAATWERKBAAN = "maatwerkbaan", "Maatwerkbaan"


class OutflowReason(models.TextChoices):
    WORK = "work", "Werk"
    STUDY = "study", "Studie"
    MOVED = "moved", "Verhuisd naar een andere gemeente"
    PARTNER_INCOME = "partner_income", "Inkomen van de partner"
    OTHER = "other", "Andere reden"


class InflowReason(models.TextChoices):
    """Why a benefit began; not in the monitor contract (it counts inflow, not its cause)."""

    JOB_LOSS = "job_loss", "Baan verloren"
    WW_ENDED = "ww_ended", "WW-uitkering afgelopen"
    SEPARATION = "separation", "Scheiding of relatie beëindigd"
    STUDY_ENDED = "study_ended", "Studie gestopt of afgerond"
    MOVED_IN = "moved_in", "Verhuisd naar de gemeente"
    BUSINESS_ENDED = "business_ended", "Gestopt als zelfstandige"
    OTHER = "other", "Andere reden"


class DebtRoute(models.TextChoices):
    """How the resident reached debt help. ``vroegsignalering`` is recorded by the early-detection
    app, which offers its own trajectories to the monitor export."""

    SELF_REFERRAL = "self_referral", "Zelf aangemeld"
    REFERRAL = "referral", "Doorverwezen"
    OTHER = "other", "Anders"


class Client(models.Model):
    """A resident receiving (or having received) bijstand, with a fixed contact person in a team."""

    resident = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="casework_client"
    )
    team = models.ForeignKey("accounts.AreaTeam", on_delete=models.PROTECT, related_name="clients")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
        verbose_name="vaste contactpersoon",
    )
    birth_date = models.DateField("geboortedatum")
    startkwalificatie = models.BooleanField(
        "startkwalificatie", null=True, blank=True, help_text="MBO-2, havo of vwo; leeg = onbekend"
    )

    class Meta:
        ordering = ("resident__last_name", "resident__first_name", "id")

    def __str__(self) -> str:
        return self.resident.display_name

    @property
    def plan(self) -> Plan | None:
        """The current plan: the one made last."""
        return self.plans.order_by("-made_on", "-id").first()

    @property
    def current_spell(self) -> BenefitSpell | None:
        return self.spells.filter(end_date=None).first()


class Plan(models.Model):
    """A plan made together with the resident (Samen Beslissen): goals in their words, a review date."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="plans")
    goals = models.TextField("doelen in de woorden van de inwoner")
    made_on = models.DateField("afgesproken op")
    review_on = models.DateField("bespreken we opnieuw op")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-made_on", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(review_on__gte=models.F("made_on")), name="plan_review_after_made"
            ),
        )

    def review_state(self, today: dt.date) -> str:
        """``overdue``, ``due`` (within ``REVIEW_SOON_DAYS``) or ``later``."""
        if self.review_on < today:
            return "overdue"
        if (self.review_on - today).days <= REVIEW_SOON_DAYS:
            return "due"
        return "later"


class PlanStep(models.Model):
    """An agreed step: what, who does it, by when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    what = models.CharField("wat", max_length=300)
    who = models.CharField("wie", max_length=100)
    due_on = models.DateField("wanneer klaar")
    done = models.BooleanField("gedaan", default=False)

    class Meta:
        ordering = ("due_on", "id")


class Dated(models.Model):
    """Something with a first and (once it has ended) a last day, both inclusive."""

    start_date = models.DateField("startdatum")
    end_date = models.DateField("einddatum", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_running(self) -> bool:
        return self.end_date is None


class Instrument(Dated):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="instruments")
    kind = models.CharField("instrument", max_length=30, choices=InstrumentKind.choices)

    class Meta:
        ordering = ("-start_date", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(end_date=None) | Q(end_date__gte=models.F("start_date")),
                name="instrument_end_after_start",
            ),
        )


class BenefitSpell(Dated):
    """One uitkeringsperiode; its outflow reason is set when it ends (and only then)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="spells")
    inflow_reason = models.CharField("reden van instroom", max_length=20, choices=InflowReason.choices)
    outflow_reason = models.CharField(
        "reden van uitstroom", max_length=20, choices=OutflowReason.choices, blank=True
    )

    class Meta:
        ordering = ("-start_date", "-id")
        constraints = (
            models.CheckConstraint(
                condition=(Q(end_date=None) & Q(outflow_reason=""))
                | (Q(end_date__gte=models.F("start_date")) & ~Q(outflow_reason="")),
                name="spell_end_with_reason",
            ),
        )


class DebtHelp(Dated):
    """A debt-help trajectory (schulddienstverlening) started through the case work."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="debt_help")
    route = models.CharField("hoe kwam de inwoner bij schuldhulp", max_length=20, choices=DebtRoute.choices)

    class Meta:
        ordering = ("-start_date", "-id")
        verbose_name_plural = "debt help"
        constraints = (
            models.CheckConstraint(
                condition=Q(end_date=None) | Q(end_date__gte=models.F("start_date")),
                name="debt_help_end_after_start",
            ),
        )
