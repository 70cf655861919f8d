"""MWAA environments serve the Airflow UI only inside the VPC."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.tokens import MWAA_ENVIRONMENT

MWAA = MWAA_ENVIRONMENT


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """webserverAccessMode must be PRIVATE_ONLY (AWS's default when unset)."""
    mode = view.need("webserverAccessMode") or "PRIVATE_ONLY"
    if mode != "PRIVATE_ONLY":
        yield view.violation(f"MWAA environment [{view.name}] webserver is {mode}")


RULE = Rule(
    id="mwaa-webserver-private",
    description="MWAA environments have webserverAccessMode PRIVATE_ONLY.",
    severity="high",
    remediation="Set webserverAccessMode to PRIVATE_ONLY and reach the UI through the VPC.",
    resource_types=(MWAA,),
    check=check,
    mapped=("CKV2_AWS_66",),
)
