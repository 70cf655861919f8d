"""`DataPlatform`: every component of one stack, composed from its resolved config."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pulumi

from components.alerts import AlertsTopic, PipelineAlarms, StackBudget
from components.domain.data_domain import DataDomain
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
    zone_queues,
)
from components.storage.data_lake import DataLake
from composition.alerts import (
    alerts_topic_args,
    credit_alert_args,
    pipeline_alarms_args,
    snowflake_notifications_args,
    stack_budget_args,
)
from composition.aws_provider import stack_aws_provider
from composition.context import StackContext, stack_context
from composition.domain_owned import build_domain_pipelines, build_domains
from composition.ingest_sources import platform_ingest_sources
from composition.lake import lake_args
from composition.orchestration import orchestration_args
from composition.pipeline_gates import checked_tables, domain_pipelines
from composition.platform_refs import PlatformRefs
from composition.quality import quality_alerts
from composition.service_users import connection_specs, domain_connection_specs
from composition.snowflake import snowflake_args
from composition.warehouses import domain_warehouse_args
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
        domains: The data domains built in this stack, by name (none with `domain_stacks`:
            each lives in its own stack then).
        refs: What the domains read of this stack, or None without Snowflake (the same
            values are the stack's outputs for domain stacks: composition/platform_refs.py).
        lake_notifications: (zone, queue) of every pipe built in this stack; with
            `domain_stacks` the edges stack joins them with the domains' (a stack output).
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

    TYPE = "dataplatform:index:DataPlatform"

    alerts: AlertsTopic
    egress: EgressAddresses | None
    snowflake_notifications: SnowflakeNotifications | None
    lake: DataLake
    snowflake: SnowflakePlatform | None
    domains: dict[str, DataDomain]
    refs: PlatformRefs | None
    lake_notifications: list[tuple[str, QueueNotification]]
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
        super().__init__(self.TYPE, name, None, opts)
        ctx = stack_context(platform)
        provider = stack_aws_provider(name, platform, pulumi.ResourceOptions(parent=self))
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
        # With `domain_stacks` the domains live in stacks of their own and read this
        # stack's refs; the platform still reads their files for the names it needs.
        in_stack = not platform.domain_stacks
        self.refs = self._refs(egress_ips)
        self.domains = (
            build_domains(
                name,
                ctx,
                domains,
                self.refs,
                self.snowflake.providers,
                aws_child,
                pulumi.ResourceOptions(parent=self),
            )
            if in_stack and self.snowflake is not None and self.refs is not None
            else {}
        )
        self._credit_alert(name, ctx, domains)
        self.ingest, ingest_zones = self._ingest(name, ctx, aws_child)
        self.lake_notifications = self._queues(ingest_zones)
        if in_stack:
            self._notifications(name, aws_child)
        # The contract gate: the checked tables of the domains, by name (from their files).
        gated_domains = list(domains) if self.snowflake is not None else []
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
            self.refs = self._with_orchestration(self.refs, self.orchestration)
            if self.refs is not None:
                build_domain_pipelines(
                    name, ctx, domains, self.domains, self.refs, aws_child, checked
                )
            quality_alerts(name, ctx, gated_domains, self.alerts.arn, aws_child)
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

    def _refs(self, egress_ips: Sequence[pulumi.Input[str]]) -> PlatformRefs | None:
        """What the domains read of this stack (also its outputs for domain stacks), or
        None without a Snowflake side (no domain is built then). The orchestration
        fields are added once Airflow exists (`_with_orchestration`)."""
        snowflake, notifications = self.snowflake, self.snowflake_notifications
        if snowflake is None or notifications is None:
            return None
        governance = snowflake.governance
        return PlatformRefs(
            lake_key_arns={zone: k.arn for zone, k in self.lake.keys.items()},
            alerts_topic_arn=self.alerts.arn,
            snowflake_error_integration=notifications.name,
            pii_tag=governance.tag.fully_qualified_name,
            contract_tag=governance.contract_tag.fully_qualified_name,
            authentication_policy=governance.keypair_only_policy.fully_qualified_name,
            snowflake_functional_roles={
                k: r.role.name for k, r in snowflake.functional_roles.items()
            },
            airflow_egress_ips=list(egress_ips),
        )

    @staticmethod
    def _with_orchestration(
        refs: PlatformRefs | None, orchestration: Orchestration
    ) -> PlatformRefs | None:
        """`refs` with Airflow's catalog, keys, scripts bucket and role."""
        if refs is None:
            return None
        return dataclasses.replace(
            refs,
            glue_security_configuration=orchestration.catalog.security_configuration_name,
            orchestration_key_arn=orchestration.key.arn,
            scripts_bucket=orchestration.airflow.dag_bucket,
            airflow_execution_role_arn=orchestration.airflow.role.arn,
            airflow_secrets_key_arn=orchestration.secrets_key.arn,
        )

    def _credit_alert(
        self, name: str, ctx: StackContext, domains: Sequence[ResolvedDomain]
    ) -> None:
        """The daily check of every monitored warehouse's credits, to the alerts topic
        (the domains' warehouses by their files, wherever the domains live)."""
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
                domain_warehouse_args(ctx, domains),
                notifications.name,
                resolved.data_retention_days,
            ),
            snowflake.providers,
            pulumi.ResourceOptions(parent=self),
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

    def _queues(self, ingest_zones: dict[str, str]) -> list[tuple[str, QueueNotification]]:
        """(zone, queue) of every pipe of this stack: the platform's, then the domains'."""
        queues = [(ingest_zones[key], ingest.notification) for key, ingest in self.ingest.items()]
        for domain in self.domains.values():
            queues += domain.notifications
        return queues

    def _notifications(self, name: str, opts: pulumi.ResourceOptions) -> None:
        """Each zone bucket's one notification configuration, for every pipe on it."""
        for zone, queues in zone_queues(self.lake_notifications).items():
            BucketNotifications(
                f"{name}-lake-{zone}",
                BucketNotificationsArgs(bucket=self.lake.buckets[zone].name, queues=queues),
                opts,
            )

    def _connections(self) -> list[SnowflakeConnectionSpec]:
        """Airflow's connection for the platform's and every domain's generated service users."""
        if self.snowflake is None:
            return []
        connections = connection_specs(self.snowflake.service_users)
        for domain in self.domains.values():
            connections += domain_connection_specs(domain)
        return connections
