"""Every change in the consultations app."""

from consultations.services.acts import (
    ACT_FIELDS,
    act_create,
    act_update,
    act_withdraw,
    act_adopt,
    version_create,
    version_reparse,
    version_publish,
    provision_update,
    provision_split,
    provision_merge,
    provision_delete,
)

__all__ = [
    "ACT_FIELDS",
    "act_create",
    "act_update",
    "act_withdraw",
    "act_adopt",
    "version_create",
    "version_reparse",
    "version_publish",
    "provision_update",
    "provision_split",
    "provision_merge",
    "provision_delete",
]
