"""Storing an ingest: one transaction, so a failed ingest stores nothing and the rules see a stable state.

The library (:mod:`meedoen.signals`) decides; this module reads the :class:`History` it needs from
the database, and writes the signals and the new or grown cases. Re-ingesting a file finds every
``signaal_id`` known and adds nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass
from itertools import islice
from typing import Any

import polars as pl
from django.db import connection, transaction

from meedoen.signals.classify import (
    CaseState,
    Classified,
    History,
    PriorSignal,
    SignalStatus,
    classify,
    person_keys,
)
from meedoen.signals.parsing import Parsed
from meedoen.web.accounts.models import AreaTeam, User
from meedoen.web.vroegsignalering.bulk import insert, is_postgres, next_ids
from meedoen.web.vroegsignalering.models import (
    CaseStatus,
    Ingest,
    Signal,
    SignalCase,
    SignalPlatform,
    Source,
)

REPEAT_LOOKBACK = dt.timedelta(days=90)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
ID_CHUNK = 5000
ADDRESS = ["postcode", "house_number", "addition"]


@dataclass(frozen=True)
class Delivery:
    """Where a file came from and the day and threshold it is judged with.

    ``platform`` is the sender for the API; none means the municipality's own file deliveries
    (command line and upload), one sender for the contract's rule 2.
    """

    municipality: str
    today: dt.date
    threshold_cents: int
    source: Source
    filename: str = ""
    by: User | None = None
    platform: SignalPlatform | None = None


def _sent_by(delivery: Delivery):
    """The stored signals of this delivery's sender (rule 2: ids are unique per sender)."""
    if delivery.platform is None:
        return Signal.objects.filter(municipality=delivery.municipality, platform__isnull=True)
    return Signal.objects.filter(platform=delivery.platform)


def _known_ids(delivery: Delivery, ids: list[str]) -> set[str]:
    stored = _sent_by(delivery)
    if len(ids) > 4 * ID_CHUNK and 4 * len(ids) > stored.count():  # a large file: one pass is cheaper
        return set(stored.values_list("signal_id", flat=True).iterator(chunk_size=ID_CHUNK))
    known: set[str] = set()
    iterator = iter(ids)
    while chunk := list(islice(iterator, ID_CHUNK)):
        known.update(stored.filter(signal_id__in=chunk).values_list("signal_id", flat=True))
    return known


def _history(delivery: Delivery, parsed: Parsed) -> History:
    municipality = delivery.municipality
    frame = parsed.frame
    if frame.is_empty():
        return History()
    first, last = frame["signal_date"].min(), frame["signal_date"].max()
    since = first - REPEAT_LOOKBACK if first - dt.date.min > REPEAT_LOOKBACK else dt.date.min
    prior = Signal.objects.filter(
        municipality=municipality,
        status=SignalStatus.PICKED_UP,
        signal_date__gte=since,
        signal_date__lt=last,
    ).values_list("bsn", "surname", "birth_date", "partner_name", "signal_date", "amount_cents")
    open_cases = {
        (postcode, number, addition): CaseState((postcode, number, addition), first_date, crisis, case_id)
        for case_id, postcode, number, addition, first_date, crisis in SignalCase.objects.filter(
            municipality=municipality, status=CaseStatus.OPEN
        ).values_list("id", "postcode", "house_number", "addition", "first_signal_date", "crisis")
    }
    return History(
        known_ids=_known_ids(delivery, frame["signal_id"].to_list()),
        picked_up=[
            PriorSignal(person_keys(bsn, surname, birth), partner, date, amount)
            for bsn, surname, birth, partner, date, amount in prior.iterator(chunk_size=ID_CHUNK)
        ],
        open_cases=open_cases,
    )


def _urgency(picked: pl.DataFrame) -> pl.DataFrame:
    """Per address: signals, creditors and total arrears (each creditor's latest amount)."""
    latest = (
        picked.with_columns(partner=pl.col("partner_name").str.to_lowercase().str.replace_all(r"\s+", " "))
        .sort("signal_date")
        .group_by([*ADDRESS, "partner"])
        .agg(pl.col("amount_cents").last(), pl.len().alias("n"))
    )
    return latest.group_by(ADDRESS).agg(
        pl.col("n").sum().alias("signal_count"),
        pl.len().alias("creditor_count"),
        pl.col("amount_cents").sum().alias("arrears_cents"),
    )


def _existing_signals(cases: list[CaseState]) -> pl.DataFrame:
    """The stored signals of the open cases this ingest adds to (for their urgency figures)."""
    address = {c.case_id: c.address for c in cases}
    rows = [
        (*address[case_id], partner, date, amount)
        for case_id, partner, date, amount in Signal.objects.filter(case_id__in=list(address)).values_list(
            "case_id", "partner_name", "signal_date", "amount_cents"
        )
    ]
    schema = {"postcode": pl.String, "house_number": pl.Int64, "addition": pl.String,
              "partner_name": pl.String, "signal_date": pl.Date, "amount_cents": pl.Int64}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


class _Teams:
    """``AreaTeam.for_postcode``, asked once per postcode area."""

    def __init__(self, municipality: str) -> None:
        self.municipality = municipality
        self.cache: dict[str, int | None] = {}

    def __call__(self, postcode: str) -> int | None:
        area = postcode[:4]
        if area not in self.cache:
            team = AreaTeam.for_postcode(self.municipality, postcode)
            self.cache[area] = team.pk if team else None
        return self.cache[area]


def _cases_frame(classified: Classified) -> pl.DataFrame:
    schema = {"postcode": pl.String, "house_number": pl.Int64, "addition": pl.String, "case_id": pl.Int64,
              "first_signal_date": pl.Date, "crisis": pl.Boolean, "deadline": pl.Date}  # fmt: skip
    rows = [
        (*c.address, c.case_id, c.first_signal_date, c.crisis, c.deadline) for c in classified.cases.values()
    ]
    return pl.DataFrame(rows, schema=schema, orient="row")


def _store_cases(classified: Classified, delivery: Delivery) -> pl.DataFrame:
    """Open the new cases and update the grown ones; returns the case id per address."""
    picked = classified.frame.filter(pl.col("status") == SignalStatus.PICKED_UP.value)
    cases = _cases_frame(classified)
    existing = [c for c in classified.cases.values() if not c.is_new]
    grown = pl.concat([picked.select(_existing_signals(existing).columns), _existing_signals(existing)])
    cases = cases.join(_urgency(grown), on=ADDRESS, how="left")
    for case_id, deadline, first, crisis, count, creditors, arrears in (
        cases.filter(pl.col("case_id").is_not_null())
        .select(
            "case_id",
            "deadline",
            "first_signal_date",
            "crisis",
            "signal_count",
            "creditor_count",
            "arrears_cents",
        )
        .iter_rows()
    ):
        SignalCase.objects.filter(pk=case_id).update(
            deadline=deadline, first_signal_date=first, crisis=crisis, signal_count=count,
            creditor_count=creditors, arrears_cents=arrears,
        )  # fmt: skip
    new = cases.filter(pl.col("case_id").is_null()).join(
        picked.sort("signal_date").group_by(ADDRESS).agg(pl.col("street").first(), pl.col("city").first()),
        on=ADDRESS,
        how="left",
    )
    teams = _Teams(delivery.municipality)
    areas = {area: teams(area) for area in new["postcode"].str.slice(0, 4).unique().to_list()}
    new = new.with_columns(
        id=pl.Series(next_ids(SignalCase, new.height), dtype=pl.Int64),
        team_id=pl.col("postcode").str.slice(0, 4).replace_strict(areas, return_dtype=pl.Int64),
        municipality=pl.lit(delivery.municipality),
        opened_on=pl.lit(delivery.today),
        status=pl.lit(CaseStatus.OPEN.value),
        result=pl.lit(""),
    )
    insert(SignalCase, new.drop("case_id"))
    return pl.concat(
        [
            cases.filter(pl.col("case_id").is_not_null()).select(*ADDRESS, "case_id"),
            new.select(*ADDRESS, case_id="id"),
        ]
    )


def _lock(municipality: str) -> None:
    """One ingest per municipality at a time (PostgreSQL; SQLite allows one writer anyway)."""
    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(f"signals:{municipality}".encode())]
            )


def ingest(parsed: Parsed, delivery: Delivery) -> dict[str, Any]:
    """Classify and store a parsed file in one transaction; the contract's summary comes back."""
    with transaction.atomic():
        _lock(delivery.municipality)
        classified = classify(parsed, delivery.threshold_cents, _history(delivery, parsed))
        summary = classified.summary()
        record = Ingest.objects.create(
            municipality=delivery.municipality,
            source=delivery.source,
            filename=_CONTROL.sub("?", delivery.filename)[:255],  # PostgreSQL stores no NUL
            today=delivery.today,
            threshold_cents=delivery.threshold_cents,
            by=delivery.by,
            summary={k: v for k, v in summary.items() if k != "errors"}
            | {"errors": summary["errors"][:1000]},
        )
        case_ids = _store_cases(classified, delivery)
        signals = classified.frame.join(case_ids, on=ADDRESS, how="left").with_columns(
            case_id=pl.when(pl.col("status") == SignalStatus.PICKED_UP.value).then(pl.col("case_id")),
            municipality=pl.lit(delivery.municipality),
            ingest_id=pl.lit(record.pk),
            platform_id=pl.lit(delivery.platform.pk if delivery.platform else None, dtype=pl.Int64),
            received_on=pl.lit(delivery.today),
        )
        insert(Signal, signals.drop("line"))
    return summary
