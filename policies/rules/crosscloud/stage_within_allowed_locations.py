"""An external stage's URL lies within its storage integration's allowed locations."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list, is_unknown
from ..core.view import Finding, ResourceView
from ..snowflake.identifiers import EXTERNAL_STAGES, INTEGRATIONS, ident


def _within(url: str, locations: list[str]) -> bool:
    return any(
        url.rstrip("/") + "/" == loc.rstrip("/") + "/" or url.startswith(loc.rstrip("/") + "/")
        for loc in locations
    )


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Inside some allowed location and outside every blocked one."""
    integrations: dict[str, ResourceView] = {}
    for integration in index.of_type(*INTEGRATIONS):
        for name in (integration.get("name"), integration.name):
            if isinstance(name, str):
                integrations.setdefault(ident(name), integration)
    for stage in index.of_type(*EXTERNAL_STAGES):
        ref = stage.get("storageIntegration")
        if is_unknown(ref):
            yield stage.not_evaluated(f"stage [{stage.name}] storageIntegration")
            continue
        if not isinstance(ref, str) or ident(ref) not in integrations:
            continue  # no integration here (another rule reports a missing one)
        integration = integrations[ident(ref)]
        url = stage.need("url")
        allowed = [str(x) for x in as_list(integration.need("storageAllowedLocations"))]
        blocked = [str(x) for x in as_list(integration.need("storageBlockedLocations"))]
        if not isinstance(url, str):
            continue
        if not _within(url, allowed):
            yield stage.violation(
                f"stage [{stage.name}] url {url} is outside integration [{integration.name}] "
                f"allowed locations {allowed}"
            )
        elif _within(url, blocked):
            yield stage.violation(f"stage [{stage.name}] url {url} is a blocked location")


RULE = Rule(
    id="snowflake-stage-within-allowed-locations",
    description=(
        "Snowflake external stage URLs lie inside their storage integration's "
        "storageAllowedLocations and outside its storageBlockedLocations."
    ),
    severity="medium",
    remediation="Point the stage at an allowed prefix, or add the prefix to the integration.",
    resource_types=(*EXTERNAL_STAGES, *INTEGRATIONS),
    check_stack=check,
    mapped=("CIS-SF 4.7",),
)
