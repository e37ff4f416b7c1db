from __future__ import annotations

import re

from django.utils import translation
from django.utils.html import escape


def polish(message) -> str:
    """The message as a Polish page shows it (HTML-escaped), whatever the catalogue holds."""
    with translation.override("pl"):
        return escape(str(message))


def html_lang(response) -> str:
    match = re.search(r'<html lang="([a-z-]+)"', response.content.decode())
    return match.group(1) if match else ""
