"""Keep, mail, follow up and rate a check result; the resident's own plan; the staff's feedback page.

Kept results and the plan are looked up together with their owner (another resident's id gives 404)
and every page showing them is written to the audit log. Feedback and follow-up answers are not linked
to anyone; the staff page showing them is logged too, since free text may name a person.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from meedoen.web.accounts.access import figures_required, resident_required
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.followup.forms import FeedbackForm, FollowupForm, MailForm, PlanResponseForm
from meedoen.web.followup.models import (
    OBSTACLE_SHORT,
    Applied,
    Feedback,
    FollowupAnswer,
    Obstacle,
    Page,
    PlanResponse,
    ResultMail,
    SavedResult,
    summary_of,
)
from meedoen.web.followup.tasks import send_result_mail
from meedoen.web.portal.outcome import completed_outcome
from meedoen.web.portal.questionnaire import Questionnaire
from meedoen.web.queue.jobs import enqueue

OWN_DATA = "inwoner bekijkt eigen gegevens"


def _own_resident(request: HttpRequest):
    """The logged-in resident themself: acting namens someone does not reach these pages."""
    if getattr(request, "namens", None) is not None:
        raise PermissionDenied
    return request.user


def _no_result(request: HttpRequest) -> HttpResponse:
    messages.error(request, "Er is nog geen uitkomst. Doe eerst de Regelingencheck.")
    return redirect("portal:check-start")


@resident_required
@require_POST
def save_result(request: HttpRequest) -> HttpResponse:
    resident = _own_resident(request)
    outcome = completed_outcome(request.session)
    if outcome is None:
        return _no_result(request)
    saved = SavedResult.objects.create(
        resident=resident,
        peildatum=outcome.date,
        answers=Questionnaire.from_session(request.session).raw,
        household=outcome.household,
        schemes=summary_of(outcome.result),
    )
    record(request, Action.CREATE, obj=saved, subject_id=resident.pk, what="uitkomst bewaard", why=OWN_DATA)
    messages.success(request, "Uw uitkomst is bewaard. U vindt haar hier terug.")
    return redirect("followup:saved")


@resident_required
def saved_list(request: HttpRequest) -> HttpResponse:
    resident = _own_resident(request)
    saved = SavedResult.objects.filter(resident=resident)
    # obj=None: the list of the resident's own kept results, no single one
    record(request, Action.VIEW, obj=None, subject_id=resident.pk, what="bewaarde uitkomsten", why=OWN_DATA)
    return render(request, "followup/saved_list.html", {"saved": saved})


@resident_required
@require_http_methods(["GET", "POST"])
def saved_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    resident = _own_resident(request)
    saved = get_object_or_404(SavedResult, public_id=public_id, resident=resident)
    if request.method == "POST":  # open the check again with these answers
        Questionnaire(dict(saved.answers)).save(request.session)
        return redirect("portal:check-result")
    record(request, Action.VIEW, obj=saved, subject_id=resident.pk, what="bewaarde uitkomst", why=OWN_DATA)
    return render(request, "followup/saved_detail.html", {"saved": saved})


@require_http_methods(["GET", "POST"])
def mail_result(request: HttpRequest) -> HttpResponse:
    """Anyone may have the result mailed (no log-in needed for the check either)."""
    outcome = completed_outcome(request.session)
    if outcome is None:
        return _no_result(request)
    form = MailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            mail = ResultMail.objects.create(
                email=form.cleaned_data["email"],
                peildatum=outcome.date,
                schemes=summary_of(outcome.result),
                followup=form.cleaned_data["followup"],
            )
            enqueue(send_result_mail, mail_id=mail.pk)
        messages.success(
            request, f"Wij sturen de uitkomst naar {mail.email}. Kijk ook in uw map met ongewenste mail."
        )
        return redirect("portal:check-result")
    status = 400 if request.method == "POST" else 200
    return render(request, "followup/mail_form.html", {"form": form, "outcome": outcome}, status=status)


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    page = request.POST.get("page") or request.GET.get("page") or Page.CHECK_RESULT
    if page not in Page.values:
        page = Page.CHECK_RESULT
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        Feedback.objects.create(
            page=page, useful=form.cleaned_data["useful"] == "ja", text=form.cleaned_data["text"].strip()
        )
        messages.success(request, "Bedankt voor uw antwoord. Zo maken wij deze pagina beter.")
        return redirect(_back(request, "/"))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "page": page, "next": _back(request, "")}
    return render(request, "followup/feedback_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def followup_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the follow-up mail: no log-in, the token is the key; one answer per mail."""
    mail = get_object_or_404(ResultMail, token=token, followup=True)
    if mail.answered_at is not None:
        return render(request, "followup/followup_done.html", {"again": True})
    schemes = mail.eligible or mail.schemes[:3]
    form = FollowupForm(request.POST if request.method == "POST" else None, schemes=schemes)
    if request.method == "POST" and form.is_valid():
        month = timezone.localdate().replace(day=1)
        with transaction.atomic():
            FollowupAnswer.objects.bulk_create(
                FollowupAnswer(
                    scheme_id=s["id"],
                    scheme_name=s["name"],
                    applied=applied,
                    obstacle="" if applied == Applied.YES else obstacle,
                    month=month,
                )
                for s, applied, obstacle in form.answers()
            )
            mail.answered_at = timezone.now()
            mail.email = ""  # answered: the address is no longer needed
            mail.save(update_fields=["answered_at", "email"])
        return render(request, "followup/followup_done.html", {"again": False})
    # the holder of the mail's link (no account): which schemes a household may get is personal data
    record(request, Action.VIEW, obj=mail, subject_id=None, what="vervolgvraag", why="link in de vervolgmail")
    status = 400 if request.method == "POST" else 200
    return render(request, "followup/followup_form.html", {"form": form, "mail": mail}, status=status)


def followup_counts() -> list[dict]:
    """Answers per scheme: counts only (FollowupAnswer holds no person, no address, no mail)."""
    fields = {f"applied_{a.value}": Count("id", filter=Q(applied=a.value)) for a in Applied}
    fields |= {f"obstacle_{o.value}": Count("id", filter=Q(obstacle=o.value)) for o in Obstacle if o.value}
    rows = FollowupAnswer.objects.values("scheme_id", "scheme_name").annotate(total=Count("id"), **fields)
    out = list(rows.order_by("scheme_name"))
    for row in out:
        row["obstacle_counts"] = [row[f"obstacle_{o.value}"] for o in Obstacle if o.value]
    return out


@figures_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    items = Feedback.objects.all()[:200]
    # obj=None: the feedback list; the answers are linked to nobody, free text may still name someone
    record(
        request, Action.VIEW, obj=None, subject_id=None, what="feedback en vervolgvragen", why="verbeteren"
    )
    context = {
        "items": items,
        "useful": Feedback.objects.filter(useful=True).count(),
        "not_useful": Feedback.objects.filter(useful=False).count(),
        "counts": followup_counts(),
        "obstacles": [OBSTACLE_SHORT[o] for o in Obstacle if o.value],
    }
    return render(request, "followup/feedback_list.html", context)


@resident_required
@require_http_methods(["GET", "POST"])
def my_plan(request: HttpRequest) -> HttpResponse:
    """The Samen Beslissen plan in the resident's own environment: goals, next steps, agree or comment."""
    from meedoen.web.casework.models import Client

    resident = _own_resident(request)
    client = Client.objects.filter(resident=resident).select_related("consultant").first()
    plan = client.plan if client else None
    form = PlanResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and plan is not None and form.is_valid():
        response = PlanResponse.objects.create(
            plan=plan,
            agreed=form.cleaned_data["agreed"] == "ja",
            comment=form.cleaned_data["comment"].strip(),
            by=resident,
        )
        what = "eens met plan" if response.agreed else "opmerking bij plan"
        record(request, Action.CHANGE, obj=client, subject_id=resident.pk, what=what, why=OWN_DATA)
        messages.success(
            request,
            "Fijn dat u het eens bent. Uw consulent ziet dat."
            if response.agreed
            else "Uw opmerking is verstuurd. Uw consulent neemt contact met u op.",
        )
        return redirect("followup:plan")
    if client is not None:
        record(request, Action.VIEW, obj=client, subject_id=resident.pk, what="mijn plan", why=OWN_DATA)
    context = {
        "client": client,
        "plan": plan,
        "responses": plan.responses.all()[:5] if plan else [],
        "form": form,
        "today": timezone.localdate(),
    }
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "followup/my_plan.html", context, status=status)
