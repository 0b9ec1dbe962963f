"""The user's team scope: one rule for every team-bound query (issue 16, item 2).

Consultants, team leads and outreach workers work for one area team. Staff without a team (not yet
placed, between teams, a misconfigured account) see nothing team-bound. A plain
``filter(team_id=user.team_id)`` gets that wrong: with ``team_id`` None it becomes ``team_id IS NULL``
and matches every row that has no team, such as a resident's unsent draft. So every team-scoped
query goes through :func:`own_team`, and every check on one object through :func:`in_own_team`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Manager, Model, QuerySet

M = TypeVar("M", bound=Model)


def team_of(user: Any) -> int | None:
    """The id of the user's area team, or None (anonymous users and staff without a team)."""
    return getattr(user, "team_id", None)


def own_team(queryset: QuerySet[M] | Manager[M], user: Any, path: str = "team") -> QuerySet[M]:
    """The rows of ``queryset`` (or a manager) whose team, the foreign key at ``path`` (e.g.
    ``submission__team``), is the user's own; no rows at all for a user without a team."""
    team_id = team_of(user)
    if team_id is None:
        return queryset.none()
    return queryset.filter(**{f"{path}_id": team_id})


def in_own_team(user: Any, team_id: int | None) -> bool:
    """Whether an object of team ``team_id`` belongs to the user's team (never for a missing team)."""
    own = team_of(user)
    return own is not None and team_id is not None and team_id == own
