"""Address ranges reserved for documentation: no client ever has one of these addresses.

An allow-list entry in one of them admits nobody, so a network policy listing it is a
placeholder that was never replaced (every stack file here once listed 203.0.113.0/24).
Sources: RFC 5737 section 3 (IPv4: TEST-NET-1, -2, -3) and RFC 3849 (IPv6).
"""

from __future__ import annotations

import ipaddress

DOCUMENTATION_RANGES = (
    ipaddress.ip_network("192.0.2.0/24"),  # RFC 5737 TEST-NET-1
    ipaddress.ip_network("198.51.100.0/24"),  # RFC 5737 TEST-NET-2
    ipaddress.ip_network("203.0.113.0/24"),  # RFC 5737 TEST-NET-3
    ipaddress.ip_network("2001:db8::/32"),  # RFC 3849
)


def documentation_range(value: str) -> str | None:
    """The documentation range `value` (an address or CIDR) falls in, else None."""
    try:
        network = ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        return None
    for reserved in DOCUMENTATION_RANGES:
        if network.version == reserved.version and network.subnet_of(reserved):  # type: ignore[arg-type]
            return str(reserved)
    return None
