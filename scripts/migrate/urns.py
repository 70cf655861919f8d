"""URN arithmetic: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`.

The qualified type is the parent's qualified type, `$`, and the resource's type, the root
stack excluded (pulumi/pulumi `sdk/go/common/resource/urn.go`; `deployment.generateURN`).
"""

from __future__ import annotations

PREFIX = "urn:pulumi:"


def parts(urn: str) -> tuple[str, str, str, str]:
    """(stack, project, qualified type, name). Raises ValueError on a malformed URN."""
    if not urn.startswith(PREFIX):
        raise ValueError(f"not a URN: {urn!r}")
    fields = urn[len(PREFIX) :].split("::", 3)
    if len(fields) != 4:
        raise ValueError(f"not a URN: {urn!r}")
    stack, project, qualified, name = fields
    return stack, project, qualified, name


def rename(urn: str, stack: str, project: str) -> str:
    """The URN in another stack and project: what `pulumi state move` does to every moved
    URN (`renameStackAndProject` in pkg/cmd/pulumi/state/state_move.go)."""
    _, _, qualified, name = parts(urn)
    return f"{PREFIX}{stack}::{project}::{qualified}::{name}"


def identity(urn: str) -> str:
    """`<qualified type>::<name>`: the URN less its stack and project, what an
    environment-level diff compares."""
    _, _, qualified, name = parts(urn)
    return f"{qualified}::{name}"


def continues(before: str, after: str) -> bool:
    """True when identity `after` is identity `before` with leading parent types dropped, or
    the same: what the migration's identity map (scripts/migrate/plan.py) does to a resource
    the move re-roots, and to each of its descendants."""
    old_type, _, old_name = before.rpartition("::")
    new_type, _, new_name = after.rpartition("::")
    return old_name == new_name and (old_type == new_type or old_type.endswith("$" + new_type))


def reroot(urn: str, dropped_parent_type: str) -> str:
    """The URN a program registers when the resource's old parent chain starts with
    `dropped_parent_type` and it now sits under the root stack: that prefix and its `$`
    leave the qualified type."""
    stack, project, qualified, name = parts(urn)
    head = dropped_parent_type + "$"
    if not qualified.startswith(head):
        raise ValueError(f"{urn}: its type does not start with {dropped_parent_type}")
    return f"{PREFIX}{stack}::{project}::{qualified[len(head) :]}::{name}"


def provider_urn(reference: str) -> str:
    """The URN part of a provider reference `<urn>::<id>`."""
    urn, _, _ = reference.rpartition("::")
    return urn


def provider_reference(urn: str, id_: str) -> str:
    """A provider reference `<urn>::<id>`, as a resource's `provider` field holds it."""
    return f"{urn}::{id_}"
