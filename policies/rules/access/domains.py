"""Domain boundaries: which Snowflake database, roles and consumers each data domain declares.

The pack cannot read domain files, so the boundary of each domain travels in the policy config
of `access-snowflake-domain-boundary` (`stacks/policy.<stack>.json`, generated from the domain
files by scripts/access/declaration.py and checked by `dataplat docs --check`):

    "domains": [{"name": "marketing",
                 "database": "ACME_DP_DEV_DOMAIN_MARKETING",
                 "roles": ["ACME_DP_DEV_MARKETING_ENGINEER", "ACME_DP_DEV_MARKETING_ANALYST"],
                 "consumers": {"CAMPAIGNS": ["ACME_DP_DEV_ANALYST"]}}]

`roles` are the domain's own account roles; the database roles of its database are its own
too. `consumers` maps a schema to the roles of other teams the domain file lets read it.
Without the property (a foreign program) no boundary is judged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PROPERTY = "domains"
SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "database": {"type": "string"},
            "roles": {"type": "array", "items": {"type": "string"}},
            "consumers": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
        "required": ["name", "database", "roles", "consumers"],
    },
}
# The system roles the role model puts above every domain (docs/design/role-model.md):
# SYSADMIN creates the databases and schemas and every custom role is granted to it,
# ACCOUNTADMIN encapsulates SYSADMIN and SECURITYADMIN, SECURITYADMIN makes every grant
# (MANAGE GRANTS). Holding a domain's objects is what they are for, so they are not outsiders.
ADMIN_ROLES = ("ACCOUNTADMIN", "SECURITYADMIN", "SYSADMIN")


@dataclass(frozen=True)
class Domain:
    """One domain's boundary: its database, its own roles, and who may read which schema."""

    name: str
    database: str
    roles: frozenset[str]
    consumers: Mapping[str, frozenset[str]]

    def owns_role(self, role: str) -> bool:
        """The domain's own account roles and its database's database roles."""
        return role in self.roles or role.startswith(f"{self.database}.")


def domains(config: Mapping[str, Any]) -> tuple[Domain, ...] | None:
    """The declared domains in a rule's config (None when the config has none)."""
    raw = config.get(PROPERTY)
    if not isinstance(raw, list):
        return None
    return tuple(
        Domain(
            name=str(d["name"]),
            database=_upper(d["database"]),
            roles=frozenset(_upper(r) for r in d.get("roles") or ()),
            consumers={
                _upper(schema): frozenset(_upper(r) for r in roles)
                for schema, roles in (d.get("consumers") or {}).items()
            },
        )
        for d in raw
        if isinstance(d, Mapping)
    )


def _upper(value: object) -> str:
    return str(value).replace('"', "").strip().upper()
