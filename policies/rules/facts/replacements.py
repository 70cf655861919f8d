"""Which inputs of each resource type force the provider to replace the resource.

The facts are extracted from the Terraform providers' sources by
`python -m scripts.replacements.refresh` into `replacements.json` (beside this file), with
the revision each provider was read at and whether that is the revision the installed
Pulumi provider pins. The AWS provider is read through a per-symbol copy of its release
(`scripts/replacements/awsindex.py`), since its own repository cannot be brought here.

`HAND_LISTED` holds rows for types the sources could not be read for, marked as such; it
is empty since the AWS extraction, and a test keeps it so (a row added there must say why).

A plan document carries no provider diff, so the destroy guard (`scripts/diff/changes.py`)
reads replacements from here; `pulumi preview --json` reports them itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).with_name("replacements.json")
EXTRACTED = "extracted"
HAND = "hand-listed"
# CustomizeDiff helpers that replace only when a non-empty value becomes empty (the
# Snowflake provider's pkg/resources/custom_diffs.go): the guard can evaluate these.
TO_EMPTY = frozenset(
    {"ForceNewIfChangeToEmptyString", "ForceNewIfChangeToEmptySlice", "ForceNewIfChangeToEmptySet"}
)

# Replaces whenever the input changes unless the Snowflake provider's HIERARCHY_RENAMES
# experiment is enabled; the platform enables no Snowflake experiment (its provider config
# sets none), so for the guard these inputs force a replacement outright.
UNLESS_EXPERIMENT = "TemporaryWorkaroundIdentifierForceNewIfHierarchyRenamesExperimentNotEnabled"

# token -> (forcing inputs, where they were seen and why they are not extracted)
HAND_LISTED: dict[str, tuple[tuple[str, ...], str]] = {}


@dataclass(frozen=True)
class Replacement:
    """What forces the replacement of one type.

    Attributes:
        token: the Pulumi type token.
        force_new: engine input paths (camelCase, dotted when nested) whose change replaces.
        conditional: input path -> the provider helper that replaces under a condition.
        origin: EXTRACTED or HAND.
        source: where the facts come from (repository@revision, or the hand note).
    """

    token: str
    force_new: tuple[str, ...]
    conditional: dict[str, str] = field(default_factory=dict)
    origin: str = EXTRACTED
    source: str = ""


@cache
def document() -> dict[str, Any]:
    """The extracted document (replacements.json)."""
    data: dict[str, Any] = json.loads(DATA_FILE.read_text())
    return data


def replacement(token: str) -> Replacement | None:
    """The replacement facts of `token`, or None when nothing is known of it."""
    row = document()["types"].get(token)
    if row is not None and row.get("found"):
        provider = document()["providers"][token.split(":", 1)[0]]
        pin = "at the installed provider's pin" if provider["atPin"] else "NOT the pinned one"
        source = f"{provider['upstreamRepo']}@{provider['readAtRef']} ({pin})"
        if provider.get("sourceRepo"):
            source += f", read through {provider['sourceRepo']}@{provider['readAt'][:12]}"
        conditional = dict(row["conditional"])
        promoted = [p for p, helper in conditional.items() if helper == UNLESS_EXPERIMENT]
        force_new = tuple(sorted({*row["forceNew"], *promoted}))
        return Replacement(token, force_new, conditional, EXTRACTED, source)
    if token in HAND_LISTED:
        paths, note = HAND_LISTED[token]
        return Replacement(token, paths, {}, HAND, note)
    return None


def covered(token: str) -> bool:
    """Whether the table says anything about `token` (an empty `forceNew` list counts)."""
    return replacement(token) is not None
