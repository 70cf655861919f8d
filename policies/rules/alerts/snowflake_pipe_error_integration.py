"""Every Snowpipe reports load errors through a notification integration (advisory)."""

from __future__ import annotations

from ..core.checks import property_set
from ..core.rule import ADVISORY, Rule
from .alert_paths import PIPE

RULE = Rule(
    id="snowflake-pipe-error-integration",
    description="Snowflake pipes set errorIntegration, so load errors reach the alerts topic.",
    severity="medium",
    remediation=(
        "Create a Snowflake notification integration to the stack's alerts topic (with its "
        "IAM role and trust) and set it as each pipe's errorIntegration."
    ),
    resource_types=(PIPE,),
    check=property_set("errorIntegration", "load errors reach nobody"),
    levels=ADVISORY,
)
