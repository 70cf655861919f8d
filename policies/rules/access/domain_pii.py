"""Where a stack's PII sits and which masking bodies guard it, read from the plan.

A column, table or schema is PII of a category when a TagAssociation sets a tag on it; the
masking policies a tag carries (`maskingPolicies` of the Tag) decide who reads it in clear.
The domain boundary rule asks, for an outside role reading a schema, whether any of those
bodies returns the schema's categories to it in clear (`masking_eval.sees_clear`, the one
evaluator). Policies attached to a tag by a separate resource are not read here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..core.index import StackIndex
from ..core.values import as_list, contains_unknown
from ..core.view import ResourceView
from ..facts.tokens import SNOWFLAKE_MASKING_POLICY, SNOWFLAKE_TAG, SNOWFLAKE_TAG_ASSOCIATION
from ..snowflake.identifiers import ident, qualified_name


@dataclass(frozen=True)
class Guard:
    """One masking policy body guarding values of a tag: the policy, its body and type."""

    policy: ResourceView
    body: str
    sql_type: str


@dataclass(frozen=True)
class Pii:
    """Categories per schema (`DB.SCHEMA`, with the tag setting them) and each tag's guards."""

    categories: dict[str, frozenset[tuple[str, str]]]
    guards: dict[str, tuple[Guard, ...]]


def stack_pii(index: StackIndex) -> Pii:
    """The PII of the stack: every known tag association, and every tag's masking policies
    (an unknown value counts for nothing: the masking rules report what they cannot read)."""
    categories: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for association in index.of_type(SNOWFLAKE_TAG_ASSOCIATION):
        tag, value = association.get("tagId"), association.get("tagValue")
        objects = association.get("objectIdentifiers")
        if contains_unknown([tag, value, objects]) or not isinstance(value, str):
            continue
        for identifier in as_list(objects):
            parts = ident(identifier).split(".")
            if len(parts) >= 2:
                categories[".".join(parts[:2])].add((ident(tag), value))
    policies = {qualified_name(p): p for p in index.of_type(SNOWFLAKE_MASKING_POLICY)}
    guards: dict[str, tuple[Guard, ...]] = {}
    for tag in index.of_type(SNOWFLAKE_TAG):
        attached = tag.get("maskingPolicies")
        if contains_unknown(attached):
            continue
        found = [policies.get(ident(name)) for name in as_list(attached)]
        guards[qualified_name(tag)] = tuple(g for p in found if p and (g := _guard(p)))
    return Pii({k: frozenset(v) for k, v in categories.items()}, guards)


def _guard(policy: ResourceView) -> Guard | None:
    body, arguments = policy.get("body"), as_list(policy.get("arguments"))
    if contains_unknown([body, arguments]) or not isinstance(body, str) or not arguments:
        return None
    first = arguments[0]
    sql_type = first.get("type") if isinstance(first, dict) else None
    return Guard(policy, body, sql_type) if isinstance(sql_type, str) else None
