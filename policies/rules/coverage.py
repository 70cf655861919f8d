"""Which resource types the pack checks, and the types that need no rule of their own.

Every custom resource type the platform creates is either named by a rule's
resource_types (exactly, or by a pattern such as `aws:s3/*`) or listed in `EXEMPT`
with the reason it needs no rule. A blanket pattern (`*`, `aws:*`) does not count:
those rules (tags, forceDestroy) apply to everything and say nothing about whether
the type's own risks are checked. Nor do preflight rules (`preflight-*`): they check that
a deployment can do each step (ordering, privileges), not the resource's own settings.
A test plans every stack and fails on a type that is neither, so a new resource type
arrives with a rule or a reason.
"""

from __future__ import annotations

from collections.abc import Iterable

from .core.rule import Rule, matches
from .registry import RULES

AWS = "aws:{0}"
# Preflight rules check steps, not the types' own settings; journey rules name only the
# types their journeys start from or judge (they read others along the way).
CROSS_CUTTING = ("preflight-",)
SF = "snowflake:index/{0}"

EXEMPT: tuple[tuple[str, str], ...] = (
    (
        AWS.format("cloudwatch/dashboard:Dashboard"),
        "a view of metrics and alarm states; holds no data and grants nothing",
    ),
    (
        AWS.format("ec2/eip:Eip"),
        "the NAT gateway's public address; admits nothing by itself (ingress is checked on "
        "security groups)",
    ),
    (
        AWS.format("ec2/internetGateway:InternetGateway"),
        "network plumbing (the NAT gateway's way out); exposure is checked through the "
        "security-group and VPC rules",
    ),
    (
        AWS.format("ec2/natGateway:NatGateway"),
        "outbound-only address translation; accepts no inbound connections",
    ),
    (AWS.format("ec2/route:Route"), "network plumbing checked through the VPC and SG rules"),
    (
        AWS.format("ec2/routeTable:RouteTable"),
        "network plumbing checked through the VPC and SG rules",
    ),
    (
        AWS.format("ec2/routeTableAssociation:RouteTableAssociation"),
        "network plumbing checked through the VPC and SG rules",
    ),
    (AWS.format("ec2/subnet:Subnet"), "network plumbing checked through the VPC and SG rules"),
    (
        AWS.format("ec2/vpcEndpoint:VpcEndpoint"),
        "private path to AWS services inside the VPC; network plumbing checked through the VPC "
        "and SG rules",
    ),
    (AWS.format("kms/alias:Alias"), "an alias grants nothing; its key's rules apply"),
    (
        AWS.format("s3/bucketNotification:BucketNotification"),
        "integration wiring; event notifications (FSBP S3.11) are deliberately not checked",
    ),
    (
        AWS.format("s3/bucketObjectv2:BucketObjectv2"),
        "encrypted by its bucket's default encryption; the bucket's rules apply",
    ),
    (
        AWS.format("vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
        "egress is deliberately not restricted (CKV_AWS_382 not adopted); ingress rules are "
        "checked",
    ),
    (
        SF.format("accountRole:AccountRole"),
        "a role grants nothing by itself; checked through the grant rules",
    ),
    (
        SF.format("databaseRole:DatabaseRole"),
        "a role grants nothing by itself; checked through the grant rules",
    ),
    (
        SF.format("authenticationPolicy:AuthenticationPolicy"),
        "narrows how users sign in; the service users' key-pair-only sign-in is checked on the "
        "users",
    ),
    (
        SF.format("userAuthenticationPolicyAttachment:UserAuthenticationPolicyAttachment"),
        "attaches an authentication policy to a user; checked through the user rules",
    ),
)


def is_blanket(pattern: str) -> bool:
    """True for `*` and a whole provider (`aws:*`)."""
    return pattern == "*" or (pattern.endswith(":*") and pattern.count(":") == 1)


def covering_rules(type_: str, rules: Iterable[Rule] = RULES) -> list[str]:
    """The ids of the rules that name `type_` (exactly or by a non-blanket pattern),
    preflight and journey rules left out."""
    return [
        rule.id
        for rule in rules
        if not rule.id.startswith(CROSS_CUTTING)
        and any(matches(p, type_) for p in rule.resource_types if not is_blanket(p))
    ]


def uncovered(types: Iterable[str], rules: Iterable[Rule] = RULES) -> list[str]:
    """The types that no rule names and `EXEMPT` does not list, sorted."""
    exempt = {type_ for type_, _ in EXEMPT}
    rules = tuple(rules)
    return sorted({t for t in types if t not in exempt and not covering_rules(t, rules)})
