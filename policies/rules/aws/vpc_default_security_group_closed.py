"""The default security group of every VPC is adopted and allows no traffic.

AWS creates a default security group with every VPC, admitting all traffic from its own
members and allowing all egress, and anything launched without a group lands in it.
The program closes it by adopting it with an `aws.ec2.DefaultSecurityGroup` that
declares no rules (adoption removes the rules not declared). A VPC created by the stack
with no DefaultSecurityGroup leaves that open group in place, so it is a violation
(FSBP EC2.2 would flag it after apply), not merely advice.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding, NotEvaluated
from ..facts.tokens import EC2_DEFAULT_SECURITY_GROUP, EC2_VPC

VPC = EC2_VPC
DEFAULT_GROUP = EC2_DEFAULT_SECURITY_GROUP


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each DefaultSecurityGroup declares no ingress and no egress; each Vpc has one."""
    for group in index.of_type(DEFAULT_GROUP):
        for direction in ("ingress", "egress"):
            try:
                rules = as_list(group.need(direction))
            except NotEvaluated:
                yield group.not_evaluated(f"default security group [{group.name}] {direction}")
                continue
            if rules:
                yield group.violation(
                    f"default security group [{group.name}] declares {len(rules)} {direction} "
                    "rule(s)"
                )
    for vpc in index.of_type(VPC):
        if not index.referrers(vpc, (DEFAULT_GROUP,), "vpcId"):
            yield vpc.violation(
                f"VPC [{vpc.name}] leaves its default security group open (no "
                "DefaultSecurityGroup adopts it)"
            )


RULE = Rule(
    id="vpc-default-security-group-closed",
    description=(
        "Every VPC's default security group is adopted by a DefaultSecurityGroup that "
        "declares no ingress and no egress rules."
    ),
    severity="high",
    remediation=(
        "Add aws.ec2.DefaultSecurityGroup(vpc_id=vpc.id) with no ingress and no egress; put "
        "workloads in their own security groups."
    ),
    resource_types=(VPC, DEFAULT_GROUP),
    check_stack=check,
    mapped=("CKV2_AWS_12", "FSBP EC2.2", "cdk-nag VPCDefaultSecurityGroupClosed"),
)
