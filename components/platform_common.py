"""Naming and protection of one stack, from its config: shared by the composition modules."""

from __future__ import annotations

from components.naming import Naming
from components.protection import Protection
from stacks.config import PlatformConfig


def naming_for(config: PlatformConfig) -> Naming:
    """The stack's naming scheme."""
    return Naming(
        prefix=config.name_prefix,
        environment=config.environment,
        account_id=config.account_id,
        region=config.region,
    )


def protection_for(config: PlatformConfig) -> Protection:
    """The stack's deletion safeguards, after environment defaults."""
    resolved = config.resolved_protection
    return Protection(
        protect=resolved.protect,
        retain_on_delete=resolved.retain_on_delete,
        force_destroy=resolved.force_destroy,
    )
