"""The parts of an MwaaNetwork: a created VPC (with NAT when asked) and the VPC endpoints.

Functions, not components: each creates its resources as children of the MwaaNetwork
in `scope`, named from the network's name, so the network stays one unit in the plan.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

ANYWHERE = "0.0.0.0/0"
# Interface endpoints a private-routing MWAA environment with customer-managed VPC
# endpoints needs (MWAA User Guide, "Creating the required VPC service endpoints in an
# Amazon VPC with private routing", docs.aws.amazon.com/mwaa/latest/userguide/
# vpc-vpe-create-access.html, and "AWS PrivateLink for Amazon MWAA",
# .../security-privatelink.html): Airflow's api/env/ops planes, SQS (the Celery
# queue), CloudWatch Logs and metrics, KMS, ECR (api and dkr, the worker image), plus
# Secrets Manager (the Airflow secrets backend) and STS (role sessions of tasks).
INTERFACE_SERVICES = (
    "airflow.api",
    "airflow.env",
    "airflow.ops",
    "ecr.api",
    "ecr.dkr",
    "kms",
    "logs",
    "monitoring",
    "secretsmanager",
    "sqs",
    "sts",
)


@dataclass(frozen=True)
class Scope:
    """Where parts go: the parent component, its name, and the tags of its resources."""

    name: str
    parent: pulumi.Resource
    tags: Mapping[str, str]

    @property
    def child(self) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions(parent=self.parent)

    def named(self, suffix: str) -> dict[str, str]:
        """The tags plus a `Name` tag, which the EC2 console shows."""
        return {**self.tags, "Name": f"{self.name}-{suffix}"}


@dataclass(frozen=True)
class CreatedVpc:
    """What `create_vpc` made: the VPC and its private subnets and route tables."""

    vpc_id: pulumi.Output[str]
    private_subnet_ids: list[pulumi.Output[str]]
    private_route_table_ids: list[pulumi.Output[str]]


def create_vpc(
    scope: Scope, cidr: str, zones: Sequence[str], nat_allocation_ids: Sequence[pulumi.Input[str]]
) -> CreatedVpc:
    """A VPC with one private subnet and route table per zone; a NAT gateway per address in
    `nat_allocation_ids` (none: no egress route), zone i routing to NAT i (or the one)."""
    name, child = scope.name, scope.child
    # Interface endpoints' private DNS needs both DNS support and DNS hostnames.
    vpc = aws.ec2.Vpc(
        name,
        cidr_block=cidr,
        enable_dns_support=True,
        enable_dns_hostnames=True,
        tags=scope.named("vpc"),
        opts=child,
    )
    # A new VPC's default security group lets its members reach each other; managing
    # it without rules removes them (nothing should use it).
    aws.ec2.DefaultSecurityGroup(
        f"{name}-default-sg", vpc_id=vpc.id, tags=scope.named("default"), opts=child
    )
    private_cidrs, public_cidrs = subnet_cidrs(cidr)
    nat_ids = _nats(scope, vpc, zones, public_cidrs, nat_allocation_ids)
    subnet_ids, table_ids = [], []
    for index, (zone, subnet_cidr) in enumerate(zip(zones, private_cidrs, strict=True)):
        subnet = aws.ec2.Subnet(
            f"{name}-private-{index}",
            vpc_id=vpc.id,
            cidr_block=subnet_cidr,
            availability_zone=zone,
            map_public_ip_on_launch=False,
            tags=scope.named(f"private-{zone}"),
            opts=child,
        )
        table = aws.ec2.RouteTable(
            f"{name}-private-{index}",
            vpc_id=vpc.id,
            tags=scope.named(f"private-{zone}"),
            opts=child,
        )
        aws.ec2.RouteTableAssociation(
            f"{name}-private-{index}", subnet_id=subnet.id, route_table_id=table.id, opts=child
        )
        if nat_ids:
            aws.ec2.Route(
                f"{name}-private-{index}-egress",
                route_table_id=table.id,
                destination_cidr_block=ANYWHERE,
                nat_gateway_id=nat_ids[index % len(nat_ids)],
                opts=child,
            )
        subnet_ids.append(subnet.id)
        table_ids.append(table.id)
    return CreatedVpc(vpc.id, subnet_ids, table_ids)


def _nats(
    scope: Scope,
    vpc: aws.ec2.Vpc,
    zones: Sequence[str],
    public_cidrs: Sequence[str],
    allocation_ids: Sequence[pulumi.Input[str]],
) -> list[pulumi.Output[str]]:
    """Public subnets routed to an internet gateway, and one NAT gateway per Elastic IP in
    the public subnet of zone i. One NAT: an outage of its AZ cuts egress (dev, staging);
    one per AZ: each AZ keeps its own way out (prod). None: no public side at all."""
    if not allocation_ids:
        return []
    name, child = scope.name, scope.child
    igw = aws.ec2.InternetGateway(f"{name}-igw", vpc_id=vpc.id, tags=scope.named("igw"), opts=child)
    table = aws.ec2.RouteTable(
        f"{name}-public", vpc_id=vpc.id, tags=scope.named("public"), opts=child
    )
    aws.ec2.Route(
        f"{name}-public-internet",
        route_table_id=table.id,
        destination_cidr_block=ANYWHERE,
        gateway_id=igw.id,
        opts=child,
    )
    public_ids = []
    for index, (zone, cidr) in enumerate(zip(zones, public_cidrs, strict=True)):
        subnet = aws.ec2.Subnet(
            f"{name}-public-{index}",
            vpc_id=vpc.id,
            cidr_block=cidr,
            availability_zone=zone,
            map_public_ip_on_launch=False,
            tags=scope.named(f"public-{zone}"),
            opts=child,
        )
        aws.ec2.RouteTableAssociation(
            f"{name}-public-{index}", subnet_id=subnet.id, route_table_id=table.id, opts=child
        )
        public_ids.append(subnet.id)
    return [
        aws.ec2.NatGateway(
            # The first keeps its original name: a single-NAT stack's gateway stays put.
            f"{name}-nat" if index == 0 else f"{name}-nat-{index}",
            allocation_id=allocation_id,
            subnet_id=public_ids[index],
            tags=scope.named(f"nat-{zones[index]}"),
            opts=pulumi.ResourceOptions(parent=scope.parent, depends_on=[igw]),
        ).id
        for index, allocation_id in enumerate(allocation_ids)
    ]


def create_endpoints(
    scope: Scope,
    region: str,
    vpc_id: pulumi.Input[str],
    subnet_ids: Sequence[pulumi.Input[str]],
    route_table_ids: Sequence[pulumi.Input[str]],
    mwaa_security_group_id: pulumi.Input[str],
) -> None:
    """The S3 gateway endpoint and MWAA's interface endpoints, reachable from MWAA only."""
    name, child = scope.name, scope.child
    sg = aws.ec2.SecurityGroup(
        f"{name}-endpoints",
        vpc_id=vpc_id,
        description="VPC interface endpoints: HTTPS from MWAA only",
        tags=scope.named("endpoints"),
        opts=child,
    )
    # No egress rule: security groups are stateful, so replies need none.
    aws.vpc.SecurityGroupIngressRule(
        f"{name}-endpoints-https",
        security_group_id=sg.id,
        referenced_security_group_id=mwaa_security_group_id,
        ip_protocol="tcp",
        from_port=443,
        to_port=443,
        description="HTTPS from the MWAA security group",
        tags=dict(scope.tags),
        opts=child,
    )
    aws.ec2.VpcEndpoint(
        f"{name}-s3",
        vpc_id=vpc_id,
        service_name=service_name(region, "s3"),
        vpc_endpoint_type="Gateway",
        route_table_ids=list(route_table_ids),
        tags=scope.named("s3"),
        opts=child,
    )
    for service in INTERFACE_SERVICES:
        aws.ec2.VpcEndpoint(
            f"{name}-{service.replace('.', '-')}",
            vpc_id=vpc_id,
            service_name=service_name(region, service),
            vpc_endpoint_type="Interface",
            private_dns_enabled=True,
            subnet_ids=list(subnet_ids),
            security_group_ids=[sg.id],
            tags=scope.named(service),
            opts=child,
        )


def service_name(region: str, service: str) -> str:
    """The VPC endpoint service name of an AWS service in `region`."""
    return f"com.amazonaws.{region}.{service}"


def subnet_cidrs(vpc_cidr: str) -> tuple[list[str], list[str]]:
    """Split a VPC CIDR into four equal quarters: two private, then two public subnets."""
    network = ipaddress.ip_network(vpc_cidr, strict=True)
    if network.version != 4 or network.prefixlen > 26:
        raise ValueError(f"{vpc_cidr} must be an IPv4 network of /26 or larger")
    quarters = [str(s) for s in network.subnets(prefixlen_diff=2)]
    return quarters[:2], quarters[2:]
