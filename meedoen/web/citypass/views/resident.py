"""The resident's side: the passes of the household on the phone, balances, history, and the offers."""

from __future__ import annotations

import segno
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from meedoen.web.accounts.access import resident_required
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.citypass.forms import OfferFilterForm
from meedoen.web.citypass.models import LedgerEntry, Offer, Pass, Provider
from meedoen.web.machtigingen.models import Act
from meedoen.web.machtigingen.namens import resident_of

PURPOSE = "inwoner bekijkt eigen stadspas"


def qr_data_uri(number: str) -> str:
    """The pass number as a QR code, for the provider's scanner (an image: no script needed). Always a
    full QR code: for 16 digits segno would pick a Micro QR code, which phone scanners (and the till's
    @zxing/browser) do not read."""
    return segno.make(number, error="m", micro=False).svg_data_uri(scale=6, border=4)


@resident_required
def mine(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    resident = resident_of(request, Act.VIEW)  # namens: "inzien"
    cards = list(
        Pass.objects.filter(resident=resident, status=Pass.Status.ACTIVE).prefetch_related("budgets")
    )
    # obj=None: the list of the resident's passes, no single one
    record(request, Action.VIEW, obj=None, subject_id=resident.pk, what="stadspassen", why=PURPOSE)
    passes = [
        {
            "card": card,
            "qr": qr_data_uri(card.number),
            "budgets": [b for b in card.budgets.all() if b.is_current(today)],
            "expired": [b for b in card.budgets.all() if b.period_end < today],
        }
        for card in cards
    ]
    return render(request, "citypass/mine.html", {"passes": passes, "today": today})


@resident_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    resident = resident_of(request, Act.VIEW)
    card = get_object_or_404(Pass, pk=pk, resident=resident)
    entries = (
        LedgerEntry.objects.filter(Q(budget__pass_card=card) | Q(pass_card=card))
        .select_related("offer", "provider", "budget")
        .order_by("-at", "-id")
    )
    record(
        request,
        Action.VIEW,
        obj=card,
        subject_id=resident.pk,
        what=f"stadspas {card.pk} geschiedenis",
        why=PURPOSE,
    )
    return render(request, "citypass/history.html", {"card": card, "entries": entries[:200]})


def offers(request: HttpRequest) -> HttpResponse:
    """Every approved provider's offers, for anyone: search by word, filter by kind and district."""
    form = OfferFilterForm(request.GET or None)
    found = Offer.objects.filter(active=True, provider__status=Provider.Status.APPROVED).select_related(
        "provider"
    )
    if form.is_valid():
        q, category, area = (form.cleaned_data[k] for k in ("q", "category", "area"))
        if q:
            found = found.filter(
                Q(name__icontains=q) | Q(description__icontains=q) | Q(provider__name__icontains=q)
            )
        if category:
            found = found.filter(category=category)
        if area:
            found = found.filter(provider__area=area)
    found = found.order_by("provider__name", "name")
    return render(
        request, "citypass/offers.html", {"form": form, "offers": found[:200], "count": found.count()}
    )
