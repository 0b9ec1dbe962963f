"""Review sampling: a random share of the automated decisions gets a consultant's second look afterwards.

Per area team, scheme and month the decisions not drawn over before form the population; the share
comes from the automation policy (``steekproef``, default 5 %), the seed is recorded, so
:func:`selection` gives the same decisions again from the stored population, share and seed.
The outcome (agree / correct, with reason) is recorded per decision; the agreement rate is shown per
scheme and month.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from meedoen.web.accounts.models import AreaTeam
from meedoen.web.decisions.models import Decision, Review, ReviewDraw
from meedoen.web.decisions.policy import sample_share


class NothingToDraw(Exception):
    """No automated decision of this team, scheme and month is left to draw from."""


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = month_start(month)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end, dt.time.min, tzinfo=tz),
    )


def selection(population: list[int], share: float, seed: int) -> list[int]:
    """The drawn ids: ``ceil(share x n)`` of the sorted population (at least one when there is any and
    the share is above nil), by Python's Mersenne Twister seeded with ``seed``. Pure: same in, same out."""
    ordered = sorted(population)
    k = min(len(ordered), math.ceil(share * len(ordered))) if share > 0 else 0
    return sorted(random.Random(seed).sample(ordered, k))


def candidates(team: AreaTeam, scheme_id: str, month: dt.date) -> QuerySet[Decision]:
    """Automated decisions in force of the team, scheme and month that no earlier draw looked at."""
    start, end = _bounds(month)
    return Decision.objects.filter(
        automated=True,
        application__submission__team=team,
        application__scheme_id=scheme_id,
        decided_at__gte=start,
        decided_at__lt=end,
        review_draws=None,
    )


def drawable(team: AreaTeam) -> list[tuple[str, str, dt.date, int]]:
    """(scheme id, scheme name, month, number of decisions) still open to a draw, for the team."""
    rows = (
        Decision.objects.filter(automated=True, application__submission__team=team, review_draws=None)
        .values_list("application__scheme_id", "application__scheme_name", "decided_at")
        .order_by("decided_at")
    )
    counts: dict[tuple[str, str, dt.date], int] = {}
    for scheme_id, name, at in rows:
        key = (scheme_id, name, month_start(timezone.localtime(at).date()))
        counts[key] = counts.get(key, 0) + 1
    return [(s, n, m, c) for (s, n, m), c in counts.items()]


@transaction.atomic
def draw(team: AreaTeam, scheme_id: str, month: dt.date, *, by, seed: int | None = None) -> ReviewDraw:
    """Draw the sample; raises :class:`NothingToDraw` when there is no decision left to draw from."""
    population = list(candidates(team, scheme_id, month).select_related("application"))
    if not population:
        raise NothingToDraw(team, scheme_id, month)
    seed = secrets.randbits(62) if seed is None else seed
    share = sample_share(team.municipality, scheme_id, month_start(month))
    result = ReviewDraw.objects.create(
        team=team,
        scheme_id=scheme_id,
        scheme_name=population[0].application.scheme_name,
        month=month_start(month),
        share=share,
        seed=seed,
        drawn_by=by,
    )
    result.population.set(population)
    chosen = selection([d.pk for d in population], share, seed)
    Review.objects.bulk_create(Review(decision_id=pk, draw=result) for pk in chosen)
    return result


def reproduce(sample: ReviewDraw) -> list[int]:
    """The selection computed again from what the draw recorded (equals the reviews it made)."""
    return selection(list(sample.population.values_list("pk", flat=True)), sample.share, sample.seed)


@dataclass(frozen=True)
class Agreement:
    """Aggregates only: how many drawn, reviewed and agreed, per scheme and month."""

    scheme_name: str
    month: dt.date
    drawn: int
    reviewed: int
    agreed: int

    @property
    def rate(self) -> float | None:
        return self.agreed / self.reviewed if self.reviewed else None


def agreement(reviews: QuerySet[Review]) -> list[Agreement]:
    rows = (
        reviews.values("draw__scheme_name", "draw__month")
        .annotate(
            drawn=Count("id"),
            reviewed=Count("id", filter=~Q(verdict="")),
            agreed=Count("id", filter=Q(verdict="agree")),
        )
        .order_by("-draw__month", "draw__scheme_name")
    )
    keys = ("draw__scheme_name", "draw__month", "drawn", "reviewed", "agreed")
    return [Agreement(*(r[k] for k in keys)) for r in rows]
