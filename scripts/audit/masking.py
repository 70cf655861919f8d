"""Who sees which PII category in clear, by running the masking policy bodies themselves.

The bodies are what Snowflake runs, so the audit asks them rather than the config that
produced them, with the pack's one evaluator (policies/rules/snowflake/masking_eval.py:
the body parsed with sqlglot's Snowflake dialect and run in DuckDB, `IS_ROLE_IN_SESSION`
answered from the roles a principal holds, the tag functions from the column's category).
A principal sees a category in clear when the body returns a sample value unchanged for a
column tagged with it. A body that cannot be parsed or run offline is reported as
unreadable, and every principal is then "unknown" for it rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from policies.rules.snowflake.masking_eval import (
    Unevaluable,
    duckdb_type,
    probe_session,
    sees_clear,
    translate,
)


@dataclass(frozen=True)
class ClearGrants:
    """One masking policy body and the type of the value it masks (`VAL`)."""

    body: str
    sql_type: str = "VARCHAR"
    parsed: bool = True

    def sees_clear(self, held_roles: Iterable[str], category: str) -> bool | None:
        """True/False for a principal holding `held_roles`; None when the body is unreadable."""
        if not self.parsed:
            return None
        return sees_clear(
            self.body, self.sql_type, tuple(sorted(r.upper() for r in held_roles)), category
        )


def clear_grants(body: str, sql_type: str = "VARCHAR") -> ClearGrants:
    """The body of one masking policy, checked once that it can be evaluated offline."""
    try:
        translate(body, probe_session(body))
        duckdb_type(sql_type)
    except Unevaluable:
        return ClearGrants(body, sql_type, parsed=False)
    return ClearGrants(body, sql_type)
