"""Security groups in the network model: does a group let a connection out (or in)?

A security group filters by protocol, port and address (a CIDR, another group or a prefix
list), never by host name: egress "to Snowflake" is egress to 0.0.0.0/0 on 443, and
narrowing it to Snowflake's hosts needs a firewall that reads names (AWS Network Firewall),
which this model does not cover. Rules come in three shapes, all read here: the group's
inline `egress`/`ingress`, `aws:vpc` SecurityGroupEgressRule/IngressRule (one rule each)
and `aws:ec2` SecurityGroupRule (`type` egress or ingress).

A group the provider creates with no egress rule lets nothing out: AWS adds an allow-all
egress rule to a new group, and the provider removes it on create (terraform-provider-aws,
`aws_security_group`, "NOTE on Egress rules"; pulumi-aws wraps it). Groups are stateful,
so replies need no rule. Network ACLs are not modelled (a new VPC's default ACL admits
everything).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..core.index import StackIndex
from ..core.values import as_list, is_unknown
from ..core.view import ResourceView
from ..facts.tokens import (
    EC2_SECURITY_GROUP,
    EC2_SECURITY_GROUP_RULE,
    VPC_SECURITY_GROUP_EGRESS_RULE,
    VPC_SECURITY_GROUP_INGRESS_RULE,
)
from .network_refs import follow

SECURITY_GROUP = EC2_SECURITY_GROUP
EGRESS_RULE = VPC_SECURITY_GROUP_EGRESS_RULE
INGRESS_RULE = VPC_SECURITY_GROUP_INGRESS_RULE
GROUP_RULE = EC2_SECURITY_GROUP_RULE
Direction = Literal["egress", "ingress"]
Admits = Literal["yes", "no", "unknown"]
ANY_PROTOCOL = ("-1", "all")
TCP = ("tcp", "6")


@dataclass(frozen=True)
class Peer:
    """The other end of a connection as a security group rule can name it.

    `cidrs`: the addresses it may have (all must be covered); `groups`: its security
    groups; `prefix_list`: it is a gateway endpoint's service (its prefix list counts).
    """

    port: int
    cidrs: tuple[str, ...] = ()
    groups: tuple[ResourceView, ...] = ()
    prefix_list: bool = False


@dataclass(frozen=True)
class _Permission:
    protocol: str
    from_port: int | None
    to_port: int | None
    cidrs: tuple[str, ...]
    groups: tuple[str, ...]
    prefix_lists: bool
    unknown: bool


def admits(index: StackIndex, group: ResourceView, direction: Direction, peer: Peer) -> Admits:
    """Whether `group` admits TCP to (egress) or from (ingress) `peer` on its port."""
    verdicts = [_admits(p, peer) for p in _permissions(index, group, direction)]
    if "yes" in verdicts:
        return "yes"
    return "unknown" if "unknown" in verdicts else "no"


def _admits(permission: _Permission, peer: Peer) -> Admits:
    if permission.unknown:
        return "unknown"
    if permission.protocol not in (*ANY_PROTOCOL, *TCP):
        return "no"
    if permission.protocol not in ANY_PROTOCOL and not (
        permission.from_port is not None
        and permission.to_port is not None
        and permission.from_port <= peer.port <= permission.to_port
    ):
        return "no"
    group_ids = {g.urn for g in peer.groups}
    if group_ids & set(permission.groups):
        return "yes"
    if peer.prefix_list and permission.prefix_lists:
        return "yes"
    if peer.cidrs and all(_covered(c, permission.cidrs) for c in peer.cidrs):
        return "yes"
    return "no"


def _covered(cidr: str, by: tuple[str, ...]) -> bool:
    target = ipaddress.ip_network(cidr, strict=False)
    for rule in by:
        try:
            network = ipaddress.ip_network(rule, strict=False)
        except ValueError:
            continue
        if network.version == target.version and target.subnet_of(network):  # type: ignore[arg-type]
            return True
    return False


def _permissions(
    index: StackIndex, group: ResourceView, direction: Direction
) -> Iterator[_Permission]:
    for inline in as_list(group.get(direction)):
        if is_unknown(inline) or not isinstance(inline, dict):
            yield _Permission("-1", None, None, (), (), False, True)
            continue
        groups = _group_urns(index, group, inline.get("securityGroups"))
        if inline.get("self"):
            groups = (*groups, group.urn)
        yield _permission(
            inline,
            "protocol",
            _strings(inline.get("cidrBlocks")),
            groups,
            bool(as_list(inline.get("prefixListIds"))),
        )
    single = EGRESS_RULE if direction == "egress" else INGRESS_RULE
    for rule in index.referrers(group, (single,), "securityGroupId"):
        referenced = follow(index, rule, "referencedSecurityGroupId", (SECURITY_GROUP,))
        cidrs = _strings([rule.get("cidrIpv4"), rule.get("cidrIpv6")])
        yield _permission(
            rule.props,
            "ipProtocol",
            cidrs,
            tuple(v.urn for v in referenced.views),
            bool(rule.get("prefixListId")),
            referenced.unresolved,
        )
    for rule in index.referrers(group, (GROUP_RULE,), "securityGroupId"):
        if rule.get("type") != direction:
            continue
        referenced = follow(index, rule, "sourceSecurityGroupId", (SECURITY_GROUP,))
        groups = tuple(v.urn for v in referenced.views) + ((group.urn,) if rule.get("self") else ())
        cidrs = _strings([*as_list(rule.get("cidrBlocks")), *as_list(rule.get("ipv6CidrBlocks"))])
        yield _permission(
            rule.props,
            "protocol",
            cidrs,
            groups,
            bool(as_list(rule.get("prefixListIds"))),
            referenced.unresolved,
        )


def _permission(
    props: object,
    protocol_key: str,
    cidrs: tuple[str, ...],
    groups: tuple[str, ...],
    prefix_lists: bool,
    unknown: bool = False,
) -> _Permission:
    data = props if isinstance(props, dict) else dict(props)  # type: ignore[call-overload]
    protocol, low, high = data.get(protocol_key), data.get("fromPort"), data.get("toPort")
    if any(is_unknown(v) for v in (protocol, low, high)):
        unknown = True
    if isinstance(protocol, int | float):
        protocol = str(int(protocol))
    return _Permission(
        protocol.lower() if isinstance(protocol, str) else "-1",
        int(low) if isinstance(low, int | float) else None,
        int(high) if isinstance(high, int | float) else None,
        cidrs,
        groups,
        prefix_lists,
        unknown,
    )


def _strings(values: object) -> tuple[str, ...]:
    return tuple(v for v in as_list(values) if isinstance(v, str) and v)


def _group_urns(index: StackIndex, owner: ResourceView, ids: object) -> tuple[str, ...]:
    urns = []
    for value in as_list(ids):
        if isinstance(value, str):
            urns += [v.urn for v in index.referenced(value, (SECURITY_GROUP,))]
    return tuple(urns)
