"""Template helpers of the Regelingencheck's outcome."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template

register = template.Library()

# Who a national scheme's link leads to, as residents know them.
PROVIDERS = {
    "belastingdienst.nl": "de Dienst Toeslagen",
    "toeslagen.nl": "de Dienst Toeslagen",
    "svb.nl": "de SVB",
    "rijksoverheid.nl": "de Rijksoverheid",
}


@register.filter
def link_label(url: str) -> str:
    """The text of a catalogue link: where it leads (``Naar de website van de SVB``)."""
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    for domain, name in PROVIDERS.items():
        if host == domain or host.endswith("." + domain):
            return f"Naar de website van {name}"
    return f"Naar {host}"


@register.filter
def and_join(items: list[str]) -> str:
    """``A, B en C``: a list as a Dutch sentence reads it."""
    items = [str(i) for i in items]
    return " en ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)
