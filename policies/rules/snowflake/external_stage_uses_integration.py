"""External stages reach cloud storage only through a storage integration."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import is_set
from ..core.view import Finding, ResourceView
from ..facts.tokens import SNOWFLAKE_STAGE
from .identifiers import EXTERNAL_STAGES


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """storageIntegration set, no credentials (a legacy Stage without url is internal)."""
    if view.type == SNOWFLAKE_STAGE and not view.need("url"):
        return
    if not view.need("storageIntegration"):
        yield view.violation(f"external stage [{view.name}] has no storageIntegration")
    if is_set(view.get("credentials")):
        yield view.violation(f"external stage [{view.name}] embeds credentials")


RULE = Rule(
    id="snowflake-external-stage-uses-integration",
    description="Snowflake external stages use a storage integration and embed no credentials.",
    severity="high",
    remediation="Set storageIntegration and remove credentials from the stage.",
    resource_types=EXTERNAL_STAGES,
    check=check,
    mapped=("CIS-SF 4.7",),
)
