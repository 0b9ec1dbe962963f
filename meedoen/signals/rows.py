"""One row of the signals contract: its columns, a valid row (:class:`SignalRow`) and a problem
with a row (:class:`RowError`) or with the whole file (:class:`FileProblem`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields

from meedoen.signals.partners import PARTNER_TYPES

REQUIRED_COLUMNS = (
    "signaal_id",
    "signaalpartner_type",
    "signaalpartner_naam",
    "signaaldatum",
    "ontstaansdatum",
    "bedrag",
    "postcode",
    "huisnummer",
)
OPTIONAL_COLUMNS = (
    "crisissignaal",
    "warme_overdracht",
    "bsn",
    "voorletters",
    "voorvoegsel",
    "achternaam",
    "geboortedatum",
    "straatnaam",
    "huisnummertoevoeging",
    "plaatsnaam",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
MAX_TEXT = {"signaal_id": 100, "huisnummertoevoeging": 10, "voorletters": 20}
DEFAULT_MAX_TEXT = 200

SHOWN = 40  # characters of a rejected value quoted back in a message
NUL = "\x00"
REPLACEMENT = "\ufffd"  # what an undecodable byte sequence becomes, on a line flagged ``_bad_text``
SURROGATE = re.compile("[\ud800-\udfff]")
_AMOUNT = re.compile(r"(\d{1,9})(?:\.(\d{1,2}))?")
BOOLEANS = {"": False, "false": False, "true": True, "0": False, "1": True, "nee": False, "ja": True}
PARTNERS = {p.casefold(): p for p in PARTNER_TYPES}


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "field": self.field, "message": self.message}


class FileProblem(Exception):
    """The file as a whole cannot be read: nothing of it is used."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("; ".join(e.message for e in errors))


@dataclass(slots=True)
class SignalRow:
    """One valid signal. Money in cents; postcode normalised (``1234AB``); empty text is ``""``."""

    line: int
    signal_id: str
    partner_type: str
    partner_name: str
    signal_date: dt.date
    arisen_date: dt.date
    amount_cents: int
    crisis: bool
    warm_handover: bool
    bsn: str
    initials: str
    prefix: str
    surname: str
    birth_date: dt.date | None
    street: str
    postcode: str
    house_number: int
    addition: str
    city: str

    @property
    def days_in_arrears(self) -> int:
        return (self.signal_date - self.arisen_date).days

    @property
    def address(self) -> tuple[str, int, str]:
        """The case key: signals at one address share one open case (vroegsignaalzaak)."""
        return (self.postcode, self.house_number, self.addition)


def parse_amount(text: str) -> int | None:
    """Euro text with at most two decimals (``123.45``) as cents; ``None`` when malformed."""
    match = _AMOUNT.fullmatch(text)
    if match is None:
        return None
    whole, fraction = match.groups()
    return int(whole) * 100 + int((fraction or "").ljust(2, "0"))


FIELDS = [f.name for f in fields(SignalRow)]
