"""The migration of one environment: per domain, its moves, aliases and identity map; then
the edges move (each zone bucket's notification configuration to the edges stack).

Computed by running the moves (`state_move`, Pulumi's semantics) on the platform stack's
export one domain after another, then the edges move, so what the plan promises is what
the moves do: the
resources each domain stack receives, the providers copied into it, the dependencies
the move drops (what the domain stack must then read through `StackReference`, and what
the platform keeps depending on), and the identity every moved resource has afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from policies.rules.facts.stack_layout import DOMAIN_PROJECT, EDGES_PROJECT, PLATFORM_PROJECT
from scripts.errors import UserError
from scripts.migrate.export import Resource
from scripts.migrate.ownership import STAYS, domain_shares, edge_roots
from scripts.migrate.state_move import STACK_TYPE, MoveError, state_move
from scripts.migrate.urns import identity, parts, reroot


@dataclass
class DomainMove:
    """One `pulumi state move` and what the destination program must declare.

    Attributes:
        domain: The domain's name (`edges` for the edges move).
        dest_stack: The destination stack's name (`<env>.<domain>`; `<env>` for edges).
        urns: The URNs to name (their descendants follow).
        moved: How many resources move (named ones and descendants).
        providers: URNs of the providers copied into the domain stack.
        aliases: The URN the domain program registers at its stack root -> the alias it
            must carry (the URN the move leaves in state). Children inherit their parent's.
        identity_map: Identity before (URN less stack and project) -> identity after.
        reads: Platform URNs moved resources depended on (dropped by the move; the domain
            program reads them through `StackReference`).
        platform_keeps: (platform URN, moved URN) dependencies dropped from the platform
            side; every such platform resource is of a type in `STAYS`.
        dest: The domain stack's resources after the move (for checks and tests).
        project: The destination's Pulumi project (the domain project, or the edges').
    """

    domain: str
    dest_stack: str
    urns: tuple[str, ...]
    moved: int = 0
    providers: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    identity_map: dict[str, str] = field(default_factory=dict)
    reads: list[str] = field(default_factory=list)
    platform_keeps: list[tuple[str, str]] = field(default_factory=list)
    dest: list[Resource] = field(default_factory=list)
    project: str = DOMAIN_PROJECT


@dataclass
class Migration:
    """Every domain's move, in the order to run them, then the edges move (None when the
    platform stack has no bucket notifications), and the platform stack afterwards.

    An edges move is a `DomainMove` whose `domain` is `EDGES` and `dest_stack` the
    environment's name (in project `EDGES_PROJECT`).
    """

    env: str
    moves: list[DomainMove]
    platform_after: list[Resource]
    edges: DomainMove | None = None

    def all_moves(self) -> list[DomainMove]:
        """The moves in the order to run them: the domains', then the edges'."""
        return [*self.moves, *([self.edges] if self.edges else [])]


EDGES = "edges"


def migration(resources: Sequence[Resource], env: str, source: str) -> Migration:
    """The migration of the platform stack `resources` (its export) of `env`.

    Raises UserError when the export is not this environment's platform stack, when
    ownership is ambiguous (ownership.py), or when Pulumi would refuse a move.
    """
    stacks = {parts(r["urn"])[:2] for r in resources}
    if stacks != {(env, PLATFORM_PROJECT)}:
        found = ", ".join(f"{p}/{s}" for s, p in sorted(stacks))
        raise UserError(f"{source}: not the export of {PLATFORM_PROJECT}/{env} (URNs of {found})")
    remaining = list(resources)
    moves = []
    for share in domain_shares(resources, source):
        move, remaining = _move(remaining, share.roots, share.domain, env, DOMAIN_PROJECT, source)
        by_urn = {r["urn"]: r for r in remaining}
        for platform_urn, _ in move.platform_keeps:
            kind = by_urn[platform_urn]["type"]
            if kind not in STAYS:  # ownership.py refuses these first; kept as a guard
                raise UserError(f"{source}: {platform_urn} ({kind}) would lose a dependency")
        moves.append(move)
    edges = None
    roots = edge_roots(remaining)
    if roots:
        edges, remaining = _move(remaining, roots, EDGES, env, EDGES_PROJECT, source)
    left = {r["urn"] for r in remaining}
    for move in moves:
        for platform_urn, domain_urn in move.platform_keeps:
            if platform_urn in left:
                raise UserError(
                    f"{source}: {platform_urn} stays in the platform stack but depends on "
                    f"{domain_urn} of domain {move.domain}; only resources under an EDGES "
                    "component (scripts/migrate/ownership.py) may, and they move to the edges stack"
                )
    return Migration(env, moves, remaining, edges)


def _move(
    remaining: list[Resource],
    roots: Sequence[str],
    owner: str,
    env: str,
    project: str,
    source: str,
) -> tuple[DomainMove, list[Resource]]:
    """One `pulumi state move` of `roots` out of the platform stack, and what stays."""
    dest_stack = env if project == EDGES_PROJECT else f"{env}.{owner}"
    try:
        moved = state_move(remaining, [], roots, dest_stack, project)
    except MoveError as exc:
        raise UserError(f"{source}: {owner}: {exc}") from None
    move = DomainMove(owner, dest_stack, tuple(roots), len(moved.moved), project=project)
    move.dest = moved.dest
    move.providers = [r["urn"] for r in moved.dest if r["type"].startswith("pulumi:providers:")]
    move.aliases, move.identity_map = _identities(moved.dest, moved.moved)
    move.reads = sorted({dep for _, dep in moved.broken_in_dest})
    move.platform_keeps = sorted(moved.broken_in_source)
    return move, moved.source


def _identities(
    dest: Sequence[Resource], moved_from: Sequence[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Aliases of the re-rooted resources, and every resource's identity before -> after.

    A resource the move put under the root stack whose qualified type still names parents
    (`A$B$T`) is registered by the domain program at the root (`T`) with an alias naming
    its state URN; its descendants lose the same prefix and inherit the alias
    (https://www.pulumi.com/docs/iac/operations/stack-management/refactoring-with-aliases/:
    "Aliases are inherited from a parent").
    """
    root = next(r["urn"] for r in dest if r["type"] == STACK_TYPE)
    dropped: dict[str, str] = {}
    aliases: dict[str, str] = {}
    identities: dict[str, str] = {}
    for r in dest:
        if r["type"] == STACK_TYPE:
            continue
        qualified = parts(r["urn"])[2]
        if r.get("parent") == root:
            prefix = qualified.rpartition("$")[0]
            if prefix:
                aliases[reroot(r["urn"], prefix)] = r["urn"]
        else:
            prefix = dropped.get(r.get("parent") or "", "")
        dropped[r["urn"]] = prefix
        after = reroot(r["urn"], prefix) if prefix else r["urn"]
        identities[identity(r["urn"])] = identity(after)
    assert len(identities) >= len(moved_from)
    return aliases, identities
