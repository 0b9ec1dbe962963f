"""Passes and budgets from a granted decision, and a new pass for a lost one.

Called by the decision itself (``decisions/recording.py``), inside its transaction: a grant and its
budget are stored together or not at all. Granting the same scheme again for the same period tops
the budget up to the amount, never beyond it, so a repeated decision does not double the money.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from meedoen.rules.parameters import ParameterSet
from meedoen.web.calculation import peildatum
from meedoen.web.citypass.budgets import Entitlement, PassPlan, Person, birth_date
from meedoen.web.citypass.models import Budget, LedgerEntry, Pass
from meedoen.web.components.ledger import take

if TYPE_CHECKING:
    from meedoen.web.accounts.models import User
    from meedoen.web.decisions.models import Decision

LABELS = {"applicant": "U zelf", "partner": "Uw partner", "child": "Kind", "housemate": "Medebewoner"}


def person_label(person: Person) -> str:
    label = LABELS.get(person["role"], "Gezinslid")
    if person["role"] in ("child", "housemate"):
        label += f" (geboren {birth_date(person):%d-%m-%Y})"
    return label


def pass_for(resident: User, municipality: str, person: Person) -> Pass:
    """The person's active pass, made when there is none yet."""
    card, _ = Pass.objects.get_or_create(
        resident=resident,
        person_key=person["id"],
        status=Pass.Status.ACTIVE,
        defaults={
            "person_label": person_label(person),
            "birth_date": birth_date(person),
            "municipality": municipality,
        },
    )
    return card


def top_up(card: Pass, entitlement: Entitlement, decision_id: int | None) -> Budget:
    """Make the budget of this period hold the granted amount: one grant entry for what is missing.

    The pass is locked before its budget, the order a replacement and a booking use, so a grant that
    meets a replacement waits instead of deadlocking; a pass replaced meanwhile hands the grant on to
    the person's new pass."""
    rule = entitlement.rule
    card = Pass.objects.select_for_update().get(pk=card.pk)
    if card.status != Pass.Status.ACTIVE:
        current = Pass.objects.select_for_update().filter(
            resident_id=card.resident_id, person_key=card.person_key, status=Pass.Status.ACTIVE
        )
        card = current.first() or card
    budget, _ = Budget.objects.select_for_update().get_or_create(
        pass_card=card,
        scheme_id=rule.scheme_id,
        period_start=entitlement.period_start,
        defaults={
            "label": rule.label,
            "categories": list(rule.categories),
            "period_end": entitlement.period_end,
        },
    )
    granted = budget.entries.filter(kind=LedgerEntry.Kind.GRANT).aggregate(t=Sum("amount_cents"))["t"] or 0
    missing = entitlement.amount_cents - granted
    if missing > 0:
        LedgerEntry.objects.create(
            budget=budget,
            pass_card=card,
            kind=LedgerEntry.Kind.GRANT,
            amount_cents=missing,
            decision_id=decision_id,
        )
        take(Budget.objects, budget.pk, missing)
    return budget


@transaction.atomic
def issue(
    resident: User,
    municipality: str,
    scheme_id: str,
    persons: list[Person],
    *,
    day: dt.date | None = None,
    decision_id: int | None = None,
    parameters: ParameterSet | None = None,
) -> list[Pass]:
    """Passes for whoever the granted scheme gives one, with their budgets topped up."""
    day = day or timezone.localdate()
    plan = PassPlan(municipality, day, parameter_day=peildatum(municipality, day), parameters=parameters)
    entitled = plan.entitlements(scheme_id, persons)
    # the pass scheme gives everyone a pass, a budget scheme its budget holders
    holders = persons if plan.is_pass_scheme(scheme_id) else [e.person for e in entitled]
    cards = {p["id"]: pass_for(resident, municipality, p) for p in holders}
    for entitlement in entitled:
        top_up(cards[entitlement.person["id"]], entitlement, decision_id)
    return list(cards.values())


def issue_for_decision(decision: Decision) -> list[Pass]:
    """The hook for a decision: only a grant of a pass or budget scheme does anything."""
    if not decision.granted:
        return []
    application = decision.application
    submission = application.submission
    return issue(
        submission.resident,
        submission.municipality,
        application.scheme_id,
        submission.household.get("persons", []),
        decision_id=decision.pk,
    )


def end_for_decision(decision: Decision, day: dt.date | None = None) -> int:
    """A revoked grant (a later decision replaced it by a refusal): the budgets it gave end on
    ``day``, so nothing can be spent after it. What was spent stays spent; the ledger is not touched.
    Returns the number of budgets ended."""
    day = day or timezone.localdate()
    granted = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.GRANT, decision_id=decision.pk)
    budgets = Budget.objects.filter(pk__in=granted.values("budget_id"), period_end__gt=day)
    return budgets.update(period_end=day)


class AlreadyBlocked(ValueError):
    """The pass was blocked already (by another officer a moment ago)."""


@transaction.atomic
def replace(lost: Pass, by: User | None) -> Pass:
    """Block a lost pass and give the person a new number; the budgets move to the new pass.

    The ledger keeps which pass each booking was made with; only the budgets change owner.

    Lock order, the same as a booking's (``booking_sql``): the pass row first, then its budgets. A
    booking holds its pass FOR SHARE until it commits, so this FOR UPDATE waits for the bookings
    under way and every booking after it waits for the block and then sees it: no deadlock, and no
    booking on the pass is dated after ``blocked_at`` (taken once the lock is held).
    """
    lost = Pass.objects.select_for_update().get(pk=lost.pk)
    if not lost.is_active:
        raise AlreadyBlocked("this pass is already blocked")
    Pass.objects.filter(pk=lost.pk).update(
        status=Pass.Status.BLOCKED, blocked_at=timezone.now(), blocked_by=by
    )
    new = Pass.objects.create(
        resident_id=lost.resident_id,
        person_key=lost.person_key,
        person_label=lost.person_label,
        birth_date=lost.birth_date,
        municipality=lost.municipality,
    )
    Budget.objects.filter(pass_card=lost).update(pass_card=new)
    Pass.objects.filter(pk=lost.pk).update(replaced_by=new)
    lost.refresh_from_db()
    return new
