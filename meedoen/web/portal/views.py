"""The public pages: the start page and the Regelingencheck, step by step, to its outcome."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from meedoen.web.components.pdf import pdf_response, render_pdf
from meedoen.web.portal.outcome import AnswersNeedAttention, outcome_of
from meedoen.web.portal.questionnaire import STEP_BY_SLUG, Questionnaire


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def check_start(request: HttpRequest) -> HttpResponse:
    steps = Questionnaire.from_session(request.session).steps()
    return redirect("portal:check-step", slug=steps[0].slug)


@require_http_methods(["GET", "POST"])
def check_step(request: HttpRequest, slug: str) -> HttpResponse:
    step = STEP_BY_SLUG.get(slug)
    if step is None:
        raise Http404
    q = Questionnaire.from_session(request.session)
    previous, following = q.neighbours(step)
    if request.method == "POST":
        form = q.form(step, request.POST)
        q.store(step, form, request.POST)
        q.save(request.session)
        if request.POST.get("action") == "back" and previous:
            return redirect("portal:check-step", slug=previous.slug)
        if form.is_valid():
            previous, following = q.neighbours(step)  # the answer may add or skip a step
            return redirect(
                reverse("portal:check-step", args=[following.slug]) if following else "portal:check-result"
            )
    else:
        form = q.form(step)
    steps = q.steps()
    number = steps.index(step) + 1 if step in steps else 1
    context = {"form": form, "step": step, "number": number, "total": len(steps), "previous": previous}
    return render(
        request,
        "portal/check_step.html",
        context,
        status=400 if request.method == "POST" and form.errors else 200,
    )


def _outcome_or_redirect(request: HttpRequest, *, with_changes: bool = True):
    q = Questionnaire.from_session(request.session)
    missing = q.first_incomplete()
    if missing:
        return None, redirect("portal:check-step", slug=missing.slug)
    try:
        return outcome_of(q, with_changes=with_changes), None
    except AnswersNeedAttention as exc:
        messages.error(request, "Er klopt iets niet in uw antwoorden. Kijk ze hieronder nog eens na.")
        return None, redirect("portal:check-step", slug=exc.step)


def check_result(request: HttpRequest) -> HttpResponse:
    outcome, elsewhere = _outcome_or_redirect(request)
    if elsewhere:
        return elsewhere
    return render(request, "portal/check_result.html", {"outcome": outcome})


def check_result_pdf(request: HttpRequest) -> HttpResponse:
    outcome, elsewhere = _outcome_or_redirect(request)
    if elsewhere:
        return elsewhere
    pdf = render_pdf("portal/check_result_pdf.html", {"outcome": outcome})
    return pdf_response(pdf, "regelingencheck.pdf")


@require_POST
def check_reset(request: HttpRequest) -> HttpResponse:
    Questionnaire().save(request.session)
    return redirect("portal:check-start")
