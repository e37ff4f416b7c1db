"""Template tags of a page's slots (``core.sections``): the sections other apps add, and
their stylesheets.

``{% page_sections "acts.act_detail" act=act current=current %}`` renders the slot's
sections with those arguments; ``{% page_section_stylesheets "acts.act_detail" as sheets %}``
gives the static paths of their stylesheets, for the page's head.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from core.sections import sections_in

register = template.Library()


@register.simple_tag(takes_context=True)
def page_sections(context: template.Context, slot: str, **arguments: Any) -> SafeString:
    # Each section renders its own template, which escapes what it shows.
    return mark_safe("".join(section.render(context, arguments) for section in sections_in(slot)))


@register.simple_tag
def page_section_stylesheets(slot: str) -> list[str]:
    return list(
        dict.fromkeys(sheet for section in sections_in(slot) for sheet in section.stylesheets)
    )
