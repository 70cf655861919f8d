"""MwaaNetwork: both egress modes, an existing VPC, the security groups and flow logs."""

from __future__ import annotations

import dataclasses

import pytest

from components.orchestration import MwaaNetwork, MwaaNetworkArgs
from components.orchestration.mwaa_network_parts import INTERFACE_SERVICES, subnet_cidrs
from components.protection import Protection

from .conftest import KEY, NAMING, REGION, TAGS, Plan, plan

ZONES = ("eu-west-1a", "eu-west-1b")
CREATED = MwaaNetworkArgs(
    naming=NAMING,
    tags=TAGS,
    flow_log_kms_key_arn=KEY,
    vpc_cidr="10.20.0.0/16",
    availability_zones=ZONES,
    webserver_access_cidr="10.0.0.0/8",
)
EXISTING = MwaaNetworkArgs(
    naming=NAMING,
    tags=TAGS,
    flow_log_kms_key_arn=KEY,
    vpc_id="vpc-0123456789abcdef0",
    private_subnet_ids=("subnet-aaaa", "subnet-bbbb"),
    private_route_table_ids=("rtb-aaaa", "rtb-bbbb"),
)
REQUIRED_INTERFACES = {
    "logs", "monitoring", "sqs", "kms", "ecr.api", "ecr.dkr", "secretsmanager", "sts",
    "airflow.api", "airflow.env", "airflow.ops",
}  # fmt: skip


def _network(args: MwaaNetworkArgs) -> Plan:
    return plan(lambda: MwaaNetwork("net", args))


@pytest.fixture(scope="module")
def private() -> Plan:
    return _network(CREATED)


@pytest.fixture(scope="module")
def nat() -> Plan:
    return _network(
        dataclasses.replace(CREATED, egress_mode="nat", nat_allocation_ids=("eipalloc-0a",))
    )


@pytest.fixture(scope="module")
def nat_per_az() -> Plan:
    return _network(
        dataclasses.replace(
            CREATED,
            egress_mode="nat",
            nat_allocation_ids=("eipalloc-0a", "eipalloc-0b"),
            service_endpoints=True,
        )
    )


def test_a_created_vpc_has_two_private_subnets_in_two_azs(private):
    vpc = private.one("Vpc")
    assert vpc.inputs["cidrBlock"] == "10.20.0.0/16"
    assert vpc.inputs["enableDnsSupport"] and vpc.inputs["enableDnsHostnames"]
    subnets = private.of("Subnet")
    assert sorted(s.inputs["availabilityZone"] for s in subnets) == list(ZONES)
    assert not any(s.inputs.get("mapPublicIpOnLaunch") for s in subnets)


def test_the_private_preset_has_no_internet_path(private):
    for short_type in ("InternetGateway", "NatGateway", "Eip", "Route"):
        assert not private.of(short_type), f"endpoints mode created a {short_type}"


def test_the_private_preset_has_every_interface_endpoint_with_private_dns(private):
    assert set(INTERFACE_SERVICES) == REQUIRED_INTERFACES
    interfaces = [
        e for e in private.of("VpcEndpoint") if e.inputs["vpcEndpointType"] == "Interface"
    ]
    by_service = {e.inputs["serviceName"]: e for e in interfaces}
    assert set(by_service) == {f"com.amazonaws.{REGION}.{s}" for s in REQUIRED_INTERFACES}
    endpoint_sg = private.one("SecurityGroupIngressRule", "net-endpoints-https").inputs
    for service, endpoint in by_service.items():
        assert endpoint.inputs["privateDnsEnabled"] is True, service
        assert len(endpoint.inputs["subnetIds"]) == 2, service
        assert endpoint.inputs["securityGroupIds"] == [endpoint_sg["securityGroupId"]], service


def test_the_s3_gateway_endpoint_serves_both_private_route_tables(private):
    gateway = private.one("VpcEndpoint", "net-s3").inputs
    assert gateway["vpcEndpointType"] == "Gateway"
    assert gateway["serviceName"] == f"com.amazonaws.{REGION}.s3"
    assert len(gateway["routeTableIds"]) == 2


def test_nat_mode_routes_private_subnets_through_one_nat_gateway(nat):
    assert nat.one("InternetGateway")
    assert nat.one("NatGateway").inputs["allocationId"] == "eipalloc-0a"
    assert not nat.of("Eip")  # allocated beforehand (EgressAddresses)
    egress = [r for r in nat.of("Route") if r.name.startswith("net-private-")]
    assert len(egress) == 2
    assert all(r.inputs["destinationCidrBlock"] == "0.0.0.0/0" for r in egress)
    assert all(r.inputs.get("natGatewayId") for r in egress)
    public = nat.one("Route", "net-public-internet").inputs
    assert public["gatewayId"] and public["destinationCidrBlock"] == "0.0.0.0/0"
    assert not nat.of("VpcEndpoint")
    assert len(nat.of("Subnet")) == 4


def test_nat_per_az_puts_one_nat_in_each_public_subnet_and_routes_each_zone_to_its_own(
    nat_per_az,
):
    nats = {n.name: n.inputs for n in nat_per_az.of("NatGateway")}
    assert {n: i["allocationId"] for n, i in nats.items()} == {
        "net-nat": "eipalloc-0a",
        "net-nat-1": "eipalloc-0b",
    }
    assert len({i["subnetId"] for i in nats.values()}) == 2
    routes = {r.name: r.inputs["natGatewayId"] for r in nat_per_az.of("Route")
              if r.name.startswith("net-private-")}  # fmt: skip
    assert len(set(routes.values())) == 2, routes


def test_service_endpoints_stay_beside_the_nat_when_asked(nat_per_az):
    services = {e.inputs["serviceName"].rsplit(".", 1)[-1] for e in nat_per_az.of("VpcEndpoint")}
    assert "s3" in services and len(nat_per_az.of("VpcEndpoint")) == 1 + len(REQUIRED_INTERFACES)


def test_an_existing_vpc_creates_no_vpc_and_uses_the_given_subnets():
    run = _network(EXISTING)
    for short_type in ("Vpc", "Subnet", "RouteTable", "InternetGateway", "NatGateway"):
        assert not run.of(short_type), f"existing VPC mode created a {short_type}"
    assert run.one("SecurityGroup", "net-mwaa").inputs["vpcId"] == "vpc-0123456789abcdef0"
    assert set(run.one("VpcEndpoint", "net-s3").inputs["routeTableIds"]) == {"rtb-aaaa", "rtb-bbbb"}
    assert run.one("VpcEndpoint", "net-sqs").inputs["subnetIds"] == ["subnet-aaaa", "subnet-bbbb"]
    assert run.one("FlowLog").inputs["vpcId"] == "vpc-0123456789abcdef0"


def test_the_mwaa_group_admits_only_itself_and_https_from_the_access_cidr(private):
    sg = private.one("SecurityGroup", "net-mwaa")
    rules = [r for r in private.of("SecurityGroupIngressRule") if r.name.startswith("net-mwaa")]
    assert {r.name for r in rules} == {"net-mwaa-self", "net-mwaa-https"}
    self_rule = private.one("SecurityGroupIngressRule", "net-mwaa-self").inputs
    assert self_rule["ipProtocol"] == "-1"
    assert self_rule["referencedSecurityGroupId"] == self_rule["securityGroupId"]
    https = private.one("SecurityGroupIngressRule", "net-mwaa-https").inputs
    assert (https["cidrIpv4"], https["fromPort"], https["toPort"]) == ("10.0.0.0/8", 443, 443)
    assert "ingress" not in sg.inputs and "egress" not in sg.inputs  # no inline rules
    rules_all = private.of("SecurityGroupIngressRule") + private.of("SecurityGroupEgressRule")
    assert all(r.inputs.get("description") for r in rules_all)


def test_without_an_access_cidr_the_mwaa_group_admits_only_itself():
    run = _network(dataclasses.replace(CREATED, webserver_access_cidr=None))
    rules = [r.name for r in run.of("SecurityGroupIngressRule") if r.name.startswith("net-mwaa")]
    assert rules == ["net-mwaa-self"]


def test_the_endpoint_group_admits_https_from_the_mwaa_group_only(private):
    rule = private.one("SecurityGroupIngressRule", "net-endpoints-https").inputs
    assert (rule["ipProtocol"], rule["fromPort"], rule["toPort"]) == ("tcp", 443, 443)
    assert rule["referencedSecurityGroupId"]
    assert "cidrIpv4" not in rule
    assert [r.name for r in private.of("SecurityGroupEgressRule")] == ["net-mwaa-egress"]


def test_flow_logs_go_to_an_encrypted_log_group_through_a_scoped_role(private):
    flow = private.one("FlowLog").inputs
    assert flow["trafficType"] == "ALL"
    assert flow["logDestinationType"] == "cloud-watch-logs"
    group = private.one("LogGroup").inputs
    assert group["kmsKeyId"] == KEY and group["retentionInDays"] == 365
    trust = private.policy("Role", "net-flow-logs", "assumeRolePolicy")["Statement"][0]
    assert trust["Principal"] == {"Service": "vpc-flow-logs.amazonaws.com"}
    assert trust["Condition"]["StringEquals"] == {"aws:SourceAccount": NAMING.account_id}
    statement = private.policy("RolePolicy", "net-flow-logs")["Statement"][0]
    assert all(r.startswith(group_arn(group["name"])) for r in statement["Resource"])


def test_the_flow_log_group_is_protected_as_asked_and_nothing_else_is():
    protection = Protection(protect=True, retain_on_delete=True)
    network = _network(dataclasses.replace(CREATED, protection=protection))
    group = network.one("LogGroup")
    assert (group.protect, group.retain_on_delete) == (True, True), group.name
    others = [r.name for r in network.run.registrations if r.protect and r is not group]
    assert others == [], "only the flow-log group holds data"


def group_arn(name: str) -> str:
    return f"arn:aws:logs:{REGION}:{NAMING.account_id}:log-group:{name}"


def test_every_taggable_resource_carries_the_mandatory_tags(private, nat):
    untaggable = ("Route", "RouteTableAssociation", "RolePolicy")
    for run in (private, nat):
        for r in run.run.registrations:
            if r.custom and not r.type.endswith(untaggable):
                assert r.inputs.get("tags", {}).get("managed-by"), f"{r.name} has no tags"


def test_every_child_is_parented_to_the_network(private):
    component = private.one("MwaaNetwork").urn
    assert all(r.parent == component for r in private.run.registrations if r.custom)


def test_the_plans_log_no_warnings(private, nat):
    for run in (private, nat):
        assert not run.run.diagnostics, run.run.diagnostics


def test_subnet_cidrs_are_four_quarters_of_the_vpc():
    assert subnet_cidrs("10.20.0.0/16") == (
        ["10.20.0.0/18", "10.20.64.0/18"],
        ["10.20.128.0/18", "10.20.192.0/18"],
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"vpc_id": "vpc-1"}, "exactly one of vpc_id and vpc_cidr"),
        ({"availability_zones": ("eu-west-1a", "eu-west-1a")}, "two different AZs"),
        ({"egress_mode": "vpn"}, "egress_mode"),
        ({"flow_log_retention_days": 42}, "retention"),
        ({"vpc_cidr": "10.0.0.0/28"}, "/26 or larger"),
        ({"egress_mode": "nat"}, "nat_allocation_ids"),
        ({"nat_allocation_ids": ("eipalloc-0a",)}, "only with egress_mode nat"),
    ],
)
def test_contradictory_arguments_fail_naming_the_field(changes, message):
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(CREATED, **changes)


def test_an_existing_vpc_in_endpoints_mode_needs_its_route_tables():
    with pytest.raises(ValueError, match="private_route_table_ids"):
        dataclasses.replace(EXISTING, private_route_table_ids=())
