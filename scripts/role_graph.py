"""Who may do what in Snowflake, computed from a plan document (or a stack export).

Reviewers and auditors ask "what can the analyst role actually do?"; the answer is
spread over dozens of grant resources and a role hierarchy. This module joins them:
role grants become edges, privilege grants and object ownership become privileges,
and a role's effective privileges are those of every role it holds, transitively.
It reads resources by the engine's camelCase input names, so it works on any
program's plan, not only ours.

The graph is the pack's role model (`RoleModel` of policies/rules/preflight/snowflake_roles.py,
one class for the pack's preflight and the CLI), holding `Held` privileges (privilege, the
kind of object it is `on`, target). This reader fills it from a plan document's resources
alone: no system roles and no bootstrap grants (the pack's `plan_model` adds those), so the
graph, the audit's access matrix and `dataplat graph` show what the stack itself grants.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from policies.rules.facts.tokens import PROVIDER_SNOWFLAKE, SNOWFLAKE_GRANT_OWNERSHIP
from policies.rules.preflight.snowflake_privileges import OWNED_KINDS
from policies.rules.preflight.snowflake_roles import Held, RoleModel
from policies.rules.snowflake.grant_scope import grant_scope

_SF = "snowflake:index/"
GRANT_ACCOUNT_ROLE = f"{_SF}grantAccountRole:GrantAccountRole"
GRANT_DATABASE_ROLE = f"{_SF}grantDatabaseRole:GrantDatabaseRole"
PRIVILEGES_TO_ACCOUNT_ROLE = f"{_SF}grantPrivilegesToAccountRole:GrantPrivilegesToAccountRole"
PRIVILEGES_TO_DATABASE_ROLE = f"{_SF}grantPrivilegesToDatabaseRole:GrantPrivilegesToDatabaseRole"
GRANT_OWNERSHIP = SNOWFLAKE_GRANT_OWNERSHIP
SNOWFLAKE_PROVIDER = PROVIDER_SNOWFLAKE
# Objects whose creator role owns them: the pack's table (one home).
_OWNED_KINDS = OWNED_KINDS


Privilege = Held
"""A privilege on one object, or on every (`ALL`/`FUTURE`) object of a kind in a scope: the
pack's `Held` (privilege, on, target)."""
RoleGraph = RoleModel
"""Role membership and direct privileges, keyed by normalised role names: the pack's model."""


def held_roles(graph: RoleModel, role: str) -> frozenset[str]:
    """Every role `role` holds (itself included), following grants transitively."""
    return graph.roles_of(normalise(role))


def privileges(graph: RoleModel, role: str) -> frozenset[Held]:
    """The effective privileges of `role`: its own and those of every held role."""
    return graph.held(normalise(role))


def can(graph: RoleModel, role: str, privilege: str, target: str) -> bool:
    """Whether `role` has exactly `privilege` on objects in (or on) `target`."""
    target = normalise(target)
    return any(p.privilege == privilege and p.target == target for p in privileges(graph, role))


def normalise(identifier: object) -> str:
    """`"DB"."ROLE"` and `db.role` both become `DB.ROLE`."""
    return ".".join(part.strip('"').upper() for part in str(identifier).split('"."'))


def role_graph(resources: Iterable[Mapping[str, Any]]) -> RoleModel:
    """The graph of every Snowflake grant and owned object in `resources`."""
    resources = list(resources)
    provider_roles = {
        r["urn"]: normalise(r["inputs"].get("role", ""))
        for r in resources
        if r["type"] == SNOWFLAKE_PROVIDER
    }
    graph = RoleModel()
    for r in resources:
        inputs, kind = r.get("inputs") or {}, r["type"]
        if kind == GRANT_ACCOUNT_ROLE:
            parent = inputs.get("parentRoleName") or inputs.get("userName")
            graph.grant_role(normalise(inputs["roleName"]), normalise(parent))
        elif kind == GRANT_DATABASE_ROLE:
            parent = inputs.get("parentDatabaseRoleName") or inputs.get("parentRoleName")
            if parent:
                graph.grant_role(normalise(inputs["databaseRoleName"]), normalise(parent))
        elif kind in (PRIVILEGES_TO_ACCOUNT_ROLE, PRIVILEGES_TO_DATABASE_ROLE):
            grantee = inputs.get("accountRoleName") or inputs.get("databaseRoleName")
            graph.direct[normalise(grantee)]  # listed even when it grants nothing
            for held in _granted(inputs):
                graph.grant(normalise(grantee), held)
        elif kind in _OWNED_KINDS:
            owner = _provider_role(provider_roles, str(r.get("provider") or ""))
            if owner:
                graph.grant(owner, Held("OWNERSHIP", _OWNED_KINDS[kind], _qualified(inputs)))
    for r in resources:
        if r["type"] == GRANT_OWNERSHIP:
            _transfer_ownership(graph, r.get("inputs") or {})
    return graph


def _transfer_ownership(graph: RoleModel, inputs: Mapping[str, Any]) -> None:
    """A GrantOwnership hands one object from its creating role to another account role."""
    on = inputs.get("on") or {}
    new_owner = inputs.get("accountRoleName")
    if not on.get("objectName") or not new_owner:
        return
    owned = Held("OWNERSHIP", str(on.get("objectType", "")), normalise(on["objectName"]))
    for role in list(graph.direct):
        graph.revoke(role, owned)
    graph.grant(normalise(new_owner), owned)


def _provider_role(provider_roles: Mapping[str, str], reference: str) -> str | None:
    """The role of the provider a resource uses; references are `urn` or `urn::id`."""
    if reference in provider_roles:
        return provider_roles[reference]
    return provider_roles.get(reference.rsplit("::", 1)[0])


def _granted(inputs: Mapping[str, Any]) -> set[Held]:
    privileges = ["ALL PRIVILEGES"] if inputs.get("allPrivileges") else inputs.get("privileges")
    scope = grant_scope(inputs.get)
    # A bulk grant (ALL or FUTURE objects of a type) holds on that type in its container.
    kind = scope.objects or scope.kind or "UNKNOWN"
    target = scope.target if scope.kind != "ACCOUNT" else "ACCOUNT"
    return {Held(str(p), kind, target or "UNKNOWN") for p in privileges or ()}


def _qualified(inputs: Mapping[str, Any]) -> str:
    return ".".join(str(inputs[k]).upper() for k in ("database", "schema", "name") if inputs.get(k))
