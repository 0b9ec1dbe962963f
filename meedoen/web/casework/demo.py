"""A small, realistic caseload for the demo city: people on bijstand in the demo's area teams.

Deterministic for a seed and a day: 50 people per team, some already out of bijstand (most
to work, some back within a year), plans made with the resident (a few reviews overdue),
instruments (loonkostensubsidie starting on the day someone goes to work) and debt help. The
history starts on 1 January 2023, so the monitor can report on every tertial since then.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from django.db import transaction

from meedoen.bsn import bsn_is_valid
from meedoen.web.accounts.models import AreaTeam, Role, User
from meedoen.web.casework.models import (
    BenefitSpell,
    Client,
    DebtHelp,
    DebtRoute,
    InflowReason,
    Instrument,
    InstrumentKind,
    OutflowReason,
    Plan,
)

HISTORY_START = dt.date(2023, 1, 1)
PER_TEAM = 50
SHARE_LEFT = 0.4  # of the clients, left bijstand since HISTORY_START
FIRST_NAMES = (
    "Anouk",
    "Bram",
    "Chantal",
    "Daan",
    "Esra",
    "Fleur",
    "Gijs",
    "Hatice",
    "Ivo",
    "Jamila",
    "Kees",
    "Lotte",
    "Mohamed",
    "Noor",
    "Olga",
    "Pieter",
    "Rachid",
    "Sanne",
    "Tim",
    "Yara",
    "Wouter",
    "Zeynep",
    "Henk",
    "Ilse",
)
LAST_NAMES = (
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "El Amrani",
    "Visser",
    "Smits",
    "Meijer",
    "de Boer",
    "Mulder",
    "Öztürk",
    "Hendriks",
    "Peters",
    "van Dijk",
    "Kok",
    "Willems",
    "Bouzid",
    "Hermans",
    "Gerritsen",
)
GOALS = (
    "Ik wil weer onder de mensen zijn en een vaste dag in de week werken.",
    "Ik wil een baan in de zorg, maar eerst mijn diploma halen.",
    "Ik wil van mijn schulden af, dan kan ik weer nadenken over werk.",
    "Ik wil in de techniek werken, het liefst met mijn handen.",
    "Ik wil uren maken naast de zorg voor mijn kinderen.",
    "Ik wil beter Nederlands leren zodat ik een baan kan vinden.",
)
STEPS = (
    ("Gesprek met de jobcoach plannen", "consulent"),
    ("Cv bijwerken en drie vacatures uitzoeken", "inwoner"),
    ("Aanmelden bij de schuldhulpverlening", "inwoner"),
    ("Proefplaatsing regelen bij een werkgever", "consulent"),
    ("Intake bij het ROC voor MBO-2", "inwoner"),
)
OUTFLOW_WEIGHTS = {
    OutflowReason.WORK: 45,
    OutflowReason.STUDY: 6,
    OutflowReason.MOVED: 12,
    OutflowReason.PARTNER_INCOME: 11,
    OutflowReason.OTHER: 26,
}
INSTRUMENT_WEIGHTS = {
    InstrumentKind.JOBCOACHING: 25,
    InstrumentKind.PROEFPLAATSING: 12,
    InstrumentKind.SCHOLING: 15,
    InstrumentKind.STARTKWALIFICATIE_TRAJECT: 10,
    InstrumentKind.BESCHUT_WERK: 5,
    InstrumentKind.ACTIVEREND_WERK: 20,
    InstrumentKind.MAATWERKBAAN: 5,
}


def demo_bsns() -> Iterator[str]:
    """Made-up BSNs (elfproef valid) in a range the other demo residents and the tests do not use."""
    return (bsn for n in range(100000) if bsn_is_valid(bsn := f"9997{n:05d}"))


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _pick(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


class CaseloadBuilder:
    """Makes one client at a time with a plausible history up to ``today``."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self.bsns = demo_bsns()

    def client(self, n: int, team: AreaTeam, consultant: User | None) -> Client:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        resident = User(
            username=f"klant{n:03d}",
            first_name=first,
            last_name=last,
            role=Role.RESIDENT,
            bsn=next(self.bsns),
        )
        resident.set_unusable_password()
        resident.save()
        age = rng.choices((rng.randint(18, 26), rng.randint(27, 44), rng.randint(45, 66)), (25, 40, 35))[0]
        birth = self.today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
        sk = rng.choices((True, False, None), (50, 40, 10))[0]
        client = Client.objects.create(
            resident=resident, team=team, consultant=consultant, birth_date=birth, startkwalificatie=sk
        )
        self._history(client)
        return client

    def _history(self, client: Client) -> None:
        rng, today = self.rng, self.today
        # A stable stock: most who left since 2023 were on bijstand before it, about half of those still
        # on it came in since; so inflow and outflow over the history are about equal.
        left = rng.random() < SHARE_LEFT
        before = rng.random() < (0.8 if left else 0.45)
        if before:
            start = _day_between(rng, dt.date(2014, 1, 1), HISTORY_START - dt.timedelta(days=1))
        else:
            start = _day_between(rng, HISTORY_START, today - dt.timedelta(days=200 if left else 45))
        end = None
        if left:
            first_end = max(start + dt.timedelta(days=60), HISTORY_START + dt.timedelta(days=1))
            end = _day_between(rng, first_end, today - dt.timedelta(days=7))
        reason = "" if end is None else _pick(rng, OUTFLOW_WEIGHTS)
        spell = self._spell(client, start, end, reason)
        if reason == OutflowReason.WORK and rng.random() < 0.35:
            Instrument.objects.create(
                client=client, kind=InstrumentKind.LOONKOSTENSUBSIDIE, start_date=end + dt.timedelta(days=1)
            )
        if end and end < today - dt.timedelta(days=120) and rng.random() < 0.15:  # back in bijstand
            spell = self._spell(
                client,
                _day_between(rng, end + dt.timedelta(days=30), today - dt.timedelta(days=14)),
                None,
                "",
            )
        for _ in range(rng.choices((0, 1, 2), (45, 40, 15))[0]):
            self._instrument(client, spell.start_date)
        if rng.random() < 0.2:
            begin = _day_between(rng, max(spell.start_date, HISTORY_START), today)
            done = begin + dt.timedelta(days=rng.randint(90, 700))
            DebtHelp.objects.create(
                client=client,
                start_date=begin,
                end_date=done if done < today else None,
                route=_pick(rng, {DebtRoute.SELF_REFERRAL: 45, DebtRoute.REFERRAL: 45, DebtRoute.OTHER: 10}),
            )
        if spell.end_date is None and rng.random() < 0.85:
            self._plan(client)

    def _spell(self, client: Client, start: dt.date, end: dt.date | None, reason: str) -> BenefitSpell:
        inflow = self.rng.choice(InflowReason.values)
        return BenefitSpell.objects.create(
            client=client, start_date=start, end_date=end, outflow_reason=reason, inflow_reason=inflow
        )

    def _instrument(self, client: Client, since: dt.date) -> None:
        start = _day_between(self.rng, max(since, HISTORY_START), self.today)
        end = start + dt.timedelta(days=self.rng.randint(60, 540))
        Instrument.objects.create(
            client=client,
            kind=_pick(self.rng, INSTRUMENT_WEIGHTS),
            start_date=start,
            end_date=end if end < self.today else None,
        )

    def _plan(self, client: Client) -> None:
        rng, today = self.rng, self.today
        made = today - dt.timedelta(days=rng.randint(10, 200))
        review = made + dt.timedelta(days=rng.choice((91, 122, 183)))  # some are overdue by now
        plan = Plan.objects.create(
            client=client, goals=rng.choice(GOALS), made_on=made, review_on=review, made_by=client.consultant
        )
        for what, who in rng.sample(STEPS, rng.randint(1, 3)):
            plan.steps.create(
                what=what,
                who=who,
                due_on=made + dt.timedelta(days=rng.randint(14, 90)),
                done=rng.random() < 0.4,
            )


@transaction.atomic
def load_caseload(teams: dict[AreaTeam, User | None], today: dt.date, seed: int = 8) -> int:
    """``PER_TEAM`` clients per team with the team's consultant; nothing when clients exist already."""
    if Client.objects.exists():
        return 0
    builder = CaseloadBuilder(random.Random(seed), today)
    n = 0
    for team, consultant in teams.items():
        for _ in range(PER_TEAM):
            n += 1
            builder.client(n, team, consultant)
    # The history's first day: an earlier spell that ended on it, so every tertial since 2023 is covered.
    later = (
        BenefitSpell.objects.filter(start_date__gt=HISTORY_START + dt.timedelta(days=60))
        .order_by("pk")
        .first()
    )
    BenefitSpell.objects.create(
        client=later.client,
        start_date=dt.date(2022, 3, 1),
        end_date=HISTORY_START,
        outflow_reason=OutflowReason.MOVED,
        inflow_reason=InflowReason.MOVED_IN,
    )
    return n
