"""Every Snowflake step of a stack, checked against the privileges of its provider's role.

The role model is the system roles, the bootstrap grants, and what the plan gives:
a role owns what it creates through its provider, and the plan's grants (privileges
and roles) count as held. Ordering is modelled loosely: a grant anywhere in the same
plan counts, and a step that relies on one it does not depend on lists it in
`unordered` (the ordering rules judge that).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..core.index import StackIndex
from ..core.per_stack import once
from ..core.values import is_set
from ..core.view import NotEvaluated, ResourceView
from ..snowflake.identifiers import ident
from . import snowflake_privileges as p
from .snowflake_objects import Refs, granted_on, known, object_refs
from .snowflake_roles import Held, RoleModel, base_model

SNOWFLAKE = "snowflake:"


@dataclass(frozen=True)
class StepResult:
    """One step: allowed True/False, or None when not evaluated until apply."""

    type: str
    name: str
    urn: str
    operation: str
    object: str
    role: str | None
    allowed: bool | None
    missing: tuple[str, ...] = ()
    source: str = ""
    remediation: str = ""
    unordered: tuple[str, ...] = ()
    reason: str = ""

    @property
    def step(self) -> str:
        """`Warehouse [name]: assign a resource monitor to a warehouse (WAREHOUSE X)`."""
        short = self.type.rsplit(":", 1)[-1]
        return f"{short} [{self.name}]: {self.operation} ({self.object})"


def provider_role(view: ResourceView) -> str | None:
    """The role the resource's provider connects with; None when not known offline."""
    role = view.provider_props.get("role")
    return ident(role) if isinstance(role, str) and role else None


def plan_model(index: StackIndex) -> RoleModel:
    """The base model plus the plan's ownership and grants."""
    model = base_model()
    for view in index.views:
        if not view.type.startswith(SNOWFLAKE):
            continue
        try:
            _add(model, view)
        except NotEvaluated:
            continue  # an unknown grant or name counts for nothing
    return model


def _add(model: RoleModel, view: ResourceView) -> None:
    kind = p.OWNED_KINDS.get(view.type)
    owner = provider_role(view)
    if kind and owner:
        obj = object_refs(view)[0]["object"]
        if obj is not None:
            model.grant(owner, Held("OWNERSHIP", *obj))
    if view.type == p.GRANT_ACCOUNT_ROLE and is_set(parent := known(view, "parentRoleName")):
        model.grant_role(ident(known(view, "roleName")), ident(parent))
    elif view.type == p.GRANT_DATABASE_ROLE:
        parent = known(view, "parentRoleName") or known(view, "parentDatabaseRoleName")
        if is_set(parent):
            model.grant_role(ident(known(view, "databaseRoleName")), ident(parent))
    elif view.type == p.GRANT_OWNERSHIP and is_set(new_owner := known(view, "accountRoleName")):
        on = known(view, "on") or {}
        if is_set(on.get("objectType")) and is_set(on.get("objectName")):
            held = Held("OWNERSHIP", str(on["objectType"]).upper(), ident(on["objectName"]))
            model.grant(ident(new_owner), held, view.urn)
    elif view.type in (p.GRANT_TO_ACCOUNT_ROLE, p.GRANT_TO_DATABASE_ROLE):
        grantee = known(view, "accountRoleName") or known(view, "databaseRoleName")
        privileges = (
            ["ALL PRIVILEGES"] if known(view, "allPrivileges") else known(view, "privileges")
        )
        on, target = granted_on(view)
        for privilege in privileges or ():
            model.grant(ident(grantee), Held(str(privilege).upper(), on, target), view.urn)


def snowflake_steps(index: StackIndex, model: RoleModel | None = None) -> list[StepResult]:
    """Every Snowflake step of the stack, allowed or denied, in stack order.

    With the plan's own model (no `model` given) the steps are computed once per stack
    index: the step rule, the ingest journeys and the plan's preflight section share them
    (core/per_stack.py).
    """
    if model is None:
        return list(once(index, _plan_steps))
    return _model_steps(index, model)


def plan_steps_of(index: StackIndex, *types: str) -> tuple[StepResult, ...]:
    """The steps `snowflake_steps(index)` holds for the resources of `types` (in stack
    order), without stepping through every other resource: the ingest journey needs only
    its pipes' steps (at 200 domains the whole model's steps are most of its time). Computed
    once per stack index and types, with the one role model of the index."""
    return once(index, _plan_steps, types)


def _plan_steps(index: StackIndex, types: tuple[str, ...] | None = None) -> tuple[StepResult, ...]:
    # One role model per stack index: the step rule, the journeys and the access rules share it.
    return tuple(_model_steps(index, once(index, plan_model), types))


def _model_steps(
    index: StackIndex, model: RoleModel, types: tuple[str, ...] | None = None
) -> list[StepResult]:
    roles = sorted({r for v in index.views if (r := provider_role(v)) is not None})
    results: list[StepResult] = []
    upstream = Upstream(index)
    for view in index.views:
        if types is not None and view.type not in types:
            continue
        for requirement in p.REQUIREMENTS.get(view.type, ()):
            results.extend(_steps(model, roles, view, requirement, upstream))
    return results


class Upstream:
    """What a resource depends on, transitively (memoised)."""

    def __init__(self, index: StackIndex) -> None:
        self.index = index
        self.memo: dict[str, frozenset[str]] = {}

    def of(self, urn: str) -> frozenset[str]:
        """Every URN `urn` depends on, directly or through its dependencies."""
        if urn not in self.memo:
            self.memo[urn] = frozenset()  # a cycle ends here
            view = self.index.by_urn.get(urn)
            found: set[str] = set()
            for dep in view.dependencies if view else ():
                found |= {dep, *self.of(dep)}
            self.memo[urn] = frozenset(found)
        return self.memo[urn]


def _steps(
    model: RoleModel,
    roles: list[str],
    view: ResourceView,
    req: p.Requirement,
    upstream: Upstream,
) -> Iterator[StepResult]:
    def result(**fields: Any) -> StepResult:
        return StepResult(view.type, view.name, view.urn, req.operation, **fields)

    try:
        if req.when and not is_set(known(view, req.when)):
            return
        if req.unless and is_set(known(view, req.unless)):
            return
        groups = object_refs(view)
    except NotEvaluated as exc:
        yield result(object="", role=None, allowed=None, reason=exc.what)
        return
    role = provider_role(view)
    for refs in groups:
        if req.only_with and refs.get(req.only_with) is None:
            continue
        obj = _display(view, refs)
        if role is None:
            yield result(object=obj, role=None, allowed=None, reason="the provider's role")
            continue
        allowed, missing, relied = evaluate(model, role, req, refs)
        waited = upstream.of(view.urn)
        # A need held through several plan grants is ordered when the step waits for one.
        unordered = tuple(c[0] for c in relied if not any(u in waited for u in c))
        fix = "" if allowed else remediation(model, roles, role, req, refs, missing)
        yield result(
            object=obj,
            role=role,
            allowed=allowed,
            missing=missing,
            source=req.source,
            remediation=fix,
            unordered=unordered,
        )


def _display(view: ResourceView, refs: Refs) -> str:
    for key in ("object", "target", "granted", "role", "user", "dmf_table", "schedule_table"):
        if (ref := refs.get(key)) is not None:
            return f"{ref[0]} {ref[1]}".strip()
    return view.name


def evaluate(
    model: RoleModel, role: str, req: p.Requirement, refs: Refs
) -> tuple[bool, tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """(allowed, the missing needs of the nearest alternative, the plan grants relied on:
    per need held only through the plan, the grants any one of which holds it)."""
    best: tuple[str, ...] | None = None
    allowed: tuple[tuple[str, ...], ...] | None = None
    for alternative in req.any_of:
        unmet: list[str] = []
        relied: list[tuple[str, ...]] = []
        for need in alternative:
            ok, text, grant = _need(model, role, need, refs)
            if not ok:
                unmet.append(text)
            elif grant:
                relied.append(grant)
        if not unmet and (allowed is None or len(relied) < len(allowed)):
            allowed = tuple(relied)  # prefer what needs no grant of the plan
        if unmet and (best is None or len(unmet) < len(best)):
            best = tuple(unmet)
    if allowed is not None:
        return True, (), allowed
    return False, best or (), ()


def _need(
    model: RoleModel, role: str, need: p.Need, refs: Refs
) -> tuple[bool, str, tuple[str, ...] | None]:
    """(held, the need in words, the plan grants holding it; None: held without the plan)."""
    if need.on == "ROLE":
        return need.privilege in model.roles_of(role), need.describe(), None
    ref = ("ACCOUNT", "") if need.ref == "account" else refs.get(need.ref)
    if ref is None:
        return True, "", None  # does not apply to this step
    kind = need.on or ref[0]
    text = need.describe(ref[1]) if need.on else f"{need.privilege} on {kind} {ref[1]}"
    found = model.satisfying(role, need.privilege, kind, ref[1])
    if not found:
        return False, text, None
    grants = [model.relied_grant(role, held) for held in found]
    if None in grants:
        return True, text, None
    return True, text, tuple(sorted({g for g in grants if g is not None}))


def remediation(
    model: RoleModel,
    roles: list[str],
    role: str,
    req: p.Requirement,
    refs: Refs,
    missing: tuple[str, ...],
) -> str:
    """Which provider could do the step, and which grant would let this role do it."""
    others = [r for r in roles if r != role and evaluate(model, r, req, refs)[0]]
    fixes = []
    if others:
        fixes.append(f"run it through the provider whose role is {' or '.join(others)}")
    grantable = [m for m in missing if not m.startswith("the ")]
    if grantable and all(m.endswith("on ACCOUNT") for m in grantable):
        privileges = ", ".join(m.removesuffix(" on ACCOUNT") for m in grantable)
        fixes.append(
            f"add `GRANT {privileges} ON ACCOUNT TO ROLE {role};` to the bootstrap SQL "
            "(docs/design/bootstrap.md) and policies/rules/preflight/snowflake_bootstrap.py"
        )
    elif grantable:
        fixes.append(
            f"grant {', '.join(grantable)} to role {role} in the program (a grant through the "
            "security provider) and make this resource depend on it"
        )
    return "; or ".join(fixes) or "no provider role of this stack can do it"
