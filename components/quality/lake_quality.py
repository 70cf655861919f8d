"""Glue Data Quality over a domain's crawled tables, run on a schedule.

Per (contract, table): a `DataQualityRuleset` whose DQDL the contract compiler wrote
(validated against awslabs/dqdl when the contract loaded) and whose target is the
crawled table, and an EventBridge Scheduler schedule whose universal target starts an
evaluation run of it. Per domain: the evaluation role Glue runs as (reads the checked
tables and their keys, uses the rulesets, writes Glue's logs) and the scheduler role
(starts runs of the domain's rulesets, passes the evaluation role to Glue only). The
results go to EventBridge; `QualityAlerts` sends the failed ones to the alerts topic.
Documents and their sources: `quality_iam.py`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import pulumi
import pulumi_aws as aws

from components.naming import Naming
from components.orchestration import orchestration_iam
from components.quality import quality_iam
from components.quality.tagging import contract_tags

SCHEDULE_GROUP = "default"
# Scheduler retries a failed start (throttling, a concurrent run) for up to an hour.
RETRY_ATTEMPTS = 3
RETRY_MAX_AGE_SECONDS = 3600


@dataclass(frozen=True)
class CheckedTable:
    """One contract's checks of one crawled table.

    Attributes:
        key: Unique within the domain (`hubspot-contacts`): logical names.
        ruleset_name: The ruleset's name, unique in the account.
        schedule_name: The schedule's name (at most 64 characters).
        database: The domain's Glue database holding the table (its output).
        table: The crawled table.
        bucket: The zone's bucket.
        prefix: The table's key prefix in it.
        kms_key_arn: The zone's key.
        ruleset: The DQDL document.
        schedule: An EventBridge Scheduler cron expression (UTC).
        contract: The contract's id (tagged on the ruleset).
        results_prefix: Where in `bucket` the evaluations write their results
            (`ResultsS3Prefix`), encrypted by the bucket's default SSE-KMS with
            `kms_key_arn`. Defaults to "": the results stay in Glue only.
    """

    key: str
    ruleset_name: str
    schedule_name: str
    database: pulumi.Input[str]
    table: str
    bucket: str
    prefix: str
    kms_key_arn: pulumi.Input[str]
    ruleset: str
    schedule: str
    contract: str
    results_prefix: str = ""

    def results_url(self) -> str | None:
        """`s3://<bucket>/<results_prefix>`, or None without a results prefix."""
        return f"s3://{self.bucket}/{self.results_prefix}" if self.results_prefix else None


@dataclass(frozen=True)
class LakeQualityArgs:
    """Inputs of LakeQuality.

    Attributes:
        naming: The stack's naming scheme.
        domain: The domain's name.
        tags: The domain's tags.
        tables: The checked tables. Required (at least one, keys unique).
        catalog_key_arn: The Data Catalog's key (the evaluation reads table metadata).
            Required.
    """

    naming: Naming
    domain: str
    tags: dict[str, str]
    tables: Sequence[CheckedTable]
    catalog_key_arn: pulumi.Input[str]

    def __post_init__(self) -> None:
        keys = [t.key for t in self.tables]
        if not keys or len(set(keys)) != len(keys):
            raise ValueError(f"LakeQualityArgs [{self.domain}]: tables unique by key, got {keys}")
        long = [t.schedule_name for t in self.tables if len(t.schedule_name) > 64]
        if long:
            raise ValueError(f"LakeQualityArgs [{self.domain}]: schedule names over 64: {long}")


class LakeQuality(pulumi.ComponentResource):
    """A domain's rulesets, their schedules, and the two roles that run them.

    Attributes:
        ruleset_names: Table key -> its ruleset's name.
        evaluation_role_arn: The role Glue Data Quality runs as.
        scheduler_role_arn: The role EventBridge Scheduler starts runs as.
    """

    ruleset_names: dict[str, pulumi.Output[str]]
    evaluation_role_arn: pulumi.Output[str]
    scheduler_role_arn: pulumi.Output[str]

    def __init__(
        self, name: str, args: LakeQualityArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:quality:LakeQuality", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        naming, tables = args.naming, list(args.tables)
        rulesets = [t.ruleset_name for t in tables]
        evaluation = aws.iam.Role(
            f"{name}-evaluation",
            name=naming.iam_role(evaluation_role_name(args.domain)),
            assume_role_policy=json.dumps(
                orchestration_iam.service_trust_policy(quality_iam.GLUE_SERVICE, naming.account_id)
            ),
            tags=args.tags,
            opts=child,
        )
        evaluation_access = aws.iam.RolePolicy(
            f"{name}-evaluation",
            role=evaluation.id,
            policy=pulumi.Output.all(
                pulumi.Output.all(args.catalog_key_arn, *[t.kms_key_arn for t in tables]),
                pulumi.Output.all(*[t.database for t in tables]),
            ).apply(
                lambda v: json.dumps(
                    _evaluation_policy(args, [str(k) for k in v[0]], [str(d) for d in v[1]])
                )
            ),
            opts=child,
        )
        scheduler = aws.iam.Role(
            f"{name}-scheduler",
            name=naming.iam_role(f"dq-schedule-{args.domain}"),
            assume_role_policy=json.dumps(quality_iam.scheduler_trust_policy(naming.account_id)),
            tags=args.tags,
            opts=child,
        )
        scheduler_access = aws.iam.RolePolicy(
            f"{name}-scheduler",
            role=scheduler.id,
            policy=evaluation.arn.apply(
                lambda arn: json.dumps(
                    quality_iam.scheduler_policy(naming.region, naming.account_id, rulesets, arn)
                )
            ),
            opts=child,
        )
        self.ruleset_names = {}
        for table in tables:
            ruleset = aws.glue.DataQualityRuleset(
                f"{name}-{table.key}",
                name=table.ruleset_name,
                description=f"Contract {table.contract} on table {table.table}",
                ruleset=table.ruleset,
                target_table={"database_name": table.database, "table_name": table.table},
                tags=contract_tags(args.tags, [table.contract]),
                opts=child,
            )
            aws.scheduler.Schedule(
                f"{name}-{table.key}",
                name=table.schedule_name,
                group_name=SCHEDULE_GROUP,
                description=f"Evaluates Glue Data Quality ruleset {table.ruleset_name}",
                schedule_expression=table.schedule,
                schedule_expression_timezone="UTC",
                flexible_time_window=aws.scheduler.ScheduleFlexibleTimeWindowArgs(mode="OFF"),
                target=aws.scheduler.ScheduleTargetArgs(
                    arn=quality_iam.START_RUN_TARGET,
                    role_arn=scheduler.arn,
                    input=pulumi.Output.all(evaluation.arn, table.database).apply(
                        partial(_start_run_input, table)
                    ),
                    retry_policy=aws.scheduler.ScheduleTargetRetryPolicyArgs(
                        maximum_retry_attempts=RETRY_ATTEMPTS,
                        maximum_event_age_in_seconds=RETRY_MAX_AGE_SECONDS,
                    ),
                ),
                # A run needs the ruleset and both roles' permissions in place.
                opts=pulumi.ResourceOptions(
                    parent=self, depends_on=[ruleset, scheduler_access, evaluation_access]
                ),
            )
            self.ruleset_names[table.key] = ruleset.name
        self.evaluation_role_arn = evaluation.arn
        self.scheduler_role_arn = scheduler.arn
        self.register_outputs(
            {
                "ruleset_names": self.ruleset_names,
                "evaluation_role_arn": self.evaluation_role_arn,
                "scheduler_role_arn": self.scheduler_role_arn,
            }
        )


def evaluation_role_name(domain: str) -> str:
    """The naming purpose of a domain's evaluation role (`dq-eval-<domain>`); the DAGs'
    contract gate passes the role by the name this gives."""
    return f"dq-eval-{domain}"


def _evaluation_policy(
    args: LakeQualityArgs, key_arns: Sequence[str], databases: Sequence[str]
) -> dict[str, object]:
    """The evaluation role's document: every checked table of the domain, one bucket each
    zone (the domain's tables may lie in several zones), `databases` resolved."""
    naming, tables = args.naming, list(args.tables)
    by_bucket: dict[str, list[str]] = {}
    for table in tables:
        by_bucket.setdefault(table.bucket, [])
        if table.prefix not in by_bucket[table.bucket]:
            by_bucket[table.bucket].append(table.prefix)
    writing = [t for t in tables if t.results_prefix]
    return quality_iam.evaluation_policy(
        naming.region,
        naming.account_id,
        by_bucket,
        sorted(set(databases)),
        sorted(set(key_arns)),
        [t.ruleset_name for t in tables],
        sorted({(t.bucket, t.results_prefix) for t in writing}),
        # The writing tables' zone keys (`key_arns` is the catalog's, then each table's).
        sorted({key_arns[1 + i] for i, t in enumerate(tables) if t.results_prefix}),
    )


def _start_run_input(table: CheckedTable, values: list[Any]) -> str:
    """The schedule's request; `values` are the evaluation role's ARN and the database."""
    role_arn, database = (str(v) for v in values)
    return quality_iam.start_run_input(
        database, table.table, role_arn, table.ruleset_name, table.results_url()
    )
