"""Which clients a member of staff may see, and the caseload with the state of each plan's review.

A client is always looked up together with the viewer's own area team, so another team's client
is a 404, for consultants and team leads alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from meedoen.web.accounts.models import User
from meedoen.web.accounts.teams import own_team
from meedoen.web.casework.models import BenefitSpell, Client, Plan

PURPOSE = "begeleiding naar werk (Participatiewet)"


def team_clients(user: User) -> QuerySet[Client]:
    """The clients of the user's team; none for staff without a team (accounts.teams)."""
    return own_team(Client.objects, user).select_related("resident", "consultant", "team")


def client_of_team(user: User, pk: int) -> Client:
    return get_object_or_404(team_clients(user), pk=pk)


@dataclass(frozen=True)
class Row:
    """One line of the caseload: the client, the current plan's review day and its state."""

    client: Client
    review_on: dt.date | None
    state: str  # overdue, due, later or none

    @property
    def state_label(self) -> str:
        return {"overdue": "Te laat", "due": "Binnenkort", "later": "Gepland", "none": "Nog geen plan"}[
            self.state
        ]


def caseload(user: User, today: dt.date, *, whole_team: bool = False, search: str = "") -> list[Row]:
    """The clients with a running benefit (the consultant's own, or the team's), overdue reviews first."""
    running = BenefitSpell.objects.filter(client=OuterRef("pk"), end_date=None)
    clients = team_clients(user).filter(Exists(running)).prefetch_related("plans")
    if not whole_team:
        clients = clients.filter(consultant=user)
    if search:
        clients = clients.filter(
            Q(resident__first_name__icontains=search) | Q(resident__last_name__icontains=search)
        )
    rows = []
    for client in clients:
        plan: Plan | None = max(client.plans.all(), key=lambda p: (p.made_on, p.id), default=None)
        state = plan.review_state(today) if plan else "none"
        rows.append(Row(client, plan.review_on if plan else None, state))
    order = {"overdue": 0, "none": 1, "due": 2, "later": 3}
    return sorted(rows, key=lambda r: (order[r.state], r.review_on or today, r.client.pk))
