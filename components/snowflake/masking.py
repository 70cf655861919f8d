"""The bodies of the tag-based masking policies, as pure functions.

A tag carries at most one masking policy per data type, so there is one policy per
type below, each reading the PII category of the column it masks from the tag
(`SYSTEM$GET_TAG_ON_CURRENT_COLUMN`). A value is returned in clear only when a
role in the session (`IS_ROLE_IN_SESSION`, so inherited and secondary roles count)
is allowed that column's category; a column whose category is missing or unknown
is masked for everyone but the roles allowed every category. NULL stays NULL.

The bodies are Snowflake SQL; tests parse them with sqlglot and evaluate them in
DuckDB for allowed and refused roles, so keep to functions both engines share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from components.snowflake.sql_literal import sql_literal

ARGUMENT = "VAL"
MASK = "'*****'"
# Keep the last four characters of these categories when the value is long enough
# for four characters not to give the whole value away.
_KEEP_LAST_FOUR = ("phone", "national_id", "financial")
_KEEP_LAST_FOUR_MIN_LENGTH = 8


@dataclass(frozen=True)
class MaskedType:
    """A data type with its own masking policy, and what a masked value looks like."""

    key: str
    sql_type: str
    masked: str


# Snowflake resolves a column's type to one of these; NUMBER covers every
# fixed-point alias (INT, DECIMAL, ...), FLOAT every floating alias.
MASKED_TYPES: tuple[MaskedType, ...] = (
    MaskedType("string", "VARCHAR", ""),  # per category, see _masked_string
    # NULL rather than 0: a masked amount must not enter sums and averages.
    MaskedType("number", "NUMBER", "NULL"),
    MaskedType("float", "FLOAT", "NULL"),
    # Dates and timestamps keep their year: enough for age bands, not for identity.
    MaskedType("date", "DATE", f"DATE_TRUNC('YEAR', {ARGUMENT})"),
    MaskedType("timestamp_ntz", "TIMESTAMP_NTZ", f"DATE_TRUNC('YEAR', {ARGUMENT})"),
    MaskedType("timestamp_ltz", "TIMESTAMP_LTZ", f"DATE_TRUNC('YEAR', {ARGUMENT})"),
    MaskedType("timestamp_tz", "TIMESTAMP_TZ", f"DATE_TRUNC('YEAR', {ARGUMENT})"),
)


@dataclass(frozen=True)
class UnmaskGrants:
    """Who sees which PII category in clear.

    `by_category` maps a category to the account roles allowed it; `all_categories`
    lists roles allowed every category, including ones added later.
    """

    by_category: Mapping[str, Sequence[str]]
    all_categories: Sequence[str] = ()


def masking_body(masked_type: MaskedType, tag: str, grants: UnmaskGrants) -> str:
    """The policy body for one data type; `tag` is the PII tag's qualified name."""
    category = f"SYSTEM$GET_TAG_ON_CURRENT_COLUMN({sql_literal(tag)})"
    masked = masked_type.masked or _masked_string(category)
    clear = _clear_condition(category, grants)
    lines = [f"CASE WHEN {ARGUMENT} IS NULL THEN NULL"]
    if clear:
        lines.append(f"WHEN {clear} THEN {ARGUMENT}")
    lines.append(f"ELSE {masked} END")
    return " ".join(lines)


def _clear_condition(category: str, grants: UnmaskGrants) -> str:
    terms = []
    if grants.all_categories:
        terms.append(_any_role(grants.all_categories))
    for name in sorted(grants.by_category):
        roles = grants.by_category[name]
        if roles:
            terms.append(f"({category} = {sql_literal(name)} AND {_any_role(roles)})")
    return " OR ".join(terms)


def _any_role(roles: Sequence[str]) -> str:
    calls = [f"IS_ROLE_IN_SESSION({sql_literal(r)})" for r in sorted(set(roles))]
    return calls[0] if len(calls) == 1 else "(" + " OR ".join(calls) + ")"


def _masked_string(category: str) -> str:
    keep_last_four = ", ".join(f"'{c}'" for c in _KEEP_LAST_FOUR)
    return (
        f"CASE WHEN {category} = 'email' "
        f"THEN REGEXP_REPLACE({ARGUMENT}, '^[^@]*', {MASK}) "
        f"WHEN {category} IN ({keep_last_four}) "
        f"AND LENGTH({ARGUMENT}) >= {_KEEP_LAST_FOUR_MIN_LENGTH} "
        f"THEN CONCAT({MASK}, RIGHT({ARGUMENT}, 4)) "
        f"ELSE {MASK} END"
    )
