"""Who sees which young person: the coach only their own youths, the team lead the trajectories of
their area team (to choose a coach); everyone else nothing (a 404, never a 403 that confirms one exists).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from meedoen.web.accounts.access import role_required
from meedoen.web.accounts.models import Role, User
from meedoen.web.accounts.teams import own_team
from meedoen.web.youthfund.models import Trajectory

fund_staff_required = role_required([Role.COACH, Role.TEAM_LEAD])
lead_required = role_required([Role.TEAM_LEAD])
# Who may refer a young person: the team lead, and the signals team and debt-help partners.
referrer_required = role_required(
    [Role.TEAM_LEAD, Role.OUTREACH_WORKER, Role.SIGNALS_LEAD, Role.DEBT_PARTNER]
)


def visible(user: User) -> QuerySet[Trajectory]:
    trajectories = Trajectory.objects.filter(municipality=settings.MUNICIPALITY)
    if user.role == Role.COACH:
        return trajectories.filter(coach=user)
    if user.role == Role.TEAM_LEAD:
        return own_team(trajectories, user)  # a team lead without a team: nothing
    return trajectories.none()
