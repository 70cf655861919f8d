"""A warehouse that cannot burn money unnoticed, with its USAGE and MONITOR roles."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_snowflake as snowflake

from components.naming import snowflake_identifier
from components.snowflake.providers import OBJECT_OWNER_ROLE, SnowflakeProviders
from vocabulary.warehouse_settings import ResolvedWarehouse

# Privilege of each warehouse access role, by role suffix.
WAREHOUSE_ROLE_PRIVILEGES = {"usage": "USAGE", "monitor": "MONITOR"}


@dataclass(frozen=True)
class WarehouseArgs:
    """Arguments of `ManagedWarehouse`; the caller applies the environment's caps.

    Attributes:
        identifier: The warehouse's Snowflake name (environment-prefixed).
        settings: Its size, suspension, quota, clusters and timeouts, as resolved from
            the stack or domain file (taken as they are).
        notify_at_percent: Quota percentages that notify. Defaults to (75, 90).
        suspend_at_percent: Quota percentage that suspends after running statements
            finish. Defaults to 100.
        suspend_immediately_at_percent: Quota percentage that cancels running
            statements too (credits can overrun while they finish). Defaults to 110.
    """

    identifier: str
    settings: ResolvedWarehouse
    notify_at_percent: tuple[int, ...] = (75, 90)
    suspend_at_percent: int = 100
    suspend_immediately_at_percent: int = 110


class ManagedWarehouse(pulumi.ComponentResource):
    """A warehouse created suspended, with a resource monitor and two access roles.

    Snowflake lets only ACCOUNTADMIN create a resource monitor or assign one to a
    warehouse, and pulumi-snowflake assigns it in the warehouse's own CREATE/ALTER
    (`RESOURCE_MONITOR = ...`; there is no separate assignment resource:
    snowflakedb/terraform-provider-snowflake#3019). So the monitor and the warehouse go
    through the billing (ACCOUNTADMIN) provider, and the warehouse's ownership is then
    handed to SYSADMIN, where every other platform object lives (the provider's own
    documentation gives this pattern; ACCOUNTADMIN inherits SYSADMIN, so later ALTERs
    through the same provider keep working).
    """

    args: WarehouseArgs
    warehouse: snowflake.Warehouse
    monitor: snowflake.ResourceMonitor
    ownership: snowflake.GrantOwnership
    owned_name: pulumi.Output[str]
    roles: dict[str, snowflake.AccountRole]

    def __init__(
        self,
        name: str,
        args: WarehouseArgs,
        providers: SnowflakeProviders,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:snowflake:ManagedWarehouse", name, None, opts)
        # What it was built from: its monitor's quota and thresholds (read by CreditAlert).
        self.args = args
        security = pulumi.ResourceOptions(parent=self, provider=providers.security)
        settings = args.settings
        self.monitor = snowflake.ResourceMonitor(
            f"{name}-monitor",
            name=snowflake_identifier(args.identifier, "MONITOR"),
            credit_quota=settings.credit_quota,
            frequency="MONTHLY",
            start_timestamp="IMMEDIATELY",
            notify_triggers=list(args.notify_at_percent),
            suspend_trigger=args.suspend_at_percent,
            suspend_immediate_trigger=args.suspend_immediately_at_percent,
            opts=pulumi.ResourceOptions(parent=self, provider=providers.billing),
        )
        multi_cluster = settings.max_cluster_count > 1
        self.warehouse = snowflake.Warehouse(
            name,
            name=args.identifier,
            warehouse_type="STANDARD",
            warehouse_size=settings.size,
            auto_suspend=settings.auto_suspend_seconds,
            auto_resume="true",
            initially_suspended=True,
            min_cluster_count=1,
            max_cluster_count=settings.max_cluster_count,
            scaling_policy="ECONOMY" if multi_cluster else None,
            enable_query_acceleration="false",
            statement_timeout_in_seconds=settings.statement_timeout_seconds,
            statement_queued_timeout_in_seconds=settings.statement_queued_timeout_seconds,
            resource_monitor=self.monitor.name,
            opts=pulumi.ResourceOptions(parent=self, provider=providers.billing),
        )
        self.ownership = snowflake.GrantOwnership(
            f"{name}-ownership",
            account_role_name=OBJECT_OWNER_ROLE,
            on={"object_type": "WAREHOUSE", "object_name": self.warehouse.name},
            # Keep the USAGE/MONITOR grants made to the access roles below.
            outbound_privileges="COPY",
            opts=pulumi.ResourceOptions(parent=self, provider=providers.billing),
        )
        # What a SYSADMIN-owned object running on the warehouse (an alert) must name:
        # resolved once the ownership grant exists, so it waits for SYSADMIN's USAGE.
        self.owned_name = pulumi.Output.all(self.warehouse.name, self.ownership.id).apply(
            lambda v: str(v[0])
        )
        self.roles = {}
        for suffix, privilege in WAREHOUSE_ROLE_PRIVILEGES.items():
            role = snowflake.AccountRole(
                f"{name}-{suffix}",
                name=snowflake_identifier(args.identifier, suffix),
                comment=f"{privilege} on warehouse {args.identifier}",
                opts=security,
            )
            snowflake.GrantPrivilegesToAccountRole(
                f"{name}-{suffix}-privilege",
                account_role_name=role.name,
                privileges=[privilege],
                on_account_object={"object_type": "WAREHOUSE", "object_name": self.warehouse.name},
                opts=security,
            )
            snowflake.GrantAccountRole(
                f"{name}-{suffix}-to-sysadmin",
                role_name=role.name,
                parent_role_name=OBJECT_OWNER_ROLE,
                opts=security,
            )
            self.roles[suffix] = role
        self.register_outputs({"name": self.warehouse.name})
