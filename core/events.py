"""The catalogue of audit verbs: what the audit log can say happened.

Each app declares the verbs its services record in its own ``events.py``, as a subclass of
``AuditVerb`` (``accounts.events.AccountVerb.USER_REGISTERED``); ``audit_log`` accepts
nothing else, so every verb stored is one listed here. The values are the strings stored
in ``AuditEvent.verb`` and must never change: data already stored uses them. Notifications
and webhooks will name their events with the same constants; ``all_verbs()`` lists them.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.module_loading import autodiscover_modules


class AuditVerb(StrEnum):
    """The base of every app's catalogue: ``<noun>.<past participle>``."""


def verb_catalogues() -> list[type[AuditVerb]]:
    """Every app's catalogue, after importing each installed app's ``events`` module."""
    autodiscover_modules("events")
    found: list[type[AuditVerb]] = []
    pending = list(AuditVerb.__subclasses__())
    while pending:
        catalogue = pending.pop()
        found.append(catalogue)
        pending.extend(catalogue.__subclasses__())
    return sorted(found, key=lambda catalogue: f"{catalogue.__module__}.{catalogue.__qualname__}")


def all_verbs() -> dict[str, AuditVerb]:
    """Every verb of every catalogue, by its stored value."""
    verbs: dict[str, AuditVerb] = {}
    for catalogue in verb_catalogues():
        for verb in catalogue:
            if verb.value in verbs:
                raise ValueError(f"{verb.value} is declared twice ({catalogue.__qualname__})")
            verbs[verb.value] = verb
    return verbs


class CoreVerb(AuditVerb):
    """What the platform itself publishes: its legal pages."""

    LEGAL_PAGE_UPDATED = "legal_page.updated"
