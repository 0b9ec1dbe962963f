"""The steps of an objection, each one transaction: filing, extending the term, the hearing, deciding.

A step that the law or the state of the case does not allow raises :class:`Refused` with the Dutch
sentence the person reads; nothing is stored then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from meedoen.web.decisions.models import Decision
from meedoen.web.decisions.models import Outcome as DecisionOutcome
from meedoen.web.decisions.recording import Undecidable, revise_decision
from meedoen.web.objections import terms
from meedoen.web.objections.models import Event, Hearing, Objection, ObjectionDocument, Outcome


class Refused(Exception):
    """The step is not allowed; ``str(exc)`` is the message for the person (Dutch, B1)."""


def refusal(decision: Decision) -> str | None:
    """Why a resident cannot object to this decision (now), or None when they can."""
    if not decision.in_force:
        successor = decision.superseded_by
        return (
            "U kunt geen bezwaar maken tegen dit besluit. Het is ingetrokken en vervangen door een nieuw "
            f"besluit van {successor.decided_at:%d-%m-%Y}. Bekijk het nieuwe besluit bij uw aanvraag."
        )
    if hasattr(decision, "from_objection"):
        return (
            "Dit is een besluit op uw bezwaar. Daartegen kunt u geen bezwaar maken. Bent u het er niet "
            "mee eens? Dan kunt u in beroep gaan bij de rechtbank. Hoe dat gaat, staat in de brief."
        )
    if Objection.objects.filter(decision=decision).exclude(outcome=Outcome.WITHDRAWN).exists():
        return (
            "U hebt al bezwaar gemaakt tegen dit besluit. U kunt geen tweede bezwaar maken. "
            "Wilt u iets toevoegen? Stuur dan een bericht bij uw aanvraag."
        )
    return None


def sent_on(decision: Decision) -> dt.date:
    """The day the decision was sent: the day it was made (the letter goes out the same day)."""
    return timezone.localdate(decision.decided_at)


@dataclass(frozen=True)
class Terms:
    sent_on: dt.date
    term_ended_on: dt.date
    late: bool
    due_on: dt.date


def terms_for(decision: Decision, received_on: dt.date) -> Terms:
    sent = sent_on(decision)
    ended = terms.objection_term_end(sent)
    return Terms(sent, ended, received_on > ended, terms.decision_due(ended, received_on))


@transaction.atomic
def file_objection(decision: Decision, resident, grounds: str, files: list[UploadedFile]) -> Objection:
    """Store the objection with its documents and terms; a late one is accepted and flagged."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    reason = refusal(decision)
    if reason:
        raise Refused(reason)
    today = timezone.localdate()
    t = terms_for(decision, today)
    try:
        with transaction.atomic():
            objection = Objection.objects.create(
                decision=decision,
                application=decision.case,
                resident=resident,
                grounds=grounds,
                received_on=today,
                sent_on=t.sent_on,
                term_ended_on=t.term_ended_on,
                late=t.late,
                due_on=t.due_on,
            )
    except IntegrityError:  # a second objection sent at the same moment
        raise Refused(refusal(decision) or "U hebt al bezwaar gemaakt tegen dit besluit.") from None
    for upload in files:
        ObjectionDocument.objects.create(
            objection=objection,
            file=upload,
            original_name=(upload.name or "document")[:200],
            content_type=upload.checked_content_type,
            size=upload.size,
        )
    note = "Bezwaar ontvangen"
    if t.late:
        note += f" na de bezwaartermijn ({t.term_ended_on:%d-%m-%Y}): te laat, de jurist beoordeelt dit"
    Event.objects.create(objection=objection, text=note, actor=resident)
    objection.application.messages.create(
        author=resident,
        from_resident=True,
        text=f"Ik heb bezwaar gemaakt tegen het besluit. Ontvangen op {today:%d-%m-%Y}.",
    )
    return objection


def _open(objection: Objection) -> Objection:
    locked = Objection.objects.select_for_update().get(pk=objection.pk)
    if not locked.is_open:
        raise Refused("Over dit bezwaar is al beslist. Er kan niets meer worden gewijzigd.")
    return locked


@transaction.atomic
def extend(objection: Objection, reason: str, by) -> Objection:
    """Awb 7:10 lid 3: once, by six weeks, with a reason the resident is told."""
    objection = _open(objection)
    if objection.extended_due_on is not None:
        raise Refused(
            "De beslistermijn is al een keer verdaagd. De wet (Awb 7:10 lid 3) staat maar één keer "
            "verdagen toe. Verder uitstel kan alleen als de indiener ermee instemt."
        )
    objection.extended_due_on = terms.extended(objection.due_on)
    objection.extension_reason = reason
    objection.save(update_fields=["extended_due_on", "extension_reason"])
    Event.objects.create(
        objection=objection, actor=by, text=f"Beslistermijn verdaagd tot {objection.extended_due_on:%d-%m-%Y}"
    )
    objection.application.messages.create(
        author=by,
        text=f"Wij hebben meer tijd nodig voor uw bezwaar. U krijgt uiterlijk op "
        f"{objection.extended_due_on:%d-%m-%Y} een besluit. De reden: {reason}",
    )
    return objection


@transaction.atomic
def plan_hearing(objection: Objection, day: dt.date, by) -> Objection:
    objection = _open(objection)
    objection.hearing, objection.hearing_on, objection.waiver_ground = Hearing.PLANNED, day, ""
    objection.save(update_fields=["hearing", "hearing_on", "waiver_ground"])
    Event.objects.create(objection=objection, actor=by, text=f"Hoorzitting gepland op {day:%d-%m-%Y}")
    objection.application.messages.create(
        author=by,
        text=f"Wij willen met u praten over uw bezwaar (hoorzitting) op {day:%d-%m-%Y}. "
        "U krijgt hierover nog een uitnodiging met de tijd en de plaats.",
    )
    return objection


@transaction.atomic
def waive_hearing(objection: Objection, ground: str, by) -> Objection:
    objection = _open(objection)
    objection.hearing, objection.hearing_on, objection.waiver_ground = Hearing.WAIVED, None, ground
    objection.save(update_fields=["hearing", "hearing_on", "waiver_ground"])
    Event.objects.create(
        objection=objection, actor=by, text=f"Afgezien van horen: {objection.get_waiver_ground_display()}"
    )
    return objection


@transaction.atomic
def decide(
    objection: Objection,
    outcome: Outcome,
    motivation: str,
    by,
    *,
    lateness_excused: bool | None = None,
    new_outcome: DecisionOutcome | None = None,
    amount_cents: int | None = None,
) -> Objection:
    """Record the outcome. Upheld (gegrond): the decision is replaced by a new revision, with its
    payments, through ``revise_decision``; the old decision stays for the record."""
    objection = _open(objection)
    today = timezone.localdate()
    if outcome != Outcome.WITHDRAWN:
        if objection.late and lateness_excused is None:
            raise Refused(
                "Het bezwaar is te laat ontvangen. Kies of de termijnoverschrijding verschoonbaar is."
            )
        if objection.late and lateness_excused is False and outcome != Outcome.INADMISSIBLE:
            raise Refused(
                "Het bezwaar is te laat en de termijnoverschrijding is niet verschoonbaar (Awb 6:11). "
                "Dan is het bezwaar niet-ontvankelijk (Awb 6:6)."
            )
        if not objection.heard_or_waived:
            raise Refused(
                "Plan eerst een hoorzitting of leg vast waarom u afziet van horen (Awb 7:2 en 7:3)."
            )
        if objection.hearing == Hearing.PLANNED and objection.hearing_on > today:
            raise Refused(f"De hoorzitting is op {objection.hearing_on:%d-%m-%Y}. Beslis na de hoorzitting.")
    if outcome == Outcome.UPHELD:
        if new_outcome is None:
            raise Refused("Kies wat het nieuwe besluit is: toekennen of afwijzen.")
        try:
            objection.new_decision = revise_decision(
                objection.decision, new_outcome, by=by, motivation=motivation, amount_cents=amount_cents
            )
        except Undecidable:
            raise Refused(
                "Meedoen kan deze regeling op de peildatum niet berekenen: de bedragen zijn niet bekend. "
                "Een nieuw besluit kan pas als de berekening er is."
            ) from None
        except ValueError:
            raise Refused("Het besluit is al vervangen door een nieuw besluit.") from None
    objection.outcome, objection.motivation = outcome, motivation
    objection.decided_at, objection.decided_by = timezone.now(), by
    if objection.late and outcome != Outcome.WITHDRAWN:
        objection.lateness_excused = lateness_excused
    objection.save()
    Event.objects.create(
        objection=objection, actor=by, text=f"Besluit op bezwaar: {objection.get_outcome_display().lower()}"
    )
    objection.application.messages.create(
        author=by,
        text=f"Er is een besluit op uw bezwaar: {objection.get_outcome_display().lower()}. "
        "U vindt de brief bij deze aanvraag.",
    )
    return objection
