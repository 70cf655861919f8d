"""Warehouses suspend soon after they fall idle."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from .identifiers import WAREHOUSE

MAX_SECONDS = {"dev": 60, "staging": 120, "prod": 300}
SNOWFLAKE_DEFAULT = 600


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """autoSuspend (Snowflake's default 600) must be between 1 and the environment's cap."""
    cap = int(ctx.setting("maxAutoSuspendSeconds", MAX_SECONDS))
    seconds = view.need("autoSuspend")
    seconds = SNOWFLAKE_DEFAULT if seconds is None else int(seconds)
    if seconds <= 0:
        yield view.violation(f"warehouse [{view.name}] never suspends (autoSuspend {seconds})")
    elif seconds > cap:
        yield view.violation(
            f"warehouse [{view.name}] autoSuspend {seconds}s; {ctx.environment} allows at "
            f"most {cap}s"
        )


RULE = Rule(
    id="snowflake-warehouse-auto-suspend",
    description=(
        "Snowflake warehouses auto-suspend after at most 60 s idle in dev, 120 s in staging and "
        "300 s in prod."
    ),
    severity="medium",
    remediation="Set autoSuspend to a value from 1 to the environment's cap.",
    resource_types=(WAREHOUSE,),
    check=check,
    config_schema={"maxAutoSuspendSeconds": {"type": "integer", "minimum": 1}},
)
