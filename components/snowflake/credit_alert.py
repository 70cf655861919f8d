"""CreditAlert: resource-monitor thresholds reach the alerts topic, not only admins' inboxes.

A resource monitor's NOTIFY trigger emails account administrators (and users named in
NOTIFY_USERS who verified an address); it cannot publish to SNS. So a Snowflake alert
checks each monitored warehouse's credits this month against its quota every morning
and, when one has passed its lowest notify threshold, sends one JSON message through
the stack's notification integration (SYSTEM$SEND_SNOWFLAKE_NOTIFICATION, the queue
form with APPLICATION_JSON) to the same topic as every other failure. The monitor still
suspends the warehouse on its own; this only tells people.

The usage comes from SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY (the example of
docs.snowflake.com/user-guide/alerts): its latency is up to three hours, and it counts
the calendar month, while a MONTHLY monitor started IMMEDIATELY resets on its creation
day. The message is a signal; SHOW RESOURCE MONITORS is the monitors' own truth.

Privileges (docs.snowflake.com user-guide/alerts, "Granting the privileges to create
alerts"): EXECUTE ALERT on the account (only ACCOUNTADMIN can grant it: bootstrap),
USAGE and CREATE ALERT on the schema and USAGE on its database (SYSADMIN owns the ops
database), USAGE on the warehouse (SYSADMIN owns the warehouses), the SNOWFLAKE
database role USAGE_VIEWER for the view (bootstrap) and USAGE on the integration
(SYSADMIN owns it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_snowflake as snowflake

from components.snowflake.managed_database import DatabaseArgs, ManagedDatabase
from components.snowflake.notification_sql import send_notification_sql
from components.snowflake.providers import SnowflakeProviders
from components.snowflake.sql_literal import sql_literal

METERING_VIEW = "SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY"
# Every morning, before the working day starts with pipeline health.
SCHEDULE_CRON = "0 7 * * *"
SCHEDULE_TIME_ZONE = "UTC"


@dataclass(frozen=True)
class WatchedWarehouse:
    """A warehouse, its monitor's monthly quota and the lowest percentage that notifies."""

    identifier: str
    credit_quota: int
    notify_at_percent: int


@dataclass(frozen=True)
class CreditAlertArgs:
    """Inputs of CreditAlert.

    Attributes:
        stack: The stack's name, in the message (`prod`).
        database: The ops database; the alert lives in its one schema.
        alert: The alert's Snowflake identifier.
        warehouse: The warehouse that runs the check (its credits count too), once
            SYSADMIN owns it (`ManagedWarehouse.owned_name`).
        watched: Every monitored warehouse of the stack.
        integration: The notification integration to the alerts topic.
    """

    stack: str
    database: DatabaseArgs
    alert: str
    warehouse: pulumi.Input[str]
    watched: Sequence[WatchedWarehouse]
    integration: pulumi.Input[str]

    def __post_init__(self) -> None:
        if not self.watched:
            raise ValueError("CreditAlertArgs.watched: no warehouse to watch")
        if len(self.database.schemas) != 1:
            raise ValueError("CreditAlertArgs.database: must hold exactly one schema")


class CreditAlert(pulumi.ComponentResource):
    """The ops database and the daily Snowflake alert on the stack's credit use.

    Attributes:
        database: The ops database (managed like every other database).
        alert: The Snowflake alert, created resumed.
    """

    database: ManagedDatabase
    alert: snowflake.Alert

    def __init__(
        self,
        name: str,
        args: CreditAlertArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:snowflake:CreditAlert", name, None, opts)
        self.database = ManagedDatabase(
            f"{name}-database", args.database, providers, pulumi.ResourceOptions(parent=self)
        )
        (schema,) = self.database.schemas.values()
        self.alert = snowflake.Alert(
            f"{name}-alert",
            name=args.alert,
            database=self.database.database.name,
            schema=schema.name,
            warehouse=args.warehouse,
            condition=credit_condition(args.watched),
            action=pulumi.Output.from_input(args.integration).apply(
                lambda integration: notify_action(integration, args.stack, args.watched)
            ),
            alert_schedule=snowflake.AlertAlertScheduleArgs(
                cron=snowflake.AlertAlertScheduleCronArgs(
                    expression=SCHEDULE_CRON, time_zone=SCHEDULE_TIME_ZONE
                )
            ),
            enabled=True,
            comment="Warehouses past a resource monitor's notify threshold, to the alerts topic",
            opts=pulumi.ResourceOptions(parent=self, provider=providers.objects),
        )
        self.register_outputs({"alert": self.alert.fully_qualified_name})


def credit_condition(watched: Sequence[WatchedWarehouse]) -> str:
    """The alert's condition: one row per watched warehouse whose credits this calendar
    month reach its quota x its lowest notify percentage (no row: nothing to tell)."""
    quotas = ", ".join(
        f"({sql_literal(w.identifier)}, {w.credit_quota}, {w.notify_at_percent})" for w in watched
    )
    return (
        "SELECT m.WAREHOUSE_NAME, SUM(m.CREDITS_USED) AS CREDITS_USED, q.CREDIT_QUOTA "
        f"FROM {METERING_VIEW} AS m "
        f"JOIN (VALUES {quotas}) AS q (WAREHOUSE_NAME, CREDIT_QUOTA, NOTIFY_AT_PERCENT) "
        "ON m.WAREHOUSE_NAME = q.WAREHOUSE_NAME "
        "WHERE m.START_TIME >= DATE_TRUNC('MONTH', CURRENT_TIMESTAMP()) "
        "GROUP BY m.WAREHOUSE_NAME, q.CREDIT_QUOTA, q.NOTIFY_AT_PERCENT "
        "HAVING SUM(m.CREDITS_USED) >= q.CREDIT_QUOTA * q.NOTIFY_AT_PERCENT / 100"
    )


def notify_action(integration: str, stack: str, watched: Sequence[WatchedWarehouse]) -> str:
    """The alert's action: one JSON message to the topic, naming the stack, the watched
    warehouses with their quotas, and where to read the monitors' own figures."""
    message = {
        "source": "snowflake-credit-alert",
        "stack": stack,
        "summary": (
            f"A warehouse of stack {stack} has reached the notify threshold of its resource "
            "monitor this calendar month (ACCOUNT_USAGE figures, up to 3 h behind)."
        ),
        "watched": {w.identifier: w.credit_quota for w in watched},
        "check": "SHOW RESOURCE MONITORS",
    }
    return send_notification_sql(integration, message)
