"""Taggable AWS resources carry the mandatory tags, with a valid data classification."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import is_unknown
from ..core.view import Finding, NotEvaluated, ResourceView
from ..facts.classifications import CLASSIFICATIONS, MANDATORY_TAG_KEYS
from .tags import effective_tags, is_taggable

REQUIRED = list(MANDATORY_TAG_KEYS)


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """Every required key present and non-empty; data-classification one of the allowed."""
    if not is_taggable(view):
        return
    tags = effective_tags(view)
    if is_unknown(tags):
        raise NotEvaluated(f"{view.type} [{view.name}] tags")
    required = list(ctx.setting("requiredTagKeys", REQUIRED))
    missing = [k for k in required if not tags.get(k)]
    if missing:
        yield view.violation(f"{view.type} [{view.name}] lacks tags {missing}")
    allowed = list(ctx.setting("allowedDataClassifications", list(CLASSIFICATIONS)))
    value = tags.get("data-classification")
    if value and not is_unknown(value) and value not in allowed:
        yield view.violation(
            f"{view.type} [{view.name}] data-classification {value!r}; allowed: {allowed}"
        )


RULE = Rule(
    id="mandatory-tags-present",
    description=(
        "Taggable AWS resources carry environment, owner, cost-center, data-classification and "
        "managed-by (own tags or provider defaultTags), with data-classification one of public, "
        "internal, confidential, pii."
    ),
    severity="medium",
    remediation="Add the missing tags (or provider defaultTags); use an allowed classification.",
    resource_types=("aws:*",),
    check=check,
    mapped=("FSBP Glue.1", "FSBP SecretsManager.5"),
    config_schema={
        "requiredTagKeys": {"type": "array", "items": {"type": "string"}},
        "allowedDataClassifications": {"type": "array", "items": {"type": "string"}},
    },
)
