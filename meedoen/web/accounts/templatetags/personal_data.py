"""Showing personal data only as far as the viewer's role needs it."""

from django import template

register = template.Library()


def mask_bsn(bsn: str) -> str:
    """``*****6789``: enough to recognise, not enough to misuse."""
    return "*" * (len(bsn) - 4) + bsn[-4:] if len(bsn) > 4 else "*" * len(bsn)


@register.filter
def bsn_for(bsn: str | None, viewer) -> str:
    """The BSN in full for roles that handle cases, masked for everyone else (the resident too)."""
    if not bsn:
        return "onbekend"
    return bsn if getattr(viewer, "sees_full_bsn", False) else mask_bsn(bsn)
