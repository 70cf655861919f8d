"""No security group admits traffic from the whole internet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding, ResourceView
from ..facts.tokens import (
    EC2_SECURITY_GROUP,
    EC2_SECURITY_GROUP_RULE,
    VPC_SECURITY_GROUP_INGRESS_RULE,
)

GROUP = EC2_SECURITY_GROUP
RULE_TYPE = EC2_SECURITY_GROUP_RULE
INGRESS_RULE = VPC_SECURITY_GROUP_INGRESS_RULE
OPEN = ("0.0.0.0/0", "::/0")


def _open(cidrs: Any) -> list[str]:
    return [c for c in as_list(cidrs) if c in OPEN]


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """Inline ingress, ingress SecurityGroupRules and vpc ingress rules are all checked."""
    if view.type == GROUP:
        blocks = [
            (r.get("cidrBlocks"), r.get("ipv6CidrBlocks"), r.get("fromPort"))
            for r in as_list(view.need("ingress"))
            if isinstance(r, dict)
        ]
    elif view.type == RULE_TYPE:
        if view.need("type") != "ingress":
            return
        blocks = [(view.need("cidrBlocks"), view.need("ipv6CidrBlocks"), view.get("fromPort"))]
    else:
        blocks = [(view.need("cidrIpv4"), view.need("cidrIpv6"), view.get("fromPort"))]
    for v4, v6, port in blocks:
        opened = _open(v4) + _open(v6)
        if opened:
            yield view.violation(f"{view.type} [{view.name}] admits {opened} (port {port})")


RULE = Rule(
    id="security-group-no-public-ingress",
    description="No security group ingress admits 0.0.0.0/0 or ::/0.",
    severity="high",
    remediation="Restrict ingress to the VPC's CIDRs, a prefix list or other security groups.",
    resource_types=(GROUP, RULE_TYPE, INGRESS_RULE),
    check=check,
    mapped=(
        "CKV_AWS_24",
        "CKV_AWS_25",
        "CKV_AWS_260",
        "CKV_AWS_277",
        "AwsSolutions-EC23",
        "FSBP EC2.13",
        "FSBP EC2.14",
        "FSBP EC2.18",
    ),
)
