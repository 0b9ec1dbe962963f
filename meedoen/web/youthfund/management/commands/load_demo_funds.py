"""``manage.py load_demo_funds``: demo data for the funds' ledger (idempotent): the youth fund with a
demo budget and one young person whose first debt is paid, and one werk-naar-werk trajectory with a
transitievoucher partly spent. The amounts are demo data, marked as such in their source; they are
no official figures."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meedoen.web.accounts.models import AreaTeam, Role, User
from meedoen.web.ledger import booking
from meedoen.web.ledger.models import Account, Fund
from meedoen.web.rmt.models import Step
from meedoen.web.rmt.models import Trajectory as RmtTrajectory
from meedoen.web.youthfund.models import Debt, Route, Status, Trajectory
from meedoen.web.youthfund.views import fund_budget

DEMO = "Demodata, geen echt besluit"


class Command(BaseCommand):
    help = "Load demo data for the youth fund and werk naar werk (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="also without DEBUG (never in production)")

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("Demo data: only with DEBUG, or with --force.")
        team = AreaTeam.objects.filter(name="Wijkteam Oost").first()
        coach = User.objects.filter(role=Role.COACH).order_by("id").first()
        consultant = User.objects.filter(role=Role.CONSULTANT, team=team).order_by("id").first()
        today = dt.date.today()
        if not Trajectory.objects.exists():
            fund = fund_budget()
            booking.grant(fund.account, 2_500_000, description=DEMO)
            youth = Trajectory.objects.create(
                municipality=settings.MUNICIPALITY,
                name="Demi Verhoeven",
                birth_date=today.replace(year=today.year - 21, day=1),
                postcode="6521 EF",
                route=Route.SIGNALS,
                team=team,
                coach=coach,
                status=Status.AGREED if coach else Status.APPLIED,
                counter_performance="Demi volgt de opleiding MBO zorg en werkt twee dagen per week."
                if coach
                else "",
                agreed_on=today if coach else None,
                applied_on=today,
            )
            paid = Debt.objects.create(trajectory=youth, creditor="Zorgverzekeraar", amount_cents=84_500)
            Debt.objects.create(trajectory=youth, creditor="Telecombedrijf", amount_cents=32_075)
            if coach:
                paid.payment = booking.pay(fund.account, paid.amount_cents, paid.creditor, by=coach)
                paid.save(update_fields=["payment"])
        if team and not RmtTrajectory.objects.exists():
            voucher = Account.objects.create(
                fund=Fund.TRANSITIEVOUCHER, municipality=settings.MUNICIPALITY, label="Transitievoucher demo"
            )
            booking.grant(voucher, 150_000, by=consultant, description=DEMO)
            booking.pay(voucher, 89_500, "ROC Nijmegen", by=consultant, description="Cursus heftruck en VCA")
            trajectory = RmtTrajectory.objects.create(
                municipality=settings.MUNICIPALITY,
                name="Ronald Peters",
                postcode="6522 AB",
                employer="Drukkerij aan de Waal",
                referred_by="employer",
                team=team,
                consultant=consultant,
                intake_on=today,
                goals="Werk in de logistiek.",
                voucher=voucher,
                voucher_source=DEMO,
            )
            Step.objects.create(trajectory=trajectory, what="Heftruckcertificaat halen", due_on=today)
        self.stdout.write("Demo: Jongerenperspectieffonds en werk naar werk geladen.")
