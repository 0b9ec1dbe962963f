"""The monthly payment statement per provider for the finance department: every booking and
reversal of the month (CSV) and the totals per offer (PDF).

The CSV is streamed, so a month of a million entries is never held in memory. On PostgreSQL the
database writes the CSV itself (``COPY ... TO STDOUT``), about ten times faster than formatting each
row in Python, which is what SQLite (development) gets; a test keeps the two outputs identical. The
PDF has totals only (finance pays the total, the CSV is the specification).
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Sum
from django.utils import timezone

from meedoen.reporting import safe_csv
from meedoen.rules.money import euro_plain
from meedoen.web.citypass.models import LedgerEntry, Provider

HEADER = ["datum", "referentie", "soort", "aanbod", "pas (laatste 4 cijfers)", "bedrag (euro)"]
KINDS = dict(LedgerEntry.Kind.choices)


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of the month and of the next one, in the municipality's time zone."""
    start = month.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end, dt.time.min, tzinfo=tz),
    )


def entries_of(provider: Provider, month: dt.date):
    start, end = month_bounds(month)
    return LedgerEntry.objects.filter(provider=provider, at__gte=start, at__lt=end)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_rows(provider: Provider, month: dt.date) -> Iterator[str]:
    """The statement as CSV text (semicolon-separated, as Dutch spreadsheets expect), in chunks."""
    if connection.vendor == "postgresql":
        yield _writer().writerow(HEADER)
        yield from copy_rows(provider, month)
    else:
        yield from python_rows(provider, month)


# Columns as in python_rows: local time, reference, kind label, offer, last 4 digits, euro amount.
COPY = """COPY (
    SELECT to_char(e.at AT TIME ZONE %(tz)s, 'DD-MM-YYYY HH24:MI'), e.reference::text,
           CASE e.kind WHEN 'grant' THEN %(grant)s WHEN 'redemption' THEN %(redemption)s
                       ELSE %(reversal)s END,
           {offer}, right(p.number, 4),
           CASE WHEN e.amount_cents > 0 THEN '-' ELSE '' END || (abs(e.amount_cents) / 100)::text
               || ',' || lpad((abs(e.amount_cents) %% 100)::text, 2, '0')
    FROM citypass_ledgerentry e
    JOIN citypass_pass p ON p.id = e.pass_card_id
    LEFT JOIN citypass_offer o ON o.id = e.offer_id
    WHERE e.provider_id = %(provider)s AND e.at >= %(start)s AND e.at < %(end)s
    ORDER BY e.at, e.id
) TO STDOUT (FORMAT csv, DELIMITER ';')""".replace("{offer}", safe_csv.sql_text("o.name"))


def copy_rows(provider: Provider, month: dt.date) -> Iterator[str]:
    start, end = month_bounds(month)
    params = {"tz": settings.TIME_ZONE, "provider": provider.pk, "start": start, "end": end, **KINDS}
    decoder = codecs.getincrementaldecoder("utf-8")()  # a character may span two chunks
    with connection.cursor() as cursor, cursor.cursor.copy(COPY, params) as copy:
        for chunk in copy:
            yield decoder.decode(bytes(chunk))


def _writer():
    return safe_csv.writer(_Echo(), delimiter=";", lineterminator="\n")  # as COPY writes it


def python_rows(provider: Provider, month: dt.date) -> Iterator[str]:
    writer = _writer()
    offers = dict(provider.offers.values_list("pk", "name"))
    tz = timezone.get_current_timezone()
    yield writer.writerow(HEADER)
    rows = (
        entries_of(provider, month)
        .order_by("at", "id")
        .values_list("at", "reference", "kind", "offer_id", "pass_card__number", "amount_cents")
    )
    for at, reference, kind, offer_id, number, amount in rows.iterator(chunk_size=5000):
        yield writer.writerow(
            [
                at.astimezone(tz).strftime("%d-%m-%Y %H:%M"),
                reference,
                KINDS[kind],
                offers.get(offer_id, ""),
                number[-4:],
                euro_plain(-amount),
            ]
        )


@dataclass(frozen=True)
class OfferTotal:
    name: str
    bookings: int
    reversals: int
    cents: int


def totals(provider: Provider, month: dt.date) -> list[OfferTotal]:
    """Per offer: how many bookings and reversals, and what the municipality pays for them."""
    offers = dict(provider.offers.values_list("pk", "name"))
    grouped = (
        entries_of(provider, month)
        .values("offer_id", "kind")
        .annotate(n=Count("id"), cents=Sum("amount_cents"))
        .order_by()
    )
    per_offer: dict[int, list[int]] = {}
    for row in grouped:
        counts = per_offer.setdefault(row["offer_id"], [0, 0, 0])
        counts[0 if row["kind"] == LedgerEntry.Kind.REDEMPTION else 1] += row["n"]
        counts[2] -= row["cents"]
    return sorted(
        (OfferTotal(offers.get(pk, ""), b, r, c) for pk, (b, r, c) in per_offer.items()), key=lambda t: t.name
    )
