"""Snowflake network policies, with their network rules, do not admit the whole internet."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list, is_unknown
from ..core.view import Finding, NotEvaluated, ResourceView
from ..facts.address_ranges import world_open
from ..facts.tokens import SNOWFLAKE_NETWORK_POLICY, SNOWFLAKE_NETWORK_RULE
from ..snowflake.identifiers import ident

RULES = (SNOWFLAKE_NETWORK_RULE,)
# Network rules of these types and mode hold the addresses a network policy admits
# (Snowflake, CREATE NETWORK RULE: TYPE = IPV4 | IPV6 with MODE = INGRESS).
ADDRESS_TYPES = ("IPV4", "IPV6")


def check_stack(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """The allowed addresses of each policy, its own list and its rules' value lists together,
    may not add up to 0.0.0.0/0 or ::/0 (`0.0.0.0/1` plus `128.0.0.0/1` does)."""
    for policy in index.of_type(SNOWFLAKE_NETWORK_POLICY):
        try:
            yield from _judge(index, policy)
        except NotEvaluated as unknown:
            yield policy.not_evaluated(unknown.what)


def _judge(index: StackIndex, policy: ResourceView) -> Iterator[Finding]:
    addresses = [str(a) for a in as_list(policy.need("allowedIpLists")) if isinstance(a, str)]
    sources = ["allowedIpLists"] if addresses else []
    for name in as_list(policy.need("allowedNetworkRuleLists")):
        for rule in _rules(index, name):
            kind = rule.get("type")
            if is_unknown(kind) or ident(str(kind or "")) not in ADDRESS_TYPES:
                continue
            values = [str(v) for v in as_list(rule.need("valueLists")) if isinstance(v, str)]
            addresses += values
            sources.append(f"NetworkRule [{rule.name}]")
    whole = world_open(addresses)
    if whole is not None:
        yield policy.violation(
            f"NetworkPolicy [{policy.name}] admits the whole internet ({whole}) through "
            f"{', '.join(sources)}: {sorted(set(addresses))}; list the callers' egress "
            "addresses only"
        )


def _rules(index: StackIndex, name: object) -> list[ResourceView]:
    found = index.referenced(name, RULES)
    if found or not isinstance(name, str):
        return found
    wanted = ident(name.split(".")[-1])
    return [r for r in index.of_type(*RULES) if ident(str(r.get("name") or r.name)) == wanted]


RULE = Rule(
    id="access-snowflake-network-not-world-open",
    description=(
        "No Snowflake network policy admits the whole internet, counting the ranges of its "
        "network rules and ranges that add up to it (IPv4 and IPv6)."
    ),
    severity="high",
    remediation=(
        "List the callers' egress addresses (the NAT's Elastic IPs, the office ranges) in the "
        "policy or its INGRESS network rules; never ranges that together cover 0.0.0.0/0."
    ),
    resource_types=(SNOWFLAKE_NETWORK_POLICY, SNOWFLAKE_NETWORK_RULE),
    check_stack=check_stack,
    mapped=("CIS-SF 3.1", "CIS-SF 3.2"),
)
