"""The consultations app's models: legal acts and their versions; consultations, comments, answers."""

from consultations.models.acts import (
    ActType,
    ActStatus,
    SourceKind,
    ProvisionKind,
    Topic,
    LegalActQuerySet,
    LegalAct,
    version_upload_to,
    ActVersionQuerySet,
    ActVersion,
    Provision,
)

__all__ = [
    "ActType",
    "ActStatus",
    "SourceKind",
    "ProvisionKind",
    "Topic",
    "LegalActQuerySet",
    "LegalAct",
    "version_upload_to",
    "ActVersionQuerySet",
    "ActVersion",
    "Provision",
]
