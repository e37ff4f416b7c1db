"""What the acts services record in the audit log (see ``core.events``)."""

from __future__ import annotations

from core.events import AuditVerb


class ActVerb(AuditVerb):
    """Legal acts, their versions and provisions."""

    LEGAL_ACT_CREATED = "legal_act.created"
    LEGAL_ACT_UPDATED = "legal_act.updated"
    LEGAL_ACT_PUBLISHED = "legal_act.published"
    LEGAL_ACT_ADOPTED = "legal_act.adopted"
    LEGAL_ACT_WITHDRAWN = "legal_act.withdrawn"
    ACT_VERSION_CREATED = "act_version.created"
    ACT_VERSION_REPARSED = "act_version.reparsed"
    ACT_VERSION_PUBLISHED = "act_version.published"
    PROVISION_UPDATED = "provision.updated"
    PROVISION_SPLIT = "provision.split"
    PROVISION_MERGED = "provision.merged"
    PROVISION_DELETED = "provision.deleted"
