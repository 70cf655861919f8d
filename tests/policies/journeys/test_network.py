"""The network model on small synthetic networks: exact verdicts per way in or out."""

from __future__ import annotations

from typing import Any

import pytest

from policies.rules.core.index import StackIndex
from policies.rules.core.view import ResourceView
from policies.rules.journeys.network import Destination, reach
from policies.rules.journeys.network_refs import follow
from tests.policies.helpers import view

INTERNET = Destination("Snowflake account host", 443, "internet")
S3 = Destination("Snowflake stage (S3)", 443, "aws-service", "s3")
T = "aws:ec2/{0}:{1}"


def ec2(kind: str, name: str, props: dict[str, Any], **options: Any) -> ResourceView:
    type_ = T.format(kind[0].lower() + kind[1:], kind)
    return view(type_, name, props, outputs={"id": f"{name}-id", **props}, **options)


def network(*extra: ResourceView, egress: dict[str, Any] | None = None) -> list[ResourceView]:
    """A VPC with one private subnet and its table, an app security group and its egress."""
    rule = view(
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        "app-out",
        egress or {"securityGroupId": "app-id", "ipProtocol": "-1", "cidrIpv4": "0.0.0.0/0"},
    )
    return [
        ec2("Vpc", "vpc", {"cidrBlock": "10.0.0.0/16"}),
        ec2("Subnet", "private", {"vpcId": "vpc-id", "cidrBlock": "10.0.0.0/24"}),
        ec2("RouteTable", "private-rt", {"vpcId": "vpc-id"}),
        ec2(
            "RouteTableAssociation",
            "private-assoc",
            {"subnetId": "private-id", "routeTableId": "private-rt-id"},
        ),
        ec2("SecurityGroup", "app", {"vpcId": "vpc-id"}),
        rule,
        *extra,
    ]


def nat_path(igw_route: bool = True) -> list[ResourceView]:
    """A public subnet with a NAT gateway (and its Elastic IP) the private table routes to."""
    parts = [
        ec2("Subnet", "public", {"vpcId": "vpc-id", "cidrBlock": "10.0.1.0/24"}),
        ec2("RouteTable", "public-rt", {"vpcId": "vpc-id"}),
        ec2(
            "RouteTableAssociation",
            "public-assoc",
            {"subnetId": "public-id", "routeTableId": "public-rt-id"},
        ),
        ec2("InternetGateway", "igw", {"vpcId": "vpc-id"}),
        ec2("Eip", "nat-ip", {"domain": "vpc"}),
        ec2("NatGateway", "nat", {"subnetId": "public-id", "allocationId": "nat-ip-id"}),
        ec2(
            "Route",
            "private-out",
            {
                "routeTableId": "private-rt-id",
                "destinationCidrBlock": "0.0.0.0/0",
                "natGatewayId": "nat-id",
            },
        ),
    ]
    if igw_route:
        parts.append(
            ec2(
                "Route",
                "public-out",
                {
                    "routeTableId": "public-rt-id",
                    "destinationCidrBlock": "0.0.0.0/0",
                    "gatewayId": "igw-id",
                },
            )
        )
    return parts


def evaluate(
    views: list[ResourceView], to: Destination = INTERNET
) -> tuple[list[tuple[str, str]], list[str]]:
    """(hop name, verdict) pairs and the names of the addresses traffic leaves from."""
    index = StackIndex(views)
    start = view(
        "aws:mwaa/environment:Environment",
        "airflow",
        {"networkConfiguration": {"subnetIds": ["private-id"], "securityGroupIds": ["app-id"]}},
    )
    index = StackIndex([*views, start])
    subnets = follow(
        index, start, "networkConfiguration.subnetIds", (T.format("subnet", "Subnet"),)
    )
    groups = follow(
        index,
        start,
        "networkConfiguration.securityGroupIds",
        (T.format("securityGroup", "SecurityGroup"),),
    )
    egress = reach(index, start, subnets, groups, to)
    return [(h.name.split(": ")[1], h.verdict) for h in egress.hops], [
        a.name for a in egress.addresses
    ]


def test_a_private_subnet_without_a_default_route_is_broken_at_its_table():
    hops, addresses = evaluate(network())
    assert hops == [("route", "broken")]
    assert addresses == []


def test_a_nat_gateway_whose_subnet_has_no_internet_route_is_broken():
    hops, _ = evaluate(network(*nat_path(igw_route=False)))
    assert hops == [("route", "broken")]


def test_a_nat_gateway_with_an_internet_route_works_and_leaves_from_its_elastic_ip():
    hops, addresses = evaluate(network(*nat_path()))
    assert hops == [("route", "ok"), ("security group", "ok")]
    assert addresses == ["nat-ip"]


def test_a_route_straight_to_an_internet_gateway_is_broken_for_interfaces_without_public_ips():
    igw = ec2("InternetGateway", "igw", {"vpcId": "vpc-id"})
    route = ec2(
        "Route",
        "private-out",
        {
            "routeTableId": "private-rt-id",
            "destinationCidrBlock": "0.0.0.0/0",
            "gatewayId": "igw-id",
        },
    )
    hops, _ = evaluate(network(igw, route))
    assert hops == [("route", "broken")]


def test_s3_through_a_gateway_endpoint_on_the_subnets_table_works_without_a_nat():
    endpoint = ec2(
        "VpcEndpoint",
        "s3",
        {
            "vpcId": "vpc-id",
            "vpcEndpointType": "Gateway",
            "serviceName": "com.amazonaws.eu-west-1.s3",
            "routeTableIds": ["private-rt-id"],
        },
    )
    assert evaluate(network(endpoint), S3)[0] == [("route", "ok"), ("security group", "ok")]
    assert evaluate(network(endpoint), INTERNET)[0] == [("route", "broken")]


def test_closed_security_group_egress_is_broken_at_the_group():
    closed = {
        "securityGroupId": "app-id",
        "ipProtocol": "tcp",
        "fromPort": 5432,
        "toPort": 5432,
        "cidrIpv4": "0.0.0.0/0",
    }
    hops, _ = evaluate(network(*nat_path(), egress=closed))
    assert hops == [("route", "ok"), ("security group", "broken")]


def test_a_subnet_without_an_association_uses_the_vpcs_own_main_table_and_has_no_way_out():
    views = [v for v in network(*nat_path()) if v.name != "private-assoc"]
    assert evaluate(views)[0] == [("route", "broken")]


@pytest.mark.parametrize("with_dependency", [True, False])
def test_ids_unknown_until_apply_are_followed_by_dependency(with_dependency):
    """As in a real preview: the route's NAT id and the NAT's subnet are unknown."""
    views = network(*nat_path())
    by_name = {v.name: v for v in views}
    nat, public = by_name["nat"], by_name["public"]
    unknown_route = view(
        T.format("route", "Route"),
        "private-out",
        {
            "routeTableId": "private-rt-id",
            "destinationCidrBlock": "0.0.0.0/0",
            "natGatewayId": "[unknown]",
        },
        property_dependencies={"natGatewayId": (nat.urn,)} if with_dependency else {},
    )
    unknown_nat = view(
        T.format("natGateway", "NatGateway"),
        "nat",
        {"subnetId": "[unknown]", "allocationId": "nat-ip-id"},
        outputs={"id": "nat-id"},
        dependencies=(public.urn,),
    )
    views = [v for v in views if v.name not in ("private-out", "nat")] + [
        unknown_route,
        unknown_nat,
    ]
    hops, addresses = evaluate(views)
    if with_dependency:
        assert hops == [("route", "ok"), ("security group", "ok")]
        assert addresses == ["nat-ip"]
    else:
        assert hops == [("route", "not-evaluated")]
