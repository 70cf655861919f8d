"""The alerts' arguments: the stack's topic, the MWAA alarms and dashboard, the budget."""

from __future__ import annotations

from collections.abc import Sequence

import pulumi

from components.alerts.alerts_topic import AlertsTopicArgs
from components.alerts.domain_alerts import DomainAlertsArgs, DomainRoutes
from components.alerts.pipeline_alarms import PipelineAlarmsArgs
from components.alerts.stack_budget import StackBudgetArgs
from components.integration.snowflake_notifications import SnowflakeNotificationsArgs
from components.orchestration.orchestration import Orchestration
from components.quality.domain_crawlers import crawler_name
from components.snowflake.credit_alert import CreditAlertArgs, WatchedWarehouse
from components.snowflake.managed_database import DatabaseArgs, SchemaArgs
from components.snowflake.managed_warehouse import ManagedWarehouse, WarehouseArgs
from composition.context import StackContext
from composition.domain_jobs import domain_job_names
from stacks.alerts_config import ResolvedAlerts
from stacks.domain_spec import ResolvedDomain


def alerts_topic_args(ctx: StackContext, alerts: ResolvedAlerts) -> AlertsTopicArgs:
    """The topic with the configured subscriptions; its key like every other key."""
    platform = ctx.platform
    return AlertsTopicArgs(
        naming=ctx.naming,
        tags=ctx.tags,
        emails=alerts.emails,
        https_endpoints=alerts.https_endpoints,
        protection=ctx.protection,
        kms_deletion_window_days=platform.kms.deletion_window_days,
        administrator_arns=platform.kms.key_administrator_arns,
        deployer_arn_patterns=platform.deployers,
    )


def pipeline_alarms_args(
    ctx: StackContext,
    alerts: ResolvedAlerts,
    orchestration: Orchestration,
    topic_arn: pulumi.Input[str],
) -> PipelineAlarmsArgs:
    """Alarms on the stack's MWAA environment; the Glue failure rules on its dashboard."""
    rules: list[pulumi.Input[str]] = []
    if orchestration.jobs is not None:
        rules.append(orchestration.jobs.failure_rule_name)
    if orchestration.catalog.crawler_failure_rule_name is not None:
        rules.append(orchestration.catalog.crawler_failure_rule_name)
    return PipelineAlarmsArgs(
        naming=ctx.naming,
        tags=ctx.tags,
        environment_name=orchestration.airflow.environment.name,
        topic_arn=topic_arn,
        queued_tasks_threshold=alerts.queued_tasks_threshold,
        failure_rule_names=rules,
    )


def stack_budget_args(
    ctx: StackContext, alerts: ResolvedAlerts, topic_arn: pulumi.Input[str]
) -> StackBudgetArgs:
    """The monthly budget with the resolved limit and thresholds."""
    budget = alerts.budget
    return StackBudgetArgs(
        naming=ctx.naming,
        tags=ctx.tags,
        monthly_limit_usd=budget.monthly_limit_usd,
        topic_arn=topic_arn,
        forecasted_threshold_percents=budget.forecasted_threshold_percents,
        actual_threshold_percents=budget.actual_threshold_percents,
    )


def snowflake_notifications_args(
    ctx: StackContext, topic_arn: pulumi.Input[str], key_arn: pulumi.Input[str]
) -> SnowflakeNotificationsArgs:
    """Snowflake's notification integration to the stack's alerts topic, and its role."""
    naming = ctx.naming
    return SnowflakeNotificationsArgs(
        integration=naming.snowflake("ALERTS", "NOTIFICATION"),
        account_id=ctx.account_id,
        role_name=naming.iam_role("snowflake-alerts"),
        topic_arn=topic_arn,
        key_arn=key_arn,
        tags=ctx.tags.for_data("internal"),
    )


def credit_alert_args(
    ctx: StackContext,
    alerts: ResolvedAlerts,
    warehouses: dict[str, ManagedWarehouse],
    domain_warehouses: Sequence[tuple[str, WarehouseArgs]],
    integration: pulumi.Input[str],
    data_retention_days: int,
) -> CreditAlertArgs:
    """The daily credit check over every monitored warehouse (the platform's, keyed as in
    config, and the domains', each with its domain's name), run on the configured one, in
    the stack's ops database."""
    naming = ctx.naming
    if alerts.credit_check_warehouse is None:  # resolved whenever Snowflake is configured
        raise ValueError("alerts.credit_check_warehouse: unresolved with a snowflake section")
    owned = [(None, w.args) for w in warehouses.values()] + list(domain_warehouses)
    watched = [
        WatchedWarehouse(w.identifier, w.settings.credit_quota, min(w.notify_at_percent), domain)
        for domain, w in owned
    ]
    return CreditAlertArgs(
        stack=ctx.platform.environment,
        database=DatabaseArgs(
            identifier=naming.snowflake("OPS"),
            schemas=(SchemaArgs("alerts", "ALERTS"),),
            data_retention_days=data_retention_days,
            protection=ctx.protection,
            comment="Operations of the platform: its Snowflake alerts",
            access_roles=False,
        ),
        alert=naming.snowflake("CREDIT", "ALERT"),
        warehouse=warehouses[alerts.credit_check_warehouse].owned_name,
        watched=watched,
        integration=integration,
    )


def domain_alerts_args(
    ctx: StackContext, domain: ResolvedDomain, topic_arn: pulumi.Input[str]
) -> DomainAlertsArgs:
    """The domain's filtered subscriptions: its owner (an e-mail address) and its
    `alert_subscriptions`, told of messages naming its database's pipes, its Glue
    databases, the crawlers of its ingest sources and its own Glue jobs (the names
    `domain_args`, composition/quality.py and composition/domain_jobs.py give them), and
    of the Snowflake alerts naming it in `domains`."""
    spec, naming = domain.spec, ctx.naming
    return DomainAlertsArgs(
        domain=spec.name,
        topic_arn=topic_arn,
        endpoints=spec.alert_endpoints(),
        routes=DomainRoutes(
            domain=spec.name,
            pipe_prefixes=(f"{naming.snowflake('domain', spec.name)}.",),
            glue_databases=tuple(naming.glue_database(z, spec.name) for z in spec.zones),
            job_names=domain_job_names(naming, domain),
            crawler_names=tuple(
                crawler_name(naming, spec.name, s.name) for s in spec.ingest_sources
            ),
        ),
    )
