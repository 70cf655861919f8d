"""Snowflake network policies allow only named networks."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding, ResourceView
from ..facts.tokens import SNOWFLAKE_NETWORK_POLICY

NETWORK_POLICY = SNOWFLAKE_NETWORK_POLICY
OPEN = ("0.0.0.0/0", "0.0.0.0", "::/0")


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """allowedIpLists or allowedNetworkRuleLists non-empty; no allowed IP range is the internet.

    Network rules named in allowedNetworkRuleLists are trusted here; their value lists are
    not read."""
    ips = as_list(view.need("allowedIpLists"))
    rules = as_list(view.need("allowedNetworkRuleLists"))
    if not ips and not rules:
        yield view.violation(
            f"network policy [{view.name}] allows every address (no allowedIpLists or "
            "allowedNetworkRuleLists)"
        )
    opened = [ip for ip in ips if isinstance(ip, str) and ip.strip() in OPEN]
    if opened:
        yield view.violation(f"network policy [{view.name}] allows {opened}: the whole internet")


RULE = Rule(
    id="snowflake-network-policy-restricted",
    description=(
        "Snowflake network policies allow named networks only: allowedIpLists or "
        "allowedNetworkRuleLists is non-empty and no allowed range is 0.0.0.0/0."
    ),
    severity="high",
    remediation=(
        "List the callers' egress addresses (CIDRs) in allowedIpLists, or reference network "
        "rules in allowedNetworkRuleLists; never 0.0.0.0/0."
    ),
    resource_types=(NETWORK_POLICY,),
    check=check,
    mapped=("CIS-SF 3.1", "CIS-SF 3.2"),
)
