"""Routes in the network model: which table a subnet uses, and where its default route goes.

A subnet uses the route table explicitly associated with it, else its VPC's main table:
the one a MainRouteTableAssociation names, else a DefaultRouteTable the program manages,
else the main table AWS created with the VPC, which has the local route only (AWS VPC
User Guide, "Configure route tables": "Main route table ... automatically comes with your
VPC"; a subnet not explicitly associated uses it). The program cannot add routes to that
last one without declaring it, so a subnet left on it has no way out: reported as such.

A default route (0.0.0.0/0) goes to a NAT gateway (which needs a public subnet whose own
table routes 0.0.0.0/0 to an internet gateway, and an Elastic IP: the address traffic
leaves from), to an internet gateway (useless to interfaces without a public address, such
as MWAA's), or elsewhere (transit gateway, peering, a firewall endpoint): beyond this model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..core.index import StackIndex
from ..core.values import as_list, is_unknown
from ..core.view import ResourceView
from ..facts.tokens import (
    EC2_DEFAULT_ROUTE_TABLE,
    EC2_EIP,
    EC2_INTERNET_GATEWAY,
    EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
    EC2_NAT_GATEWAY,
    EC2_ROUTE,
    EC2_ROUTE_TABLE,
    EC2_ROUTE_TABLE_ASSOCIATION,
    EC2_SUBNET,
    EC2_VPC,
)
from .network_refs import follow

VPC = EC2_VPC
SUBNET = EC2_SUBNET
ROUTE_TABLE = EC2_ROUTE_TABLE
DEFAULT_ROUTE_TABLE = EC2_DEFAULT_ROUTE_TABLE
TABLES = (ROUTE_TABLE, DEFAULT_ROUTE_TABLE)
ASSOCIATION = EC2_ROUTE_TABLE_ASSOCIATION
MAIN_ASSOCIATION = EC2_MAIN_ROUTE_TABLE_ASSOCIATION
ROUTE = EC2_ROUTE
INTERNET_GATEWAY = EC2_INTERNET_GATEWAY
NAT_GATEWAY = EC2_NAT_GATEWAY
EIP = EC2_EIP
ANYWHERE = "0.0.0.0/0"
# Route targets beyond this model, by the route's input naming them.
_ELSEWHERE = (
    "transitGatewayId",
    "vpcPeeringConnectionId",
    "networkInterfaceId",
    "vpcEndpointId",
    "carrierGatewayId",
    "localGatewayId",
    "coreNetworkArn",
)

TargetKind = Literal["nat", "igw", "elsewhere", "unknown"]


@dataclass(frozen=True)
class Table:
    """The route table a subnet uses (None: AWS's own main table, local route only), or
    `unknown` when the program cannot say (a subnet or VPC outside it, an unknown id)."""

    view: ResourceView | None
    unknown: str = ""


@dataclass(frozen=True)
class DefaultRoute:
    """Where a table's 0.0.0.0/0 goes: its kind, the target resource if in the program,
    and the route (or table, for an inline route) that says so."""

    kind: TargetKind
    target: ResourceView | None
    route: ResourceView
    what: str = ""


def subnet_table(index: StackIndex, subnet: ResourceView) -> Table:
    """The route table `subnet` uses: explicit association, else the VPC's main table."""
    for association in index.referrers(subnet, (ASSOCIATION,), "subnetId"):
        tables = follow(index, association, "routeTableId", TABLES)
        if tables.views:
            return Table(tables.views[0])
        return Table(None, f"the route table of {association.name} is outside the program")
    vpcs = follow(index, subnet, "vpcId", (VPC,))
    if not vpcs.views:
        return Table(None, f"the VPC of subnet [{subnet.name}] is outside the program")
    vpc = vpcs.views[0]
    for main in index.referrers(vpc, (MAIN_ASSOCIATION,), "vpcId"):
        tables = follow(index, main, "routeTableId", TABLES)
        return Table(tables.views[0]) if tables.views else Table(None, "main table outside")
    for table in index.of_type(DEFAULT_ROUTE_TABLE):
        value = table.get("defaultRouteTableId")
        if (is_unknown(value) and vpc.urn in table.dependencies) or (
            isinstance(value, str) and value == vpc.output("defaultRouteTableId")
        ):
            return Table(table)
    return Table(None)


def default_routes(index: StackIndex, table: ResourceView) -> list[DefaultRoute]:
    """Every 0.0.0.0/0 route of `table` (separate Route resources and inline `routes`)."""
    found = []
    for route in index.referrers(table, (ROUTE,), "routeTableId"):
        destination = route.get("destinationCidrBlock")
        if is_unknown(destination):
            found.append(DefaultRoute("unknown", None, route, "its destination is unknown"))
        elif destination == ANYWHERE:
            found.append(_target(index, route))
    for inline in as_list(table.get("routes")):
        if isinstance(inline, dict) and inline.get("cidrBlock") == ANYWHERE:
            found.append(_inline_target(index, table, inline))
    return found


def _target(index: StackIndex, route: ResourceView) -> DefaultRoute:
    if route.get("natGatewayId") is not None:
        nats = follow(index, route, "natGatewayId", (NAT_GATEWAY,))
        if nats.views:
            return DefaultRoute("nat", nats.views[0], route)
        return DefaultRoute("unknown", None, route, "its NAT gateway is outside the program")
    if route.get("gatewayId") is not None:
        gateways = follow(index, route, "gatewayId", (INTERNET_GATEWAY,))
        if gateways.views:
            return DefaultRoute("igw", gateways.views[0], route)
        return DefaultRoute("elsewhere", None, route, "a gateway outside the program")
    for key in _ELSEWHERE:
        if route.get(key) is not None:
            return DefaultRoute("elsewhere", None, route, f"{key} (beyond this model)")
    return DefaultRoute("unknown", None, route, "no target this model reads")


def _inline_target(
    index: StackIndex, table: ResourceView, route: dict[str, object]
) -> DefaultRoute:
    for key, kind, types in (
        ("natGatewayId", "nat", (NAT_GATEWAY,)),
        ("gatewayId", "igw", (INTERNET_GATEWAY,)),
    ):
        value = route.get(key)
        if isinstance(value, str) and value:
            named = index.referenced(value, types)
            if named:
                return DefaultRoute(kind, named[0], table)  # type: ignore[arg-type]
        if value is not None:
            return DefaultRoute("unknown", None, table, f"inline route {key} not in the program")
    return DefaultRoute("elsewhere", None, table, "an inline route beyond this model")


def has_internet_route(index: StackIndex, table: ResourceView) -> bool | None:
    """True if `table` routes 0.0.0.0/0 to an internet gateway; None if it cannot be told."""
    routes = default_routes(index, table)
    if any(r.kind == "igw" for r in routes):
        return True
    return None if any(r.kind == "unknown" for r in routes) else False


def nat_addresses(index: StackIndex, nat: ResourceView) -> tuple[ResourceView, ...]:
    """The Elastic IPs a public NAT gateway sends from (allocationId and secondary ones)."""
    primary = follow(index, nat, "allocationId", (EIP,)).views
    secondary = follow(index, nat, "secondaryAllocationIds", (EIP,)).views
    return (*primary, *secondary)
