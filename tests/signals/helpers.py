"""Build signal CSV text for the tests: one dict per row, the contract's columns."""

from __future__ import annotations

import csv
import datetime as dt
import io

from meedoen.signals.classify import Classified, History, classify
from meedoen.signals.parsing import COLUMNS, Parsed, parse_text

TODAY = dt.date(2026, 3, 10)
BASE = {
    "signaal_id": "S1",
    "signaalpartner_type": "Huur",
    "signaalpartner_naam": "Talis",
    "signaaldatum": "2026-03-02",
    "ontstaansdatum": "2026-01-20",
    "bedrag": "450.00",
    "crisissignaal": "false",
    "warme_overdracht": "false",
    "bsn": "999990019",
    "achternaam": "Jansen",
    "geboortedatum": "1980-01-01",
    "postcode": "6521AB",
    "huisnummer": "12",
}


def csv_text(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for i, row in enumerate(rows):
        values = {**BASE, "signaal_id": f"S{i + 1}", **row}
        writer.writerow([values.get(c, "") for c in COLUMNS])
    return out.getvalue()


def parse(*rows: dict[str, str], today: dt.date = TODAY) -> Parsed:
    return parse_text(csv_text(*rows), today)


def run(*rows: dict[str, str], threshold: int = 5000, history: History | None = None) -> Classified:
    return classify(parse(*rows), threshold, history or History())
