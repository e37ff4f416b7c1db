"""The council's documents (``documents.registry``): the position as a resolution."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

POSITION = "position"
POSITION_SLOT = "opinions.position"


def _load_position(pk: int) -> Any:
    from opinions.models import Position

    return Position.objects.select_related("term", "council", "request").filter(pk=pk).first()


def _position_data(position: Any) -> Any:
    from opinions.selectors import position_document_data

    return position_document_data(position=position)


def _position_title(position: Any, data: Any) -> str:
    if data.number_label:
        return gettext("Resolution no. %(number)s of %(council)s") % {
            "number": data.number_label,
            "council": data.council_name,
        }
    return gettext("Draft position: %(subject)s") % {"subject": data.subject}


def _can_view_position(viewer: Any, position: Any) -> bool:
    from opinions.permissions import can_view_position

    return can_view_position(viewer, position)


def register() -> None:
    from documents.registry import DocumentKind, register

    register(
        DocumentKind(
            name=POSITION,
            label=_("council position"),
            load=_load_position,
            can_view=_can_view_position,
            data=_position_data,
            template="pdf/position.html",
            title=_position_title,
            page_slot=POSITION_SLOT,
        )
    )
