"""The Snowflake side of the domains' contracts: one TableDataQuality per contracted table.

A contract's `snowflake` server names one of the domain's schemas (and, optionally, the
environment); its `schema[].physicalName` is a table the platform provisions there (the
ingest landing table, stacks/contracts/datasets.py). This module turns each such
(contract, table) of the stack's environment into `TableDataQualityArgs`.

The contracts come with the resolved domain (`ResolvedDomain.contracts`: loaded and
checked once, at the config edge, by stacks/domain_file.py, those of the stack's
environment only); the lake side (composition/quality.py) reads the same ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pulumi
import pulumi_snowflake as snowflake_sdk

from components.domain.data_domain import DataDomain
from components.naming import snowflake_identifier
from components.snowflake.data_metric_sql import TableName
from components.snowflake.data_metrics import TableDataQuality, TableDataQualityArgs
from components.snowflake.providers import SnowflakeProviders
from composition.context import StackContext
from composition.snowflake_check_compile import compile_table_checks
from stacks.contracts.datasets import SNOWFLAKE
from stacks.contracts.loader import LoadedContract
from stacks.domain_spec import ResolvedDomain

# When Snowflake evaluates the DMFs (a table's DATA_METRIC_SCHEDULE) and when the alerts
# run, per environment. A cron, not TRIGGER_ON_CHANGES: freshness must be measured when
# nothing arrives, which is exactly when no change triggers it (docs.snowflake.com
# user-guide/data-quality-working, "Schedule the DMF to run"). Serverless DMF runs are
# billed, so dev and staging check once a day; the alerts run half an hour after.
DMF_SCHEDULES: Mapping[str, str] = {
    "dev": "USING CRON 0 6 * * * UTC",
    "staging": "USING CRON 0 6 * * * UTC",
    "prod": "USING CRON 0 * * * * UTC",
}
ALERT_CRONS: Mapping[str, str] = {
    "dev": "30 6 * * *",
    "staging": "30 6 * * *",
    "prod": "30 * * * *",
}


def contracted_tables(contract: LoadedContract, environment: str) -> list[tuple[str, str]]:
    """(schema, table) of each Snowflake table `contract` covers in `environment`."""
    servers = contract.contract.servers or []
    schemas = [
        s.schema_
        for s in servers
        if s.type == SNOWFLAKE and s.schema_ and s.environment in (None, environment)
    ]
    tables = [o.physicalName or o.name for o in contract.contract.schema_ or []]
    return [(schema, table) for schema in schemas for table in tables if table]


def table_quality_args(
    ctx: StackContext,
    domain: ResolvedDomain,
    built: DataDomain,
    contract: LoadedContract,
    integration: pulumi.Input[str],
) -> list[TableDataQualityArgs]:
    """The arguments of every table `contract` covers in the stack's environment."""
    snowflake = ctx.platform.snowflake
    if snowflake is None:
        return []
    environment = ctx.platform.environment
    database = ctx.naming.snowflake("domain", domain.name)
    warehouse = next(iter(built.warehouses.values())).owned_name
    found = []
    for schema, table in contracted_tables(contract, environment):
        physical = snowflake_identifier(table)
        checks = [c for c in contract.checks if c.dataset.upper() == physical]
        if not checks:
            continue
        name = TableName(database, snowflake_identifier(schema), physical)
        metrics, sql_checks = compile_table_checks(checks, name, snowflake.edition)
        landing = landing_table(built, physical)
        found.append(
            TableDataQualityArgs(
                stack=environment,
                domain=domain.name,
                contract=contract.contract.id or contract.source,
                table=name,
                metrics=metrics,
                sql_checks=sql_checks,
                edition=snowflake.edition,
                dmf_schedule=DMF_SCHEDULES[environment],
                alert_cron=ALERT_CRONS[environment],
                warehouse=warehouse,
                integration=integration,
                table_resource=landing,
                depends_on=(built,),
            )
        )
    return found


def landing_table(built: DataDomain, physical: str) -> snowflake_sdk.Table | None:
    """The landing table named `physical` among the domain's ingest sources, or None.

    The DMF associations are replaced with it (`replace_with`): a re-created table has
    no DMFs, and only a replacement of the Executes attaches them again."""
    tables = [i.table for i in built.ingests.values() if i.table_name == physical]
    return tables[0] if tables else None


def snowflake_contract_checks(
    name: str,
    ctx: StackContext,
    domains: Sequence[ResolvedDomain],
    built: Mapping[str, DataDomain],
    providers: SnowflakeProviders,
    integration: pulumi.Input[str],
    opts: pulumi.ResourceOptions,
) -> list[TableDataQuality]:
    """One TableDataQuality per contracted Snowflake table of every built domain."""
    if ctx.platform.snowflake is None:
        return []
    components = []
    for domain in domains:
        if domain.name not in built:
            continue
        for contract in domain.contracts:
            for args in table_quality_args(ctx, domain, built[domain.name], contract, integration):
                components.append(
                    TableDataQuality(
                        f"{name}-dq-{args.table.table.lower().replace('_', '-')}",
                        args,
                        providers,
                        opts,
                    )
                )
    return components
