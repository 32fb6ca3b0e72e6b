"""Which address a request came from, behind trusted reverse proxies (the throttles' key).

A request through a reverse proxy reaches the app from the proxy's address, so every browser
would share one sign-in and client-link throttle. ``X-Forwarded-For`` names the real one, but any
browser can write that header, so it is read only when the peer is a proxy the operator listed in
``PERIODIZE_TRUSTED_PROXIES`` (addresses or networks, comma-separated). Then the header is read
from its right end, skipping the listed proxies: the first other address is the one the nearest
trusted proxy saw, which the browser cannot forge; anything left of it can be forged and is ignored.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

TRUSTED_PROXIES = "PERIODIZE_TRUSTED_PROXIES"
LOOPBACK = "127.0.0.1"
_HOPS = 20  # a longer chain is not one the operator built; its far end is not read

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class TrustedProxies:
    """The reverse proxies whose ``X-Forwarded-For`` is believed (none unless configured)."""

    networks: tuple[Network, ...] = ()

    def trusts(self, address: str) -> bool:
        found = _ip(address)
        return found is not None and any(found in network for network in self.networks)


def parse_trusted_proxies(setting: str) -> tuple[TrustedProxies, list[str]]:
    """The proxies ``PERIODIZE_TRUSTED_PROXIES`` lists, and the entries that are not an address or
    a network (left out: an unreadable entry trusts nobody)."""
    networks: list[Network] = []
    unreadable: list[str] = []
    for entry in setting.replace(";", ",").split(","):
        if not (entry := entry.strip()):
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            unreadable.append(entry[:60])
    return TrustedProxies(tuple(networks)), unreadable


def client_address(
    peer: str | None, forwarded_for: Iterable[str], proxies: TrustedProxies
) -> str | None:
    """The browser's address: ``peer`` (None: this machine, as Streamlit reports it) unless the
    peer is a trusted proxy; then the right-most address in ``forwarded_for`` (every
    ``X-Forwarded-For`` header's value, in order) that is not a trusted proxy."""
    if not proxies.trusts(peer or LOOPBACK):
        return peer
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops[-_HOPS:]):
        if not proxies.trusts(hop):
            return str(_ip(hop)) if _ip(hop) is not None else peer  # garbage: the proxy's own
    return peer


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    candidate = text.strip()
    if candidate.startswith("[") and "]" in candidate:  # [2001:db8::1]:443
        candidate = candidate[1 : candidate.index("]")]
    elif candidate.count(":") == 1:  # 203.0.113.5:443
        candidate = candidate.split(":")[0]
    try:
        return ipaddress.ip_address(candidate.split("%")[0])
    except ValueError:
        return None
