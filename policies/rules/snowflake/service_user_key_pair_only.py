"""Service users authenticate with a key pair only."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import is_set
from ..core.view import Finding, ResourceView
from .identifiers import USERS, is_service_user


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """rsaPublicKey set and no password (a secret password counts as set)."""
    if not is_service_user(view.type, view.need("userType")):
        return
    if not is_set(view.get("rsaPublicKey")) and not is_set(view.get("rsaPublicKey2")):
        yield view.violation(f"service user [{view.name}] has no rsaPublicKey")
    if is_set(view.get("password")):
        yield view.violation(f"service user [{view.name}] has a password")


RULE = Rule(
    id="snowflake-service-user-key-pair-only",
    description="Snowflake service users have an RSA public key and no password.",
    severity="critical",
    remediation="Set rsaPublicKey (rotate with rsaPublicKey2) and remove password.",
    resource_types=USERS,
    check=check,
    mapped=("CIS-SF 1.6",),
)
