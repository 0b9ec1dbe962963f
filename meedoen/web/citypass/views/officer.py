"""The municipality's side (pass officer): approve providers, block a lost pass and issue a new one,
the usage figures with export, and the monthly statements for the finance department."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.citypass import issuing, statistics
from meedoen.web.citypass.forms import PassNumberForm, StatementForm, YearForm
from meedoen.web.citypass.models import Pass, Provider
from meedoen.web.citypass.numbers import normalise
from meedoen.web.citypass.views.common import csv_response, officer_required
from meedoen.web.citypass.views.provider import statement_response

PURPOSE = "beheer stadspas"


@officer_required
def home(request: HttpRequest) -> HttpResponse:
    pending = Provider.objects.filter(status=Provider.Status.PENDING).order_by("created_at")
    approved = Provider.objects.filter(status=Provider.Status.APPROVED)
    return render(request, "citypass/officer.html", {"pending": pending, "approved": approved})


@officer_required
@require_POST
def decide_provider(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk, status=Provider.Status.PENDING)
    approve = request.POST.get("besluit") == "goedkeuren"
    provider.status = Provider.Status.APPROVED if approve else Provider.Status.REJECTED
    provider.decided_by, provider.decided_at = request.user, timezone.now()
    provider.save(update_fields=["status", "decided_by", "decided_at"])
    messages.success(request, f"{provider.name} is {'goedgekeurd' if approve else 'afgewezen'}.")
    return redirect("citypass:officer")


@officer_required
def find_pass(request: HttpRequest) -> HttpResponse:
    """Look a pass up by its number (the holder reports it lost) to block it and issue a new one."""
    form = PassNumberForm(request.GET or None)
    card = None
    if form.is_valid():
        card = (
            Pass.objects.filter(number=normalise(form.cleaned_data["number"]))
            .select_related("resident")
            .first()
        )
        if card is None:
            form.add_error("number", "Dit pasnummer kennen wij niet. Kijk of u het goed hebt ingevuld.")
        else:
            record(
                request,
                Action.VIEW,
                obj=card,
                subject_id=card.resident_id,
                what=f"stadspas {card.pk}",
                why=PURPOSE,
            )
    return render(request, "citypass/officer_pass.html", {"form": form, "card": card})


@officer_required
@require_POST
def replace_pass(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(Pass, pk=pk, status=Pass.Status.ACTIVE)
    try:
        new = issuing.replace(card, request.user)
    except issuing.AlreadyBlocked:  # another officer (or a double click) blocked it a moment ago
        messages.error(request, f"Pas {card.grouped_number} was al geblokkeerd. Er is niets veranderd.")
        return redirect(f"{reverse('citypass:find-pass')}?number={card.number}")
    record(
        request,
        Action.CHANGE,
        obj=card,
        subject_id=card.resident_id,
        what=f"stadspas {card.pk} geblokkeerd",
        why=PURPOSE,
    )
    messages.success(
        request,
        f"Pas {card.grouped_number} is geblokkeerd. "
        f"De nieuwe pas is {new.grouped_number}; het saldo staat erop.",
    )
    return redirect(f"{reverse('citypass:find-pass')}?number={new.number}")


def _year(request: HttpRequest) -> tuple[YearForm, int]:
    form = YearForm(request.GET or {"year": timezone.localdate().year})
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
    return form, year


@officer_required
def figures(request: HttpRequest) -> HttpResponse:
    form, year = _year(request)
    return render(request, "citypass/figures.html", {"form": form, "figures": statistics.figures(year)})


@officer_required
def figures_export(request: HttpRequest) -> HttpResponse:
    _, year = _year(request)
    return csv_response(statistics.export_rows(statistics.figures(year)), f"stadspas-cijfers-{year}.csv")


@officer_required
def statements_page(request: HttpRequest) -> HttpResponse:
    form = StatementForm(request.GET or None)
    if form.is_valid():
        return statement_response(
            form.cleaned_data["provider"], form.cleaned_data["month"], request.GET.get("soort", "pdf")
        )
    return render(request, "citypass/officer_statements.html", {"form": form})
