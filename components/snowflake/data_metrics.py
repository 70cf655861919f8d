"""TableDataQuality: a contract's checks on one Snowflake table, run by Snowflake itself,
with every failure sent to the stack's alerts topic.

On Enterprise edition (or higher), each check a system data metric function measures
(required -> NULL_COUNT, unique -> DUPLICATE_COUNT, rowCount -> ROW_COUNT, freshness ->
FRESHNESS) is attached to the table with its expectation, on the table's
DATA_METRIC_SCHEDULE, and an alert reads the table's rows of
SNOWFLAKE.LOCAL.DATA_QUALITY_MONITORING_EXPECTATION_STATUS. Every other check (column
existence, count and type, invalid values, `sql`), and on Standard every check, runs as its
compiled query in a scheduled alert. Both alerts send one JSON message through the
existing notification integration; its top-level `database`, `schema` and `table` name
the table, so a domain's SNS filter policy can match its own database.

Why `snowflake.Execute` (docs/design/contracts.md, "Snowflake side"): pulumi-snowflake 2.22
(and terraform-provider-snowflake at a9e86b04, 2026-08-21) attaches DMFs to views only
(`snowflake.View.data_metric_functions`, no expectations; issue #4578 open). Execute's
caveats and what is done about each:
- a change of `execute` replaces the resource, and Pulumi creates the replacement before
  deleting the old one, so re-adding the same DMF would fail ("already exists"): every
  Execute here is `delete_before_replace`;
- one Execute per (table, DMF, columns), so a changed expectation replaces only its own
  association; the schedule is set first (the associations depend on it);
- DMFs vanish when the table is re-created: the associations depend on the table
  (`depends_on`), and the table's component is passed so a replaced table replaces them
  (`replace_with` when the table resource itself is given);
- `query` reads the table's DATA_METRIC_FUNCTION_REFERENCES on every refresh, so drift is
  visible in the state (it does not re-attach by itself).

Privileges (docs/design/contracts.md; the preflight step model checks them): the
provider's role (SYSADMIN, owner of the landing table) needs EXECUTE DATA METRIC FUNCTION
on the account and the SNOWFLAKE.DATA_METRIC_USER database role to attach; the alerts'
owner needs the SNOWFLAKE.DATA_QUALITY_MONITORING_VIEWER application role to read the
results, EXECUTE ALERT, USAGE on the warehouse and on the integration.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_snowflake as snowflake

from components.snowflake.data_metric_sql import (
    EXPECTATION_STATUS_VIEW,
    DataMetric,
    SqlCheck,
    TableName,
    add_metric_sql,
    drop_metric_sql,
    failing_checks_condition,
    references_sql,
    set_schedule_sql,
    unset_schedule_sql,
    violations_condition,
)
from components.snowflake.notification_sql import send_notification_sql
from components.snowflake.providers import SnowflakeProviders
from components.snowflake.sql_literal import sql_literal

DMF_EDITIONS = ("enterprise", "business_critical")
MESSAGE_SOURCE = "snowflake-data-quality"


@dataclass(frozen=True)
class TableDataQualityArgs:
    """Inputs of TableDataQuality.

    Attributes:
        stack: The stack's name, in the message (`prod`).
        domain: The domain owning the table, in the message.
        contract: The contract the checks come from (its `id`), in the message.
        table: The table (database, schema, name) the checks run on; the alerts live in
            its schema.
        metrics: The system DMFs to attach, with their expectations (Enterprise or
            higher only).
        sql_checks: The checks the checks alert measures.
        edition: The account's Snowflake edition (declared in the plan).
        dmf_schedule: The table's DATA_METRIC_SCHEDULE (`USING CRON 0 * * * * UTC`).
        alert_cron: When the alerts run (a 5-field cron expression).
        alert_time_zone: The cron's time zone. Defaults to UTC.
        warehouse: The warehouse the alerts run on.
        integration: The notification integration to the alerts topic.
        table_resource: The table's resource when the program has it (its replacement
            replaces the associations). Defaults to None.
        depends_on: What creates the table (its component or resource). Defaults to none.
    """

    stack: str
    domain: str
    contract: str
    table: TableName
    metrics: Sequence[DataMetric]
    sql_checks: Sequence[SqlCheck]
    edition: str
    dmf_schedule: str
    alert_cron: str
    warehouse: pulumi.Input[str]
    integration: pulumi.Input[str]
    alert_time_zone: str = "UTC"
    table_resource: pulumi.Resource | None = None
    depends_on: Sequence[pulumi.Resource] = ()

    def __post_init__(self) -> None:
        if not self.metrics and not self.sql_checks:
            raise ValueError(f"TableDataQualityArgs [{self.table.sql}]: no check")
        if self.metrics and self.edition not in DMF_EDITIONS:
            raise ValueError(
                f"TableDataQualityArgs.metrics [{self.table.sql}]: data metric functions need "
                f"enterprise or business_critical; the edition is {self.edition}"
            )
        if len(self.alert_cron.split()) != 5:
            raise ValueError(
                f"TableDataQualityArgs.alert_cron [{self.table.sql}]: {self.alert_cron!r} "
                "is not a 5-field cron expression"
            )


class TableDataQuality(pulumi.ComponentResource):
    """The checks of one contract on one Snowflake table, and their alerts.

    Attributes:
        schedule: The Execute setting the table's DATA_METRIC_SCHEDULE, or None when no
            DMF is attached.
        metrics: The Execute of each DMF association, by expectation name.
        status_alert: The alert over the expectation status view, or None.
        checks_alert: The alert running the compiled queries, or None.
    """

    schedule: snowflake.Execute | None
    metrics: dict[str, snowflake.Execute]
    status_alert: snowflake.Alert | None
    checks_alert: snowflake.Alert | None

    def __init__(
        self,
        name: str,
        args: TableDataQualityArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        # The edition and the table are the component's inputs, so the plan (and the
        # policy "DMFs only on Enterprise") sees which edition the DMFs were built for.
        super().__init__(
            "dataplatform:snowflake:TableDataQuality",
            name,
            {"snowflakeEdition": args.edition, "table": args.table.sql},
            opts,
        )
        table = args.table
        objects = pulumi.ResourceOptions(parent=self, provider=providers.objects)
        replaced = [args.table_resource] if args.table_resource is not None else None
        self.schedule, self.metrics, self.status_alert = None, {}, None
        if args.metrics:
            self.schedule = snowflake.Execute(
                f"{name}-schedule",
                execute=set_schedule_sql(table, args.dmf_schedule),
                revert=unset_schedule_sql(table),
                query=references_sql(table),
                opts=pulumi.ResourceOptions.merge(
                    objects,
                    pulumi.ResourceOptions(
                        depends_on=list(args.depends_on),
                        delete_before_replace=True,
                        replace_with=replaced,
                    ),
                ),
            )
            for metric in args.metrics:
                self.metrics[metric.expectation] = snowflake.Execute(
                    f"{name}-{metric.expectation.replace('_', '-')}",
                    execute=add_metric_sql(table, metric),
                    revert=drop_metric_sql(table, metric),
                    opts=pulumi.ResourceOptions.merge(
                        objects,
                        pulumi.ResourceOptions(
                            depends_on=[self.schedule],
                            delete_before_replace=True,
                            replace_with=replaced,
                        ),
                    ),
                )
            self.status_alert = self._alert(
                f"{name}-status",
                args,
                f"{table.table}_DQ_STATUS_ALERT",
                violations_condition(table),
                [m.check for m in args.metrics],
                f"SELECT * FROM {EXPECTATION_STATUS_VIEW} "
                f"WHERE TABLE_NAME = {sql_literal(table.table)}",
                pulumi.ResourceOptions.merge(
                    objects, pulumi.ResourceOptions(depends_on=list(self.metrics.values()))
                ),
            )
        self.checks_alert = (
            self._alert(
                f"{name}-checks",
                args,
                f"{table.table}_DQ_CHECKS_ALERT",
                failing_checks_condition(args.sql_checks),
                [c.check for c in args.sql_checks],
                "the alert's condition, run by hand",
                pulumi.ResourceOptions.merge(
                    objects, pulumi.ResourceOptions(depends_on=list(args.depends_on))
                ),
            )
            if args.sql_checks
            else None
        )
        self.register_outputs({"checks": len(args.metrics) + len(args.sql_checks)})

    def _alert(
        self,
        name: str,
        args: TableDataQualityArgs,
        identifier: str,
        condition: str,
        checks: list[str],
        read: str,
        opts: pulumi.ResourceOptions,
    ) -> snowflake.Alert:
        message = quality_message(args, checks, read)
        return snowflake.Alert(
            name,
            name=identifier,
            database=args.table.database,
            schema=args.table.schema,
            warehouse=args.warehouse,
            condition=condition,
            action=pulumi.Output.from_input(args.integration).apply(
                lambda integration: send_notification_sql(integration, message)
            ),
            alert_schedule=snowflake.AlertAlertScheduleArgs(
                cron=snowflake.AlertAlertScheduleCronArgs(
                    expression=args.alert_cron, time_zone=args.alert_time_zone
                )
            ),
            enabled=True,
            comment=(
                f"Contract {args.contract}: failed checks on {args.table.sql}, to the alerts topic"
            ),
            opts=opts,
        )


def quality_message(args: TableDataQualityArgs, checks: list[str], read: str) -> dict[str, object]:
    """The JSON message of a failed check. `domains` (the owning domain, as the credit
    alert's message names them) is what the domain's SNS filter policy matches
    (components/alerts/domain_alerts.py); `database`, `schema` and `table` say where."""
    table = args.table
    return {
        "source": MESSAGE_SOURCE,
        "stack": args.stack,
        "domain": args.domain,
        "domains": [args.domain],
        "database": table.database,
        "schema": table.schema,
        "table": table.table,
        "contract": args.contract,
        "summary": (
            f"A data-quality check of contract {args.contract} failed on {table.sql} "
            f"(stack {args.stack})."
        ),
        "checks": checks,
        "read": read,
    }
