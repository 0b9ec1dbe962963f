"""HTML templates to PDF with WeasyPrint (the check summary, decision letters)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from meedoen.web.components.context import site


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, and only PDF requests need it.
    from weasyprint import HTML

    html = render_to_string(template, {**site(None), **context})
    return HTML(string=html, base_url=str(settings.WEB_DIR / "static")).write_pdf()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
