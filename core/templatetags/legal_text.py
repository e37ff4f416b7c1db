"""``{{ page.body|legal_text }}``: a legal page's plain text as safe HTML
(``core.legal_text``)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from core.legal_text import render_legal_text

register = template.Library()


@register.filter(name="legal_text")
def legal_text(value: str) -> SafeString:
    return render_legal_text(value or "")
