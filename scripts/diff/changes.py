"""Per-resource changes between two plan documents, or read from `pulumi preview --json`.

Both sources become the same list of `Change`s, so acknowledgement and rendering don't care
where a change came from. Only custom resources count: component resources hold nothing,
and the root `pulumi:pulumi:Stack` is never deleted by a program change.

Plans are matched by the engine's URN, a head resource continuing a base one through its
aliases (`scripts.diff.identity`). An update becomes a replacement when an input the
provider cannot change in place changed (`scripts.diff.replacements`, for every type), or
when the engine replaces it (`scripts.diff.forcing`). A change blocks when it loses data or
would fail:
- the delete or replacement of a stateful type (`scripts.diff.stateful`);
- an update that makes data expire sooner (`scripts.diff.loss`);
- the delete or replacement of a protected resource, which `pulumi up` refuses.
Every other replacement (provider, region, `replaceOnChanges`, `replacementTrigger`:
`scripts.diff.forcing`) is reported but does not block.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Any

from policies.rules.facts.tokens import PULUMI_STACK
from scripts.diff.forcing import Side, engine_reasons
from scripts.diff.identity import base_identities, head_identities
from scripts.diff.loss import losses
from scripts.diff.replacements import forcing_inputs
from scripts.diff.stateful import stateful, value_at
from scripts.diff.values import ValueChange, differences

OPS = ("create", "update", "replace", "delete")


@dataclass
class Change:
    """What one resource would undergo.

    Attributes:
        urn: the resource's URN (the key across base and head).
        type: its type token.
        name: its logical name (the last URN segment).
        op: one of OPS.
        keys: changed top-level input keys (update), or the inputs forcing replacement.
        retained: the old resource has `retainOnDelete`, so a delete leaves it in the cloud.
        protected: the old resource has `protect`; `pulumi up` would refuse the delete.
        note: extra context (a probable rename, for instance).
        acknowledged: the reason given for an acknowledged blocking change.
        losses: data an update would lose (a shortened expiration or retention).
        values: the changed inputs' old and new values (leaf paths; for a replacement, the
            forcing inputs), for reviewers. Empty when the source has no inputs.
    """

    urn: str
    type: str
    name: str
    op: str
    keys: list[str] = field(default_factory=list)
    retained: bool = False
    protected: bool = False
    note: str = ""
    acknowledged: str | None = None
    losses: list[str] = field(default_factory=list)
    values: list[ValueChange] = field(default_factory=list)

    @property
    def stateful_label(self) -> str | None:
        """What kind of data the resource holds, or None."""
        kind = stateful(self.type)
        return kind.label if kind else None

    @property
    def refused(self) -> bool:
        """`pulumi up` refuses to delete or replace a protected resource; no acknowledgement
        changes that."""
        return self.protected and self.op in ("delete", "replace")

    @property
    def blocking(self) -> bool:
        """Deleting or replacing a stateful resource loses data, as does an update in `losses`.

        A delete of a `retainOnDelete` resource only drops it from the state (the data stays
        in the account), so it does not block; a replacement still does, since the program
        then points at a new, empty resource. A refused change blocks whatever its type.
        """
        if self.refused or self.losses:
            return True
        if self.stateful_label is None:
            return False
        if self.op == "replace":
            return True
        return self.op == "delete" and not self.retained


def compare_plans(
    base: dict[str, Any], head: dict[str, Any], moved_from: MoveSource | None = None
) -> list[Change]:
    """The changes that turn the base plan document into the head one, sorted by URN
    (the engine's, the base's for a resource that continues one through its aliases).
    `moved_from`: see `match`."""
    return changes_of(base, head, match(base, head, moved_from))


@dataclass(frozen=True)
class Matching:
    """Which base resource each head resource continues.

    Attributes:
        base_ids: Base resource (the mocks' URN) -> its engine URN.
        head_ids: Head resource (the mocks' URN) -> the engine URN it is known by: its own,
            or the base's (or a moved base resource's URN in the head's stack) its aliases name.
        sources: Head resource -> the engine URN of the base resource of another stack it
            continues (a move between stacks).
    """

    base_ids: dict[str, str]
    head_ids: dict[str, str]
    sources: dict[str, str]


def match(
    base: dict[str, Any], head: dict[str, Any], moved_from: MoveSource | None = None
) -> Matching:
    """Match head resources to base ones by engine URN and aliases.

    `moved_from` (the environment-level guard, scripts/diff/environment.py) names, for a
    URN the head's aliases resolve to but the base lacks, the base resource `pulumi state
    move` would have put there (another stack's); that head resource continues it there.
    """
    base_ids = base_identities(base["resources"])
    base_urns = set(base_ids.values())
    known: Container[str] = base_urns
    if moved_from is not None:
        known = _WithMoves(base_urns, moved_from)
    head_ids = head_identities(head["resources"], known)
    sources = {
        m: source
        for m, c in head_ids.items()
        if moved_from is not None and c not in base_urns and (source := moved_from(c))
    }
    return Matching(base_ids, head_ids, sources)


def changes_of(base: dict[str, Any], head: dict[str, Any], matching: Matching) -> list[Change]:
    """The changes of a matching, sorted by URN. A moved resource is compared with the
    base resource it continues, at its new URN; a moved provider leaves its base provider in
    place (`pulumi state move` copies providers)."""
    base_ids, head_ids, sources = matching.base_ids, matching.head_ids, matching.sources
    old_side = Side({r["urn"]: r for r in base["resources"]}, base_ids)
    new_side = Side({r["urn"]: r for r in head["resources"]}, {**head_ids, **sources})
    old = {base_ids[r["urn"]]: r for r in base["resources"] if r.get("custom")}
    new = {head_ids[r["urn"]]: r for r in head["resources"] if r.get("custom")}
    left: set[str] = set()
    for m, source in sources.items():
        if source in old and head_ids[m] in new:
            old[head_ids[m]] = old[source]
            if not old[source]["type"].startswith(PROVIDER_PREFIX):
                left.add(source)
    for source in left - new.keys():
        del old[source]
    changes: list[Change] = []
    for urn in sorted(old.keys() | new.keys()):
        before, after = old.get(urn), new.get(urn)
        if before is None:
            assert after is not None
            changes.append(Change(urn, after["type"], after["name"], "create"))
        elif after is None:
            changes.append(_deleted(urn, before))
        else:
            change = _updated(urn, before, after, old_side, new_side)
            if change is not None:
                changes.append(change)
    _mark_renames(changes)
    return changes


# The base URN another stack's resource moved from, for a URN the base lacks (or None).
MoveSource = Callable[[str], "str | None"]
PROVIDER_PREFIX = "pulumi:providers:"


class _WithMoves:
    """The base's engine URNs, and the URNs `pulumi state move` gives base resources in
    other stacks: what a head resource's aliases may name."""

    def __init__(self, own: set[str], moved_from: MoveSource) -> None:
        self.own = own
        self.moved_from = moved_from

    def __contains__(self, urn: object) -> bool:
        return urn in self.own or (isinstance(urn, str) and self.moved_from(urn) is not None)


def _deleted(urn: str, r: dict[str, Any]) -> Change:
    return Change(
        urn,
        r["type"],
        r["name"],
        "delete",
        retained=bool(r.get("retainOnDelete")),
        protected=bool(r.get("protect")),
    )


def _updated(
    urn: str, before: dict[str, Any], after: dict[str, Any], old: Side, new: Side
) -> Change | None:
    old_inputs, new_inputs = before.get("inputs") or {}, after.get("inputs") or {}
    changed = sorted(
        k for k in old_inputs.keys() | new_inputs.keys() if old_inputs.get(k) != new_inputs.get(k)
    )
    provider_forced = forcing_inputs(after["type"], old_inputs, new_inputs)
    forcing = provider_forced + engine_reasons(before, after, old, new)
    if not changed and not forcing:
        return None
    return Change(
        urn,
        after["type"],
        after["name"],
        "replace" if forcing else "update",
        keys=forcing or changed,
        retained=bool(before.get("retainOnDelete")),
        protected=bool(before.get("protect")),
        losses=[] if forcing else losses(after["type"], old_inputs, new_inputs),
        values=_values(old_inputs, new_inputs, provider_forced if forcing else None),
    )


def _values(
    old: dict[str, Any], new: dict[str, Any], forced: list[str] | None
) -> list[ValueChange]:
    """Old -> new of every changed leaf input (an update), or of the forcing inputs (a
    replacement the provider forces; none for one the engine forces alone)."""
    if forced is None:
        return differences(old, new)
    return [ValueChange(p, value_at(old, p), value_at(new, p)) for p in forced]


def _mark_renames(changes: list[Change]) -> None:
    """Note a delete paired with a create of the same type: probably a logical rename.

    A rename that ships with `aliases` is no change at all (the head resource continues the
    base one), so what is left here is a rename without them; the note says how to make it
    a no-op instead.
    """
    created: dict[str, list[str]] = {}
    for c in changes:
        if c.op == "create":
            created.setdefault(c.type, []).append(c.name)
    for c in changes:
        if c.op == "delete" and created.get(c.type):
            names = ", ".join(created[c.type])
            c.note = (
                f"a {c.type} is also created ({names}): if this is a rename, add "
                "`aliases=[pulumi.Alias(name=...)]` (or `type_=`/`parent=` for a moved or "
                "retyped component) to the new resource so the engine keeps the existing one"
            )


# Preview step ops (pulumi/pulumi pkg/engine/steps, display/json.go): `same`, `read`,
# `refresh` and the discard ops carry no change to the resource; a replacement is one
# `replace` step, or a `create-replacement` and `delete-replaced` pair with
# `--show-replacement-steps`.
_PREVIEW_OPS = {
    "create": "create",
    "import": "create",
    "update": "update",
    "replace": "replace",
    "create-replacement": "replace",
    "delete-replaced": "replace",
    "delete": "delete",
    "read-replacement": "replace",
}


def from_preview(preview: dict[str, Any]) -> list[Change]:
    """The changes of a `pulumi preview --json` document, one per URN, sorted by URN."""
    by_urn: dict[str, Change] = {}
    for step in preview["steps"]:
        op = _PREVIEW_OPS.get(step.get("op", ""))
        urn = step.get("urn", "")
        if op is None or _root(urn):
            continue
        old, new = step.get("oldState") or {}, step.get("newState") or {}
        token = new.get("type") or old.get("type") or _type_of(urn)
        if not (new.get("custom", old.get("custom", True))):
            continue
        keys = step.get("replaceReasons") if op == "replace" else step.get("diffReasons")
        change = by_urn.get(urn)
        old_inputs, new_inputs = old.get("inputs") or {}, new.get("inputs") or {}
        if change is None:
            lost = losses(token, old_inputs, new_inputs)
            by_urn[urn] = Change(
                urn,
                token,
                urn.rsplit("::", 1)[-1],
                op,
                keys=sorted(keys or []),
                retained=bool(old.get("retainOnDelete")),
                protected=bool(old.get("protect")),
                losses=lost if op == "update" else [],
                values=_preview_values(op, keys or [], old_inputs, new_inputs),
            )
        else:  # the other half of a create-replacement/delete-replaced pair
            change.keys = sorted(set(change.keys) | set(keys or []))
            change.retained = change.retained or bool(old.get("retainOnDelete"))
            change.protected = change.protected or bool(old.get("protect"))
    changes = [by_urn[u] for u in sorted(by_urn)]
    _mark_renames(changes)
    return changes


def _preview_values(
    op: str, keys: list[str], old: dict[str, Any], new: dict[str, Any]
) -> list[ValueChange]:
    """Old -> new of an update's changed inputs, or of the inputs the preview says force a
    replacement (`replaceReasons` are top-level input names or dotted paths)."""
    if op == "update":
        return differences(old, new)
    if op == "replace":
        return [ValueChange(k, value_at(old, k), value_at(new, k)) for k in sorted(keys)]
    return []


def _root(urn: str) -> bool:
    return _type_of(urn) == PULUMI_STACK


def _type_of(urn: str) -> str:
    """The type token in `urn:pulumi:<stack>::<project>::<parent$...$type>::<name>`."""
    parts = urn.split("::")
    return parts[2].rsplit("$", 1)[-1] if len(parts) >= 4 else ""


def counts(changes: list[Change]) -> dict[str, int]:
    """How many changes of each op, in OPS order."""
    return {op: sum(1 for c in changes if c.op == op) for op in OPS}
