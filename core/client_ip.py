"""The client's address, for rate limits and login lockouts.

``X-Forwarded-For`` is believed only when the request comes from a configured proxy
(``TRUSTED_PROXIES``, addresses or networks; none by default): anyone can send the
header, so believing it from anywhere would let a client pick a fresh address for every
attempt and never be throttled. Behind trusted proxies the header is read from the right,
skipping the proxies' own addresses; the first address that is not a trusted proxy is the
client. django-axes (``AXES_CLIENT_IP_CALLABLE``) and the API throttles (``core.api``)
both ask ``client_ip``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str], *, setting: str = "TRUSTED_PROXIES") -> list[Network]:
    """``["10.0.0.0/8", "192.0.2.7"]`` as networks; a malformed entry stops the start."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{setting} must list IP addresses or networks (CIDR), got {value!r}."
            ) from None
    return networks


@lru_cache(maxsize=8)
def _trusted(values: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(parse_networks(values))


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _is_trusted(value: str, proxies: tuple[Network, ...]) -> bool:
    address = _address(value)
    return address is not None and any(address in network for network in proxies)


def client_ip(request: Any) -> str | None:
    """The address of the client that sent ``request`` (a Django or a DRF request)."""
    meta = request.META
    remote = meta.get("REMOTE_ADDR") or None
    proxies = _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if remote is None or not proxies or not _is_trusted(remote, proxies):
        return remote
    hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    client = remote
    for hop in reversed([hop for hop in hops if hop]):
        if _address(hop) is None:
            # A malformed entry: whatever is left of it was not written by our proxies.
            break
        client = hop
        if not _is_trusted(hop, proxies):
            break
    return client
