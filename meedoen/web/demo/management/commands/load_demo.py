"""Load the demo: Nijmegen's area teams, providers, staff in every role, residents and applications.

Residents go through the same code as in the portal (check answers -> draft -> submit), so the demo
shows an automated grant, a case waiting for a consultant and a draft to continue.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from meedoen.web.accounts.models import AreaTeam, Role, User
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Submission
from meedoen.web.decisions.defaults import install_defaults
from meedoen.web.decisions.models import Provider, SchemePolicy
from meedoen.web.demo.residents import RESIDENTS, DemoResident
from meedoen.web.portal.outcome import outcome_of
from meedoen.web.portal.questionnaire import Questionnaire

PASSWORD = "demo-Meedoen-2026"
TEAMS = {
    "Wijkteam Oost": "6521,6522,6523,6524",
    "Wijkteam West": "6541,6542,6543,6544,6545,6546",
    "Wijkteam Centrum": "6511,6512",
}
STAFF = [
    ("consulent", "Karin", "Bos", Role.CONSULTANT, "Wijkteam Oost"),
    ("consulent.west", "Ahmed", "Yilmaz", Role.CONSULTANT, "Wijkteam West"),
    ("teamleider", "Petra", "Smit", Role.TEAM_LEAD, "Wijkteam Oost"),
    ("beleid", "Tom", "Visser", Role.POLICY_ADVISER, None),
    ("beheer", "Lisa", "de Wit", Role.ADMIN, None),
    ("jurist", "Sanne", "de Jong", Role.JURIST, None),
    ("coach", "Mila", "Janssen", Role.COACH, None),
]
# The smallest file that starts like a PDF: enough for the demo's evidence.
DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class Command(BaseCommand):
    help = "Load demo data (idempotent). Refuses on a deployment without DEBUG unless --force."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="also without DEBUG (never in production)")

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("Demo data has known passwords: only with DEBUG, or with --force.")
        install_defaults(Provider, SchemePolicy)
        teams = {
            name: AreaTeam.objects.get_or_create(
                name=name, defaults={"municipality": settings.MUNICIPALITY, "postcode_prefixes": codes}
            )[0]
            for name, codes in TEAMS.items()
        }
        for username, first, last, role, team in STAFF:
            self._user(
                username,
                first_name=first,
                last_name=last,
                role=role,
                team=teams.get(team),
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
            )
        for resident in RESIDENTS:
            self._resident(resident)
        call_command("load_demo_casework", force=True)
        call_command("load_demo_work", force=True)
        self._print_logins()
        call_command("load_demo_citypass", force=True)
        call_command("load_demo_signals", force=True)
        call_command("load_demo_funds", force=True)

    def _user(self, username: str, **fields) -> User:
        user, created = User.objects.get_or_create(username=username, defaults=fields)
        if created:
            user.set_password(PASSWORD)
            user.save()
        return user

    def _resident(self, demo: DemoResident) -> None:
        resident = self._user(
            demo.username,
            first_name=demo.first_name,
            last_name=demo.last_name,
            bsn=demo.bsn,
            postcode=demo.postcode,
            role=Role.RESIDENT,
        )
        if Submission.objects.filter(resident=resident).exists():
            return
        questionnaire = Questionnaire(demo.answers)
        submission = drafts.start_draft(resident, demo.answers, outcome_of(questionnaire, with_changes=False))
        submission.email = f"{demo.username}@example.org"
        submission.iban = "NL91ABNA0417164300"
        submission.step = Submission.Step.REVIEW
        submission.schemes = demo.schemes or submission.schemes
        submission.save()
        for kind in demo.documents:
            upload = SimpleUploadedFile(f"{kind}.pdf", DEMO_PDF, content_type="application/pdf")
            upload.checked_content_type = "application/pdf"
            drafts.add_document(submission, kind, upload, resident)
        if demo.submit:
            drafts.submit(submission)

    def _print_logins(self) -> None:
        self.stdout.write("Demo log-ins:")
        self.stdout.write("  Inwoners (Inloggen > DigiD demo, vul het BSN in):")
        for r in RESIDENTS:
            self.stdout.write(f"    {r.first_name} {r.last_name}: BSN {r.bsn}")
        self.stdout.write(f"  Medewerkers (Inloggen > Inloggen voor medewerkers, wachtwoord {PASSWORD}):")
        for username, first, last, role, team in STAFF:
            self.stdout.write(f"    {username}: {first} {last}, {role.label}{f', {team}' if team else ''}")
