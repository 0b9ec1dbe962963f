"""Wijziging doorgeven: choose what changed, answer those questions again, see the consequences, confirm.

Only the resident themself (not acting namens someone): every report is looked up with its owner, so
another resident's id gives 404; every page showing the resident's figures is written to the audit log.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from meedoen.rules.errors import InputError
from meedoen.web.accounts.access import resident_required
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.changes import service
from meedoen.web.changes.models import STEPS, ChangeReport, Kind
from meedoen.web.portal.questionnaire import STEP_BY_SLUG, Questionnaire

OWN_DATA = "inwoner geeft een wijziging door"


def _resident(request: HttpRequest):
    if getattr(request, "namens", None) is not None:
        raise PermissionDenied
    return request.user


@resident_required
def start(request: HttpRequest) -> HttpResponse:
    resident = _resident(request)
    base = service.base_submission(resident)
    schemes = service.current_schemes(resident) if base else {}
    # obj=None: the start page lists the resident's own schemes, no single application
    record(request, Action.VIEW, obj=None, subject_id=resident.pk, what="wijziging doorgeven", why=OWN_DATA)
    kinds = Kind.choices
    return render(request, "changes/start.html", {"base": base, "schemes": schemes.values(), "kinds": kinds})


@resident_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, kind: str) -> HttpResponse:
    """The questions of the chosen kind, filled in with the last answers; a new step (ages, after a new
    housemate) appears when the answers need it. Nothing is stored before the resident confirms."""
    resident = _resident(request)
    if kind not in Kind.values:
        raise Http404
    base = service.base_submission(resident)
    if base is None:
        return redirect("changes:start")
    q = Questionnaire(dict(base.answers))
    slugs = STEPS[Kind(kind)]
    forms = {}
    pending = False  # a step the answers now need that the resident has not seen yet (ages of a newcomer)
    if request.method == "POST":
        shown = set(request.POST.getlist("shown"))  # "step:field" for every field the page showed
        for slug in slugs:
            step = STEP_BY_SLUG[slug]
            if not step.applies(q):
                continue
            form = q.form(step, request.POST)
            if any(f"{slug}:{name}" not in shown for name in form.fields):
                pending = True  # a question the resident has not seen yet: asked first, no error
                if any(f"{slug}:{name}" in shown for name in form.fields):
                    q.store(step, form, request.POST)
                continue
            q.store(step, form, request.POST)
            forms[slug] = form
        missing = q.first_incomplete()
        valid = all(f.is_valid() for f in forms.values())
        if valid and not pending and (missing is None or missing.slug not in slugs):
            if missing is not None:  # an earlier answer no longer fits: say so, never guess
                messages.error(request, "Een ander antwoord past niet meer. Doe de Regelingencheck opnieuw.")
                return redirect("portal:check-start")
            try:
                household, result = service.evaluate_change(q)
            except InputError as exc:
                first = next(iter(forms.values()))
                first.add_error(None, f"Dit kunnen wij niet uitrekenen: {exc.problems[0].message}")
            else:
                report = ChangeReport.objects.create(
                    resident=resident,
                    base=base,
                    kind=kind,
                    answers=q.raw,
                    household=household,
                    check_result=result,
                    consequences=service.consequences(service.current_schemes(resident), result),
                )
                return redirect("changes:review", public_id=report.public_id)
    has_errors = any(f.errors for f in forms.values())
    for slug in slugs:  # a step the answers now need (ages after "a housemate") shows up without errors
        step = STEP_BY_SLUG[slug]
        if step.applies(q) and slug not in forms:
            if request.method == "POST":
                forms[slug] = step.form_class(initial=q.raw.get(slug) or {}, **step.context(q))
            else:
                forms[slug] = q.form(step)
        elif slug in forms and not step.applies(q):
            del forms[slug]
    record(request, Action.VIEW, obj=base, subject_id=resident.pk, what=f"wijziging {kind}", why=OWN_DATA)
    steps = [(STEP_BY_SLUG[s], forms[s]) for s in slugs if s in forms]
    context = {"kind": Kind(kind), "steps": steps, "has_errors": has_errors, "pending": pending}
    status = 400 if has_errors else 200
    return render(request, "changes/answer.html", context, status=status)


def _own(request: HttpRequest, public_id: UUID) -> ChangeReport:
    return get_object_or_404(ChangeReport, public_id=public_id, resident=_resident(request))


@resident_required
def review(request: HttpRequest, public_id: UUID) -> HttpResponse:
    report = _own(request, public_id)
    record(
        request,
        Action.VIEW,
        obj=report,
        subject_id=report.resident_id,
        what="gevolgen wijziging",
        why=OWN_DATA,
    )
    return render(request, "changes/review.html", {"report": report})


@resident_required
@require_POST
def confirm(request: HttpRequest, public_id: UUID) -> HttpResponse:
    report = _own(request, public_id)
    if report.confirmed_at is None:
        applications = service.confirm(report)
        record(
            request,
            Action.CREATE,
            obj=report,
            subject_id=report.resident_id,
            what="wijziging doorgegeven",
            why=OWN_DATA,
        )
        if applications:
            messages.success(
                request,
                "Uw wijziging is doorgegeven. Een consulent kijkt ernaar. "
                "U krijgt bericht in Mijn aanvragen.",
            )
        else:
            messages.success(request, "Uw wijziging is doorgegeven. Voor uw regelingen verandert er niets.")
    return redirect("changes:review", public_id=report.public_id)
