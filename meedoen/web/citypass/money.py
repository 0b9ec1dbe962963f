"""Euro amounts of the city pass as text and back, always as integer cents (no float on the way).

Writing cents as text is :mod:`meedoen.rules.money`'s (``euro_plain``, ``euro_grouped``). ``parse_euro`` reads
what a provider types on its page, in Dutch notation only, and is the one place that decides what an
amount typed by a person means:

- ``7``, ``7,5``, ``7,50``, ``7,-`` and ``1.250,00`` (a dot groups thousands, the comma starts the cents);
- refused, each with its own Dutch message: a dot as the decimal sign (``7.50``, ``0.005``), English
  notation (``1,250.00``), more than two digits after the comma, digits of another script (Arabic-Indic
  ``٧``, full-width ``７``...), a minus sign, zero, more than the maximum;
- ``1.250`` (thousands without cents) is **refused as ambiguous**: in Dutch it is twelve hundred and fifty
  euro, but at a till it is as often meant as one euro twenty-five. Being asked to type ``1250`` or
  ``1.250,00`` once costs less than a wrong booking on a resident's pass.
"""

from __future__ import annotations

import re

from meedoen.rules.money import euro_grouped

EURO_DIGITS = re.compile(r"[0-9]+")  # ASCII only: re's \d also matches other scripts' digits
PLAIN = re.compile(r"(?P<euros>[0-9]+)(?:,(?P<cents>[0-9]{1,2}|-{1,2}))?")
GROUPED = re.compile(r"(?P<euros>[1-9][0-9]{0,2}(?:\.[0-9]{3})+),(?P<cents>[0-9]{1,2}|-{1,2})")
THOUSANDS_ONLY = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
MAX_LENGTH = 20

EXAMPLE = "bijvoorbeeld 7,50 of 1.250,00"
INVALID = f"Vul een bedrag in euro in, {EXAMPLE}."
OTHER_DIGITS = f"Gebruik de cijfers 0 tot en met 9, {EXAMPLE}."
DECIMAL_POINT = "Gebruik een komma voor de centen, bijvoorbeeld 7,50."
ENGLISH = "Gebruik een punt voor duizendtallen en een komma voor de centen, bijvoorbeeld 1.250,00."
AMBIGUOUS = (
    "Bedoelt u 1250 euro of 1,25 euro? Schrijf het bedrag zonder punt (1250) of met de centen erbij "
    "(1.250,00)."
)
TOO_PRECISE = "Een bedrag heeft hoogstens 2 cijfers achter de komma, bijvoorbeeld 7,50."
NEGATIVE = "Vul een bedrag in zonder minteken. Het bedrag moet hoger zijn dan 0."
ZERO = "Vul een bedrag in dat hoger is dan 0."


class MoneyError(ValueError):
    """An amount that cannot be read; the message says why, in Dutch, for the person who typed it."""


def parse_euro(text: str, *, maximum_cents: int) -> int:
    """Dutch euro text as typed (see the module docstring) -> cents, > 0 and <= ``maximum_cents``."""
    text = text.replace("€", "").replace("\u00a0", " ").strip().replace(" ", "")
    if not text or len(text) > MAX_LENGTH:
        raise MoneyError(INVALID)
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        raise MoneyError(OTHER_DIGITS)
    if text.startswith("-"):
        raise MoneyError(NEGATIVE)
    match = PLAIN.fullmatch(text) or GROUPED.fullmatch(text)
    if match is None:
        raise MoneyError(_why_not(text))
    euros = int(match["euros"].replace(".", ""))
    cents_text = (match["cents"] or "").replace("-", "")
    cents = euros * 100 + int(cents_text.ljust(2, "0") or 0)
    if cents == 0:
        raise MoneyError(ZERO)
    if cents > maximum_cents:
        raise MoneyError(f"Dit bedrag is te hoog. Het hoogste bedrag is {euro_grouped(maximum_cents)} euro.")
    return cents


def _why_not(text: str) -> str:
    if THOUSANDS_ONLY.fullmatch(text):
        return AMBIGUOUS
    if re.fullmatch(r"[0-9.]*[0-9],[0-9]{3,}", text):
        return TOO_PRECISE
    if "," in text and "." in text and text.rindex(".") > text.rindex(","):
        return ENGLISH
    if re.fullmatch(r"[0-9]*\.[0-9]+", text):
        return DECIMAL_POINT
    return INVALID
