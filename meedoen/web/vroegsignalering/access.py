"""Who sees which case: outreach workers their area team's, the team lead the municipality's (or the
team's), a partner only the cases handed to it. A case outside that is a 404, never a 403 that
confirms it exists.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from meedoen.web.accounts.access import role_required
from meedoen.web.accounts.models import Role, User
from meedoen.web.accounts.teams import own_team
from meedoen.web.vroegsignalering.models import SignalCase

SIGNALS_TEAM = (Role.OUTREACH_WORKER, Role.SIGNALS_LEAD)
signals_team_required = role_required(SIGNALS_TEAM)
case_access_required = role_required([*SIGNALS_TEAM, Role.DEBT_PARTNER])
lead_required = role_required([Role.SIGNALS_LEAD])


def visible_cases(user: User) -> QuerySet[SignalCase]:
    """The cases ``user`` may open."""
    cases = SignalCase.objects.filter(municipality=settings.MUNICIPALITY)
    if user.role == Role.DEBT_PARTNER:
        return cases.filter(handed_to=user)
    if user.role == Role.OUTREACH_WORKER or (user.role == Role.SIGNALS_LEAD and user.team_id):
        return own_team(cases, user)  # an outreach worker without a team: nothing (never team-less cases)
    if user.role == Role.SIGNALS_LEAD:
        return cases  # the signals lead without a team runs the whole municipality's signals
    return cases.none()
