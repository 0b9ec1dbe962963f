"""The deployed municipality's theme and contact for any template, also the 500 page (which Django
renders without a request, so no context processor runs there)."""

from __future__ import annotations

from django import template
from django.conf import settings

from meedoen.web.themes.site import call_us as call_us_text
from meedoen.web.themes.site import contact_for, current_site

register = template.Library()


@register.simple_tag
def site_theme():
    """``{% site_theme as theme %}``: class, stylesheets and contact of this deployment."""
    return {"site": current_site(), "contact": contact_for(settings.MUNICIPALITY)}


@register.simple_tag
def call_us() -> str:
    """``{% call_us %}``: "Bel <nummer>." for this deployment, from its letterhead (never a number of
    another municipality)."""
    return call_us_text()
