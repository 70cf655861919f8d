"""What an allow-list of address ranges must not hold: ranges nobody has, or everybody.

Documentation ranges: no client ever has one of these addresses. An allow-list entry
in one of them admits nobody, so a network policy listing it is a placeholder that was
never replaced (every stack file here once listed 203.0.113.0/24).
Sources: RFC 5737 section 3 (IPv4: TEST-NET-1, -2, -3) and RFC 3849 (IPv6).

The whole address space: `0.0.0.0/0`, or entries that add up to it (`0.0.0.0/1` and
`128.0.0.0/1`), admit the whole internet; likewise `::/0` for IPv6. One home: the stack config
refuses such lists (vocabulary re-exports this module) and the pack's access rules flag them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

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


def world_open(values: Iterable[str]) -> str | None:
    """The whole address space (`0.0.0.0/0` or `::/0`) that `values` (addresses or CIDRs)
    cover together, else None. Entries that do not parse are left to other checks."""
    networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            continue
    for version in (4, 6):
        same = [n for n in networks if n.version == version]
        if any(n.prefixlen == 0 for n in ipaddress.collapse_addresses(same)):  # type: ignore[type-var]
            return "0.0.0.0/0" if version == 4 else "::/0"
    return None
