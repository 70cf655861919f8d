"""The Snowflake end of a connection: its user, the user's network policy, its key.

Snowflake refuses a login whose client address the user's network policy does not admit
("Controlling network traffic with network policies", docs.snowflake.com/en/user-guide/
network-policies). Through a NAT gateway the client address is the NAT's Elastic IP;
through PrivateLink it is a private address of the VPC. A policy entry taken from the
Elastic IP's `publicIp` output is unknown until apply: the policy's dependency on the
Elastic IP says it admits it. A literal entry admits the address only if it covers it; an
entry that is no public address (a documentation range such as 203.0.113.0/24, RFC 5737,
or a private range) can never admit a NAT's address.

Authentication is key-pair: the user's `rsaPublicKey` (or `rsaPublicKey2`) must come from
the same `tls.PrivateKey` that feeds the connection secret. Both are followed by
dependency; no secret value is read.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from ..core.index import StackIndex
from ..core.values import as_list, is_set, is_unknown
from ..core.view import ResourceView
from ..facts.tokens import (
    SNOWFLAKE_NETWORK_POLICY,
    SNOWFLAKE_NETWORK_POLICY_ATTACHMENT,
    TLS_PRIVATE_KEY,
)
from .journey import Hop, broken, ok, unknown
from .network_refs import follow, label

NETWORK_POLICY = SNOWFLAKE_NETWORK_POLICY
POLICY_ATTACHMENT = SNOWFLAKE_NETWORK_POLICY_ATTACHMENT
PRIVATE_KEY = TLS_PRIVATE_KEY
KEY_PROPS = ("rsaPublicKey", "rsaPublicKey2")
ADMITS = "network policy admits Airflow's addresses"


def policy_hop(
    index: StackIndex,
    user: ResourceView,
    addresses: Sequence[ResourceView],
    private_cidrs: Sequence[str],
) -> Hop:
    """The user's network policy admits every address the connection leaves from."""
    named = user.get("networkPolicy")
    policies = follow(index, user, "networkPolicy", (NETWORK_POLICY,)).views
    if not policies and not is_set(named):
        return ok(ADMITS, f"{label(user)} has no user-level network policy", user)
    if not policies:
        return unknown(ADMITS, f"the network policy of {label(user)} is outside the program", user)
    policy = policies[0]
    entries = as_list(policy.get("allowedIpLists"))
    if private_cidrs:
        if any(_overlaps(e, private_cidrs) for e in entries):
            return ok(ADMITS, f"{label(policy)} admits the VPC's private addresses", policy)
        return broken(
            ADMITS,
            f"{label(policy)} admits none of the VPC's private addresses "
            f"({', '.join(private_cidrs)}) that PrivateLink traffic comes from",
            policy,
        )
    if not addresses:
        return unknown(ADMITS, "the addresses Airflow leaves from are not known", policy)
    for address in addresses:
        verdict = _admits(policy, entries, address)
        if verdict != "yes":
            public = [e for e in entries if isinstance(e, str) and _is_public(e)]
            detail = (
                f"{label(policy)} does not take {label(address)}'s publicIp, the address "
                f"Airflow leaves from; it lists {[str(e) for e in entries]}"
            )
            if verdict == "no" or not public:
                suffix = "" if public else " (no public address: documentation or private ranges)"
                return broken(ADMITS, detail + suffix, policy)
            return unknown(ADMITS, detail + ", known only after apply", policy)
    return ok(ADMITS, f"{label(policy)} admits {', '.join(label(a) for a in addresses)}", policy)


def _admits(policy: ResourceView, entries: list[object], address: ResourceView) -> str:
    depends = address.urn in (policy.property_dependencies.get("allowedIpLists") or ())
    depends = depends or address.urn in policy.dependencies
    if depends and any(is_unknown(e) for e in entries):
        return "yes"
    ip = address.output("publicIp")
    if isinstance(ip, str) and not is_unknown(ip):
        return "yes" if any(_overlaps(e, (ip,)) for e in entries) else "no"
    return "yes" if depends else "unknown"


def _overlaps(entry: object, cidrs: Sequence[str]) -> bool:
    if not isinstance(entry, str):
        return False
    try:
        network = ipaddress.ip_network(entry.strip(), strict=False)
        return any(network.overlaps(ipaddress.ip_network(c, strict=False)) for c in cidrs)
    except ValueError:
        return False


def _is_public(entry: str) -> bool:
    try:
        return ipaddress.ip_network(entry.strip(), strict=False).is_global
    except ValueError:
        return False


def login_hop(index: StackIndex, user: ResourceView, keys: Sequence[ResourceView]) -> Hop:
    """The user holds a public key of the PrivateKey that feeds the connection's secret."""
    name = "key-pair login"
    if not keys:
        return unknown(name, "the secret's key comes from outside the program", user)
    key_urns = {k.urn for k in keys}
    for prop in KEY_PROPS:
        deps = user.property_dependencies.get(prop) or user.dependencies
        if is_set(user.get(prop)) and key_urns & set(deps):
            key = next(k for k in keys if k.urn in deps)
            return ok(name, f"{label(user)} {prop} comes from {label(key)}, which feeds the secret")
    return broken(
        name,
        f"{label(user)} holds no public key of "
        f"{', '.join(label(k) for k in keys)}, which feeds the secret",
        user,
    )


def secret_keys(index: StackIndex, version: ResourceView | None) -> list[ResourceView]:
    """The tls.PrivateKeys a secret version's value is made from (by dependency)."""
    if version is None:
        return []
    deps = version.property_dependencies.get("secretString") or version.dependencies
    return [
        index.by_urn[u] for u in deps if u in index.by_urn and index.by_urn[u].type == PRIVATE_KEY
    ]
