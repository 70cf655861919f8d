"""The network an MWAA environment runs in: two private subnets, egress, one security group."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from components.naming import Naming
from components.orchestration import orchestration_iam
from components.orchestration.mwaa_network_parts import (
    ANYWHERE,
    Scope,
    create_endpoints,
    create_vpc,
    subnet_cidrs,
)
from components.protection import Protection
from components.tags import MandatoryTags
from policies.rules.facts import arns

EGRESS_MODES = ("nat", "endpoints")
MAX_NAT_GATEWAYS = 2  # one per AZ of the two private subnets
# CloudWatch Logs accepts only these retention periods.
LOG_RETENTION_DAYS = frozenset(
    (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
     2557, 2922, 3288, 3653)
)  # fmt: skip


@dataclass(frozen=True)
class MwaaNetworkArgs:
    """Inputs of an MwaaNetwork.

    Exactly one of `vpc_id` (bring your own VPC) and `vpc_cidr` (create one) is set.

    Attributes:
        naming: The stack's naming scheme (its region names the endpoint services).
        tags: The stack's mandatory tags.
        flow_log_kms_key_arn: The CMK of the flow-log group. Its key policy must let
            `logs.<region>.amazonaws.com` use it (CloudWatch Logs encrypts with it).
            Required; None only inside `Orchestration`, which sets its own key.
        vpc_id: An existing VPC. Defaults to None.
        private_subnet_ids: With `vpc_id`: its two private subnets, in two different
            AZs (not checkable offline). Defaults to none.
        private_route_table_ids: With `vpc_id` and `egress_mode="endpoints"`: the
            private subnets' route tables, which get the S3 gateway endpoint.
            Defaults to none.
        vpc_cidr: The CIDR of a VPC to create, /26 or larger; split into four equal
            subnets (two private, two public used by NAT). Defaults to None.
        availability_zones: With `vpc_cidr`: the two AZ names. Defaults to none.
        egress_mode: `"nat"` (public subnets, internet gateway, a NAT gateway per
            address in `nat_allocation_ids`) or `"endpoints"` (no internet path: S3
            gateway and interface endpoints; nothing outside AWS, such as Snowflake, is
            reachable). With `vpc_id`, `"nat"` creates nothing: the existing VPC routes
            egress. Defaults to "endpoints".
        nat_allocation_ids: With `vpc_cidr` and `"nat"`: the Elastic IPs (see
            `EgressAddresses`), one NAT gateway each, in the public subnets of the AZs in
            order; with two, each AZ's private subnet routes to its own AZ's NAT.
            Defaults to none.
        service_endpoints: Also create the AWS service endpoints (S3 gateway, MWAA's
            interface endpoints) with `"nat"`: AWS traffic stays private. Defaults to
            False (always on with `"endpoints"`).
        webserver_access_cidr: A CIDR allowed to reach the private webserver on 443.
            Defaults to None (no access from outside the security group).
        flow_log_retention_days: Retention of the flow-log group. Defaults to 365.
        protection: Deletion safeguards of the flow-log group (the network's audit
            trail). Defaults to none.
    """

    naming: Naming
    tags: MandatoryTags
    flow_log_kms_key_arn: pulumi.Input[str] | None = None
    vpc_id: str | None = None
    private_subnet_ids: Sequence[str] = field(default_factory=tuple)
    private_route_table_ids: Sequence[str] = field(default_factory=tuple)
    vpc_cidr: str | None = None
    availability_zones: Sequence[str] = field(default_factory=tuple)
    egress_mode: str = "endpoints"
    nat_allocation_ids: Sequence[pulumi.Input[str]] = field(default_factory=tuple)
    service_endpoints: bool = False
    webserver_access_cidr: str | None = None
    flow_log_retention_days: int = 365
    protection: Protection = field(default_factory=Protection)

    def __post_init__(self) -> None:
        errors = []
        if (self.vpc_id is None) == (self.vpc_cidr is None):
            errors.append("set exactly one of vpc_id and vpc_cidr")
        if self.vpc_id and len(set(self.private_subnet_ids)) != 2:
            errors.append("private_subnet_ids: need two different subnets with vpc_id")
        if self.vpc_id and self.egress_mode == "endpoints" and not self.private_route_table_ids:
            errors.append("private_route_table_ids: needed with vpc_id and endpoints")
        if self.vpc_cidr and len(set(self.availability_zones)) != 2:
            errors.append("availability_zones: need two different AZs with vpc_cidr")
        if self.vpc_cidr:
            try:
                subnet_cidrs(self.vpc_cidr)
            except ValueError as error:
                errors.append(f"vpc_cidr: {error}")
        nats = len(self.nat_allocation_ids)
        if self.vpc_cidr and self.egress_mode == "nat" and not 1 <= nats <= MAX_NAT_GATEWAYS:
            errors.append("nat_allocation_ids: need one or two with vpc_cidr and nat")
        if self.egress_mode != "nat" and nats:
            errors.append("nat_allocation_ids: only with egress_mode nat")
        if self.egress_mode not in EGRESS_MODES:
            errors.append(f"egress_mode: one of {', '.join(EGRESS_MODES)}")
        if self.flow_log_retention_days not in LOG_RETENTION_DAYS:
            errors.append("flow_log_retention_days: not a CloudWatch Logs retention period")
        if errors:
            raise ValueError(f"MwaaNetworkArgs: {'; '.join(errors)}")


class MwaaNetwork(pulumi.ComponentResource):
    """Two private subnets in two AZs, an egress path, and MWAA's security group.

    The security group admits only itself (MWAA's workers, scheduler and webserver
    talk to each other) and, optionally, HTTPS from one CIDR to the private webserver.
    VPC flow logs go to a KMS-encrypted log group through a role that can write only
    there.
    """

    vpc_id: pulumi.Output[str]
    subnet_ids: pulumi.Output[list[str]]
    security_group_id: pulumi.Output[str]

    def __init__(
        self, name: str, args: MwaaNetworkArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        if args.flow_log_kms_key_arn is None:
            raise ValueError(f"MwaaNetwork [{name}]: flow_log_kms_key_arn is required")
        super().__init__("dataplatform:orchestration:MwaaNetwork", name, None, opts)
        scope = Scope(name, self, args.tags.for_data("internal"))
        if args.vpc_cidr is not None:
            created = create_vpc(
                scope, args.vpc_cidr, args.availability_zones, args.nat_allocation_ids
            )
            vpc_id = created.vpc_id
            subnet_ids: Sequence[pulumi.Input[str]] = created.private_subnet_ids
            route_table_ids: Sequence[pulumi.Input[str]] = created.private_route_table_ids
        else:
            assert args.vpc_id is not None
            vpc_id = pulumi.Output.from_input(args.vpc_id)
            subnet_ids, route_table_ids = args.private_subnet_ids, args.private_route_table_ids
        sg = aws.ec2.SecurityGroup(
            f"{name}-mwaa",
            vpc_id=vpc_id,
            description="MWAA environment: self-referencing, HTTPS from the access CIDR",
            tags=scope.named("mwaa"),
            opts=scope.child,
        )
        _security_group_rules(scope, sg, args.webserver_access_cidr)
        if args.egress_mode == "endpoints" or args.service_endpoints:
            create_endpoints(scope, args.naming.region, vpc_id, subnet_ids, route_table_ids, sg.id)
        _flow_logs(scope, args, vpc_id)
        self.vpc_id = vpc_id
        self.subnet_ids = pulumi.Output.all(*subnet_ids).apply(list)
        self.security_group_id = sg.id
        self.register_outputs(
            {
                "vpc_id": self.vpc_id,
                "subnet_ids": self.subnet_ids,
                "security_group_id": self.security_group_id,
            }
        )


def _security_group_rules(
    scope: Scope, sg: aws.ec2.SecurityGroup, webserver_access_cidr: str | None
) -> None:
    """Ingress from the group itself and the optional CIDR; egress anywhere."""
    name, tags = scope.name, dict(scope.tags)
    aws.vpc.SecurityGroupIngressRule(
        f"{name}-mwaa-self",
        security_group_id=sg.id,
        referenced_security_group_id=sg.id,
        ip_protocol="-1",
        description="MWAA components talk to each other",
        tags=tags,
        opts=scope.child,
    )
    if webserver_access_cidr:
        aws.vpc.SecurityGroupIngressRule(
            f"{name}-mwaa-https",
            security_group_id=sg.id,
            cidr_ipv4=webserver_access_cidr,
            ip_protocol="tcp",
            from_port=443,
            to_port=443,
            description="HTTPS to the private Airflow webserver",
            tags=tags,
            opts=scope.child,
        )
    # Egress to anywhere: MWAA's workers reach AWS APIs (through the interface
    # endpoints' ENIs or, with NAT, the internet), S3 through the gateway endpoint's
    # public prefix list, and Snowflake over HTTPS. The route tables, not this group,
    # decide where traffic can go: in endpoints mode there is no internet route.
    aws.vpc.SecurityGroupEgressRule(
        f"{name}-mwaa-egress",
        security_group_id=sg.id,
        cidr_ipv4=ANYWHERE,
        ip_protocol="-1",
        description="Outbound to AWS services and DAG targets",
        tags=tags,
        opts=scope.child,
    )


def _flow_logs(scope: Scope, args: MwaaNetworkArgs, vpc_id: pulumi.Input[str]) -> None:
    """All traffic of the VPC to an encrypted log group, through a write-only role."""
    name, naming, tags = scope.name, args.naming, dict(scope.tags)
    group = aws.cloudwatch.LogGroup(
        f"{name}-flow-logs",
        name=f"/aws/vpc-flow-logs/{naming.resource('mwaa-network')}",
        kms_key_id=args.flow_log_kms_key_arn,
        retention_in_days=args.flow_log_retention_days,
        tags=tags,
        opts=args.protection.options(scope.parent),
    )
    trust = orchestration_iam.service_trust_policy(
        "vpc-flow-logs.amazonaws.com",
        naming.account_id,
        arns.vpc_flow_logs(naming.region, naming.account_id),
    )
    role = aws.iam.Role(
        f"{name}-flow-logs",
        name=naming.iam_role("mwaa-flow-logs"),
        assume_role_policy=json.dumps(trust),
        tags=tags,
        opts=scope.child,
    )
    aws.iam.RolePolicy(
        f"{name}-flow-logs",
        role=role.id,
        policy=group.arn.apply(
            lambda arn: json.dumps(orchestration_iam.flow_log_delivery_policy(arn))
        ),
        opts=scope.child,
    )
    aws.ec2.FlowLog(
        f"{name}-flow-logs",
        vpc_id=vpc_id,
        traffic_type="ALL",
        log_destination_type="cloud-watch-logs",
        log_destination=group.arn,
        iam_role_arn=role.arn,
        tags=tags,
        opts=scope.child,
    )
