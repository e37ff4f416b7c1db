"""Who an event is for: a user (with preferences, an inbox and a language) or an address
without an account (an e-mail subscriber, told at once by e-mail only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Address:
    """Someone without an account. ``unsubscribe_url`` is the absolute one-click address
    that ends their subscription (``List-Unsubscribe``); empty, the mail has none."""

    email: str
    language: str = "pl"
    unsubscribe_url: str = ""


Recipient: TypeAlias = "User | Address"
