"""Every VPC the stack creates records its rejected (or all) traffic in flow logs."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import is_unknown
from ..core.view import Finding
from ..facts.tokens import EC2_FLOW_LOG, EC2_VPC

VPC = EC2_VPC
FLOW_LOG = EC2_FLOW_LOG
# FSBP EC2.6 asks for rejected traffic at least; ACCEPT alone does not satisfy it.
TRAFFIC_TYPES = ("ALL", "REJECT")


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each Vpc has a FlowLog whose vpcId refers to it (by value, or by dependency when
    unknown) with trafficType ALL or REJECT."""
    for vpc in index.of_type(VPC):
        logs = index.referrers(vpc, (FLOW_LOG,), "vpcId")
        if not logs:
            yield vpc.violation(f"VPC [{vpc.name}] has no flow log (no FlowLog with its vpcId)")
            continue
        types = [log.get("trafficType") for log in logs]
        if any(is_unknown(t) for t in types):
            yield vpc.not_evaluated(f"the trafficType of the flow logs of VPC [{vpc.name}]")
        elif not any(t in TRAFFIC_TYPES for t in types):
            yield vpc.violation(
                f"VPC [{vpc.name}] flow logs record only {sorted(set(map(str, types)))}; "
                f"allowed: {list(TRAFFIC_TYPES)}"
            )


RULE = Rule(
    id="vpc-flow-logs-enabled",
    description=(
        "Every VPC has a flow log (a FlowLog whose vpcId is the VPC) recording ALL or REJECT "
        "traffic."
    ),
    severity="medium",
    remediation=(
        "Create an aws.ec2.FlowLog with vpc_id=vpc.id and traffic_type ALL, delivering to an "
        "encrypted log group with retention (or an S3 bucket)."
    ),
    resource_types=(VPC, FLOW_LOG),
    check_stack=check,
    mapped=("CKV2_AWS_11", "FSBP EC2.6", "AwsSolutions-VPC7"),
)
