"""Which resources of the platform stack each domain stack takes.

A domain takes (a) its `DataDomain` component (everything the domain's file declares:
database, schemas, roles, warehouses, grants, pipelines, ingest, Glue databases), (b) the
components of `NAMED` that carry its name (its consumer grants, built beside the domain
because domains may consume each other; its alert subscriptions, which depend on nothing of
the domain but the name in their filter), and (c) every component of `FOLLOWS` whose
subtree depends on that domain's resources and no other's. A platform resource left
depending on a moved one must be of a type in `STAYS` (a shared singleton the platform keeps
owning); any other reverse dependency is an error, so a new kind of wiring cannot be split
silently.
`pulumi state move` moves each named resource with all its descendants (state_move.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from policies.rules.facts import tokens
from scripts.errors import UserError
from scripts.migrate.export import Resource

PLATFORM_TYPE = "dataplatform:index:DataPlatform"
DOMAIN_TYPE = "dataplatform:domain:DataDomain"
# Components of one domain named `<platform>-domain-<domain><suffix>` (composition/
# data_platform.py), and why each belongs to the domain.
NAMED = {
    "dataplatform:domain:DomainConsumerGrants": (
        "-consumers",
        "grants on the domain's database to other teams' roles: the domain decides its readers",
    ),
    "dataplatform:alerts:DomainAlerts": (
        "-alerts",
        "the domain's own subscriptions of the platform's alerts topic: they depend only on "
        "the topic (a platform output) and the domain's name in their filter policy",
    ),
    "dataplatform:orchestration:GlueJobs": (
        "-jobs",
        "the domain's own Glue jobs (composition/domain_jobs.py), built beside the platform's "
        "jobs; they read the platform's lake, keys and scripts bucket by name",
    ),
}
# Components outside the domain that belong to one domain and move with it, and why.
FOLLOWS = {
    "dataplatform:secrets:AirflowConnectionSecret": (
        "Airflow's connection for a domain's service user holds that user's key: the domain "
        "stack owns the key, so it owns the secret (Airflow finds it by name, not by stack)"
    ),
    "dataplatform:quality:DomainCrawlers": (
        "the crawlers of a domain's ingest sources fill that domain's Glue databases: its "
        "contracts' tables are theirs"
    ),
    "dataplatform:quality:LakeQuality": (
        "a domain's rulesets, schedules and roles check that domain's contracts (issue 24: "
        "the domain stack holds its contracts)"
    ),
    "dataplatform:snowflake:TableDataQuality": (
        "the data metric functions and alerts of a contract on a domain's table"
    ),
    "dataplatform:snowflake:PipeContractTags": (
        "the DATA_CONTRACT tags of a domain's pipes, and the governance role's USAGE on "
        "the domain's schemas that setting them needs"
    ),
}
# Platform resources that may depend on a domain's resources until the edges move takes
# them: each is under an `EDGES` component (checked by plan.py after the moves).
STAYS = {
    tokens.S3_BUCKET_NOTIFICATION: (
        "a bucket has one notification configuration (S3 replaces it whole), so one stack "
        "owns it: the edges stack, which reads the queues of the platform's and every "
        "domain's pipes (docs/design/domain-stacks.md section 4)"
    ),
}
# Components of the platform stack that move to the environment's edges stack (project
# policies.rules.facts.stack_layout.EDGES_PROJECT, stack `<env>`) after the domains moved, and why.
EDGES = {
    "dataplatform:storage:BucketNotifications": (
        "a zone bucket's one notification configuration sends to the auto-ingest queue of "
        "every pipe on the bucket, the platform's and the domains': a stack downstream of "
        "both (the platform stack may not read a domain stack)"
    ),
}


@dataclass(frozen=True)
class DomainShare:
    """One domain's part of the platform stack.

    Attributes:
        domain: The domain's name.
        roots: The URNs to name in `pulumi state move` (their descendants move too).
        parents: Each root's old parent URN (its re-rooting drops that parent's type).
    """

    domain: str
    roots: tuple[str, ...]
    parents: dict[str, str]


def domain_shares(resources: Sequence[Resource], source: str) -> list[DomainShare]:
    """Every domain's share of the platform stack's `resources`, by domain name.

    Raises UserError (naming `source`) when the stack has no DataPlatform component, a
    component of FOLLOWS depends on two domains, or a platform resource outside STAYS and
    FOLLOWS depends on a domain's resources.
    """
    by_urn = {r["urn"]: r for r in resources}
    platform = [r for r in resources if r["type"] == PLATFORM_TYPE]
    if len(platform) != 1:
        raise UserError(f"{source}: expected one {PLATFORM_TYPE} component, found {len(platform)}")
    prefix = f"{platform[0]['urn'].rsplit('::', 1)[1]}-domain-"
    roots: dict[str, list[str]] = {}
    for r in resources:
        name = r["urn"].rsplit("::", 1)[1]
        if r["type"] == DOMAIN_TYPE:
            roots.setdefault(name.removeprefix(prefix), []).append(r["urn"])
    for r in resources:
        if r["type"] not in NAMED:
            continue
        suffix, _ = NAMED[r["type"]]
        name = r["urn"].rsplit("::", 1)[1]
        if not (name.startswith(prefix) and name.endswith(suffix)):
            continue  # the platform's own component of that type (its Glue jobs)
        domain = name.removeprefix(prefix).removesuffix(suffix)
        if domain not in roots:
            raise UserError(f"{source}: {r['urn']}: a {r['type']} of no domain [{domain}]")
        roots[domain].append(r["urn"])
    owner = _owners(resources, by_urn, roots)
    for r in resources:
        if r["urn"] in owner:
            continue
        touched = {owner[d] for d in _depends_on(r) if d in owner}
        if not touched:
            continue
        follower = _follower(r, by_urn)
        if follower is not None:
            deps = {
                owner[d]
                for x in _subtree(follower, resources)
                for d in _depends_on(by_urn[x])
                if d in owner
            }
            if len(deps) != 1:
                raise UserError(f"{source}: {follower}: depends on domains {sorted(deps)}")
            (domain,) = deps
            if follower not in roots[domain]:
                roots[domain].append(follower)
            for x in _subtree(follower, resources):
                owner[x] = domain
        elif r["type"] not in STAYS:
            raise UserError(
                f"{source}: {r['urn']} (a {r['type']}) depends on domain {sorted(touched)}; "
                "say in scripts/migrate/ownership.py whether it moves (FOLLOWS) or stays (STAYS)"
            )
    return [
        DomainShare(d, tuple(urns), {u: by_urn[u].get("parent") or "" for u in urns})
        for d, urns in sorted(roots.items())
    ]


def _owners(
    resources: Sequence[Resource], by_urn: dict[str, Resource], roots: dict[str, list[str]]
) -> dict[str, str]:
    """Each resource under a domain root -> that domain."""
    owner: dict[str, str] = {}
    for domain, urns in roots.items():
        for urn in urns:
            owner[urn] = domain
            for x in _subtree(urn, resources):
                owner[x] = domain
    return owner


def _subtree(urn: str, resources: Sequence[Resource]) -> list[str]:
    """`urn` and every descendant (resources are in order: parents before children)."""
    inside = {urn}
    for r in resources:
        if r.get("parent") in inside:
            inside.add(r["urn"])
    return [r["urn"] for r in resources if r["urn"] in inside]


def _follower(r: Resource, by_urn: dict[str, Resource]) -> str | None:
    """The outermost FOLLOWS component at or above `r`, if any."""
    found = None
    current: Resource | None = r
    while current is not None:
        if current["type"] in FOLLOWS:
            found = current["urn"]
        current = by_urn.get(current.get("parent") or "")
    return found


def _depends_on(r: Resource) -> set[str]:
    """Every URN `r` depends on (dependencies, property dependencies, deletedWith)."""
    found = set(r.get("dependencies") or [])
    for deps in (r.get("propertyDependencies") or {}).values():
        found |= set(deps)
    if r.get("deletedWith"):
        found.add(r["deletedWith"])
    return found


def edge_roots(resources: Sequence[Resource]) -> tuple[str, ...]:
    """The URNs of the components of `EDGES` in the platform stack's `resources` (the edges
    stack's `pulumi state move` names them; their children follow)."""
    return tuple(r["urn"] for r in resources if r["type"] in EDGES)
