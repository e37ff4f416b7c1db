"""Every change to legal acts, their versions and the provisions of a draft version."""

from acts.services.acts import ACT_FIELDS, act_adopt, act_create, act_update, act_withdraw
from acts.services.provisions import (
    provision_delete,
    provision_merge,
    provision_split,
    provision_update,
)
from acts.services.versions import version_create, version_publish, version_reparse

__all__ = [
    "ACT_FIELDS",
    "act_adopt",
    "act_create",
    "act_update",
    "act_withdraw",
    "provision_delete",
    "provision_merge",
    "provision_split",
    "provision_update",
    "version_create",
    "version_publish",
    "version_reparse",
]
