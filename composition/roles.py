"""Functional roles: the platform's from config, and the two every domain gets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from components.naming import Naming
from components.snowflake.role_model import FunctionalRoleSpec
from stacks.snowflake_config import FunctionalRoleConfig
from vocabulary.domains import DOMAIN_ROLES


def platform_roles(
    naming: Naming, roles: Sequence[FunctionalRoleConfig]
) -> tuple[FunctionalRoleSpec, ...]:
    """The platform's functional roles, under their Snowflake names."""
    return tuple(
        FunctionalRoleSpec(
            key=r.name,
            identifier=naming.snowflake(r.name),
            read=r.read,
            write=r.write,
            own=r.own,
            warehouses=r.warehouses,
            unmask=r.unmask,
        )
        for r in roles
    )


def domain_role_identifiers(naming: Naming, domain: str) -> Mapping[str, str]:
    """The Snowflake names of a domain's roles (`engineer`, `analyst`)."""
    return {role: naming.snowflake(domain, role) for role in DOMAIN_ROLES}
