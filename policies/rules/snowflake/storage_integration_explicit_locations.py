"""Storage integrations name the exact locations Snowflake may read and write."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import as_list
from ..core.view import Finding, ResourceView
from .identifiers import INTEGRATIONS


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """storageAllowedLocations must be present and hold no wildcard."""
    locations = as_list(view.need("storageAllowedLocations"))
    if not locations:
        yield view.violation(f"storage integration [{view.name}] allows no explicit location")
    wild = [loc for loc in locations if isinstance(loc, str) and "*" in loc]
    if wild:
        yield view.violation(f"storage integration [{view.name}] allows wildcard locations {wild}")


RULE = Rule(
    id="snowflake-storage-integration-explicit-locations",
    description=(
        "Snowflake storage integrations list explicit storageAllowedLocations "
        "(s3://bucket/prefix/), never `*`."
    ),
    severity="high",
    remediation="List each bucket prefix the integration serves in storageAllowedLocations.",
    resource_types=INTEGRATIONS,
    check=check,
    mapped=("CIS-SF 4.5",),
)
