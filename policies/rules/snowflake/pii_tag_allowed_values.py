"""Tags that classify sensitive data accept only a fixed list of values."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import is_set
from ..core.view import Finding, ResourceView
from ..facts.tokens import SNOWFLAKE_TAG
from .identifiers import ident

TAG = SNOWFLAKE_TAG
PATTERNS = ["*PII*", "*CLASSIFICATION*", "*SENSITIV*"]


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """A tag named like PII/classification, or one driving masking, must list allowed values."""
    name = ident(view.need("name") or view.name)
    patterns = [p.upper() for p in ctx.setting("piiTagNamePatterns", PATTERNS)]
    masks = is_set(view.need("maskingPolicies"))
    if not masks and not any(fnmatch.fnmatchcase(name, p) for p in patterns):
        return
    if not (is_set(view.need("orderedAllowedValues")) or is_set(view.need("allowedValues"))):
        yield view.violation(f"tag [{view.name}] classifies data but accepts any value")


RULE = Rule(
    id="snowflake-pii-tag-allowed-values",
    description=(
        "Snowflake tags that classify data (named like PII/classification, or with masking "
        "policies) declare their allowed values."
    ),
    severity="medium",
    remediation='Set orderedAllowedValues (e.g. ["pii", "confidential", "internal"]).',
    resource_types=(TAG,),
    check=check,
    config_schema={"piiTagNamePatterns": {"type": "array", "items": {"type": "string"}}},
)
