"""Every change to API tokens: making one, revoking one, revoking all of a user's (at a
password reset or change)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts import api_tokens, permissions
from accounts.events import AccountVerb
from accounts.models import ApiToken, User
from core.exceptions import NotAllowed
from core.services import audit_log


@transaction.atomic
def api_token_create(*, user: User, label: str = "") -> ApiToken:
    """Make a token for ``user`` that expires after ``API_TOKEN_TTL_DAYS``; gives the
    token with its ``key``, which is stored only as a hash, so this is the one time anyone
    sees it. The user's other tokens keep working. Audited."""
    now = timezone.now()
    key = api_tokens.new_key()
    token = ApiToken.objects.create(
        user=user,
        label=label.strip()[: ApiToken._meta.get_field("label").max_length],
        key_hash=api_tokens.key_hash(key),
        prefix=api_tokens.key_prefix(key),
        created_at=now,
        expires_at=api_tokens.expiry_from(now),
    )
    audit_log(
        actor=user,
        verb=AccountVerb.USER_API_TOKEN_CREATED,
        target=user,
        data={"token": token.pk, "prefix": token.prefix, "expires_at": token.expires_at},
    )
    token.key = key
    return token


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Stop one token working at once: its user or an administrator. Revoking a revoked
    token changes nothing. Audited."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not permissions.can_revoke_api_token(actor, token):
        raise NotAllowed()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(
            actor=actor,
            verb=AccountVerb.USER_API_TOKEN_REVOKED,
            target=token.user,
            data={"token": token.pk, "prefix": token.prefix},
        )
    return token


@transaction.atomic
def api_tokens_revoke_all(*, user: User, actor: User | None, reason: str) -> int:
    """Stop every token of ``user`` working (a new password: whoever knew the old one
    may have made a token with it). Gives how many were revoked; audited when any was,
    with ``reason`` (``password_reset``, ``password_change``)."""
    now = timezone.now()
    revoked = ApiToken.objects.filter(user=user).usable_at(now).update(revoked_at=now)
    if revoked:
        audit_log(
            actor=actor,
            verb=AccountVerb.USER_API_TOKENS_REVOKED,
            target=user,
            data={"count": revoked, "reason": reason},
        )
    return revoked
