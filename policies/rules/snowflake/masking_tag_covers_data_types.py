"""A tag that drives masking masks every data type a tagged column can have."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list, is_unknown
from ..core.view import Finding
from ..facts.tokens import SNOWFLAKE_MASKING_POLICY, SNOWFLAKE_TAG
from .identifiers import ident, qualified_name, type_family

TAG = SNOWFLAKE_TAG
MASKING_POLICY = SNOWFLAKE_MASKING_POLICY
# Tag-based masking applies a policy only to columns of the policy's own data type; a
# tagged column of any other type stays clear. PII lives in strings, numbers (ids,
# card numbers), dates (birth dates) and timestamps, so a PII tag needs all four.
REQUIRED = ["STRING", "NUMBER", "DATE", "TIMESTAMP"]


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """The masking policies of each tag must together cover every required type family."""
    required = [str(t).upper() for t in ctx.setting("requiredDataTypes", REQUIRED)]
    by_fqn = {qualified_name(p): p for p in index.of_type(MASKING_POLICY)}
    by_urn = {p.urn: p for p in by_fqn.values()}
    for tag in index.of_type(TAG):
        refs = as_list(tag.get("maskingPolicies"))
        if not refs:
            continue
        families: set[str] = set()
        for ref in refs:
            policy = by_urn.get(ref) if isinstance(ref, str) else None
            policy = policy or (by_fqn.get(ident(ref)) if isinstance(ref, str) else None)
            if is_unknown(ref) or policy is None:
                yield tag.not_evaluated(f"masking policy {ref!r} of tag [{tag.name}]")
                families = set(required)  # reported above; no second finding
                break
            families.add(type_family(policy.need("returnDataType")))
        missing = [t for t in required if t not in families]
        if missing:
            yield tag.violation(f"tag [{tag.name}] masks no column of type {missing}")


RULE = Rule(
    id="snowflake-masking-tag-covers-data-types",
    description=(
        "Snowflake tags with masking policies mask every data type family a tagged column may "
        "have: string, number, date and timestamp."
    ),
    severity="high",
    remediation=(
        "Add one masking policy per missing type to the tag's maskingPolicies, or narrow "
        "requiredDataTypes in the stack's policy config with the reason."
    ),
    resource_types=(TAG, MASKING_POLICY),
    check_stack=check,
    mapped=("CIS-SF 4.10",),
    config_schema={"requiredDataTypes": {"type": "array", "items": {"type": "string"}}},
)
