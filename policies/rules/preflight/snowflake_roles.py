"""Who holds what in Snowflake: the system roles, the bootstrap grants, and the plan.

The system-defined roles come with privileges that cannot be revoked, in a fixed
hierarchy ("Overview of access control", system-defined roles): ACCOUNTADMIN
encapsulates SYSADMIN and SECURITYADMIN; SECURITYADMIN holds MANAGE GRANTS and
inherits USERADMIN; USERADMIN holds CREATE USER and CREATE ROLE; SYSADMIN may create
warehouses and databases. CREATE NETWORK POLICY is SECURITYADMIN's ("Only security
administrators ... or higher", CREATE NETWORK POLICY), CREATE INTEGRATION
ACCOUNTADMIN's (CREATE STORAGE INTEGRATION), EXECUTE ALERT ACCOUNTADMIN's ("only a user
with the ACCOUNTADMIN role can grant this privilege", Setting up alerts).

A role holds its own privileges and those of every role granted to it, transitively;
OWNERSHIP (or ALL PRIVILEGES) of an object satisfies any privilege on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .snowflake_bootstrap import BOOTSTRAP_GRANTS, BootstrapGrant

OVERVIEW = (
    "https://docs.snowflake.com/en/user-guide/security-access-control-overview#system-defined-roles"
)

# (role, the role it is granted to): the parent inherits the role.
SYSTEM_HIERARCHY: tuple[tuple[str, str], ...] = (
    ("SYSADMIN", "ACCOUNTADMIN"),
    ("SECURITYADMIN", "ACCOUNTADMIN"),
    ("USERADMIN", "SECURITYADMIN"),
)
SYSTEM_PRIVILEGES: dict[str, tuple[str, ...]] = {
    "USERADMIN": ("CREATE USER", "CREATE ROLE"),
    "SECURITYADMIN": ("MANAGE GRANTS", "CREATE NETWORK POLICY"),
    "SYSADMIN": ("CREATE WAREHOUSE", "CREATE DATABASE"),
    "ACCOUNTADMIN": ("CREATE INTEGRATION", "EXECUTE ALERT"),
}
ALL = ("OWNERSHIP", "ALL PRIVILEGES")


@dataclass(frozen=True, order=True)
class Held:
    """A privilege on one object (`target` empty for ACCOUNT)."""

    privilege: str
    on: str
    target: str = ""


@dataclass
class RoleModel:
    """Role membership and direct privileges, keyed by resolved role names.

    `origin` maps a privilege held through a grant of the plan to that grant's URN,
    so a step can say which grant it relies on.
    """

    members: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    direct: dict[str, set[Held]] = field(default_factory=lambda: defaultdict(set))
    origin: dict[tuple[str, Held], str] = field(default_factory=dict)
    _held: dict[str, frozenset[Held]] = field(default_factory=dict)
    # Caches, cleared when the model changes: each step asks these of the same few roles,
    # which made them most of the preflight time on a 200-domain plan.
    _roles: dict[str, frozenset[str]] = field(default_factory=dict)
    _origin_of: dict[Held, dict[str, str]] = field(default_factory=dict)

    def grant_role(self, role: str, to: str) -> None:
        """`GRANT ROLE role TO ROLE to`: `to` inherits `role`."""
        self.members[to].add(role)
        self._held.clear()
        self._roles.clear()

    def grant(self, to: str, held: Held, urn: str | None = None) -> None:
        """A privilege granted to (or owned by) the role `to`."""
        self.direct[to].add(held)
        if urn is not None and (to, held) not in self.origin:
            self.origin[(to, held)] = urn
            self._origin_of.setdefault(held, {})[to] = urn
        self._held.clear()

    def revoke(self, role: str, held: Held) -> None:
        """Take `held` from `role` (an ownership handed to another role); no-op if not held."""
        if held in self.direct.get(role, ()):
            self.direct[role].discard(held)
            self.origin.pop((role, held), None)
            self._origin_of.get(held, {}).pop(role, None)
            self._held.clear()

    def roles_of(self, role: str) -> frozenset[str]:
        """Every role `role` holds, itself included."""
        if role not in self._roles:
            seen, stack = {role}, [role]
            while stack:
                for child in self.members.get(stack.pop(), ()):
                    if child not in seen:
                        seen.add(child)
                        stack.append(child)
            self._roles[role] = frozenset(seen)
        return self._roles[role]

    def held(self, role: str) -> frozenset[Held]:
        """The effective privileges of `role` (cached until the model changes)."""
        if role not in self._held:
            self._held[role] = frozenset(
                p for r in self.roles_of(role) for p in self.direct.get(r, ())
            )
        return self._held[role]

    def satisfying(self, role: str, privilege: str, on: str, target: str) -> list[Held]:
        """The held privileges that give `role` `privilege` on the object (empty: none)."""
        held = self.held(role)
        names = (privilege,) if on == "ACCOUNT" else (privilege, *ALL)
        return [Held(name, on, target) for name in names if Held(name, on, target) in held]

    def relied_grant(self, role: str, held: Held) -> str | None:
        """The plan grant URN a held privilege comes from (None: system, bootstrap, owned)."""
        granted = self._origin_of.get(held)
        if not granted:
            return None
        for r in self.roles_of(role):
            if r in granted:
                return granted[r]
        return None


def base_model(bootstrap: Iterable[BootstrapGrant] = BOOTSTRAP_GRANTS) -> RoleModel:
    """The system roles plus the bootstrap grants (grants to users are not roles' and skipped)."""
    model = RoleModel()
    for role, parent in SYSTEM_HIERARCHY:
        model.grant_role(role, parent)
    for role, privileges in SYSTEM_PRIVILEGES.items():
        for privilege in privileges:
            model.grant(role, Held(privilege, "ACCOUNT"))
    for grant in bootstrap:
        if grant.to_kind != "ROLE":
            continue
        for privilege in grant.privileges:
            model.grant(grant.to, Held(privilege, "ACCOUNT"))
        for granted in (*grant.roles, *grant.database_roles, *grant.application_roles):
            model.grant_role(granted, grant.to)
    return model
