"""VPC flow logs and the default security group: compliant and each failure."""

from __future__ import annotations

import pytest

from tests.policies.helpers import failing, run, view

VPC = "aws:ec2/vpc:Vpc"
FLOW_LOG = "aws:ec2/flowLog:FlowLog"
DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
VPC_ID = "vpc-0abc"
OPEN_RULE = {"protocol": "-1", "fromPort": 0, "toPort": 0, "self": True}


def vpc(name: str = "net", vpc_id: str = VPC_ID) -> object:
    return view(VPC, name, {"cidrBlock": "10.0.0.0/16"}, outputs={"id": vpc_id})


def flow_log(traffic: str = "ALL", vpc_id: object = VPC_ID, **options: object) -> object:
    return view(FLOW_LOG, "fl", {"vpcId": vpc_id, "trafficType": traffic}, **options)


def default_sg(**props: object) -> object:
    return view(DEFAULT_SG, "dsg", {"vpcId": VPC_ID, **props})


CASES = [
    ("vpc-flow-logs-enabled", "compliant", [vpc(), flow_log()], set()),
    ("vpc-flow-logs-enabled", "rejected traffic only", [vpc(), flow_log("REJECT")], set()),
    (
        "vpc-flow-logs-enabled",
        "vpcId unknown in preview, joined by its dependency",
        [
            vpc(),
            flow_log(
                vpc_id="[unknown]",
                property_dependencies={"vpcId": ("urn:pulumi:prod::test::aws:ec2/vpc:Vpc::net",)},
            ),
        ],
        set(),
    ),
    ("vpc-flow-logs-enabled", "no flow log", [vpc()], {"net"}),
    (
        "vpc-flow-logs-enabled",
        "flow log of another VPC",
        [vpc(), flow_log(vpc_id="vpc-other")],
        {"net"},
    ),
    ("vpc-flow-logs-enabled", "accepted traffic only", [vpc(), flow_log("ACCEPT")], {"net"}),
    ("vpc-default-security-group-closed", "compliant", [vpc(), default_sg()], set()),
    (
        "vpc-default-security-group-closed",
        "empty rule lists",
        [vpc(), default_sg(ingress=[], egress=[])],
        set(),
    ),
    (
        "vpc-default-security-group-closed",
        "ingress declared",
        [vpc(), default_sg(ingress=[OPEN_RULE])],
        {"dsg"},
    ),
    (
        "vpc-default-security-group-closed",
        "egress declared",
        [vpc(), default_sg(egress=[{**OPEN_RULE, "cidrBlocks": ["0.0.0.0/0"]}])],
        {"dsg"},
    ),
    ("vpc-default-security-group-closed", "VPC without a DefaultSecurityGroup", [vpc()], {"net"}),
]


@pytest.mark.parametrize(
    ("rule", "case", "resources", "expected"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES]
)
def test_vpc_rule(rule, case, resources, expected):
    assert failing(rule, resources) == expected, case


def test_an_unknown_default_security_group_ingress_is_not_evaluated():
    results = run("vpc-default-security-group-closed", [vpc(), default_sg(ingress="[unknown]")])
    assert [r.status for r in results] == ["not-evaluated"]
