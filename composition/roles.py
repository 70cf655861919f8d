"""Functional roles: the platform's from config, and the two every domain gets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from components.naming import Naming
from components.snowflake.role_model import FunctionalRoleSpec, UnmaskRole
from stacks.domain_spec import ResolvedDomain
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


def domain_unmask_roles(
    naming: Naming, domains: Sequence[ResolvedDomain]
) -> tuple[UnmaskRole, ...]:
    """The domains' roles that see some of their PII in clear, under their Snowflake names.

    Their names are known before any domain is built, so the platform's masking
    policies (built first) can name them.
    """
    return tuple(
        UnmaskRole(identifier=domain_role_identifiers(naming, d.name)[role], unmask=categories)
        for d in domains
        for role, categories in d.unmask.items()
        if categories
    )
