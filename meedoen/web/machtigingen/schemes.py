"""The schemes a resident can authorise someone for: the municipality's catalogue, without the schemes
residents apply for at another organisation (Dienst Toeslagen, the SVB)."""

from __future__ import annotations

from django.conf import settings

from meedoen.catalogue import catalogue
from meedoen.web.decisions.models import SchemePolicy


def scheme_names() -> dict[str, str]:
    """Every scheme of the municipality's catalogue by id, with its title for residents."""
    return {scheme_id: entry.title for scheme_id, entry in catalogue(settings.MUNICIPALITY).items()}


def scheme_choices() -> list[tuple[str, str]]:
    names = scheme_names()
    elsewhere = SchemePolicy.elsewhere(list(names))
    return [(scheme_id, title) for scheme_id, title in names.items() if scheme_id not in elsewhere]
