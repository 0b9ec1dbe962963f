"""``render_letter``: one Django template, rendered as HTML (to show) and as PDF (to send).

The PDF is made by WeasyPrint only when ``Letter.pdf`` is read, with the stylesheet given from this
app's static folder on disk (the HTML links the same file by its static URL).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone

from meedoen.web.components.context import site
from meedoen.web.letters.letterhead import legal_facts, letterhead

STATIC = Path(__file__).resolve().parent / "static" / "letters"
STYLESHEET = "letters/letter.css"


@dataclass
class Letter:
    """A rendered letter: ``html`` for the screen, ``pdf`` (bytes) to download, print or send."""

    html: str
    template_name: str = field(repr=False)
    context: dict[str, Any] = field(repr=False)

    @cached_property
    def pdf(self) -> bytes:
        from weasyprint import CSS, HTML  # loads Pango: only when a PDF is asked for

        html = render_to_string(self.template_name, {**self.context, "stylesheet": ""})
        css = CSS(filename=str(STATIC / "letter.css"))
        return HTML(string=html, base_url=f"{STATIC}/").write_pdf(stylesheets=[css])


def render_letter(template_name: str, context: dict[str, Any], municipality: str) -> Letter:
    """Render ``template_name`` (extending ``letters/base.html``) with the municipality's letterhead.

    The context gets ``letterhead``, ``legal`` (objection term and articles) and ``letter_date``
    (today, unless the caller gives one); the caller's context wins."""
    base = {
        **site(None),
        "letterhead": letterhead(municipality),
        "legal": legal_facts(),
        "municipality_name": letterhead(municipality).name,
        "letter_date": timezone.localdate(),
    }
    full = {**base, **context}
    html = render_to_string(template_name, {**full, "stylesheet": static(STYLESHEET)})
    return Letter(html=html, template_name=template_name, context=full)
