"""`DataPlatform`: every component of one stack, composed from its resolved config."""

from __future__ import annotations

from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from components.alerts import AlertsTopic, PipelineAlarms, StackBudget
from components.alerts.domain_alerts import DomainAlerts
from components.domain.data_domain import DataDomain
from components.domain.domain_consumer_grants import (
    ConsumerGrant,
    DomainConsumerGrants,
    DomainConsumerGrantsArgs,
)
from components.integration.snowflake_ingest import SnowflakeIngest
from components.integration.snowflake_notifications import SnowflakeNotifications
from components.orchestration.egress_addresses import EgressAddresses, EgressAddressesArgs
from components.orchestration.orchestration import Orchestration, SnowflakeConnectionSpec
from components.snowflake.credit_alert import CreditAlert
from components.snowflake.snowflake_platform import SnowflakePlatform
from components.storage.bucket_notifications import (
    BucketNotifications,
    BucketNotificationsArgs,
    QueueNotification,
)
from components.storage.data_lake import DataLake
from composition.alerts import (
    alerts_topic_args,
    credit_alert_args,
    domain_alerts_args,
    pipeline_alarms_args,
    snowflake_notifications_args,
    stack_budget_args,
)
from composition.context import StackContext, stack_context
from composition.contract_checks_snowflake import snowflake_contract_checks
from composition.domain_jobs import compose_domain_jobs
from composition.domains import domain_args
from composition.ingest_sources import platform_ingest_sources
from composition.lake import lake_args
from composition.orchestration import orchestration_args
from composition.pipe_contract_tags import pipe_contract_tags
from composition.pipeline_gates import checked_tables, domain_pipelines
from composition.quality import compose_quality
from composition.service_users import connection_specs
from composition.snowflake import snowflake_args
from stacks.domain_spec import ResolvedDomain
from stacks.resolve import ResolvedPlatform


class DataPlatform(pulumi.ComponentResource):
    """Everything one environment of the data platform needs, under one component.

    All AWS resources go through one explicit provider pinned to the configured
    region and account (`allowed_account_ids`), so a stack can never deploy into the
    wrong account because of ambient credentials. Components are built in dependency
    order, each complete when built: the lake, Snowflake, the domains, the ingest
    handshakes, then what needs several of them (each zone bucket's notifications,
    the domains' consumer grants), then orchestration with every connection.

    Attributes:
        alerts: The stack's one encrypted alerts topic (budget, alarms, Glue failures).
        egress: The Elastic IPs of Airflow's NAT gateways, or None without NAT egress
            (they join the network policies of the Snowflake users Airflow logs in as).
        snowflake_notifications: Snowflake's integration to the alerts topic (pipe load
            errors), or None without a `snowflake` section.
        lake: The zone buckets, their keys and the access-log bucket.
        snowflake: The Snowflake side, or None without a `snowflake` section.
        domains: The data domains by name.
        ingest: The platform's ingest handshakes by source name.
        orchestration: MWAA, Glue and secrets, or None without `orchestration`.
        lake_bucket_names: Zone -> its bucket's name (a stack output).
        lake_key_arns: Zone -> its key's ARN (a stack output).
        lake_replica_buckets: Replicated zone -> its replica bucket's name, in the replica
            region (a stack output; empty when nothing replicates).
        access_log_bucket_name: The access-log bucket's name (a stack output).
        warehouse_names: Warehouse key -> Snowflake name; empty without Snowflake.
        service_user_names: Service user key -> Snowflake name; empty without Snowflake.
        domain_names: The domains' names, sorted.
    """

    alerts: AlertsTopic
    egress: EgressAddresses | None
    snowflake_notifications: SnowflakeNotifications | None
    lake: DataLake
    snowflake: SnowflakePlatform | None
    domains: dict[str, DataDomain]
    ingest: dict[str, SnowflakeIngest]
    orchestration: Orchestration | None
    lake_bucket_names: dict[str, pulumi.Output[str]]
    lake_key_arns: dict[str, pulumi.Output[str]]
    lake_replica_buckets: dict[str, pulumi.Output[str]]
    access_log_bucket_name: pulumi.Output[str]
    warehouse_names: dict[str, pulumi.Output[str]]
    service_user_names: dict[str, pulumi.Output[str]]
    domain_names: list[str]

    def __init__(
        self,
        name: str,
        platform: ResolvedPlatform,
        snowflake_private_key: pulumi.Input[str] | None = None,
        domains: Sequence[ResolvedDomain] = (),
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:index:DataPlatform", name, None, opts)
        ctx = stack_context(platform)
        provider = aws.Provider(
            f"{name}-aws",
            region=platform.region,
            allowed_account_ids=[platform.account_id],
            opts=pulumi.ResourceOptions(parent=self),
        )
        aws_child = pulumi.ResourceOptions(parent=self, providers={"aws": provider})
        alerts = platform.alerts
        self.alerts = AlertsTopic(f"{name}-alerts", alerts_topic_args(ctx, alerts), aws_child)
        StackBudget(f"{name}-budget", stack_budget_args(ctx, alerts, self.alerts.arn), aws_child)
        self.lake = DataLake(f"{name}-lake", lake_args(ctx), opts=aws_child)
        # Airflow's NAT addresses first: the Snowflake users it logs in as admit them.
        nat_count = platform.orchestration.network.nat_count if platform.orchestration else 0
        self.egress = (
            EgressAddresses(
                f"{name}-egress",
                EgressAddressesArgs(nat_count, ctx.tags.for_data("internal")),
                aws_child,
            )
            if nat_count
            else None
        )
        egress_ips = self.egress.public_ips if self.egress else []
        self.snowflake = (
            SnowflakePlatform(
                f"{name}-snowflake",
                snowflake_args(ctx, platform.snowflake, snowflake_private_key, domains, egress_ips),
                opts=pulumi.ResourceOptions(parent=self),
            )
            if platform.snowflake
            else None
        )
        self.snowflake_notifications = (
            SnowflakeNotifications(
                f"{name}-snowflake-alerts",
                snowflake_notifications_args(ctx, self.alerts.arn, self.alerts.key.arn),
                self.snowflake.providers,
                aws_child,
            )
            if self.snowflake
            else None
        )
        self.domains = self._domains(name, ctx, domains, aws_child, egress_ips)
        self._credit_alert(name, ctx)
        self._contract_checks(name, ctx, domains)
        self.ingest, ingest_zones = self._ingest(name, ctx, aws_child)
        self._notifications(name, ingest_zones, aws_child)
        # The contract gate: the checked tables of the domains built above, by name.
        gated_domains = [d for d in domains if d.name in self.domains]
        checked = checked_tables(ctx, gated_domains)
        self.orchestration = (
            Orchestration(
                f"{name}-orchestration",
                orchestration_args(
                    ctx,
                    platform.orchestration,
                    self.lake,
                    self._connections(),
                    self.alerts.arn,
                    self.egress.allocation_ids if self.egress else (),
                    checked,
                    domain_pipelines(ctx, gated_domains, checked),
                ),
                opts=aws_child,
            )
            if platform.orchestration
            else None
        )
        if self.orchestration is not None:
            compose_quality(
                name, ctx, domains, self.domains, self.lake, self.orchestration,
                self.alerts.arn, aws_child,
            )  # fmt: skip
            compose_domain_jobs(
                name, ctx, domains, self.lake, self.orchestration, self.alerts.arn, aws_child,
                checked,
            )  # fmt: skip
            PipelineAlarms(
                f"{name}-alarms",
                pipeline_alarms_args(ctx, alerts, self.orchestration, self.alerts.arn),
                aws_child,
            )
        self.lake_bucket_names = {zone: b.name for zone, b in self.lake.buckets.items()}
        self.lake_key_arns = {zone: k.arn for zone, k in self.lake.keys.items()}
        replication = self.lake.replication
        self.lake_replica_buckets = (
            {zone: r.bucket.name for zone, r in replication.replicas.items()} if replication else {}
        )
        self.access_log_bucket_name = self.lake.log_bucket.name
        sf = self.snowflake
        self.warehouse_names = {k: w.warehouse.name for k, w in sf.warehouses.items()} if sf else {}
        self.service_user_names = (
            {k: u.user.name for k, u in sf.service_users.items()} if sf else {}
        )
        self.domain_names = sorted(self.domains)
        self.register_outputs(
            {
                "lake_buckets": self.lake_bucket_names,
                "lake_key_arns": self.lake_key_arns,
                "access_log_bucket": self.access_log_bucket_name,
            }
        )

    def _domains(
        self,
        name: str,
        ctx: StackContext,
        specs: Sequence[ResolvedDomain],
        opts: pulumi.ResourceOptions,
        egress_ips: Sequence[pulumi.Input[str]],
    ) -> dict[str, DataDomain]:
        """Every domain, then the consumer grants (domains may consume each other)."""
        snowflake, resolved = self.snowflake, ctx.platform.snowflake
        notifications = self.snowflake_notifications
        if snowflake is None or resolved is None or notifications is None:
            return {}
        domains = {
            d.name: DataDomain(
                f"{name}-domain-{d.name}",
                domain_args(
                    ctx,
                    d,
                    self.lake,
                    snowflake,
                    resolved.data_retention_days,
                    resolved.governance_role,
                    notifications,
                    egress_ips,
                ),
                snowflake.providers,
                opts,
            )
            for d in specs
        }
        for d in specs:
            if d.spec.alert_endpoints():  # the domain's team is told of its own failures
                DomainAlerts(
                    f"{name}-domain-{d.name}-alerts",
                    domain_alerts_args(ctx, d, self.alerts.arn),
                    opts,
                )
        for d in specs:
            if not d.spec.consumers:
                continue
            grants = []
            for consumer in d.spec.consumers:
                owner, _, role = consumer.role.partition(".")
                reader = (
                    domains[owner].roles[role].role.name
                    if role
                    else snowflake.functional_roles[owner].role.name
                )
                grants.append(ConsumerGrant(consumer.role, reader, consumer.schemas))
            DomainConsumerGrants(
                f"{name}-domain-{d.name}-consumers",
                DomainConsumerGrantsArgs(database=domains[d.name].database, consumers=grants),
                snowflake.providers,
                pulumi.ResourceOptions(parent=self),
            )
        return domains

    def _credit_alert(self, name: str, ctx: StackContext) -> None:
        """The daily check of every monitored warehouse's credits, to the alerts topic."""
        snowflake, resolved = self.snowflake, ctx.platform.snowflake
        notifications = self.snowflake_notifications
        if snowflake is None or resolved is None or notifications is None:
            return
        CreditAlert(
            f"{name}-credit-alert",
            credit_alert_args(
                ctx,
                ctx.platform.alerts,
                snowflake.warehouses,
                [(d.key, w) for d in self.domains.values() for w in d.warehouses.values()],
                notifications.name,
                resolved.data_retention_days,
            ),
            snowflake.providers,
            pulumi.ResourceOptions(parent=self),
        )

    def _contract_checks(
        self, name: str, ctx: StackContext, domains: Sequence[ResolvedDomain]
    ) -> None:
        """The domains' contract checks on their Snowflake tables (the lake's are
        composition/quality.py's), from the contracts each resolved domain carries."""
        snowflake, notifications = self.snowflake, self.snowflake_notifications
        resolved = ctx.platform.snowflake
        if snowflake is None or notifications is None or resolved is None:
            return
        snowflake_contract_checks(
            name, ctx, domains, self.domains, snowflake.providers, notifications.name, self
        )
        pipe_contract_tags(
            name,
            ctx,
            domains,
            self.domains,
            snowflake.governance.contract_tag.fully_qualified_name,
            resolved.governance_role,
            snowflake.providers,
            self,
        )

    def _ingest(
        self, name: str, ctx: StackContext, opts: pulumi.ResourceOptions
    ) -> tuple[dict[str, SnowflakeIngest], dict[str, str]]:
        """One handshake per platform source, and the zone of each (by source name)."""
        orchestration, notifications = ctx.platform.orchestration, self.snowflake_notifications
        if self.snowflake is None or orchestration is None or notifications is None:
            return {}, {}
        sources = platform_ingest_sources(
            ctx, orchestration, self.lake, self.snowflake, notifications
        )
        ingest = {
            key: SnowflakeIngest(f"{name}-ingest-{key}", source, self.snowflake.providers, opts)
            for key, (_, source) in sources.items()
        }
        return ingest, {key: zone for key, (zone, _) in sources.items()}

    def _notifications(
        self, name: str, ingest_zones: dict[str, str], opts: pulumi.ResourceOptions
    ) -> None:
        """Each zone bucket's one notification configuration, for every pipe on it."""
        queues: dict[str, list[QueueNotification]] = {}
        for key, ingest in self.ingest.items():
            queues.setdefault(ingest_zones[key], []).append(ingest.notification)
        for domain in self.domains.values():
            for zone, notification in domain.notifications:
                queues.setdefault(zone, []).append(notification)
        for zone, bucket in self.lake.buckets.items():
            if queues.get(zone):
                BucketNotifications(
                    f"{name}-lake-{zone}",
                    BucketNotificationsArgs(bucket=bucket.name, queues=queues[zone]),
                    opts,
                )

    def _connections(self) -> list[SnowflakeConnectionSpec]:
        """Airflow's connection for the platform's and every domain's generated service users."""
        if self.snowflake is None:
            return []
        connections = connection_specs(self.snowflake.service_users)
        for domain in self.domains.values():
            connections += connection_specs(
                {f"{domain.key}_{key}": user for key, user in domain.service_users.items()}
            )
        return connections
