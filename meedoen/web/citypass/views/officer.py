"""The municipality's side (pass officer): approve providers, block a lost pass and issue a new one,
the usage figures with export, and the monthly statements for the finance department."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from meedoen.web.accounts.models import User
from meedoen.web.audit.log import record, record_many
from meedoen.web.audit.models import Action
from meedoen.web.citypass import issuing, statistics
from meedoen.web.citypass.forms import PassSearchForm, StatementForm, YearForm
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


MAX_FOUND = 50


def search_passes(data: dict) -> QuerySet[Pass]:
    """The passes whose number, holder or person match everything filled in (``PassSearchForm``)."""
    found = Pass.objects.select_related("resident", "replaced_by")
    if data.get("number"):
        found = found.filter(number=normalise(data["number"]))
    for word in (data.get("name") or "").split():
        found = found.filter(
            Q(resident__first_name__icontains=word)
            | Q(resident__last_name__icontains=word)
            | Q(resident__submissions__full_name__icontains=word)
        )
    if data.get("bsn"):
        found = found.filter(resident__bsn=data["bsn"])
    if data.get("birth_date"):
        found = found.filter(birth_date=data["birth_date"])
    if data.get("postcode"):
        spellings = [data["postcode"], data["postcode"].replace(" ", "")]
        submitted = Q(resident__submissions__postcode__in=spellings)
        if data.get("house_number"):
            submitted &= Q(resident__submissions__house_number__iexact=data["house_number"])
            found = found.filter(submitted)
        else:
            found = found.filter(submitted | Q(resident__postcode__in=spellings))
    return found.distinct().order_by("resident__last_name", "resident__first_name", "birth_date", "-id")


def _pass_by_number(request: HttpRequest, number: str) -> Pass | None:
    card = Pass.objects.filter(number=normalise(number)).select_related("resident", "replaced_by").first()
    if card is not None:
        record(
            request,
            Action.VIEW,
            obj=card,
            subject_id=card.resident_id,
            what=f"stadspas {card.pk}",
            why=PURPOSE,
        )
    return card


@officer_required
@require_http_methods(["GET", "POST"])
def find_pass(request: HttpRequest) -> HttpResponse:
    """Find a pass (the holder reports it lost, or asks what is left) by its number, or by the holder's
    name, BSN, birth date or address. A search is sent by POST, so a BSN never lands in a URL or a
    server log; every pass in the results, and every search by BSN, is written to the audit log."""
    card, found, searched = None, None, False
    form = PassSearchForm(request.POST if request.method == "POST" else None)
    number = request.GET.get("number", "")
    if request.method == "GET" and number:
        card = _pass_by_number(request, number)
        if card is None:
            form = PassSearchForm({"number": number})
            form.is_valid()
            form.add_error("number", "Dit pasnummer kennen wij niet. Kijk of u het goed hebt ingevuld.")
    elif form.is_valid():
        searched = True
        data = form.cleaned_data
        found = list(search_passes(data)[: MAX_FOUND + 1])
        if data.get("bsn"):
            holder = User.objects.filter(bsn=data["bsn"]).first()
            if holder is not None:
                record(
                    request,
                    Action.VIEW,
                    obj=holder,
                    subject_id=holder.pk,
                    what="stadspas gezocht op BSN",
                    why=PURPOSE,
                )
            else:
                # obj=None: no resident has this BSN; the search itself is still on record
                record(
                    request,
                    Action.VIEW,
                    obj=None,
                    subject_id=None,
                    what="stadspas gezocht op BSN",
                    why=PURPOSE,
                )
        record_many(
            request,
            Action.VIEW,
            shown=[(c, c.resident_id) for c in found[:MAX_FOUND]],
            what="stadspas in zoekresultaat",
            why=PURPOSE,
        )
    context = {
        "form": form,
        "card": card,
        "found": found[:MAX_FOUND] if found is not None else None,
        "too_many": found is not None and len(found) > MAX_FOUND,
        "searched": searched,
        "max_found": MAX_FOUND,
    }
    return render(request, "citypass/officer_pass.html", context, status=400 if form.errors else 200)


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
