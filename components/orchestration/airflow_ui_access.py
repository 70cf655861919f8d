"""How engineers reach a private Airflow webserver, and the IAM that lets them log in.

MWAA's PRIVATE_ONLY webserver is an endpoint in the environment's VPC: a person needs a
network path to it on 443 and `airflow:CreateWebLoginToken` on an Airflow RBAC role of the
environment ("Accessing an Amazon MWAA environment", docs.aws.amazon.com/mwaa/latest/
userguide/access-policies.html; "Apache Airflow access modes", .../configuring-networking.html).
`airflow:InvokeRestApi` on the same role ARN triggers and inspects DAG runs through MWAA's
API with no network path at all ("Using the Apache Airflow REST API",
.../access-mwaa-apache-airflow-rest-api.html); docs/runbooks/trigger-a-dag.md.

Paths (`airflow.ui_access`):
- `client_vpn`: an AWS Client VPN endpoint in the VPC (mutual certificate authentication
  with ACM certificates of the company's CA: the platform has no CA to issue them),
  associated with the environment's subnets, authorizing the VPC's CIDR, in a security
  group the webserver's group admits on 443;
- `corporate_cidrs`: the corporate range (`network.webserver_allowed_cidr`) admitted on 443
  by MwaaNetwork; its route (a transit gateway or site-to-site VPN) is the company's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from components.naming import Naming
from policies.rules.facts import arns

# The Airflow RBAC role engineers log in as: triggers, clears and inspects DAG runs,
# without Admin's or Op's control of connections and variables.
ENGINEER_AIRFLOW_ROLE = "User"


@dataclass(frozen=True)
class ClientVpnSettings:
    """The Client VPN endpoint's certificates and client range (see ClientVpnConfig)."""

    server_certificate_arn: str
    client_root_certificate_arn: str
    client_cidr: str


@dataclass(frozen=True)
class AirflowUiAccessArgs:
    """Arguments of `AirflowUiAccess`.

    Attributes:
        naming: The stack's naming scheme.
        tags: Tags of every resource.
        environment_name: The MWAA environment's name.
        vpc_id: The environment's VPC.
        vpc_cidr: The CIDR clients are authorized to reach (the VPC's).
        subnet_ids: The environment's subnets (the endpoint is associated with each).
        webserver_security_group_id: The environment's security group.
        log_kms_key_arn: The key of the connection log group.
        log_retention_days: Retention of the connection log group.
        client_vpn: The endpoint's settings. Defaults to None (no endpoint).
    """

    naming: Naming
    tags: dict[str, str]
    environment_name: str
    vpc_id: pulumi.Input[str]
    vpc_cidr: pulumi.Input[str]
    subnet_ids: pulumi.Input[list[str]]
    webserver_security_group_id: pulumi.Input[str]
    log_kms_key_arn: pulumi.Input[str]
    log_retention_days: int
    client_vpn: ClientVpnSettings | None = None


class AirflowUiAccess(pulumi.ComponentResource):
    """The engineers' IAM policy (to attach to their SSO permission set or role) and, with
    `client_vpn`, the Client VPN endpoint into the environment's VPC."""

    policy_arn: pulumi.Output[str]
    endpoint_id: pulumi.Output[str] | None

    def __init__(
        self, name: str, args: AirflowUiAccessArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:orchestration:AirflowUiAccess", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        naming = args.naming
        policy = aws.iam.Policy(
            f"{name}-engineers",
            name=naming.resource("airflow-engineers"),
            description=f"Open the Airflow UI of {args.environment_name} and call its REST API",
            policy=json.dumps(
                engineer_policy(naming.region, naming.account_id, args.environment_name)
            ),
            tags=args.tags,
            opts=child,
        )
        self.policy_arn = policy.arn
        self.endpoint_id = (
            self._client_vpn(name, args, args.client_vpn) if args.client_vpn else None
        )
        self.register_outputs({"policy_arn": self.policy_arn})

    def _client_vpn(
        self, name: str, args: AirflowUiAccessArgs, vpn: ClientVpnSettings
    ) -> pulumi.Output[str]:
        child = pulumi.ResourceOptions(parent=self)
        naming = args.naming
        group = aws.ec2.SecurityGroup(
            f"{name}-vpn",
            vpc_id=args.vpc_id,
            description="Client VPN endpoint: HTTPS to the Airflow webserver only",
            tags={**args.tags, "Name": f"{name}-vpn"},
            opts=child,
        )
        aws.vpc.SecurityGroupEgressRule(
            f"{name}-vpn-to-webserver",
            security_group_id=group.id,
            referenced_security_group_id=args.webserver_security_group_id,
            ip_protocol="tcp",
            from_port=443,
            to_port=443,
            description="HTTPS to the private Airflow webserver",
            tags=args.tags,
            opts=child,
        )
        aws.vpc.SecurityGroupIngressRule(
            f"{name}-webserver-from-vpn",
            security_group_id=args.webserver_security_group_id,
            referenced_security_group_id=group.id,
            ip_protocol="tcp",
            from_port=443,
            to_port=443,
            description="HTTPS from Client VPN users to the Airflow webserver",
            tags=args.tags,
            opts=child,
        )
        logs = aws.cloudwatch.LogGroup(
            f"{name}-vpn-connections",
            name=f"/aws/client-vpn/{naming.resource('airflow-ui')}",
            kms_key_id=args.log_kms_key_arn,
            retention_in_days=args.log_retention_days,
            tags=args.tags,
            opts=child,
        )
        endpoint = aws.ec2clientvpn.Endpoint(
            f"{name}-vpn",
            description=f"Engineers to the Airflow UI of {args.environment_name}",
            server_certificate_arn=vpn.server_certificate_arn,
            client_cidr_block=vpn.client_cidr,
            authentication_options=[
                {
                    "type": "certificate-authentication",
                    "root_certificate_chain_arn": vpn.client_root_certificate_arn,
                }
            ],
            connection_log_options={"enabled": True, "cloudwatch_log_group": logs.name},
            # Only the VPC's routes go through the tunnel; the rest of a laptop's
            # traffic does not.
            split_tunnel=True,
            transport_protocol="udp",
            vpc_id=args.vpc_id,
            security_group_ids=[group.id],
            session_timeout_hours=8,
            tags=args.tags,
            opts=child,
        )
        subnets: pulumi.Output[list[str]] = pulumi.Output.from_input(args.subnet_ids)
        for index in range(2):  # MWAA runs in exactly two subnets
            aws.ec2clientvpn.NetworkAssociation(
                f"{name}-vpn-subnet-{index}",
                client_vpn_endpoint_id=endpoint.id,
                subnet_id=subnets.apply(_nth(index)),
                opts=child,
            )
        aws.ec2clientvpn.AuthorizationRule(
            f"{name}-vpn-vpc",
            client_vpn_endpoint_id=endpoint.id,
            target_network_cidr=args.vpc_cidr,
            authorize_all_groups=True,
            description="Every authenticated engineer may reach the VPC",
            opts=child,
        )
        return endpoint.id


def _nth(index: int) -> Callable[[list[str]], str]:
    """The `index`-th of a list, for `Output.apply`."""

    def pick(values: list[str]) -> str:
        return values[index]

    return pick


def engineer_policy(region: str, account_id: str, environment_name: str) -> dict[str, Any]:
    """Log in to the UI and call the REST API of one environment, as its `User` role."""
    role = arns.mwaa_rbac_role(region, account_id, environment_name, ENGINEER_AIRFLOW_ROLE)
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "OpenTheAirflowUi",
                "Effect": "Allow",
                "Action": "airflow:CreateWebLoginToken",
                "Resource": role,
            },
            {
                "Sid": "DriveDagRunsThroughTheMwaaApi",
                "Effect": "Allow",
                "Action": "airflow:InvokeRestApi",
                "Resource": role,
            },
            {
                "Sid": "FindTheEnvironment",
                "Effect": "Allow",
                "Action": "airflow:GetEnvironment",
                "Resource": arns.mwaa_environment(region, account_id, environment_name),
            },
        ],
    }
