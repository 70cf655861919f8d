"""The network model: can traffic from these subnets, in these security groups, reach D on P?

D is the internet (a public host: Snowflake's account host, its OCSP hosts), an AWS service
(through a gateway endpoint, an interface endpoint with private DNS, or else the internet),
or a PrivateLink endpoint service (an interface endpoint to a non-AWS service). For each
subnet the answer crosses two hops, named for the destination:

- route: the subnet's route table (network_routes) sends the traffic to a matching VPC
  endpoint, or by its 0.0.0.0/0 route to a NAT gateway whose public subnet routes to an
  internet gateway. The NAT's Elastic IPs are the addresses traffic leaves from; through an
  endpoint it leaves from the VPC's private addresses.
- security group: one of the groups admits TCP to the destination on the port
  (network_security); an interface endpoint's own groups must admit it in.

Unknown ids (until apply) are followed by dependency (network_refs). Resources outside the
program (a subnet of an existing VPC) make the hop "not evaluated".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..core.index import StackIndex
from ..core.values import as_list, is_unknown
from ..core.view import ResourceView
from ..facts.tokens import EC2_VPC_ENDPOINT, ROUTE53_ZONE
from .journey import Hop, broken, ok, unknown
from .network_refs import Followed, follow, label
from .network_routes import (
    ANYWHERE,
    SUBNET,
    VPC,
    default_routes,
    has_internet_route,
    nat_addresses,
    subnet_table,
)
from .network_security import SECURITY_GROUP, Peer, admits

ENDPOINT = EC2_VPC_ENDPOINT
AWS_SERVICE_PREFIX = "com.amazonaws."
Kind = Literal["internet", "aws-service", "privatelink"]


@dataclass(frozen=True)
class Destination:
    """Where a connection goes: a name for messages, its port, and its kind.

    `service`: for an AWS service the endpoint service's last part (`s3`); for PrivateLink
    the endpoint service name, or "" for any non-AWS interface endpoint.
    """

    name: str
    port: int
    kind: Kind
    service: str = ""


@dataclass(frozen=True)
class Egress:
    """How traffic reaches a destination: the hops, the NAT Elastic IPs it leaves from,
    and whether it leaves by a VPC endpoint (private addresses, `vpc_cidrs`)."""

    hops: tuple[Hop, ...]
    addresses: tuple[ResourceView, ...] = ()
    private: bool = False
    vpc_cidrs: tuple[str, ...] = field(default_factory=tuple)


def reach(
    index: StackIndex, start: ResourceView, subnets: Followed, groups: Followed, to: Destination
) -> Egress:
    """Whether every subnet reaches `to`: the worst subnet's hops, and every exit address."""
    if subnets.outside or subnets.unresolved or not subnets.views:
        return Egress((unknown(f"{to.name}: route", "the subnets are outside the program", start),))
    results = [_one(index, start, subnet, groups, to) for subnet in subnets.views]
    worst = min(results, key=lambda e: _rank(e.hops))
    addresses = {a.urn: a for e in results for a in e.addresses}
    cidrs = sorted({c for e in results for c in e.vpc_cidrs})
    return Egress(worst.hops, tuple(addresses.values()), worst.private, tuple(cidrs))


def _rank(hops: tuple[Hop, ...]) -> int:
    verdicts = {h.verdict for h in hops}
    return 0 if "broken" in verdicts else 1 if "not-evaluated" in verdicts else 2


def _one(
    index: StackIndex, start: ResourceView, subnet: ResourceView, groups: Followed, to: Destination
) -> Egress:
    route_hop = f"{to.name}: route"
    vpc = next(iter(follow(index, subnet, "vpcId", (VPC,)).views), None)
    block = vpc.get("cidrBlock") if vpc is not None else None
    cidrs = (block,) if isinstance(block, str) else ()
    table = subnet_table(index, subnet)
    if table.unknown:
        return Egress((unknown(route_hop, table.unknown, subnet),))
    if table.view is None:
        return Egress(
            (
                broken(
                    route_hop,
                    f"subnet [{subnet.name}] has no route table "
                    "association: it uses the VPC's main table, which AWS creates "
                    "with the local route only",
                    subnet,
                ),
            )
        )
    via = f"from subnet [{subnet.name}] by {label(table.view)}"
    endpoint = _endpoint(index, vpc, table.view, to) if vpc is not None else None
    if endpoint is not None:
        gateway = endpoint.get("vpcEndpointType") == "Gateway"
        peer = (
            Peer(to.port, (ANYWHERE,), prefix_list=True)
            if gateway
            else Peer(
                to.port, cidrs, follow(index, endpoint, "securityGroupIds", (SECURITY_GROUP,)).views
            )
        )
        hops = [ok(route_hop, f"{via} through {label(endpoint)}", endpoint)]
        hops += _dns(index, endpoint, to)
        hops.append(_egress_hop(index, start, groups, peer, to))
        if not gateway:
            hops.append(_endpoint_ingress(index, endpoint, groups, subnet, to))
        return Egress(tuple(hops), private=True, vpc_cidrs=cidrs)
    if to.kind == "privatelink":
        return Egress(
            (
                broken(
                    route_hop,
                    f"{via}: no interface endpoint to the PrivateLink service in the VPC",
                    table.view,
                ),
            )
        )
    return _internet(index, start, table.view, groups, to, via)


def _internet(
    index: StackIndex,
    start: ResourceView,
    table: ResourceView,
    groups: Followed,
    to: Destination,
    via: str,
) -> Egress:
    name = f"{to.name}: route"
    routes = default_routes(index, table)
    nat = next((r for r in routes if r.kind == "nat"), None)
    if nat is not None and nat.target is not None:
        gateway = nat.target
        if gateway.get("connectivityType") == "private":
            return Egress(
                (broken(name, f"{via}: {label(gateway)} is a private NAT gateway", gateway),)
            )
        public = follow(index, gateway, "subnetId", (SUBNET,))
        public_table = subnet_table(index, public.views[0]) if public.views else None
        if public_table is None or public_table.unknown:
            return Egress((unknown(name, f"{via}: the subnet of {label(gateway)}", gateway),))
        out = has_internet_route(index, public_table.view) if public_table.view else False
        if out is None:
            return Egress((unknown(name, f"{via}: the public route of {label(gateway)}", gateway),))
        if not out:
            where = public_table.view or public.views[0]
            return Egress(
                (
                    broken(
                        name,
                        f"{via} to {label(gateway)}, whose subnet has no route "
                        "to an internet gateway",
                        where,
                    ),
                )
            )
        hops = (
            ok(name, f"{via} to {label(gateway)}, then an internet gateway", gateway),
            _egress_hop(index, start, groups, Peer(to.port, (ANYWHERE,)), to),
        )
        return Egress(hops, nat_addresses(index, gateway))
    if any(r.kind == "igw" for r in routes):
        return Egress(
            (
                broken(
                    name,
                    f"{via} straight to an internet gateway: interfaces without "
                    "a public address (MWAA's) cannot use it; route through a NAT "
                    "gateway",
                    table,
                ),
            )
        )
    other = next((r for r in routes if r.kind in ("unknown", "elsewhere")), None)
    if other is not None:
        return Egress((unknown(name, f"{via}: 0.0.0.0/0 goes to {other.what}", other.route),))
    return Egress(
        (
            broken(
                name,
                f"{via}: no route to 0.0.0.0/0 (no NAT gateway) and no VPC endpoint for it",
                table,
            ),
        )
    )


def _endpoint(
    index: StackIndex, vpc: ResourceView, table: ResourceView, to: Destination
) -> ResourceView | None:
    """The VPC endpoint this table's traffic to `to` takes, if any."""
    if to.kind == "internet":
        return None
    for endpoint in index.referrers(vpc, (ENDPOINT,), "vpcId"):
        service = endpoint.get("serviceName")
        if not isinstance(service, str):
            continue
        if to.kind == "aws-service":
            if not (service.startswith(AWS_SERVICE_PREFIX) and service.endswith(f".{to.service}")):
                continue
        elif service.startswith(AWS_SERVICE_PREFIX) or (to.service and service != to.service):
            continue
        kind = endpoint.get("vpcEndpointType")
        if kind == "Gateway":
            tables = follow(index, endpoint, "routeTableIds", (table.type,))
            if any(t.urn == table.urn for t in tables.views):
                return endpoint
        elif kind == "Interface" and (
            to.kind == "privatelink" or endpoint.get("privateDnsEnabled")
        ):
            return endpoint
    return None


def _dns(index: StackIndex, endpoint: ResourceView, to: Destination) -> list[Hop]:
    """A PrivateLink endpoint's host names must resolve to it: its private DNS, or a private
    hosted zone the program declares (Snowflake's endpoint service offers no private DNS)."""
    if to.kind != "privatelink" or endpoint.get("privateDnsEnabled"):
        return []
    zones = [
        z
        for z in index.of_type(ROUTE53_ZONE)
        if as_list(z.get("vpcs")) and "privatelink" in str(z.get("name") or "")
    ]
    name = f"{to.name}: DNS"
    if zones:
        return [ok(name, f"resolved by {label(zones[0])}", zones[0])]
    return [
        broken(
            name,
            f"{label(endpoint)} has no private DNS and no private hosted zone for "
            "privatelink names is declared",
            endpoint,
        )
    ]


def _egress_hop(
    index: StackIndex, start: ResourceView, groups: Followed, peer: Peer, to: Destination
) -> Hop:
    name = f"{to.name}: security group"
    if groups.outside or groups.unresolved or not groups.views:
        return unknown(name, "the security groups are outside the program", start)
    verdicts = [admits(index, g, "egress", peer) for g in groups.views]
    if "yes" in verdicts:
        return ok(name, f"egress TCP {to.port} admitted")
    if "unknown" in verdicts:
        return unknown(name, f"egress TCP {to.port}: a rule is unknown until apply", start)
    return broken(name, f"no egress rule admits TCP {to.port} to {to.name}", groups.views[0])


def _endpoint_ingress(
    index: StackIndex,
    endpoint: ResourceView,
    groups: Followed,
    subnet: ResourceView,
    to: Destination,
) -> Hop:
    name = f"{to.name}: endpoint security group"
    own = follow(index, endpoint, "securityGroupIds", (SECURITY_GROUP,))
    if own.outside or own.unresolved:
        return unknown(name, f"the security groups of {label(endpoint)}", endpoint)
    cidr = subnet.get("cidrBlock")
    peer = Peer(
        to.port, (cidr,) if isinstance(cidr, str) and not is_unknown(cidr) else (), groups.views
    )
    if not own.views:
        return unknown(name, f"{label(endpoint)} uses the VPC's default security group", endpoint)
    verdicts = [admits(index, g, "ingress", peer) for g in own.views]
    if "yes" in verdicts:
        return ok(name, f"{label(endpoint)} admits TCP {to.port}")
    if "unknown" in verdicts:
        return unknown(name, f"{label(endpoint)} ingress is unknown until apply", endpoint)
    return broken(name, f"{label(endpoint)} admits no TCP {to.port} from the caller", own.views[0])
