"""The Snowflake side of the domains' contracts: one TableDataQuality per contracted table.

A contract's `snowflake` server names one of the domain's schemas (and, optionally, the
environment); its `schema[].physicalName` is a table the platform provisions there (the
ingest landing table, stacks/contracts/datasets.py). This module turns each such
(contract, table) of the stack's environment into `TableDataQualityArgs`.

WIRING (issue 19): the "quality" helper wires contract loading into the domain loader
(stacks/domain_file.py). Until the lead connects the two, `snowflake_contract_checks` loads
the contracts itself with `load_domain_contracts` (its `contracts` argument None); once
the domain loader carries them, pass them in and this module loads nothing. It has ONE
call site, in composition/data_platform.py (`DataPlatform._contract_checks`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pulumi

from components.data_domain import DataDomain
from components.naming import snowflake_identifier
from components.snowflake.data_metric_sql import TableName
from components.snowflake.data_metrics import TableDataQuality, TableDataQualityArgs
from components.snowflake.providers import SnowflakeProviders
from composition.context import StackContext
from composition.snowflake_check_compile import compile_table_checks
from stacks.contracts.datasets import SNOWFLAKE
from stacks.contracts.domain_contracts import (
    contracts_dir,
    domain_facts,
    load_domain_contracts,
)
from stacks.contracts.loader import LoadedContract
from stacks.domain_file import DOMAINS_DIR
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
PROJECT_DIR = Path(__file__).resolve().parents[1]


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
                depends_on=(built,),
            )
        )
    return found


def snowflake_contract_checks(
    name: str,
    ctx: StackContext,
    domains: Sequence[ResolvedDomain],
    built: Mapping[str, DataDomain],
    providers: SnowflakeProviders,
    integration: pulumi.Input[str],
    parent: pulumi.Resource,
    contracts: Mapping[str, Sequence[LoadedContract]] | None = None,
) -> list[TableDataQuality]:
    """One TableDataQuality per contracted Snowflake table of every domain.

    `contracts` (domain -> its loaded contracts) None: read from
    `stacks/domains/<domain>/contracts/` here (see WIRING above).
    """
    snowflake = ctx.platform.snowflake
    if snowflake is None:
        return []
    components = []
    for domain in domains:
        if domain.name not in built:
            continue
        loaded = (
            contracts.get(domain.name, ())
            if contracts is not None
            else load_domain_contracts(
                contracts_dir(PROJECT_DIR / "stacks" / DOMAINS_DIR, domain.name),
                domain_facts(domain.spec, snowflake.pii_categories),
            )
        )
        for contract in loaded:
            for args in table_quality_args(ctx, domain, built[domain.name], contract, integration):
                components.append(
                    TableDataQuality(
                        f"{name}-dq-{args.table.table.lower().replace('_', '-')}",
                        args,
                        providers,
                        pulumi.ResourceOptions(parent=parent),
                    )
                )
    return components
