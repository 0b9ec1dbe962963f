"""The pages every footer links to: contact, privacy statement and accessibility statement, per
municipality from data (the letterhead for contact, ``municipalities/<m>.yaml`` for the rest)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from meedoen.web.themes.site import contact_for, current_site


def _page(request: HttpRequest, template: str) -> HttpResponse:
    context = {"site": current_site(), "contact": contact_for(settings.MUNICIPALITY)}
    return render(request, f"themes/{template}.html", context)


def contact(request: HttpRequest) -> HttpResponse:
    return _page(request, "contact")


def privacy(request: HttpRequest) -> HttpResponse:
    return _page(request, "privacy")


def accessibility(request: HttpRequest) -> HttpResponse:
    return _page(request, "accessibility")
