from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.utils.translation import gettext as _

from core.events import AuditVerb, CoreVerb
from core.exceptions import NotAllowed
from core.models import AuditEvent, LegalPage


def audit_log(
    *, actor: Any, verb: AuditVerb, target: models.Model, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Record one state change. Call it inside the service's transaction, after the write,
    so the event exists exactly when the change does. ``verb`` comes from an app's
    catalogue (``core.events``), never a bare string."""
    if not isinstance(verb, AuditVerb):
        raise TypeError(f"{verb!r} is not in a catalogue of audit verbs (core.events).")
    event = AuditEvent(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        data=data or {},
    )
    event.save(force_insert=True, using=router.db_for_write(AuditEvent))
    return event


@transaction.atomic
def legal_page_update(*, page: LegalPage, title: str, body: str, actor: Any) -> LegalPage:
    """Replace a legal page's title and text. Administrators only (``NotAllowed``
    otherwise); both must be non-empty. Audited with the fields that changed, and the
    previous text, so that what was published when can be told later."""
    if not (actor is not None and actor.is_authenticated and actor.is_active and actor.is_staff):
        raise NotAllowed(_("Only administrators can change the legal pages."))
    # Browsers send a textarea's lines ending in CRLF; the text is stored with LF.
    title, body = title.strip(), body.replace("\r\n", "\n").strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the page a title.")
    if not body:
        errors["body"] = _("Write the text of the page.")
    if errors:
        raise ValidationError(errors)
    page = LegalPage.objects.select_for_update().get(pk=page.pk)
    changed = [
        name for name, value in (("title", title), ("body", body)) if getattr(page, name) != value
    ]
    if not changed:
        return page
    previous = {"title": page.title, "body": page.body}
    page.title, page.body, page.updated_by = title, body, actor
    page.save(update_fields=["title", "body", "updated_by", "updated_at"])
    audit_log(
        actor=actor,
        verb=CoreVerb.LEGAL_PAGE_UPDATED,
        target=page,
        data={"kind": page.kind, "changed": changed, "previous": previous},
    )
    return page
