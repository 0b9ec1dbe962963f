"""Contract rules 2-5: duplicates, onterecht, herhaald and picked up, and the cases per address.

:func:`classify` gets the file's valid rows and a :class:`History` of what is already stored (the
web app fetches it) and decides, without storing anything, what becomes of every row. Rows are
taken in ``signaaldatum`` order (file order within a day), so a repeat signal is judged against
the signals of the days before it, wherever they came from.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

import polars as pl

from meedoen.signals.parsing import FIELDS, Parsed, RowError, SignalRow
from meedoen.signals.partners import ARREARS_DAYS
from meedoen.signals.workdays import first_contact_deadline

REPEAT_WINDOW_DAYS = 90
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()  # Polars dates count days from 1970
AddressKey = tuple[str, int, str]


class SignalStatus(StrEnum):
    """What the ingest decided for a stored signal (EnumSignaalstatus of DDAS)."""

    PICKED_UP = "opgepakt"
    ONTERECHT = "onterecht"  # Niet opgepakt: onterecht signaal
    HERHAALD = "herhaald"  # Niet opgepakt: herhaalde melding


def person_keys(bsn: str, surname: str, birth_date: dt.date | None) -> tuple[str, ...]:
    """The keys a person is known by: the BSN, and surname + date of birth when both are there.

    A row is matched on its first key (same BSN, else same surname + date of birth); the same
    normalisation runs column-wise in :func:`classify`.
    """
    keys = []
    if bsn:
        keys.append(f"bsn:{bsn}")
    if surname and birth_date:
        keys.append(f"naam:{' '.join(surname.lower().split())}|{birth_date.isoformat()}")
    return tuple(keys)


def partner_key(name: str) -> str:
    return " ".join(name.lower().split())


@dataclass(frozen=True)
class PriorSignal:
    """A picked-up signal stored earlier: what rule 4 compares a new signal with."""

    person_keys: tuple[str, ...]
    partner_name: str
    signal_date: dt.date
    amount_cents: int


@dataclass
class CaseState:
    """An open case (vroegsignaalzaak) of one address, stored (``case_id``) or opened by this ingest."""

    address: AddressKey
    first_signal_date: dt.date
    crisis: bool
    case_id: int | None = None
    signals_added: int = 0

    @property
    def is_new(self) -> bool:
        return self.case_id is None

    @property
    def deadline(self) -> dt.date:
        return first_contact_deadline(self.first_signal_date, self.crisis)


@dataclass
class History:
    """What is stored already: ids among the file's, recent picked-up signals, open cases."""

    known_ids: set[str] = field(default_factory=set)
    picked_up: Iterable[PriorSignal] = ()
    open_cases: dict[AddressKey, CaseState] = field(default_factory=dict)


@dataclass(slots=True)
class Decision:
    row: SignalRow
    status: SignalStatus
    case: AddressKey | None = None


ADDRESS = ("postcode", "house_number", "addition")


@dataclass
class Classified:
    """The outcome of an ingest before it is stored; :meth:`summary` is the contract's JSON.

    ``frame`` holds the rows to store (the parsed columns plus ``status``), ``cases`` the open cases
    the picked-up rows join or open, by address.
    """

    rows: int
    rejected: int
    duplicates: int
    frame: pl.DataFrame
    cases: dict[AddressKey, CaseState]
    errors: list[RowError]

    @classmethod
    def nothing(cls, errors: list[RowError]) -> Classified:
        """The summary of a file that could not be used at all: nothing stored, the reasons given."""
        return cls(0, 0, 0, pl.DataFrame(schema=[*FIELDS, "status"]), {}, errors)

    @property
    def decisions(self) -> list[Decision]:
        out = []
        for record in self.frame.iter_rows(named=True):
            status = SignalStatus(record.pop("status"))
            row = SignalRow(**record)
            out.append(Decision(row, status, row.address if status is SignalStatus.PICKED_UP else None))
        return out

    def count(self, status: SignalStatus) -> int:
        return self.frame.filter(pl.col("status") == status.value).height

    def summary(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "stored": self.frame.height,
            "not_picked_up": {
                "onterecht": self.count(SignalStatus.ONTERECHT),
                "herhaald": self.count(SignalStatus.HERHAALD),
            },
            "picked_up": self.count(SignalStatus.PICKED_UP),
            "cases_opened": sum(1 for c in self.cases.values() if c.is_new),
            "cases_with_crisis": sum(1 for c in self.cases.values() if c.crisis),
            "errors": [e.as_dict() for e in self.errors],
        }


def _name_key(surname: pl.Expr, birth_date: pl.Expr) -> pl.Expr:
    normalised = surname.str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()
    return pl.when((surname != "") & birth_date.is_not_null()).then(
        pl.format("naam:{}|{}", normalised, birth_date.dt.to_string("%Y-%m-%d"))
    )


def _repeats(candidates: pl.DataFrame, history: Iterable[PriorSignal]) -> list[bool]:
    """Rule 4 for rows in ``signaaldatum`` order: is each a repeat? Each picked-up row counts for
    the rows after it, so this one rule runs row by row, over plain tuples.

    Per (person key, partner): the picked-up signals as (day, sequence, amount), sorted; the one
    compared with is the last before the row's day, if it lies within 90 days.
    """
    seen: dict[tuple[str, str], list[tuple[int, int, int]]] = defaultdict(list)
    sequence = 0

    def add(keys: Iterable[str | None], partner: str, day: int, amount: int) -> None:
        nonlocal sequence
        sequence += 1
        entry = (day, sequence, amount)
        for key in keys:
            if key is not None:
                entries = seen[(key, partner)]
                if not entries or entries[-1] <= entry:
                    entries.append(entry)  # the usual case: rows come in date order
                else:
                    bisect.insort(entries, entry)

    for prior in history:
        add(
            prior.person_keys,
            partner_key(prior.partner_name),
            prior.signal_date.toordinal(),
            prior.amount_cents,
        )
    repeated = []
    for lookup, bsn_key, name_key, partner, day, amount in candidates.iter_rows():
        entries = seen.get((lookup, partner))
        if entries:
            i = bisect.bisect_left(entries, (day,))  # entries before this day
            if i and entries[i - 1][0] >= day - REPEAT_WINDOW_DAYS and amount <= entries[i - 1][2]:
                repeated.append(True)
                continue
        repeated.append(False)
        add((bsn_key, name_key), partner, day, amount)
    return repeated


def _in_range(days: pl.Expr) -> pl.Expr:
    kind = pl.col("partner_type")
    expr = pl.lit(True)
    for partner, (low, high) in ARREARS_DAYS.items():
        fits = (days >= low) if high is None else days.is_between(low, high)
        expr = pl.when(kind == partner).then(fits).otherwise(expr)
    return expr


def _cases(picked: pl.DataFrame, open_cases: dict[AddressKey, CaseState]) -> dict[AddressKey, CaseState]:
    """Rule 5: each address's open case, joined or opened, with its earliest signal and crisis flag."""
    grouped = picked.group_by(ADDRESS).agg(
        pl.col("signal_date").min().alias("first"),
        pl.col("crisis").any().alias("crisis"),
        pl.len().alias("n"),
    )
    cases = {}
    for postcode, number, addition, first, crisis, n in grouped.iter_rows():
        address = (postcode, number, addition)
        known = open_cases.get(address)
        case = CaseState(address, first, crisis) if known is None else replace(known)
        if known is not None:
            case.first_signal_date = min(case.first_signal_date, first)
            case.crisis = case.crisis or crisis
        case.signals_added = n
        cases[address] = case
    return cases


def classify(parsed: Parsed, threshold_cents: int, history: History) -> Classified:
    """Apply rules 2-5 to the valid rows of a file, given what is stored already."""
    frame = parsed.frame.with_row_index("_order")
    known = pl.Series(list(history.known_ids), dtype=pl.String)
    fresh = frame.filter(
        ~pl.col("signal_id").is_in(known.implode()) & pl.col("signal_id").is_first_distinct()
    )
    days = (pl.col("signal_date") - pl.col("arisen_date")).dt.total_days()
    ordered = fresh.with_columns(
        onterecht=(pl.col("amount_cents") < threshold_cents) | ~_in_range(days),
        _bsn_key=pl.when(pl.col("bsn") != "").then(pl.format("bsn:{}", pl.col("bsn"))),
        _name_key=_name_key(pl.col("surname"), pl.col("birth_date")),
        _partner=pl.col("partner_name").str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars(),
        _day=pl.col("signal_date").cast(pl.Int64) + EPOCH_ORDINAL,
    ).sort("signal_date", "_order")  # file order within a day
    candidates = ordered.filter(~pl.col("onterecht"))
    repeated = _repeats(
        candidates.select(
            pl.coalesce("_bsn_key", "_name_key").alias("_lookup"),
            "_bsn_key",
            "_name_key",
            "_partner",
            "_day",
            "amount_cents",
        ),
        history.picked_up,
    )
    candidates = candidates.with_columns(pl.Series("_repeat", repeated, dtype=pl.Boolean))
    status = pl.when(pl.col("onterecht")).then(pl.lit(SignalStatus.ONTERECHT.value))
    status = (
        status.when(pl.col("_repeat"))
        .then(pl.lit(SignalStatus.HERHAALD.value))
        .otherwise(pl.lit(SignalStatus.PICKED_UP.value))
    )
    stored = (
        ordered.join(candidates.select("_order", "_repeat"), on="_order", how="left")
        .with_columns(status.alias("status"))
        .sort("_order")
        .select(*FIELDS, "status")
    )
    picked = stored.filter(pl.col("status") == SignalStatus.PICKED_UP.value)
    return Classified(
        rows=parsed.total,
        rejected=parsed.rejected,
        duplicates=parsed.frame.height - fresh.height,
        frame=stored,
        cases=_cases(picked, history.open_cases),
        errors=parsed.errors,
    )
