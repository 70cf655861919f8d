"""No S3 bucket or bucket ACL grants public read or write through a canned ACL."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from .s3_resources import ACLS, BUCKETS

PUBLIC_ACLS = ("public-read", "public-read-write", "authenticated-read")
ALL_USERS = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """A canned public ACL or a grant to AllUsers/AuthenticatedUsers fails."""
    acl = view.need("acl")
    if acl in PUBLIC_ACLS:
        yield view.violation(f"{view.type} [{view.name}] sets the public ACL {acl!r}")
    grants = view.need("accessControlPolicy.grants") or []
    for grant in grants if isinstance(grants, list) else []:
        uri = (grant.get("grantee") or {}).get("uri")
        if uri in ALL_USERS:
            yield view.violation(
                f"{view.type} [{view.name}] grants {grant.get('permission')} to {uri}"
            )


RULE = Rule(
    id="s3-bucket-no-public-acl",
    description="No S3 bucket or BucketAcl grants access to all users through an ACL.",
    severity="critical",
    remediation=(
        "Remove public canned ACLs and AllUsers grants; disable ACLs with ownership controls."
    ),
    resource_types=BUCKETS + ACLS,
    check=check,
    mapped=("CKV_AWS_20", "CKV_AWS_57", "CKV2_AWS_43", "FSBP S3.2", "FSBP S3.3"),
)
