"""Every change to people, organisations and memberships: one module each.

Callers name the service through this package (``from accounts import services``,
``services.membership_approve``), whichever module it lives in.
"""

from accounts.services.api_tokens import (
    api_token_create,
    api_token_revoke,
    api_tokens_revoke_all,
)
from accounts.services.identity import (
    organisation_change_approve,
    organisation_change_reject,
    organisation_claim_dismiss,
    organisation_claim_file,
    organisation_claim_uphold,
)
from accounts.services.memberships import (
    membership_approve,
    membership_decline,
    membership_request,
    membership_revoke,
    membership_set_role,
)
from accounts.services.organisations import (
    ORGANISATION_FIELDS,
    organisation_register,
    organisation_reject,
    organisation_update,
    organisation_verify,
)
from accounts.services.two_factor import (
    CodeCheck,
    TwoFactorEnabled,
    recovery_codes_regenerate,
    two_factor_check,
    two_factor_disable,
    two_factor_enable,
)
from accounts.services.users import (
    user_password_reset_request,
    user_register,
    user_update_profile,
    user_verification_email_request,
    user_verify_email,
)

__all__ = [
    "ORGANISATION_FIELDS",
    "CodeCheck",
    "TwoFactorEnabled",
    "api_token_create",
    "api_token_revoke",
    "api_tokens_revoke_all",
    "membership_approve",
    "membership_decline",
    "membership_request",
    "membership_revoke",
    "membership_set_role",
    "organisation_change_approve",
    "organisation_change_reject",
    "organisation_claim_dismiss",
    "organisation_claim_file",
    "organisation_claim_uphold",
    "organisation_register",
    "organisation_reject",
    "organisation_update",
    "organisation_verify",
    "recovery_codes_regenerate",
    "two_factor_check",
    "two_factor_disable",
    "two_factor_enable",
    "user_password_reset_request",
    "user_register",
    "user_update_profile",
    "user_verification_email_request",
    "user_verify_email",
]
