"""The migration of one environment: per domain, its moves, aliases and identity map.

Computed by running the moves (`state_move`, Pulumi's semantics) on the platform stack's
export one domain after another, so what the plan promises is what the moves do: the
resources each domain stack receives, the providers copied into it, the dependencies
the move drops (what the domain stack must then read through `StackReference`, and what
the platform keeps depending on), and the identity every moved resource has afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from policies.rules.facts.stack_layout import DOMAIN_PROJECT, PLATFORM_PROJECT
from scripts.errors import UserError
from scripts.migrate.export import Resource
from scripts.migrate.ownership import STAYS, domain_shares
from scripts.migrate.state_move import STACK_TYPE, MoveError, state_move
from scripts.migrate.urns import identity, parts, reroot


@dataclass
class DomainMove:
    """One `pulumi state move` and what the destination program must declare.

    Attributes:
        domain: The domain's name.
        dest_stack: The domain stack's name (`<env>.<domain>`).
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


@dataclass
class Migration:
    """Every domain's move, in the order to run them, and the platform stack afterwards."""

    env: str
    moves: list[DomainMove]
    platform_after: list[Resource]


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
        dest_stack = f"{env}.{share.domain}"
        try:
            moved = state_move(remaining, [], share.roots, dest_stack, DOMAIN_PROJECT)
        except MoveError as exc:
            raise UserError(f"{source}: domain {share.domain}: {exc}") from None
        by_urn = {r["urn"]: r for r in remaining}
        for platform_urn, _ in moved.broken_in_source:
            kind = by_urn[platform_urn]["type"]
            if kind not in STAYS:  # ownership.py refuses these first; kept as a guard
                raise UserError(f"{source}: {platform_urn} ({kind}) would lose a dependency")
        move = DomainMove(share.domain, dest_stack, share.roots, len(moved.moved))
        move.dest = moved.dest
        move.providers = [r["urn"] for r in moved.dest if r["type"].startswith("pulumi:providers:")]
        move.aliases, move.identity_map = _identities(moved.dest, moved.moved)
        move.reads = sorted({dep for _, dep in moved.broken_in_dest})
        move.platform_keeps = sorted(moved.broken_in_source)
        moves.append(move)
        remaining = moved.source
    return Migration(env, moves, remaining)


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
