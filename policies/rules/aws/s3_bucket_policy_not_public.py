"""S3 bucket policies allow nothing to the anonymous principal."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from .iam_documents import document, is_open_to_everyone, statements
from .s3_resources import POLICIES


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """An unconditioned Allow to `*` fails."""
    for statement in statements(document(view, "policy")):
        if is_open_to_everyone(statement):
            sid = statement.get("Sid", "(no Sid)")
            yield view.violation(f"bucket policy [{view.name}] statement {sid} allows everyone")


RULE = Rule(
    id="s3-bucket-policy-not-public",
    description="S3 bucket policies grant nothing to the `*` principal without a condition.",
    severity="critical",
    remediation="Name the principals (accounts, roles, services) or add a narrowing condition.",
    resource_types=POLICIES,
    check=check,
    mapped=("CKV_AWS_70", "FSBP S3.2", "FSBP S3.3", "FSBP S3.6", "AwsSolutions-S5"),
)
