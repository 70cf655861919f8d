"""Glue jobs and crawlers run under a security configuration."""

from __future__ import annotations

from ..core.checks import property_set
from ..core.rule import Rule
from ..facts.tokens import GLUE_CRAWLER, GLUE_JOB

TYPES = (GLUE_JOB, GLUE_CRAWLER)


RULE = Rule(
    id="glue-job-uses-security-configuration",
    description="Glue jobs and crawlers name a security configuration.",
    severity="high",
    remediation=(
        "Set securityConfiguration to the name of an encrypting Glue security configuration."
    ),
    resource_types=TYPES,
    check=property_set(
        "securityConfiguration", "the Glue security configuration that encrypts its output"
    ),
    mapped=("CKV_AWS_195", "CT.GLUE.PR.1"),
)
