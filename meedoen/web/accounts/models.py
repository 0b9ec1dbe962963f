"""Who uses the app: residents (via DigiD), staff in roles, and the area teams cases belong to."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from meedoen.bsn import bsn_is_valid


class Role(models.TextChoices):
    RESIDENT = "resident", "Inwoner"
    CONSULTANT = "consultant", "Consulent"
    TEAM_LEAD = "team_lead", "Teamleider"
    POLICY_ADVISER = "policy_adviser", "Beleidsadviseur"
    ADMIN = "admin", "Beheerder"
    # The city pass (stadspas): a provider's employee redeems; a municipal officer runs the scheme.
    PROVIDER = "provider", "Aanbieder"
    PASS_OFFICER = "pass_officer", "Medewerker stadspas"
    # Early detection of arrears (vroegsignalering): the signals team and the partners cases go to.
    OUTREACH_WORKER = "outreach_worker", "Vroegsignaleerder"
    SIGNALS_LEAD = "signals_lead", "Teamleider vroegsignalering"
    DEBT_PARTNER = "debt_partner", "Partnerorganisatie schuldhulp"
    # Objections (bezwaar): the jurist handles bezwaar cases only, never the application queue.
    JURIST = "jurist", "Jurist"
    # Werkgeversservicepunt (meedoen/web/work): an employer's employee posts vacancies and answers
    # proposals; the municipality's account manager works in the consultant role.
    EMPLOYER = "employer", "Werkgever"
    # Jongerenperspectieffonds: the trajectory coach of young people with debts (sees only their own).
    COACH = "coach", "Trajectcoach"


# Roles that handle cases and so need the full BSN (e.g. to look a resident up in Suwinet).
ROLES_SEEING_BSN = frozenset({Role.CONSULTANT, Role.TEAM_LEAD, Role.ADMIN})
CASE_ROLES = frozenset({Role.CONSULTANT, Role.TEAM_LEAD})
# Roles that see the figures, the monitor dashboard and the review rates (not one resident's case).
FIGURES_ROLES = frozenset({Role.TEAM_LEAD, Role.POLICY_ADVISER, Role.ADMIN})
# Roles that work on early detection of arrears (vroegsignalering).
SIGNALS_ROLES = frozenset({Role.OUTREACH_WORKER, Role.SIGNALS_LEAD, Role.DEBT_PARTNER})


def validate_bsn(value: str) -> None:
    if not bsn_is_valid(value):
        raise ValidationError("Dit is geen geldig burgerservicenummer (BSN).")


class AreaTeam(models.Model):
    """A wijkteam of Werk en Inkomen: the cases of residents in its postcode areas."""

    name = models.CharField(max_length=100, unique=True)
    municipality = models.CharField(max_length=50)
    postcode_prefixes = models.CharField(
        max_length=500, blank=True, help_text="Vier cijfers per postcodegebied, gescheiden door komma's."
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @classmethod
    def for_postcode(cls, municipality: str, postcode: str) -> AreaTeam | None:
        """The team whose area holds the postcode; the municipality's first team otherwise."""
        teams = list(cls.objects.filter(municipality=municipality))
        digits = postcode.replace(" ", "")[:4]
        for team in teams:
            if digits and digits in {p.strip() for p in team.postcode_prefixes.split(",")}:
                return team
        return teams[0] if teams else None


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.RESIDENT)
    bsn = models.CharField(
        max_length=9, unique=True, null=True, blank=True, validators=[validate_bsn], verbose_name="BSN"
    )
    team = models.ForeignKey(AreaTeam, null=True, blank=True, on_delete=models.PROTECT, related_name="staff")
    postcode = models.CharField(max_length=7, blank=True)

    @property
    def is_resident(self) -> bool:
        return self.role == Role.RESIDENT

    @property
    def is_staff_member(self) -> bool:
        return self.role != Role.RESIDENT

    @property
    def site_part(self) -> str:
        """The part of the site the header names for a logged-in non-resident: partners are not staff."""
        return {Role.EMPLOYER: "Werkgevers", Role.PROVIDER: "Aanbieders"}.get(self.role, "Medewerkers")

    @property
    def handles_cases(self) -> bool:
        return self.role in CASE_ROLES and self.team_id is not None

    @property
    def sees_full_bsn(self) -> bool:
        return self.role in ROLES_SEEING_BSN

    # One property per role question, so templates ask ``user.is_team_lead`` instead of comparing a
    # role string that a rename would silently break.
    @property
    def is_consultant(self) -> bool:
        return self.role == Role.CONSULTANT

    @property
    def is_team_lead(self) -> bool:
        return self.role == Role.TEAM_LEAD

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_signals_lead(self) -> bool:
        return self.role == Role.SIGNALS_LEAD

    @property
    def sees_figures(self) -> bool:
        """The figures, the monitor dashboard and the review rates (``figures_required``)."""
        return self.role in FIGURES_ROLES

    @property
    def works_on_signals(self) -> bool:
        """Early detection of arrears: the signals team and the debt-help partners."""
        return self.role in SIGNALS_ROLES

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
