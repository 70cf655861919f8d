"""Who may do what in Snowflake, computed from a plan document (or a stack export).

Reviewers and auditors ask "what can the analyst role actually do?"; the answer is
spread over dozens of grant resources and a role hierarchy. This module joins them:
role grants become edges, privilege grants and object ownership become privileges,
and a role's effective privileges are those of every role it holds, transitively.
It reads resources by the engine's camelCase input names, so it works on any
program's plan, not only ours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from policies.rules.facts.tokens import PROVIDER_SNOWFLAKE, SNOWFLAKE_GRANT_OWNERSHIP
from policies.rules.preflight.snowflake_privileges import OWNED_KINDS
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


@dataclass(frozen=True, order=True)
class Privilege:
    """A privilege on one object, or on every (`ALL`/`FUTURE`) object of a kind in a scope."""

    privilege: str
    kind: str
    target: str


@dataclass
class RoleGraph:
    """Role membership and direct privileges, keyed by normalised role names."""

    members: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    direct: dict[str, set[Privilege]] = field(default_factory=lambda: defaultdict(set))

    def held_roles(self, role: str) -> set[str]:
        """Every role `role` holds (itself included), following grants transitively."""
        seen, stack = {normalise(role)}, [normalise(role)]
        while stack:
            for child in self.members.get(stack.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return seen

    def privileges(self, role: str) -> set[Privilege]:
        """The effective privileges of `role`: its own and those of every held role."""
        return {p for held in self.held_roles(role) for p in self.direct.get(held, ())}

    def can(self, role: str, privilege: str, target: str) -> bool:
        """Whether `role` has `privilege` on objects in (or on) `target`."""
        target = normalise(target)
        return any(p.privilege == privilege and p.target == target for p in self.privileges(role))


def normalise(identifier: object) -> str:
    """`"DB"."ROLE"` and `db.role` both become `DB.ROLE`."""
    return ".".join(part.strip('"').upper() for part in str(identifier).split('"."'))


def role_graph(resources: Iterable[Mapping[str, Any]]) -> RoleGraph:
    """The graph of every Snowflake grant and owned object in `resources`."""
    resources = list(resources)
    provider_roles = {
        r["urn"]: normalise(r["inputs"].get("role", ""))
        for r in resources
        if r["type"] == SNOWFLAKE_PROVIDER
    }
    graph = RoleGraph()
    for r in resources:
        inputs, kind = r.get("inputs") or {}, r["type"]
        if kind == GRANT_ACCOUNT_ROLE:
            parent = inputs.get("parentRoleName") or inputs.get("userName")
            graph.members[normalise(parent)].add(normalise(inputs["roleName"]))
        elif kind == GRANT_DATABASE_ROLE:
            parent = inputs.get("parentDatabaseRoleName") or inputs.get("parentRoleName")
            if parent:
                graph.members[normalise(parent)].add(normalise(inputs["databaseRoleName"]))
        elif kind in (PRIVILEGES_TO_ACCOUNT_ROLE, PRIVILEGES_TO_DATABASE_ROLE):
            grantee = inputs.get("accountRoleName") or inputs.get("databaseRoleName")
            graph.direct[normalise(grantee)].update(_granted(inputs))
        elif kind in _OWNED_KINDS:
            owner = _provider_role(provider_roles, str(r.get("provider") or ""))
            if owner:
                graph.direct[owner].add(
                    Privilege("OWNERSHIP", _OWNED_KINDS[kind], _qualified(inputs))
                )
    for r in resources:
        if r["type"] == GRANT_OWNERSHIP:
            _transfer_ownership(graph, r.get("inputs") or {})
    return graph


def _transfer_ownership(graph: RoleGraph, inputs: Mapping[str, Any]) -> None:
    """A GrantOwnership hands one object from its creating role to another account role."""
    on = inputs.get("on") or {}
    new_owner = inputs.get("accountRoleName")
    if not on.get("objectName") or not new_owner:
        return
    owned = Privilege("OWNERSHIP", str(on.get("objectType", "")), normalise(on["objectName"]))
    for privileges in graph.direct.values():
        privileges.discard(owned)
    graph.direct[normalise(new_owner)].add(owned)


def _provider_role(provider_roles: Mapping[str, str], reference: str) -> str | None:
    """The role of the provider a resource uses; references are `urn` or `urn::id`."""
    if reference in provider_roles:
        return provider_roles[reference]
    return provider_roles.get(reference.rsplit("::", 1)[0])


def _granted(inputs: Mapping[str, Any]) -> set[Privilege]:
    privileges = ["ALL PRIVILEGES"] if inputs.get("allPrivileges") else inputs.get("privileges")
    scope = grant_scope(inputs.get)
    # A bulk grant (ALL or FUTURE objects of a type) holds on that type in its container.
    kind = scope.objects or scope.kind or "UNKNOWN"
    target = scope.target if scope.kind != "ACCOUNT" else "ACCOUNT"
    return {Privilege(str(p), kind, target or "UNKNOWN") for p in privileges or ()}


def _qualified(inputs: Mapping[str, Any]) -> str:
    return ".".join(str(inputs[k]).upper() for k in ("database", "schema", "name") if inputs.get(k))
