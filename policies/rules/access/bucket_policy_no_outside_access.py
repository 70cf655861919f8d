"""S3 bucket policies let no one outside the account in."""

from __future__ import annotations

from collections.abc import Iterator

from ..aws.s3_resources import BUCKETS, POLICIES
from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.analyzer_checks import ALLOW_WITH_NOT_PRINCIPAL, external
from .judged import CONFIG_SCHEMA, judge


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """The bucket's policy (a BucketPolicy, or a bucket's inline `policy`) is sent requests
    from another account, an anonymous caller and a service acting for another account."""
    yield from judge(view, "policy", "s3", "bucket policy", ctx.config)


RULE = Rule(
    id="access-s3-bucket-policy-no-outside-access",
    description=(
        "No S3 bucket policy lets a principal outside the account in, judged by evaluating "
        "its requests: conditions on keys the caller controls narrow nothing."
    ),
    severity="critical",
    remediation=(
        "Name the principals (roles, the account root, services), or bind the `*` statement to "
        "aws:PrincipalAccount, aws:PrincipalOrgID or aws:SourceAccount with the platform's "
        "values; aws:SecureTransport, aws:SourceIp and wildcards narrow nothing."
    ),
    resource_types=(*POLICIES, *BUCKETS),
    check=check,
    config_schema=CONFIG_SCHEMA,
    mapped=(
        external("AWS::S3::Bucket"),
        ALLOW_WITH_NOT_PRINCIPAL,
        "CKV_AWS_70",
        "FSBP S3.2",
        "FSBP S3.3",
        "FSBP S3.6",
    ),
)
