"""Glue jobs and crawlers run under a security configuration."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView

TYPES = ("aws:glue/job:Job", "aws:glue/crawler:Crawler")


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """securityConfiguration must name one."""
    if not view.need("securityConfiguration"):
        yield view.violation(f"{view.type} [{view.name}] has no securityConfiguration")


RULE = Rule(
    id="glue-job-uses-security-configuration",
    description="Glue jobs and crawlers name a security configuration.",
    severity="high",
    remediation=(
        "Set securityConfiguration to the name of an encrypting Glue security configuration."
    ),
    resource_types=TYPES,
    check=check,
    mapped=("CKV_AWS_195", "CT.GLUE.PR.1"),
)
