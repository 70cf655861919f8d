"""Which changed inputs make the provider replace a resource, for every type.

The facts come from `policies.rules.facts.replacements` (extracted from the Terraform
providers' sources, or hand-listed where a provider could not be read). An input absent on
one side and present on the other counts as changed: setting a bucket name that was
auto-generated before also renames (replaces) the bucket. Conditional helpers are evaluated
where a plan can tell: the Snowflake provider's `ForceNewIfChangeToEmpty*` replace when a
non-empty value becomes empty; the others (`customdiff.ForceNewIf*`, `RequiresReplaceIf`)
depend on provider code and are left to `pulumi preview`.
"""

from __future__ import annotations

from typing import Any

from policies.rules.facts.replacements import TO_EMPTY, replacement
from scripts.diff.stateful import value_at


def forcing_inputs(token: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The replace-forcing input paths of `token` whose value differs between `old` and
    `new`, the most specific path only (`on.objectName`, not also `on`)."""
    facts = replacement(token)
    if facts is None:
        return []
    changed = [p for p in facts.force_new if value_at(old, p) != value_at(new, p)]
    for path, helper in facts.conditional.items():
        if helper in TO_EMPTY and not _empty(value_at(old, path)) and _empty(value_at(new, path)):
            changed.append(path)
    return sorted(p for p in set(changed) if not any(q.startswith(p + ".") for q in changed))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
