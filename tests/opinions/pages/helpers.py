from __future__ import annotations

from django.utils import translation
from django.utils.html import escape


def polish(message, **params) -> str:
    """The message as a Polish page shows it (HTML-escaped), whatever the catalogue holds:
    a msgid is translated, a lazy message rendered; ``params`` fill its placeholders (each
    translated too)."""
    with translation.override("pl"):
        text = translation.gettext(message) if isinstance(message, str) else str(message)
        if params:
            text = text % {key: str(value) for key, value in params.items()}
        return escape(text)


def not_a_draft(status) -> str:
    """The refusal of a change to a position that is no longer a draft, as shown."""
    return polish(
        "This position is %(status)s, so it can no longer be changed. Only drafts can be "
        "edited or amended.",
        status=status.label,
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def vote_of(position):
    """The position's newest vote."""
    return position.votes.order_by("-opened_at", "-pk").first()
