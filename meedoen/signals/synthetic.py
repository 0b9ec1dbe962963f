"""Made-up signals in the contract's CSV form, for the demo and the bench (never real people).

BSNs come from the test range 99999xxxx... and beyond, all passing the 11-proef; some households get
signals from several creditors and some creditors signal twice, so cases, repeats and crisis
deadlines all occur.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import TextIO

from meedoen.bsn import bsn_is_valid
from meedoen.reporting import safe_csv
from meedoen.rules.money import euro_decimal
from meedoen.signals.parsing import COLUMNS

CREDITORS = [
    ("Huur", "Talis"), ("Huur", "Portaal"), ("Huur", "Woonwaarts"), ("Energie", "Vattenfall"),
    ("Energie", "Eneco"), ("Water", "Vitens"), ("Zorg", "VGZ"), ("Zorg", "Menzis"),
    ("CAK Zorgverzekeringen", "CAK"), ("DUO", "DUO"), ("Belastingdienst", "Belastingdienst"),
]  # fmt: skip
SURNAMES = [
    "Jansen",
    "de Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Yilmaz",
    "El Amrani",
    "Mulder",
    "Bos",
]
STREETS = ["Daalseweg", "Groesbeekseweg", "Graafseweg", "Hatertseweg", "Sint Annastraat", "Molenstraat"]


def test_bsns(count: int, start: int = 999_990_000) -> list[str]:
    """``count`` 9-digit numbers passing the 11-proef, counting down from ``start``."""
    out, n = [], start
    while len(out) < count:
        if bsn_is_valid(f"{n:09d}"):
            out.append(f"{n:09d}")
        n -= 1
    return out


def synthetic_signals(
    count: int, first: dt.date, last: dt.date, postcodes: list[str], seed: int = 9
) -> Iterator[dict[str, str]]:
    """``count`` signals dated ``first`` to ``last`` for households in the given 4-digit areas."""
    rng = random.Random(seed)
    households = max(1, count // 2)
    bsns = test_bsns(min(households, 200_000))
    span = (last - first).days
    for i in range(count):
        h = rng.randrange(households)
        kind, creditor = CREDITORS[rng.randrange(len(CREDITORS))] if rng.random() < 0.8 else CREDITORS[h % 3]
        date = first + dt.timedelta(days=rng.randint(0, span))
        days = rng.randint(20, 140) if kind == "Zorg" else rng.randint(25, 200)
        bsn = bsns[h % len(bsns)] if rng.random() < 0.9 and h < len(bsns) else ""
        yield {
            "signaal_id": f"SIG-{seed}-{i:08d}",
            "signaalpartner_type": kind,
            "signaalpartner_naam": creditor,
            "signaaldatum": date.isoformat(),
            "ontstaansdatum": (date - dt.timedelta(days=days)).isoformat(),
            "bedrag": euro_decimal(rng.randint(2500, 350000)),
            "crisissignaal": "true" if rng.random() < 0.08 else "false",
            "warme_overdracht": "true" if rng.random() < 0.05 else "false",
            "bsn": bsn,
            "voorletters": "ABCDEFGHJKLMNPRSTW"[h % 18] + ".",
            "achternaam": SURNAMES[h % len(SURNAMES)],
            "geboortedatum": (dt.date(1950, 1, 1) + dt.timedelta(days=h % 18000)).isoformat(),
            "straatnaam": STREETS[h % len(STREETS)],
            "postcode": f"{postcodes[h % len(postcodes)]}{'ABCDEFGH'[h % 8]}{'KLMNPR'[h // 8 % 6]}",
            "huisnummer": str(1 + h // 48 % 300),
            "huisnummertoevoeging": "",
            "plaatsnaam": "Nijmegen",
        }


def write_csv(rows: Iterator[dict[str, str]], out: TextIO) -> int:
    """Write signals as the contract's CSV; returns the number of rows."""
    writer = safe_csv.dict_writer(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n
