from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from consultations.annotations import CommentAnnotation


def council_position_annotations(
    *, viewer: Any, comment_ids: list[int]
) -> dict[int, list[CommentAnnotation]]:
    """Under each NGO comment on the consultation page, the council positions ``viewer``
    may see that took it in: “Taken into the council's position “…”, item 3”, linking to
    the resolution once decided, else to the position's page. One query."""
    from django.urls import reverse
    from django.utils.translation import gettext

    from consultations.annotations import CommentAnnotation
    from opinions import selectors

    annotations: dict[int, list[CommentAnnotation]] = {}
    for comment_id, uses in selectors.provenance_for_comments(comment_ids, viewer=viewer).items():
        annotations[comment_id] = [
            CommentAnnotation(
                text=gettext("Taken into the council's position “%(subject)s”, item %(number)s")
                % {"subject": position.subject, "number": number},
                url=reverse(
                    # Decided positions are public as resolutions; drafts only to the council.
                    "council:resolution_detail"
                    if position.is_public
                    else "council:position_detail",
                    kwargs={"pk": position.pk},
                ),
            )
            for position, number in uses
        ]
    return annotations


COUNCIL_OFFICER_ROLE = "council_officer"


class OpinionsConfig(AppConfig):
    name = "opinions"
    verbose_name = _("Council opinions")

    def ready(self) -> None:
        # consultations may not import opinions: its page learns which council positions
        # used a comment through the annotator registry.
        from consultations.annotations import register_comment_annotator

        register_comment_annotator(council_position_annotations)

        from opinions import audit_rules

        audit_rules.register()

        # The council's chair and secretary may be required to use two-factor login.
        from accounts.two_factor import register_role
        from opinions.permissions import is_officer_of_a_current_term

        register_role(COUNCIL_OFFICER_ROLE, is_officer_of_a_current_term)
        from opinions import documents

        documents.register()

        from opinions import notifications

        notifications.register_event_types()
