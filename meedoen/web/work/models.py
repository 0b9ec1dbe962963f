"""Werkgeversservicepunt: employers, vacancies, candidates, proposals and placements.

A candidate profile belongs to a case-work client and never copies what the case work already holds
(birth date, start qualification, team): it reads them from ``casework.Client``. A placement writes
the instruments it uses as ``casework.Instrument`` rows, so the monitor export counts them with no
second list.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from meedoen.web.work.matching import CERTIFICATES, LANGUAGE_LEVELS, PLACES

KVK = RegexValidator(r"^\d{8}$", "Een KvK-nummer heeft precies 8 cijfers.")
LANGUAGE_CHOICES = [(level, level) for level in LANGUAGE_LEVELS]
PLACE_CHOICES = [(p, p) for p in PLACES]
CERTIFICATE_CHOICES = list(CERTIFICATES.items())


class Employer(models.Model):
    """An organisation that offers work; its employees log in as ``Role.EMPLOYER``."""

    name = models.CharField("naam", max_length=200)
    kvk_number = models.CharField("KvK-nummer", max_length=8, unique=True, validators=[KVK])
    accounts = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="employers")

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class Vacancy(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="vacancies")
    title = models.CharField("functie", max_length=200)
    description = models.TextField("omschrijving", blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        "uren per week", validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    place = models.CharField("werkplaats", max_length=50, choices=PLACE_CHOICES)
    certificates = models.JSONField("certificaten", default=list, blank=True)
    language_level = models.CharField(
        "taalniveau Nederlands", max_length=2, choices=LANGUAGE_CHOICES, blank=True
    )
    loonwaarde_possible = models.BooleanField(
        "loonwaardemeting en loonkostensubsidie mogelijk", default=False
    )
    startkwalificatie_required = models.BooleanField("startkwalificatie nodig", default=False)
    banenafspraak = models.BooleanField("baan voor de banenafspraak", default=False)
    skills = models.CharField("gevraagde vaardigheden", max_length=300, blank=True)
    open = models.BooleanField("open", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.title} ({self.employer})"

    def certificate_names(self) -> list[str]:
        return [CERTIFICATES.get(c, c) for c in self.certificates]


class ContactMoment(models.Model):
    """A contact of the werkgeversservicepunt's account manager with the employer."""

    class Kind(models.TextChoices):
        VISIT = "visit", "Bezoek"
        PHONE = "phone", "Telefoon"
        MAIL = "mail", "E-mail"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    on = models.DateField("datum")
    kind = models.CharField("soort contact", max_length=10, choices=Kind.choices)
    notes = models.TextField("wat is besproken")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ("-on", "-id")


class CandidateProfile(models.Model):
    """What a client brings to work; start qualification and birth date stay in the case work."""

    client = models.OneToOneField(
        "casework.Client", on_delete=models.CASCADE, related_name="candidate_profile"
    )
    skills = models.CharField("vaardigheden", max_length=300, blank=True)
    certificates = models.JSONField("certificaten", default=list, blank=True)
    wishes = models.TextField("wensen", blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        "uren per week beschikbaar", validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    place = models.CharField("woonplaats", max_length=50, choices=PLACE_CHOICES)
    travel_km = models.PositiveSmallIntegerField(
        "reisafstand in km", validators=[MinValueValidator(0), MaxValueValidator(150)]
    )
    language_level = models.CharField(
        "taalniveau Nederlands", max_length=2, choices=LANGUAGE_CHOICES, blank=True
    )
    needs_loonwaarde = models.BooleanField("heeft loonkostensubsidie nodig", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.split(",") if s.strip()]

    def certificate_names(self) -> list[str]:
        return [CERTIFICATES.get(c, c) for c in self.certificates]

    @property
    def pseudonym(self) -> str:
        """What an employer sees before the candidate agrees: an initial and a number, nothing else."""
        first = self.client.resident.first_name[:1].upper() or "?"
        return f"Kandidaat {first}. (nr. {self.pk})"


# Reason topics that say something about the candidate as a person (home town; a wage subsidy points to
# a reduced capacity to work): the employer reads them only after the candidate agreed.
PRIVATE_UNTIL_CONSENT = frozenset({"travel", "loonwaarde"})


class Proposal(models.Model):
    """A candidate proposed to an employer for a vacancy; consent opens the name, the employer answers."""

    class Answer(models.TextChoices):
        NONE = "", "Nog geen antwoord"
        INVITE = "uitnodigen", "Uitnodigen voor een gesprek"
        DECLINE = "afwijzen", "Afwijzen"

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="proposals")
    candidate = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="proposals")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    reasons = models.JSONField("redenen bij het voorstel", default=list)
    consent_at = models.DateTimeField("toestemming kandidaat", null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.CharField("antwoord", max_length=12, choices=Answer.choices, blank=True)
    answer_reason = models.TextField("reden", blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-proposed_at", "-id")
        constraints = (models.UniqueConstraint(fields=("vacancy", "candidate"), name="one_proposal_each"),)

    @property
    def consented(self) -> bool:
        return self.consent_at is not None

    def reasons_for_employer(self) -> list[dict]:
        """The reasons of the proposal as the employer may read them: before consent without the lines
        that tell where the candidate lives or that they need a wage subsidy."""
        if self.consented:
            return self.reasons
        return [r for r in self.reasons if r.get("topic") not in PRIVATE_UNTIL_CONSENT]

    def name_for_employer(self) -> str:
        """The candidate's name only after consent; the pseudonym before."""
        if self.consented:
            return self.candidate.client.resident.get_full_name() or self.candidate.pseudonym
        return self.candidate.pseudonym


class PlacementKind(models.TextChoices):
    REGULAR = "regular", "Reguliere baan"
    MAATWERKBAAN = "maatwerkbaan", "Maatwerkbaan"


class Placement(models.Model):
    """A candidate starts work; the instruments it uses are casework ``Instrument`` rows."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="placement")
    kind = models.CharField("soort baan", max_length=20, choices=PlacementKind.choices)
    start_date = models.DateField("startdatum")
    end_date = models.DateField("einddatum", null=True, blank=True)
    wage_gross_month_cents = models.PositiveIntegerField("brutoloon per maand (cent)")
    banenafspraak = models.BooleanField("telt voor de banenafspraak", default=False)
    loonwaarde_percent = models.PositiveSmallIntegerField(
        "loonwaarde (%)", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    wage_subsidy_month_cents = models.PositiveIntegerField("loonkostensubsidie per maand (cent)", default=0)
    coaching_month_cents = models.PositiveIntegerField("jobcoaching per maand (cent)", default=0)
    instruments = models.ManyToManyField("casework.Instrument", blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-start_date", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(end_date=None) | Q(end_date__gte=models.F("start_date")),
                name="placement_end_after_start",
            ),
        )

    @property
    def client(self):
        return self.proposal.candidate.client
