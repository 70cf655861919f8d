"""The effective access matrix: principal -> roles it holds -> privileges -> PII in clear?

Principals are the Snowflake service users and the functional roles (account roles
that hold other roles; the warehouse and access roles they hold are plumbing, shown
as inherited roles). Privileges come from `scripts.role_graph` (grants and
ownership, followed transitively) and are shown per database and schema. For each
schema tagged with a PII category, and for every category of the PII tags, the
matrix says whether the principal sees values in clear or masked, from the masking
bodies (`scripts.audit.masking`): "partly" when the data types' policies disagree,
"unknown" when a body could not be read.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from policies.rules.facts.tokens import SNOWFLAKE_ACCOUNT_ROLE, SNOWFLAKE_SERVICE_USER
from scripts.audit.masking import ClearGrants, clear_grants
from scripts.audit.pii import MASKING_POLICY, pii_tags, prop, qualified
from scripts.role_graph import (
    Privilege,
    RoleGraph,
    held_roles,
    normalise,
    role_graph,
)
from scripts.role_graph import privileges as effective_privileges

SERVICE_USER = SNOWFLAKE_SERVICE_USER
ACCOUNT_ROLE = SNOWFLAKE_ACCOUNT_ROLE
# On objects in a schema (or owning the schema or database) a role can select.
READ_PRIVILEGES = ("SELECT", "OWNERSHIP", "ALL PRIVILEGES")

Resource = Mapping[str, Any]


def access_matrix(resources: list[Resource], pii: Mapping[str, Any]) -> dict[str, Any]:
    """The access section: one row per principal, plus the categories and PII schemas."""
    graph = role_graph(resources)
    bodies = masking_bodies(resources)
    categories = sorted({c for t in pii_tags(resources) for c in t["categories"]})
    pii_schemas = [o for o in pii["snowflakeObjects"] if o["objectType"].upper() == "SCHEMA"]
    rows = [
        _row(name, kind, graph, bodies, categories, pii_schemas)
        for name, kind in principals(resources, graph)
    ]
    return {
        "categories": categories,
        "piiSchemas": [{"schema": s["object"], "category": s["category"]} for s in pii_schemas],
        "maskingPolicies": sorted(bodies),
        "principals": rows,
    }


def principals(resources: list[Resource], graph: RoleGraph) -> list[tuple[str, str]]:
    """(name, kind) of every service user and functional role, users first."""
    users = sorted(normalise(prop(r, "name")) for r in resources if r["type"] == SERVICE_USER)
    roles = sorted(
        normalise(prop(r, "name"))
        for r in resources
        if r["type"] == ACCOUNT_ROLE and graph.members.get(normalise(prop(r, "name")))
    )
    return [(u, "service user") for u in users] + [(r, "functional role") for r in roles]


def masking_bodies(resources: list[Resource]) -> dict[str, ClearGrants]:
    """The clear grants of each masking policy attached to a PII tag, by policy name."""
    attached = {p["name"] for t in pii_tags(resources) for p in t["maskingPolicies"]}
    return {
        qualified(r): clear_grants(
            str(prop(r, "body") or ""), str(prop(r, "returnDataType") or "VARCHAR")
        )
        for r in resources
        if r["type"] == MASKING_POLICY and (not attached or qualified(r) in attached)
    }


def view(bodies: Mapping[str, ClearGrants], held: AbstractSet[str], category: str) -> str:
    """ "clear", "masked", "partly clear" or "unknown" for one category."""
    answers = {name: grants.sees_clear(held, category) for name, grants in bodies.items()}
    if not answers:
        return "not masked (no masking policy)"
    if None in answers.values():
        return "unknown"
    if all(answers.values()):
        return "clear"
    if not any(answers.values()):
        return "masked"
    return "partly clear: " + ", ".join(
        sorted(n.rsplit(".", 1)[-1] for n, a in answers.items() if a)
    )


def _row(
    name: str,
    kind: str,
    graph: RoleGraph,
    bodies: Mapping[str, ClearGrants],
    categories: list[str],
    pii_schemas: list[dict[str, Any]],
) -> dict[str, Any]:
    held = held_roles(graph, name)
    privileges = effective_privileges(graph, name)
    return {
        "principal": name,
        "kind": kind,
        "inheritedRoles": sorted(held - {name}),
        "privileges": _by_target(privileges),
        "access": {t: access_level(ps) for t, ps in _by_target(privileges).items()},
        "warehouses": sorted({p.target for p in privileges if p.on == "WAREHOUSE"}),
        "categories": {c: view(bodies, held, c) for c in categories},
        "piiSchemas": [
            {
                "schema": s["object"],
                "category": s["category"],
                "canRead": can_read(privileges, s["object"]),
                "sees": view(bodies, held, s["category"]),
            }
            for s in pii_schemas
        ],
    }


def can_read(privileges: AbstractSet[Privilege], schema: str) -> bool:
    """True if the privileges let a session select from objects in `schema`."""
    database = schema.split(".", 1)[0]
    return any(
        p.privilege in READ_PRIVILEGES
        and (p.target == schema or (p.on == "DATABASE" and p.target == database))
        for p in privileges
    )


def access_level(privileges: list[str]) -> str:
    """A reviewer's summary of one target's privileges: own, create, write, read or usage."""
    names = {p.split(" on ", 1)[0] for p in privileges}
    if names & {"OWNERSHIP", "ALL PRIVILEGES"}:
        return "owner"
    parts = []
    if any(n.startswith("CREATE ") for n in names):
        parts.append("create")
    if names & {"INSERT", "UPDATE", "DELETE", "TRUNCATE"}:
        parts.append("write")
    if "SELECT" in names:
        parts.append("read")
    return " + ".join(parts) if parts else ", ".join(sorted(names)).lower()


def _by_target(privileges: AbstractSet[Privilege]) -> dict[str, list[str]]:
    out: dict[str, set[str]] = {}
    for p in privileges:
        if p.on in ("WAREHOUSE", "ACCOUNT", "UNKNOWN", "RESOURCE MONITOR"):
            continue
        on = "" if p.on in ("DATABASE", "SCHEMA") else f" on {p.on}"
        out.setdefault(p.target, set()).add(f"{p.privilege}{on}")
    return {t: sorted(v) for t, v in sorted(out.items())}
