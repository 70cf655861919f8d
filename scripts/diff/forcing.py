"""Replacements the engine decides, whatever the resource type: provider, region and options.

- A resource whose provider reference changes is replaced (`providerChanged` in pulumi/pulumi
  `pkg/resource/deploy/step_generator.go`: ReplaceKeys `provider`), unless the new provider
  is the old one under an alias.
- pulumi-aws 7's per-resource `region` input forces a replacement; a resource without one
  takes its provider's, so a provider whose `region` changes replaces every resource it
  manages.
- The `replaceOnChanges` option turns a change of a listed input (`*`: any) into a
  replacement, and a changed `replacementTrigger` value replaces the resource.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scripts.diff.stateful import value_at

ALL_INPUTS = "*"


@dataclass(frozen=True)
class Side:
    """One plan of the comparison: its resources by the mocks' URN and their identities."""

    resources: dict[str, dict[str, Any]]
    ids: dict[str, str]

    def provider(self, r: dict[str, Any]) -> str:
        """The identity of the resource's explicit provider, or "" for the default one."""
        ref = r.get("provider") or ""
        return self.ids.get(ref, ref)

    def region(self, r: dict[str, Any]) -> str | None:
        """The region the resource lives in: its own `region` input, else its provider's."""
        own = (r.get("inputs") or {}).get("region")
        if own:
            return str(own)
        provider = self.resources.get(r.get("provider") or "")
        region = (provider.get("inputs") or {}).get("region") if provider else None
        return str(region) if region else None


def engine_reasons(
    before: dict[str, Any], after: dict[str, Any], old: Side, new: Side
) -> list[str]:
    """Why the engine would replace `before` (in `old`) by `after` (in `new`), beyond the
    provider's ForceNew inputs."""
    reasons: list[str] = []
    if old.provider(before) != new.provider(after):
        reasons.append("provider")
    if after["type"].startswith("aws:"):
        was, now = old.region(before), new.region(after)
        if was != now:
            own = (after.get("inputs") or {}).get("region") or (before.get("inputs") or {}).get(
                "region"
            )
            reasons.append(f"{'region' if own else 'provider region'} ({was} -> {now})")
    old_inputs, new_inputs = before.get("inputs") or {}, after.get("inputs") or {}
    for path in after.get("replaceOnChanges") or []:
        if path == ALL_INPUTS:
            changed = old_inputs != new_inputs
        else:
            plain = path.split("[", 1)[0]
            changed = value_at(old_inputs, plain) != value_at(new_inputs, plain)
        if changed:
            reasons.append(f"replaceOnChanges: {path}")
    if "replacementTrigger" in after and before.get("replacementTrigger") != after.get(
        "replacementTrigger"
    ):
        reasons.append("replacementTrigger")
    return reasons
