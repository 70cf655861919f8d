"""No Snowflake role outside a data domain owns, changes, reads undeclared, or unmasks its data.

A domain's data is its team's: other teams read the schemas its domain file lists under
`consumers`, masked, and nothing more. Judged on the one role model of the pack (`plan_model`:
system roles, bootstrap grants, the plan's grants and ownership, inheritance closed over), for
every account role that is neither the domain's own (its roles and its database's database
roles, declared in the rule's config, `domains.py`) nor one of the system roles above every
domain (`ADMIN_ROLES`). Such a role is a finding when it:

- owns or may change the domain's objects: OWNERSHIP, ALL PRIVILEGES, a write privilege or a
  CREATE privilege on its database, schemas or their objects;
- reads a schema of the domain (SELECT or READ on it or its objects) that the domain does not
  list for it (or for a role it holds) under `consumers`; a future grant counts like any other;
- reads a schema whose PII a masking body of its tag returns in clear to the role's session
  (`masking_eval.sees_clear` with every role it holds): consumers read masked.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.per_stack import once
from ..core.rule import Context, Rule
from ..core.values import contains_unknown
from ..core.view import Finding
from ..facts.tokens import (
    SNOWFLAKE_GRANT_ACCOUNT_ROLE,
    SNOWFLAKE_GRANT_DATABASE_ROLE,
    SNOWFLAKE_GRANT_OWNERSHIP,
    SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE,
    SNOWFLAKE_GRANT_PRIVILEGES_TO_DATABASE_ROLE,
    SNOWFLAKE_MASKING_POLICY,
    SNOWFLAKE_TAG_ASSOCIATION,
)
from ..preflight.snowflake_roles import Held, RoleModel
from ..preflight.snowflake_steps import plan_model
from ..snowflake.identifiers import ident
from ..snowflake.masking_eval import sees_clear
from .domain_pii import Pii, stack_pii
from .domains import ADMIN_ROLES, PROPERTY, SCHEMA, Domain, domains

OWNING = ("OWNERSHIP", "ALL PRIVILEGES")
WRITING = ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "WRITE", "MODIFY")
READING = ("SELECT", "READ")
ROLE_GRANTS = (SNOWFLAKE_GRANT_ACCOUNT_ROLE, SNOWFLAKE_GRANT_DATABASE_ROLE)
GRANTS = (
    *ROLE_GRANTS,
    SNOWFLAKE_GRANT_OWNERSHIP,
    SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE,
    SNOWFLAKE_GRANT_PRIVILEGES_TO_DATABASE_ROLE,
)
# What places a grant relative to a domain: who gets it, what it grants, on what.
_GRANT_INPUTS = (
    "roleName",
    "databaseRoleName",
    "parentRoleName",
    "parentDatabaseRoleName",
    "accountRoleName",
    "privileges",
    "on",
    "onAccount",
    "onDatabase",
    "onAccountObject",
    "onSchema",
    "onSchemaObject",
)
EVERY_SCHEMA = "*"


def check_stack(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each declared domain against every account role outside it."""
    declared = domains(ctx.config)
    if not declared:
        return
    for view in index.of_type(*GRANTS):
        if any(contains_unknown(view.get(k)) for k in _GRANT_INPUTS):
            yield view.not_evaluated(f"{view.type} [{view.name}] grantee or object")
    model = once(index, plan_model)
    edges = once(index, _role_edges)
    by_database = {d.database: d for d in declared}
    # Each role's privileges grouped by database once: linear in what the roles hold, not in
    # domains x roles (200 domains make some 600 roles).
    for role in sorted(_account_roles(model)):
        if role in ADMIN_ROLES:
            continue
        inside: dict[str, list[Held]] = {}
        for held in model.held(role):
            domain = by_database.get(held.target.split(".", 1)[0])
            if domain is not None and not domain.owns_role(role):
                inside.setdefault(domain.database, []).append(held)
        for database, held_there in sorted(inside.items()):
            yield from _judge(index, model, edges, by_database[database], role, sorted(held_there))


def _judge(
    index: StackIndex,
    model: RoleModel,
    edges: dict[tuple[str, str], str],
    domain: Domain,
    role: str,
    held: list[Held],
) -> Iterator[Finding]:
    where = f"Snowflake role [{role}]"
    changing = [h for h in held if _changes(h.privilege)]
    if changing:
        yield _finding(
            index,
            _crossing(model, edges, domain, role, changing[0]),
            f"{where}, outside data domain [{domain.name}], may own or change its objects: "
            f"{_listed(changing)}; only the domain's own roles and the system roles may",
        )
    holds = model.roles_of(role)
    read = sorted({_schema(h.target) for h in held if h.privilege in (*READING, *OWNING)})
    undeclared = [
        s for s in read if not holds & domain.consumers.get(s, frozenset()) or s == EVERY_SCHEMA
    ]
    if undeclared:
        reading = next(h for h in held if _schema(h.target) == undeclared[0])
        yield _finding(
            index,
            _crossing(model, edges, domain, role, reading),
            f"{where} reads {', '.join(_named(domain, s) for s in undeclared)} of data domain "
            f"[{domain.name}], which its `consumers` do not list for it",
        )
    yield from _unmasked(index, once(index, stack_pii), domain, role, holds, read)


def _unmasked(
    index: StackIndex,
    pii: Pii,
    domain: Domain,
    role: str,
    holds: frozenset[str],
    read: list[str],
) -> Iterator[Finding]:
    session = (role, *sorted(r for r in holds if r != role and "." not in r))
    for schema in read:
        targets = (
            [k for k in pii.categories if k.split(".")[0] == domain.database]
            if schema == EVERY_SCHEMA
            else [f"{domain.database}.{schema}"]
        )
        for target in targets:
            for tag, category in sorted(pii.categories.get(target, ())):
                for guard in pii.guards.get(tag, ()):
                    if sees_clear(guard.body, guard.sql_type, session, category):
                        yield guard.policy.violation(
                            f"masking policy [{guard.policy.name}] returns {category} values of "
                            f"{target} (data domain [{domain.name}]) in clear to Snowflake "
                            f"role [{role}], outside the domain: a consumer reads PII masked"
                        )
                        break


def _changes(privilege: str) -> bool:
    return privilege in OWNING or privilege in WRITING or privilege.startswith("CREATE ")


def _schema(target: str) -> str:
    parts = target.split(".")
    return parts[1] if len(parts) > 1 else EVERY_SCHEMA


def _named(domain: Domain, schema: str) -> str:
    if schema == EVERY_SCHEMA:
        return f"every schema of {domain.database}"
    return f"schema {domain.database}.{schema}"


def _listed(held: list[Held]) -> str:
    shown = [f"{h.privilege} on {h.on} {h.target}" for h in held[:3]]
    more = f" (and {len(held) - 3} more)" if len(held) > 3 else ""
    return "; ".join(shown) + more


def _account_roles(model: RoleModel) -> set[str]:
    """Every account role the model knows (database roles have a `DB.` qualifier)."""
    named = {*model.members, *model.direct}
    named |= {r for children in model.members.values() for r in children}
    return {r for r in named if "." not in r}


def _role_edges(index: StackIndex) -> dict[tuple[str, str], str]:
    """(granted role, parent role) -> the URN of the grant that makes it so."""
    edges: dict[tuple[str, str], str] = {}
    for view in index.of_type(*ROLE_GRANTS):
        child = view.get("roleName") or view.get("databaseRoleName")
        parent = view.get("parentRoleName") or view.get("parentDatabaseRoleName")
        if isinstance(child, str) and isinstance(parent, str):
            edges.setdefault((ident(child), ident(parent)), view.urn)
    return edges


def _crossing(
    model: RoleModel, edges: dict[tuple[str, str], str], domain: Domain, role: str, held: Held
) -> str | None:
    """The grant that carries `held` across the boundary to `role`: a privilege granted to a
    role outside the domain, or a domain role granted to one; None when owned by creation."""
    holds = model.roles_of(role)
    for holder in sorted(holds):
        if held not in model.direct.get(holder, ()):
            continue
        if not domain.owns_role(holder):
            return model.origin.get((holder, held))
        for (child, parent), urn in sorted(edges.items()):
            crosses = parent in holds and not domain.owns_role(parent) and domain.owns_role(child)
            if crosses and held in model.held(child):
                return urn
    return None


def _finding(index: StackIndex, urn: str | None, message: str) -> Finding:
    """The finding on the resource that crosses the boundary, named first as the other
    access rules name theirs (`GrantOwnership [name]: ...`)."""
    view = index.by_urn.get(urn or "")
    if view is None:
        return Finding(None, None, message)
    return view.violation(f"{view.type.rsplit(':', 1)[-1]} [{view.name}]: {message}")


RULE = Rule(
    id="access-snowflake-domain-boundary",
    description=(
        "No Snowflake role outside a data domain (other than the system roles above every "
        "domain) owns or may change the domain's objects, reads a schema its `consumers` do "
        "not list for it, or sees the domain's PII in clear."
    ),
    severity="critical",
    remediation=(
        "Grant other teams only the READ database role of the schemas the domain file lists "
        "under `consumers`; never OWNERSHIP, write or CREATE privileges, and never an unmask "
        "category of the domain's PII to a role outside it."
    ),
    resource_types=(*GRANTS, SNOWFLAKE_MASKING_POLICY, SNOWFLAKE_TAG_ASSOCIATION),
    check_stack=check_stack,
    config_schema={PROPERTY: SCHEMA},
)
