"""Data metric functions only on a Snowflake account of Enterprise edition or higher.

"Data Quality Monitoring requires Enterprise Edition"
(docs.snowflake.com/en/user-guide/data-quality-intro): on a Standard account, attaching a
DMF or setting a table's DATA_METRIC_SCHEDULE fails at apply. The DMF statements are the
ones the step model reads from `snowflake.Execute` (preflight/snowflake_objects.py); the
edition is the rule's `snowflakeEdition` setting, which the stack's policy config keeps
equal to the stack file's `snowflake.edition` (a test compares them). Its default,
enterprise, is the stack files' default too.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.view import Finding, NotEvaluated
from ..facts.tokens import SNOWFLAKE_EXECUTE
from ..preflight.snowflake_objects import Refs, object_refs

EDITIONS = ("standard", "enterprise", "business_critical")
DMF_EDITIONS = ("enterprise", "business_critical")
DEFAULT_EDITION = "enterprise"
DMF_REFS = ("dmf_table", "schedule_table")


def dmf_statement(refs: Refs) -> str | None:
    """`attaches a data metric function to` / `sets the DMF schedule of`, or None."""
    if refs.get("dmf_table") is not None:
        return "attaches a data metric function to"
    if refs.get("schedule_table") is not None:
        return "sets the DATA_METRIC_SCHEDULE of"
    return None


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Every Execute running a DMF statement, on a stack whose edition has no DMFs."""
    edition = str(ctx.setting("snowflakeEdition", DEFAULT_EDITION))
    for execute in index.of_type(SNOWFLAKE_EXECUTE):
        try:
            groups = object_refs(execute)
        except NotEvaluated as exc:
            # SQL unknown until apply: whether it attaches a DMF cannot be told.
            yield Finding(execute.urn, execute.name, f"{exc.what} is unknown until apply", True)
            continue
        if edition in DMF_EDITIONS:
            continue
        for refs in groups:
            what = dmf_statement(refs)
            if what is None:
                continue
            table = next(ref[1] for k in DMF_REFS if (ref := refs.get(k)) is not None)
            yield execute.violation(
                f"Execute [{execute.name}] {what} table {table}, but the stack's "
                f"Snowflake edition is {edition}: data metric functions need enterprise or "
                "business_critical"
            )


RULE = Rule(
    id="snowflake-dmf-enterprise-only",
    description=(
        "Data metric functions are attached (and DATA_METRIC_SCHEDULE set) only on a "
        "Snowflake account of Enterprise edition or higher."
    ),
    severity="high",
    remediation=(
        "On Standard, run the contract's checks as a scheduled Snowflake alert with the "
        "compiled SQL (components/snowflake/data_metrics.py does so by edition); or set the "
        "stack's snowflake.edition to the account's real edition."
    ),
    resource_types=(SNOWFLAKE_EXECUTE,),
    check_stack=check,
    config_schema={"snowflakeEdition": {"type": "string", "enum": list(EDITIONS)}},
)
