"""Tables come from one component (issue 17, item 6): components/table.html through ``{% table %}``.

The component gives every table the Utrecht classes, a caption and a labelled, keyboard-scrollable
region, so on a phone a wide table scrolls inside itself and the page never scrolls sideways.
"""

from __future__ import annotations

import pathlib
import re

import pytest
from django.template import Context, Template, TemplateSyntaxError

WEB = pathlib.Path(__file__).parents[2] / "meedoen" / "web"
COMPONENT = WEB / "components" / "templates" / "components" / "table.html"

# Letters and PDFs are printed or rendered to a PDF on their own, with their own stylesheet and no page
# scripts or scroll regions: they keep a plain <table>.
SELF_CONTAINED = {
    "letters/templates/letters/base.html": "every letter's header table; printed, own letter.css",
    "decisions/templates/decisions/letter.html": "the decision letter (PDF), letter.css",
    "objections/templates/objections/letter.html": "the decision on a bezwaar (PDF), letter.css",
    "citypass/templates/citypass/statement_pdf.html": "the provider's monthly statement (PDF), pdf.css",
}


def templates() -> list[pathlib.Path]:
    return sorted(WEB.glob("*/templates/**/*.html"))


def render(source: str, **context) -> str:
    return Template("{% load tables %}" + source).render(Context(context))


def test_no_template_outside_the_component_writes_its_own_table():
    hand_written = [
        str(path.relative_to(WEB))
        for path in templates()
        if path != COMPONENT and "<table" in path.read_text()
        if str(path.relative_to(WEB)) not in SELF_CONTAINED
    ]
    assert hand_written == []
    assert all((WEB / name).exists() for name in SELF_CONTAINED)  # the allow-list holds no stale names


def test_the_list_pages_use_the_component():
    users = [path for path in templates() if "{% table " in path.read_text()]
    assert len(users) >= 15  # the hand-copied lists of before, across seven apps
    assert len({path.relative_to(WEB).parts[0] for path in users}) >= 6


def test_every_header_cell_in_a_table_says_what_it_heads():
    missing = []
    for path in [COMPONENT, *templates()]:
        for cell in re.findall(r"<th\b[^>]*>", path.read_text()):
            if "scope=" not in cell:
                missing.append(f"{path.relative_to(WEB)}: {cell}")
    assert missing == []


def test_the_component_writes_region_table_and_caption():
    html = render(
        '{% table caption="Afgesproken stappen" label="Stappen" %}'
        "<tbody><tr><td>x</td></tr></tbody>{% endtable %}"
    )
    assert (
        '<div class="utrecht-table-container utrecht-table-container--overflow-inline" tabindex="0" '
        'role="region" aria-label="Stappen">' in html
    )
    assert '<table class="utrecht-table utrecht-table--html-table">' in html
    assert '<caption class="utrecht-table__caption">Afgesproken stappen</caption>' in html
    assert html.index("<caption") < html.index("<tbody>") < html.index("</table>") < html.index("</div>")


def test_the_label_defaults_to_the_caption_and_a_caption_block_may_hold_template_code():
    html = render(
        '{% table label="Klanten" %}{% caption %}{{ n }} klant{{ n|pluralize:"en" }}{% endcaption %}'
        "<tbody></tbody>{% endtable %}",
        n=3,
    )
    assert 'aria-label="Klanten"' in html and ">3 klanten</caption>" in html
    assert 'aria-label="Trekkingen"' in render('{% table caption="Trekkingen" %}{% endtable %}')


def test_a_hidden_caption_is_still_read_out_and_an_extra_class_reaches_the_table():
    html = render(
        '{% table caption="Signalen" caption_hidden=True extra_class="meedoen-trace" %}{% endtable %}'
    )
    assert 'class="utrecht-table__caption meedoen-visually-hidden">Signalen</caption>' in html
    assert 'class="utrecht-table utrecht-table--html-table meedoen-trace"' in html
    css = (WEB / "static" / "meedoen" / "site.css").read_text()
    assert ".meedoen-visually-hidden {" in css


def test_values_are_escaped():
    html = render("{% table caption=name %}{% endtable %}", name="<script>")
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_a_table_without_a_caption_or_with_an_unknown_option_is_refused():
    with pytest.raises(TemplateSyntaxError, match="caption"):
        render("{% table %}<tbody></tbody>{% endtable %}")
    with pytest.raises(TemplateSyntaxError, match="takes only"):
        render('{% table caption="x" sortable=True %}{% endtable %}')
