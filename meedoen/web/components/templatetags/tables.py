"""``{% table %}``: the one way a page writes a table (components/table.html).

    {% load tables %}
    {% table label="Klanten" %}
      {% caption %}{{ rows|length }} klant{{ rows|length|pluralize:"en" }}{% endcaption %}
      <thead class="utrecht-table__header">...</thead>
      <tbody class="utrecht-table__body">...</tbody>
    {% endtable %}

Options: ``caption`` (text; or a ``{% caption %}`` block for one with template code), ``label`` (the
name of the scroll region a screen reader announces; defaults to the caption), ``caption_hidden``
(the caption is read out but not shown, where a heading right above says the same) and
``extra_class`` (one more class on the table). A table without a caption is refused when the
template is rendered: a screen reader user needs to know what a table is before its cells.
"""

from __future__ import annotations

from django import template
from django.template.base import NodeList, token_kwargs
from django.utils.safestring import mark_safe

register = template.Library()
TEMPLATE = "components/table.html"
OPTIONS = frozenset({"caption", "label", "caption_hidden", "extra_class"})


class CaptionNode(template.Node):
    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        return ""  # rendered by the TableNode around it, in the table's caption


class TableNode(template.Node):
    def __init__(self, nodelist: NodeList, options: dict) -> None:
        self.nodelist = nodelist
        self.options = options

    def render(self, context: template.Context) -> str:
        values = {name: value.resolve(context) for name, value in self.options.items()}
        captions = [node for node in self.nodelist if isinstance(node, CaptionNode)]
        caption = (
            mark_safe(captions[0].nodelist.render(context).strip()) if captions else values.get("caption", "")
        )
        if not caption:
            raise template.TemplateSyntaxError("{% table %} needs a caption (caption=... or {% caption %})")
        values["caption"] = caption
        values.setdefault("label", caption)
        values["body"] = mark_safe(self.nodelist.render(context).strip())  # rendered (escaped) above
        with context.push(**values):
            return context.template.engine.get_template(TEMPLATE).render(context)


@register.tag("table")
def table(parser: template.base.Parser, token: template.base.Token) -> TableNode:
    bits = token.split_contents()[1:]
    options = token_kwargs(bits, parser)
    if bits or not set(options) <= OPTIONS:
        raise template.TemplateSyntaxError(f"{{% table %}} takes only {', '.join(sorted(OPTIONS))}")
    nodelist = parser.parse(("endtable",))
    parser.delete_first_token()
    return TableNode(nodelist, options)


@register.tag("caption")
def caption(parser: template.base.Parser, token: template.base.Token) -> CaptionNode:
    nodelist = parser.parse(("endcaption",))
    parser.delete_first_token()
    return CaptionNode(nodelist)
