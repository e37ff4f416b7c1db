"""What the accounts services record in the audit log (see ``core.events``)."""

from __future__ import annotations

from core.events import AuditVerb


class AccountVerb(AuditVerb):
    USER_REGISTERED = "user.registered"
    USER_EMAIL_VERIFIED = "user.email_verified"
    USER_PROFILE_UPDATED = "user.profile_updated"
    USER_API_TOKEN_CREATED = "user.api_token_created"
    USER_API_TOKEN_REVOKED = "user.api_token_revoked"
    USER_API_TOKENS_REVOKED = "user.api_tokens_revoked"
    ORGANISATION_REGISTERED = "organisation.registered"
    ORGANISATION_UPDATED = "organisation.updated"
    ORGANISATION_VERIFIED = "organisation.verified"
    ORGANISATION_REJECTED = "organisation.rejected"
    ORGANISATION_CHANGE_REQUESTED = "organisation.change_requested"
    ORGANISATION_CHANGE_APPROVED = "organisation.change_approved"
    ORGANISATION_CHANGE_REJECTED = "organisation.change_rejected"
    ORGANISATION_CLAIM_FILED = "organisation.claim_filed"
    ORGANISATION_CLAIM_UPHELD = "organisation.claim_upheld"
    ORGANISATION_CLAIM_DISMISSED = "organisation.claim_dismissed"
    MEMBERSHIP_REQUESTED = "membership.requested"
    MEMBERSHIP_APPROVED = "membership.approved"
    MEMBERSHIP_DECLINED = "membership.declined"
    MEMBERSHIP_REVOKED = "membership.revoked"
    MEMBERSHIP_ROLE_CHANGED = "membership.role_changed"
    TWO_FACTOR_ENABLED = "user.two_factor_enabled"
    TWO_FACTOR_DISABLED = "user.two_factor_disabled"
    TWO_FACTOR_CODE_FAILED = "user.two_factor_code_failed"
    RECOVERY_CODES_REGENERATED = "user.recovery_codes_regenerated"
    RECOVERY_CODE_USED = "user.recovery_code_used"
