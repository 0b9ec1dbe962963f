"""The provider's side: sign up, redeem (check a pass, book, reverse), manage offers, statements.

A provider sees whether a pass is valid and which of its own offers fit; nothing about the holder.
Every pass lookup, also a booking, counts against the provider's rate limit.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from meedoen.rules.money import euro_plain, euro_text
from meedoen.web.accounts.models import Role, User
from meedoen.web.accounts.views import signup_rate_limited
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.citypass import redemption, statements
from meedoen.web.citypass.forms import BookForm, OfferForm, PassNumberForm, RegisterForm, TillForm
from meedoen.web.citypass.models import LedgerEntry, Offer, Provider, TillToken
from meedoen.web.citypass.redemption import Refused, Throttled, UnknownPass
from meedoen.web.citypass.throttling import TOO_MANY, count_unknown_number, lookups_blocked
from meedoen.web.citypass.views.common import provider_required
from meedoen.web.components.forms import posted
from meedoen.web.components.pdf import pdf_response, render_pdf


def provider_of(request: HttpRequest) -> Provider:
    return get_object_or_404(Provider, users=request.user)


@require_http_methods(["GET", "POST"])
@signup_rate_limited
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = User.objects.create_user(
                data["username"], email=data["email"], password=data["password"], role=Role.PROVIDER
            )
            provider = Provider.objects.create(
                name=data["name"],
                kvk_number=data["kvk_number"],
                area=data["area"],
                address=data["address"],
                email=data["email"],
                iban=data["iban"],
                municipality=settings.MUNICIPALITY,
            )
            provider.users.add(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("citypass:provider")
    return render(request, "citypass/register.html", {"form": form})


def _lookup(request: HttpRequest, provider: Provider, call, *args):
    """Run a pass lookup unless the provider tried too many unknown numbers; a refusal becomes the
    message shown."""
    if lookups_blocked(provider):
        return None, TOO_MANY, 429
    try:
        return call(provider, *args), None, 200
    except Throttled as refusal:  # blocked by another request since this one read the provider
        return None, str(refusal), 429
    except Refused as refusal:
        if isinstance(refusal, UnknownPass):
            count_unknown_number(provider.pk)
        return None, str(refusal), 200


NOTHING_BOOKED = "Er is niets afgeschreven."
# The till page may use the phone's camera to scan a pass's QR code (every other page: no camera).
TILL_PERMISSIONS = "camera=(self), microphone=(), geolocation=()"


def _redeem_page(
    request: HttpRequest,
    provider: Provider,
    form: PassNumberForm,
    *,
    result=None,
    error: str | None = None,
    status: int = 200,
    failed: BookForm | None = None,
) -> HttpResponse:
    """The till: the pass number form, the offers the checked pass can pay for (one with the amount
    the provider typed and its error, when a booking failed) and the bookings that can be reversed."""
    book_forms = []
    if result:
        for offer in result.offers:
            keep = failed is not None and str(failed.data.get("offer")) == str(offer.pk)
            book_forms.append((offer, failed if keep else BookForm.for_offer(result.card, offer)))
    response = render(
        request,
        "citypass/redeem.html",
        {
            "provider": provider,
            "form": form,
            "result": result,
            "error": error,
            "book_forms": book_forms,
            "bookings": redemption.reversible(provider)[:20],
        },
        status=status,
    )
    response["Permissions-Policy"] = TILL_PERMISSIONS
    return response


def _checked(request: HttpRequest, provider: Provider, number: str):
    """Look the pass up again (and log it), for a page that shows it: (result, error, status)."""
    result, error, status = _lookup(request, provider, redemption.check, number)
    if result:
        record(
            request,
            Action.VIEW,
            obj=result.card,
            subject_id=result.card.resident_id,
            what="stadspas geldig?",
            why="inwisselen bij aanbieder",
        )
    return result, error, status


@provider_required
@require_http_methods(["GET", "POST"])
def redeem(request: HttpRequest) -> HttpResponse:
    """Enter or scan a pass number; see whether it is valid and which offers fit."""
    provider = provider_of(request)
    form = PassNumberForm(posted(request))
    result, error, status = None, None, 200
    if provider.is_approved and form.is_valid():
        result, error, status = _checked(request, provider, form.cleaned_data["number"])
    return _redeem_page(request, provider, form, result=result, error=error, status=status)


def ledger_balance(budget_id: int) -> int:
    """What is left on a budget: the sum of its ledger entries (grants, bookings, reversals)."""
    return LedgerEntry.objects.filter(budget_id=budget_id).aggregate(t=Sum("amount_cents"))["t"] or 0


@provider_required
@require_POST
def book(request: HttpRequest) -> HttpResponse:
    """Book an amount on the pass. On success the till shows what is left on the budget; on an error
    the page keeps the pass, the offers and the amount as typed, with the error at the top."""
    provider = provider_of(request)
    offer_id = request.POST.get("offer", "")
    form = BookForm(request.POST, auto_id=f"aanbod{offer_id}_%s" if offer_id.isdigit() else "id_%s")
    if form.is_valid():
        data = form.cleaned_data
        entry, error, _ = _lookup(
            request, provider, redemption.book, data["number"], data["offer"], data["amount"], request.user
        )
        if not error:
            balance = ledger_balance(entry.budget_id)
            messages.success(
                request,
                f"Afgeschreven: {entry.offer.name}, {euro_plain(-entry.amount_cents)} euro. "
                f"Er staat nog {euro_text(balance)} op de pas ({entry.budget.label}).",
            )
            return redirect("citypass:provider")
    elif "amount" in form.errors:
        error = f"Bedrag: {form.errors['amount'][0]}"
    else:
        error = "Kies een aanbod en scan de pas opnieuw."
    if NOTHING_BOOKED not in error:
        error = f"{error} {NOTHING_BOOKED}"
    number_form = PassNumberForm({"number": request.POST.get("number", "")})
    result = None
    if number_form.is_valid():
        result, _, _ = _checked(request, provider, number_form.cleaned_data["number"])
    return _redeem_page(request, provider, number_form, result=result, error=error, status=400, failed=form)


@provider_required
@require_http_methods(["GET", "POST"])
def reverse(request: HttpRequest, reference) -> HttpResponse:
    """Reversing a booking takes two steps: this page shows the booking and asks to confirm; only the
    confirmation (POST with ``bevestigen``) gives the money back to the pass."""
    provider = provider_of(request)
    booking = (
        LedgerEntry.objects.filter(reference=reference, provider=provider, kind=LedgerEntry.Kind.REDEMPTION)
        .select_related("offer", "pass_card", "budget")
        .first()
    )
    if booking is None:
        raise Http404("Deze boeking kennen wij niet bij uw organisatie.")
    if request.method == "POST" and request.POST.get("bevestigen") == "ja":
        try:
            redemption.reverse(provider, reference, request.user)
            messages.success(
                request,
                "De boeking is teruggedraaid. Het geld staat weer op de pas: "
                f"er staat nu {euro_text(ledger_balance(booking.budget_id))} op ({booking.budget.label}).",
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
        return redirect("citypass:provider")
    reversed_already = hasattr(booking, "reversal")
    return render(
        request, "citypass/reverse_confirm.html", {"booking": booking, "reversed_already": reversed_already}
    )


@provider_required
def offer_list(request: HttpRequest) -> HttpResponse:
    provider = provider_of(request)
    return render(
        request, "citypass/offer_list.html", {"provider": provider, "offers": provider.offers.all()}
    )


@provider_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    provider = provider_of(request)
    offer = get_object_or_404(Offer, pk=pk, provider=provider) if pk else Offer(provider=provider)
    form = OfferForm(posted(request), initial=OfferForm.initial_for(offer) if pk else None)
    if form.is_valid():
        form.apply_to(offer)
        messages.success(request, f"Het aanbod {offer.name} is opgeslagen.")
        return redirect("citypass:offer-list")
    return render(request, "citypass/offer_edit.html", {"form": form, "offer": offer})


@provider_required
@require_POST
def offer_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer, pk=pk, provider=provider_of(request))
    offer.active = not offer.active
    offer.save(update_fields=["active"])
    return redirect("citypass:offer-list")


@provider_required
@require_http_methods(["GET", "POST"])
def tills(request: HttpRequest) -> HttpResponse:
    """The provider's tills: a new one gets its key shown on this response only (only a hash is
    kept), so the page is rendered, not redirected to."""
    provider = provider_of(request)
    form, token = TillForm(posted(request)), None
    if form.is_valid():
        _, token = TillToken.issue(provider, form.cleaned_data["name"], by=request.user)
        form = TillForm()
    listed = provider.tills.order_by("revoked_at", "name", "id")
    return render(request, "citypass/tills.html", {"form": form, "tills": listed, "token": token})


@provider_required
@require_POST
def till_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    till = get_object_or_404(TillToken, pk=pk, provider=provider_of(request))
    if till.revoked_at is None:
        till.revoked_at = timezone.now()
        till.save(update_fields=["revoked_at"])
    messages.success(request, f"De sleutel van {till.name} is ingetrokken. Deze kassa kan niet meer boeken.")
    return redirect("citypass:tills")


def months_back(count: int) -> list[dt.date]:
    month = timezone.localdate().replace(day=1)
    out = []
    for _ in range(count):
        out.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return out


@provider_required
def my_statements(request: HttpRequest) -> HttpResponse:
    provider = provider_of(request)
    return render(request, "citypass/statements.html", {"provider": provider, "months": months_back(12)})


def statement_response(provider: Provider, month: dt.date, kind: str) -> HttpResponse:
    """The month's statement of one provider as CSV (every entry) or PDF (totals)."""
    name = f"stadspas-{provider.kvk_number}-{month:%Y-%m}"
    if kind == "csv":
        response = StreamingHttpResponse(
            statements.csv_rows(provider, month), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response["Cache-Control"] = "no-store"
        return response
    totals = statements.totals(provider, month)
    pdf = render_pdf(
        "citypass/statement_pdf.html",
        {"provider": provider, "month": month, "totals": totals, "total": sum(t.cents for t in totals)},
    )
    return pdf_response(pdf, f"{name}.pdf")


@provider_required
def my_statement(request: HttpRequest, year: int, month: int, kind: str) -> HttpResponse:
    if kind not in ("csv", "pdf") or not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404("Dit overzicht bestaat niet.")  # e.g. month 13: no date, so no statement
    return statement_response(provider_of(request), dt.date(year, month, 1), kind)
