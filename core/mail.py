"""Render and send one e-mail from ``templates/emails/<event>/{subject.txt,body.txt,body.html}``.

Rendered in the recipient's language. The notifications app will add preferences,
digests and batching; account e-mails (verification, password reset) go through here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def render_mail(*, template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    full_context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}/subject.txt", full_context)
        text = render_to_string(f"emails/{template}/body.txt", full_context)
        html = render_to_string(f"emails/{template}/body.html", full_context)
    return " ".join(subject.split()), text, html


def send_templated_mail(
    *, to: str, template: str, context: dict[str, Any], language: str = "pl"
) -> None:
    subject, text, html = render_mail(template=template, context=context, language=language)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()
