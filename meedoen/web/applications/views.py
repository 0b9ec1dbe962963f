"""The resident's side of applying: start from the check, the draft steps, and "Mijn aanvragen".

Every object is looked up together with its owner, so another resident's id gives 404, and every
page that shows the resident's data is written to the audit log.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from meedoen.web.accounts.access import resident_required
from meedoen.web.applications import drafts
from meedoen.web.applications.forms import ContactForm, DocumentForm, MessageForm, ReviewForm, SchemesForm
from meedoen.web.applications.models import Application, Document, Status, Submission
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.components.forms import posted
from meedoen.web.components.upload_limits import TooManyDocuments
from meedoen.web.decisions.models import SchemePolicy
from meedoen.web.machtigingen.models import Act
from meedoen.web.machtigingen.namens import covered_schemes, require, require_schemes, resident_of
from meedoen.web.portal.outcome import AnswersNeedAttention, outcome_of
from meedoen.web.portal.questionnaire import Questionnaire

STEPS = list(Submission.Step)
OWN_DATA = "inwoner bekijkt eigen aanvraag"


def _draft(request: HttpRequest, public_id: UUID) -> Submission:
    resident = resident_of(request, Act.APPLY)
    submission = get_object_or_404(Submission, public_id=public_id, resident=resident, submitted_at=None)
    require_schemes(request, Act.APPLY, submission.schemes)  # namens: only the authorised schemes
    return submission


def _step_url(submission: Submission, step: Submission.Step) -> str:
    return reverse("applications:draft-step", args=[submission.public_id, step.value])


@resident_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """From a completed check to a draft; GET (after logging in) asks to confirm."""
    resident = resident_of(request, Act.APPLY)
    q = Questionnaire.from_session(request.session)
    if q.first_incomplete():
        messages.info(request, "Doe eerst de Regelingencheck. Dan vullen wij uw aanvraag alvast in.")
        return redirect("portal:check-start")
    if request.method == "GET":
        return render(request, "applications/start.html")
    try:
        outcome = outcome_of(q, with_changes=False)
    except AnswersNeedAttention as exc:
        return redirect("portal:check-step", slug=exc.step)
    submission = drafts.start_draft(resident, q.raw, outcome)
    covered = covered_schemes(request)
    if covered is not None:  # namens: only the schemes the authorisation covers are chosen
        submission.schemes = [s for s in submission.schemes if s in covered]
        submission.save(update_fields=["schemes", "updated_at"])
    return redirect(_step_url(submission, Submission.Step.SCHEMES))


@resident_required
@require_http_methods(["GET", "POST"])
def draft_step(request: HttpRequest, public_id: UUID, step: str) -> HttpResponse:
    submission = _draft(request, public_id)
    try:
        current = Submission.Step(step)
    except ValueError:
        raise Http404 from None
    handlers = {
        Submission.Step.SCHEMES: _schemes_step,
        Submission.Step.CONTACT: _contact_step,
        Submission.Step.DOCUMENTS: _documents_step,
        Submission.Step.REVIEW: _review_step,
    }
    return handlers[current](request, submission, current)


def _render_step(request, submission, current, context, status=200) -> HttpResponse:
    index = STEPS.index(current)
    context = {
        "submission": submission,
        "step": current,
        "number": index + 1,
        "total": len(STEPS),
        "previous": STEPS[index - 1] if index else None,
        **context,
    }
    return render(request, f"applications/step_{current.value}.html", context, status=status)


def _next(submission: Submission, current: Submission.Step) -> HttpResponse:
    following = STEPS[STEPS.index(current) + 1]
    submission.step = following
    submission.save(update_fields=["step", "updated_at"])
    return redirect(_step_url(submission, following))


def _schemes_step(request, submission, current) -> HttpResponse:
    outcomes = {s["id"]: s for s in submission.scheme_outcomes()}
    elsewhere = SchemePolicy.elsewhere(list(outcomes))
    form = SchemesForm(
        posted(request),
        submission=submission,
        elsewhere=set(elsewhere),
        initial={"schemes": [s for s in submission.schemes if s not in elsewhere]},
    )
    if request.method == "POST" and form.is_valid():
        require_schemes(request, Act.APPLY, form.cleaned_data["schemes"])
        submission.schemes = form.cleaned_data["schemes"]
        submission.save(update_fields=["schemes", "updated_at"])
        return _next(submission, current)
    context = {
        "form": form,
        "outcomes": outcomes,
        "elsewhere": [(outcomes[i], provider) for i, provider in elsewhere.items()],
        "names": submission.scheme_names(),
    }
    return _render_step(request, submission, current, context, 400 if form.errors else 200)


def _contact_step(request, submission, current) -> HttpResponse:
    fields = ("full_name", "street", "house_number", "postcode", "city", "email", "phone", "iban")
    initial = {f: getattr(submission, f) for f in fields}
    initial["full_name"] = initial["full_name"] or submission.resident.get_full_name()
    needs_address = any(SchemePolicy.for_scheme(s).applied_for_here for s in submission.schemes)
    form = ContactForm(posted(request), initial=initial, needs_address=needs_address)
    if request.method == "POST" and form.is_valid():
        for name, value in form.cleaned_data.items():
            setattr(submission, name, value)
        submission.save()
        return _next(submission, current)
    return _render_step(request, submission, current, {"form": form}, 400 if form.errors else 200)


def _documents_step(request, submission, current) -> HttpResponse:
    form = DocumentForm()
    status = 200
    if request.method == "POST" and request.POST.get("action") == "upload":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                drafts.add_document(
                    submission, form.cleaned_data["kind"], form.cleaned_data["file"], request.user
                )
            except TooManyDocuments as exc:
                form.add_error("file", str(exc))
            else:
                messages.success(request, "Het document is toegevoegd.")
                return redirect(_step_url(submission, current))
        status = 400
    elif request.method == "POST":
        return _next(submission, current)
    uploaded = set(submission.documents.values_list("kind", flat=True))
    needed = [(kind, kind in uploaded) for kind in SchemePolicy.evidence_for(submission.schemes)]
    context = {"form": form, "needed": needed, "documents": submission.documents.all()}
    return _render_step(request, submission, current, context, status)


def _review_step(request, submission, current) -> HttpResponse:
    """Every answer being declared (the check's and the contact step's), the documents, and what is
    still missing: sending is refused until the documents the schemes need are there."""
    uploaded = set(submission.documents.values_list("kind", flat=True))
    missing = [kind.label for kind in SchemePolicy.evidence_for(submission.schemes) if kind not in uploaded]
    form = ReviewForm(posted(request), missing=missing)
    if request.method == "POST" and form.is_valid():
        drafts.submit(submission)
        messages.success(request, "Uw aanvraag is verstuurd. Hieronder ziet u hoe het ermee staat.")
        return redirect("applications:mine")
    names = submission.scheme_names()
    context = {
        "form": form,
        "chosen": [names.get(s, s) for s in submission.schemes],
        "documents": submission.documents.all(),
        "missing": missing,
        "declared": Questionnaire(submission.answers).declared(),
    }
    return _render_step(request, submission, current, context, 400 if form.errors else 200)


@resident_required
@require_POST
def delete_document(request: HttpRequest, public_id: UUID, document_id: UUID) -> HttpResponse:
    submission = _draft(request, public_id)
    document = get_object_or_404(Document, public_id=document_id, submission=submission)
    document.file.delete(save=False)
    document.delete()
    messages.success(request, "Het document is verwijderd.")
    return redirect(_step_url(submission, Submission.Step.DOCUMENTS))


@resident_required
def mine(request: HttpRequest) -> HttpResponse:
    """Mijn aanvragen: drafts to continue, and every application with its status."""
    resident = resident_of(request, (Act.VIEW, Act.APPLY))
    applications = Application.objects.select_related("decision", "procedure")
    covered = covered_schemes(request)
    if covered is not None:  # namens: only the applications of the authorised schemes
        applications = applications.filter(scheme_id__in=covered)
    submissions = Submission.objects.filter(resident=resident).prefetch_related(
        Prefetch("applications", queryset=applications)
    )
    if covered is not None:
        submissions = [
            s
            for s in submissions
            if (s.is_draft and set(s.schemes) <= covered) or (not s.is_draft and s.applications.all())
        ]
    # obj=None: the list of the resident's own applications, no single one
    record(request, Action.VIEW, obj=None, subject_id=resident.pk, what="Mijn aanvragen", why=OWN_DATA)
    context = {"submissions": submissions, "today": timezone.localdate()}
    return render(request, "applications/mine.html", context)


def _own_application(request: HttpRequest, public_id: UUID) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("submission"),
        public_id=public_id,
        submission__resident=resident_of(request, (Act.VIEW, Act.APPLY)),
    )
    require(request, (Act.VIEW, Act.APPLY), application.scheme_id)
    return application


@resident_required
@require_http_methods(["GET", "POST"])
def application_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _own_application(request, public_id)
    message_form, document_form = MessageForm(prefix="bericht"), DocumentForm(prefix="document")
    status = 200
    if request.method == "POST":
        require(request, Act.APPLY, application.scheme_id)  # namens: sending needs "aanvragen"
        if request.POST.get("action") == "upload":
            document_form = DocumentForm(request.POST, request.FILES, prefix="document")
            if document_form.is_valid():
                data = document_form.cleaned_data
                try:
                    drafts.add_document(application.submission, data["kind"], data["file"], request.user)
                except TooManyDocuments as exc:
                    document_form.add_error("file", str(exc))
                else:
                    _resident_answered(application, request.user, "Document toegevoegd: " + data["file"].name)
                    messages.success(request, "Het document is toegevoegd.")
                    return redirect(request.path)
        else:
            message_form = MessageForm(request.POST, prefix="bericht")
            if message_form.is_valid():
                _resident_answered(application, request.user, message_form.cleaned_data["text"])
                messages.success(request, "Uw bericht is verstuurd.")
                return redirect(request.path)
        status = 400
    record(
        request,
        Action.VIEW,
        obj=application,
        subject_id=application.submission.resident_id,
        what=f"aanvraag {application.public_id}",
        why=OWN_DATA,
    )
    context = {
        "application": application,
        "events": application.events.all(),
        "thread": application.messages.all(),
        "documents": application.submission.documents.all(),
        "decision": getattr(application, "decision", None),
        "message_form": message_form,
        "document_form": document_form,
        "today": timezone.localdate(),
    }
    return render(request, "applications/detail.html", context, status=status)


def _resident_answered(application: Application, resident, text: str) -> None:
    application.messages.create(author=resident, from_resident=True, text=text)
    if application.status == Status.INFO_REQUESTED:
        application.move_to(Status.IN_REVIEW, by=resident, note="De inwoner heeft gereageerd.")


@resident_required
def download_document(request: HttpRequest, document_id: UUID) -> FileResponse:
    resident = resident_of(request, (Act.VIEW, Act.APPLY))
    document = get_object_or_404(Document, public_id=document_id, submission__resident=resident)
    require_schemes(request, (Act.VIEW, Act.APPLY), document.submission.schemes)
    record(
        request,
        Action.DOWNLOAD,
        obj=document,
        subject_id=resident.pk,
        what=f"document {document_id}",
        why=OWN_DATA,
    )
    return send_document(document)


def send_document(document: Document) -> FileResponse:
    """Send as a download (never rendered inline), with the checked content type."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
