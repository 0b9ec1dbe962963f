"""Objection pages: the resident files and follows an objection; the jurist handles bezwaar cases.

Access: a resident only ever reaches their own decisions and objections (anything else is 404); the
jurist's pages are for the jurist role only (403 for every other role). Every read of a bezwaar case
(list rows, case page, documents, letter) is written to the audit log.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, F, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from meedoen.rules.money import cents_of
from meedoen.web.accounts.access import resident_required, role_required
from meedoen.web.accounts.models import Role
from meedoen.web.applications.views import send_document
from meedoen.web.audit.log import record, record_many
from meedoen.web.audit.models import Action
from meedoen.web.components.forms import posted
from meedoen.web.decisions.models import Decision
from meedoen.web.decisions.models import Outcome as DecisionOutcome
from meedoen.web.jobs.models import LetterKind
from meedoen.web.letters import case_number, render_letter
from meedoen.web.letters.tasks import letter_response
from meedoen.web.machtigingen.models import Act
from meedoen.web.machtigingen.namens import resident_of
from meedoen.web.objections import procedure, terms
from meedoen.web.objections.forms import (
    DecideForm,
    ExtendForm,
    ObjectionForm,
    PlanHearingForm,
    WaiveHearingForm,
)
from meedoen.web.objections.models import Objection, ObjectionDocument, Outcome

jurist_required = role_required([Role.JURIST])
PURPOSE = "behandeling bezwaar"
OWN = "inwoner bekijkt eigen bezwaar"

# The court for an appeal (beroep, Awb 8:1) against a besluit op bezwaar of the municipality:
# the court of its district (Wet op de rechterlijke indeling; https://www.rechtspraak.nl/Organisatie-en-contact/Organisatie/Rechtbanken).
COURTS = {
    "nijmegen": "Rechtbank Gelderland",
    "arnhem": "Rechtbank Gelderland",
    "groningen": "Rechtbank Noord-Nederland",
}


def _objections():
    return Objection.objects.select_related(
        "decision", "application__submission", "resident", "new_decision", "decided_by"
    )


# ---------------------------------------------------------------- the resident


@resident_required
@require_http_methods(["GET", "POST"])
def file(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Object to one of the resident's own decisions: grounds, documents, then a receipt."""
    decision = get_object_or_404(Decision, public_id=public_id)
    application = decision.case
    resident = resident_of(request, Act.OBJECT, application.scheme_id)  # namens: "bezwaar" for this scheme
    if application.submission.resident_id != resident.pk:
        raise Http404
    record(request, Action.VIEW, obj=decision, subject_id=resident.pk, what=f"besluit {public_id}", why=OWN)
    refused = procedure.refusal(decision)
    form = ObjectionForm(posted(request), request.FILES or None)
    status = 200
    if refused:
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST":
        if form.is_valid():
            try:
                objection = procedure.file_objection(
                    decision, resident, form.cleaned_data["grounds"], form.cleaned_data["documents"]
                )
            except procedure.Refused as exc:
                refused, status = str(exc), 409
            else:
                record(
                    request,
                    Action.CREATE,
                    obj=objection,
                    subject_id=resident.pk,
                    what=f"bezwaar {objection.public_id}",
                    why=OWN,
                )
                return redirect("objections:filed", public_id=objection.public_id)
        else:
            status = 400
    t = procedure.terms_for(decision, timezone.localdate())
    context = {"decision": decision, "application": application, "form": form, "refused": refused, "terms": t}
    return render(request, "objections/file.html", context, status=status)


@resident_required
def filed(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The receipt (ontvangstbevestiging, Awb 6:14): what was received, on which day, what happens next."""
    resident = resident_of(request, (Act.OBJECT, Act.VIEW))
    objection = get_object_or_404(_objections(), public_id=public_id, resident=resident)
    resident_of(request, (Act.OBJECT, Act.VIEW), objection.application.scheme_id)
    record(request, Action.VIEW, obj=objection, subject_id=resident.pk, what=f"bezwaar {public_id}", why=OWN)
    return render(
        request,
        "objections/filed.html",
        {
            "objection": objection,
            "documents": objection.documents.all(),
            "case_number": case_number(objection.application),
        },
    )


def _visible(request: HttpRequest, objection: Objection) -> str:
    """Why this user may read the objection (for the audit log); 404 for everyone else."""
    user = request.user
    if user.is_resident and objection.application.submission.resident_id == request.resident.pk:
        resident_of(request, (Act.OBJECT, Act.VIEW), objection.application.scheme_id)
        return OWN
    if user.role == Role.JURIST:
        return PURPOSE
    raise Http404


@login_required
def document(request: HttpRequest, document_id: UUID) -> HttpResponse:
    doc = get_object_or_404(
        ObjectionDocument.objects.select_related("objection__application__submission"), public_id=document_id
    )
    why = _visible(request, doc.objection)
    subject = doc.objection.application.submission.resident_id
    record(
        request, Action.DOWNLOAD, obj=doc, subject_id=subject, what=f"bezwaardocument {document_id}", why=why
    )
    return send_document(doc)


def letter_for(objection: Objection):
    submission = objection.application.submission
    municipality = submission.municipality
    return render_letter(
        "objections/letter.html",
        {
            "objection": objection,
            "application": objection.application,
            "submission": submission,
            "resident": submission.resident,
            "case_number": case_number(objection.application),
            "court": COURTS.get(municipality, "de rechtbank in uw regio"),
            "appeal_weeks": terms.APPEAL_WEEKS,
            "letter_date": timezone.localdate(objection.decided_at),
        },
        municipality,
    )


@login_required
def letter(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The besluit op bezwaar as PDF, for the resident it is about and for the jurist."""
    objection = get_object_or_404(_objections(), public_id=public_id)
    why = _visible(request, objection)
    if objection.is_open:
        raise Http404
    subject = objection.application.submission.resident_id
    record(
        request,
        Action.DOWNLOAD,
        obj=objection,
        subject_id=subject,
        what=f"besluit op bezwaar {public_id}",
        why=why,
    )
    # Rendered by a job and stored (meedoen/web/letters/tasks.py): "wordt gemaakt" until it is there.
    return letter_response(
        LetterKind.OBJECTION,
        objection.pk,
        request,
        f"besluit-op-bezwaar-{objection.application.scheme_id}.pdf",
    )


# ---------------------------------------------------------------- the jurist


@jurist_required
def queue(request: HttpRequest) -> HttpResponse:
    """Open bezwaar cases first, the earliest due date on top; decided ones after."""
    show = request.GET.get("status", "open")
    objections = _objections()
    if show == "open":
        objections = objections.filter(outcome="")
    elif show == "decided":
        objections = objections.exclude(outcome="")
    else:
        show = "all"
    due = Case(When(extended_due_on__isnull=False, then=F("extended_due_on")), default=F("due_on"))
    page = Paginator(objections.order_by(due, "id"), 25).get_page(request.GET.get("pagina"))
    record_many(
        request,
        Action.VIEW,
        shown=[(o, o.application.submission.resident_id) for o in page],
        what="bezwaarzaken",
        why=PURPOSE,
    )
    return render(
        request, "objections/queue.html", {"page": page, "show": show, "today": timezone.localdate()}
    )


def _case(public_id: UUID) -> Objection:
    return get_object_or_404(_objections(), public_id=public_id)


def _render_case(request: HttpRequest, objection: Objection, forms: dict | None = None, status: int = 200):
    record(
        request,
        Action.VIEW,
        obj=objection,
        subject_id=objection.application.submission.resident_id,
        what=f"bezwaar {objection.public_id}",
        why=PURPOSE,
    )
    forms = {
        "extend_form": ExtendForm(prefix="verdagen"),
        "plan_form": PlanHearingForm(prefix="horen"),
        "waive_form": WaiveHearingForm(prefix="afzien"),
        "decide_form": DecideForm(prefix="besluit", late=objection.late),
        **(forms or {}),
    }
    context = {
        "objection": objection,
        "decision": objection.decision,
        "application": objection.application,
        "resident": objection.application.submission.resident,
        "documents": objection.documents.all(),
        "events": objection.events.select_related("actor"),
        "today": timezone.localdate(),
        **forms,
    }
    return render(request, "objections/case.html", context, status=status)


@jurist_required
def case(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _render_case(request, _case(public_id))


def _refused(request: HttpRequest, objection: Objection, form, key: str, exc: procedure.Refused):
    """A step the law or the state of the case does not allow: said at the top, nothing stored."""
    return _render_case(request, objection, {key: form, "refusal": str(exc)}, status=409)


def _changed(request: HttpRequest, objection: Objection, what: str) -> None:
    subject = objection.application.submission.resident_id
    record(
        request,
        Action.CHANGE,
        obj=objection,
        subject_id=subject,
        what=f"bezwaar {objection.public_id}: {what}",
        why=PURPOSE,
    )


@jurist_required
@require_POST
def extend(request: HttpRequest, public_id: UUID) -> HttpResponse:
    objection = _case(public_id)
    form = ExtendForm(request.POST, prefix="verdagen")
    if not form.is_valid():
        return _render_case(request, objection, {"extend_form": form}, status=400)
    try:
        objection = procedure.extend(objection, form.cleaned_data["reason"], request.user)
    except procedure.Refused as exc:
        return _refused(request, objection, form, "extend_form", exc)
    _changed(request, objection, "verdaagd")
    messages.success(request, f"De beslistermijn is verdaagd tot {objection.extended_due_on:%d-%m-%Y}.")
    return redirect("objections:case", public_id=public_id)


@jurist_required
@require_POST
def hearing(request: HttpRequest, public_id: UUID) -> HttpResponse:
    objection = _case(public_id)
    if request.POST.get("action") == "waive":
        form, key = WaiveHearingForm(request.POST, prefix="afzien"), "waive_form"
    else:
        form, key = PlanHearingForm(request.POST, prefix="horen"), "plan_form"
    if not form.is_valid():
        return _render_case(request, objection, {key: form}, status=400)
    data = form.cleaned_data
    try:
        if key == "plan_form":
            objection = procedure.plan_hearing(objection, data["day"], request.user)
            done = f"De hoorzitting is gepland op {data['day']:%d-%m-%Y}."
        else:
            objection = procedure.waive_hearing(objection, data["ground"], request.user)
            done = "Vastgelegd: er is afgezien van horen."
    except procedure.Refused as exc:
        return _refused(request, objection, form, key, exc)
    _changed(request, objection, "hoorzitting")
    messages.success(request, done)
    return redirect("objections:case", public_id=public_id)


@jurist_required
@require_POST
def decide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    objection = _case(public_id)
    form = DecideForm(request.POST, prefix="besluit", late=objection.late)
    if not form.is_valid():
        return _render_case(request, objection, {"decide_form": form}, status=400)
    data = form.cleaned_data
    lateness = {"yes": True, "no": False}.get(data.get("lateness") or "")
    amount = data.get("amount")
    try:
        objection = procedure.decide(
            objection,
            Outcome(data["outcome"]),
            data["motivation"],
            request.user,
            lateness_excused=lateness,
            new_outcome=DecisionOutcome(data["new_outcome"]) if data.get("new_outcome") else None,
            amount_cents=cents_of(amount) if amount is not None else None,
        )
    except procedure.Refused as exc:
        return _refused(request, objection, form, "decide_form", exc)
    subject = objection.application.submission.resident_id
    record(
        request,
        Action.DECIDE,
        obj=objection,
        subject_id=subject,
        what=f"besluit op bezwaar {public_id}",
        why=PURPOSE,
    )
    messages.success(
        request, f"Het besluit op bezwaar is vastgelegd: {objection.get_outcome_display().lower()}."
    )
    return redirect("objections:case", public_id=public_id)
