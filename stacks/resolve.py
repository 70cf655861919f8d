"""From what a stack file says to what the stack creates: defaults first, then checks.

`resolve_platform` applies every environment default (one table per section:
`ENVIRONMENT_DEFAULTS`, `SNOWFLAKE_ENVIRONMENT_DEFAULTS`,
`ORCHESTRATION_ENVIRONMENT_DEFAULTS`, `ALERTS_ENVIRONMENT_DEFAULTS`) and returns
`ResolvedPlatform`, the only shape the composition root reads. `platform_problems` then
checks the resolved values, so a minimum above a defaulted maximum is caught here, at
the edge, with its path.
"""

from __future__ import annotations

from dataclasses import dataclass

from stacks.alerts_config import ResolvedAlerts, alerts_problems, resolve_alerts
from stacks.config import (
    _IAM_ROLE_ARN,
    _IAM_ROLE_ARN_PATTERN,
    ENVIRONMENT_DEFAULTS,
    REPLICA_REGION_DEFAULTS,
    PlatformConfig,
    ZoneConfig,
)
from stacks.model import Problem, either
from stacks.orchestration_config import (
    ResolvedOrchestration,
    orchestration_problems,
    resolve_orchestration,
)
from stacks.snowflake_config import ResolvedSnowflake, resolve_snowflake, snowflake_problems


@dataclass(frozen=True)
class ResolvedProtection:
    """The protection that stateful resources actually get, after defaults."""

    protect: bool
    retain_on_delete: bool
    force_destroy: bool


@dataclass(frozen=True)
class ResolvedRetention:
    """The retention lengths actually applied, after defaults."""

    noncurrent_version_days: int
    access_log_days: int
    incomplete_multipart_upload_days: int


@dataclass(frozen=True)
class ResolvedKms:
    """Who administers and uses the customer-managed keys, and their deletion window."""

    key_administrator_arns: tuple[str, ...]
    key_user_arns: tuple[str, ...]
    deletion_window_days: int


@dataclass(frozen=True)
class ResolvedPlatform:
    """One stack's platform object with every default applied: what the stack creates.

    `replicated_zones` are the zones copied to `replica_region` (explicit `replicate`, else
    the environment's list); `replica_region` is the file's value, else the region's default
    (None when neither exists: a problem if any zone replicates). `config` keeps the file's
    own values, for messages that say where a value came from. `domain_stacks`: whether the
    domains live in stacks of their own (docs/design/domain-stacks.md).
    """

    environment: str
    account_id: str
    region: str
    name_prefix: str
    owner: str
    cost_center: str
    deployers: tuple[str, ...]
    zones: tuple[ZoneConfig, ...]
    replicated_zones: tuple[str, ...]
    replica_region: str | None
    retention: ResolvedRetention
    kms: ResolvedKms
    protection: ResolvedProtection
    snowflake: ResolvedSnowflake | None
    orchestration: ResolvedOrchestration | None
    alerts: ResolvedAlerts
    config: PlatformConfig
    domain_stacks: bool

    @property
    def zone_names(self) -> tuple[str, ...]:
        """The lake zones' names, in the file's order."""
        return tuple(z.name for z in self.zones)


def resolve_platform(config: PlatformConfig) -> ResolvedPlatform:
    """Every unset value from the environment's tables (explicit > environment > secure)."""
    env = config.environment
    defaults = ENVIRONMENT_DEFAULTS[env]
    p, r = config.protection, config.lake.retention
    zones = tuple(z.name for z in config.lake.zones)
    snowflake = resolve_snowflake(config.snowflake, env, zones) if config.snowflake else None
    replicated = tuple(
        z.name
        for z in config.lake.zones
        if either(z.replicate, z.name in defaults.replicated_zones)
    )
    return ResolvedPlatform(
        environment=env,
        account_id=config.account_id,
        region=config.region,
        name_prefix=config.name_prefix,
        owner=config.owner,
        cost_center=config.cost_center,
        deployers=config.deployers,
        zones=config.lake.zones,
        replicated_zones=replicated,
        replica_region=either(
            config.lake.replica_region, REPLICA_REGION_DEFAULTS.get(config.region)
        ),
        retention=ResolvedRetention(
            noncurrent_version_days=either(
                r.noncurrent_version_days, defaults.noncurrent_version_days
            ),
            access_log_days=either(r.access_log_days, defaults.access_log_days),
            incomplete_multipart_upload_days=either(
                r.incomplete_multipart_upload_days, defaults.incomplete_multipart_upload_days
            ),
        ),
        kms=ResolvedKms(
            key_administrator_arns=config.kms.key_administrator_arns,
            key_user_arns=config.kms.key_user_arns,
            deletion_window_days=either(
                config.kms.deletion_window_days, defaults.kms_deletion_window_days
            ),
        ),
        protection=ResolvedProtection(
            protect=either(p.protect, defaults.protect),
            retain_on_delete=either(p.retain_on_delete, defaults.retain_on_delete),
            force_destroy=either(p.force_destroy, defaults.force_destroy),
        ),
        snowflake=snowflake,
        orchestration=(
            resolve_orchestration(config.orchestration, env) if config.orchestration else None
        ),
        alerts=resolve_alerts(config.alerts, env, _warehouse_keys(snowflake)),
        config=config,
        domain_stacks=config.domain_stacks,
    )


def platform_problems(platform: ResolvedPlatform) -> list[Problem]:
    """Every problem of the resolved platform, each with its path, all at once."""
    env = platform.environment
    problems = []
    if platform.protection.force_destroy and env != "dev":
        problems.append(
            Problem(
                ("protection", "force_destroy"),
                f"only dev may force-destroy buckets (environment is {env})",
            )
        )
    if env == "prod":
        for field in ("protect", "retain_on_delete"):
            if not getattr(platform.protection, field):
                problems.append(
                    Problem(("protection", field), "prod stateful resources must keep it true")
                )
    problems += _replication_problems(platform)
    foreign = [
        arn
        for arn in (*platform.kms.key_administrator_arns, *platform.kms.key_user_arns)
        if (m := _IAM_ROLE_ARN.match(arn)) and m.group(1) != platform.account_id
    ]
    if foreign:
        problems.append(
            Problem(
                ("kms",),
                f"key principals must be roles of account {platform.account_id}; "
                f"got {', '.join(foreign)}",
            )
        )
    foreign_deployers = [
        d
        for d in platform.deployers
        if (m := _IAM_ROLE_ARN_PATTERN.match(d)) and m.group(1) != platform.account_id
    ]
    if foreign_deployers:
        problems.append(
            Problem(
                ("deployers",),
                f"deployers must be roles of account {platform.account_id}; "
                f"got {', '.join(foreign_deployers)}",
            )
        )
    problems += alerts_problems(platform.alerts, env, _warehouse_keys(platform.snowflake))
    snowflake = platform.snowflake
    if snowflake is not None:
        problems += snowflake_problems(snowflake, env)
    if platform.orchestration is not None and platform.config.orchestration is not None:
        schemas = (
            {d.name: tuple(s.name for s in d.schemas) for d in snowflake.databases}
            if snowflake
            else None
        )
        problems += orchestration_problems(
            platform.orchestration,
            platform.config.orchestration,
            env,
            platform.zone_names,
            schemas,
            snowflake.edition if snowflake else None,
        )
    return problems


def _warehouse_keys(snowflake: ResolvedSnowflake | None) -> tuple[str, ...]:
    """The platform warehouses' keys, in config order (none without Snowflake)."""
    return tuple(w.name for w in snowflake.warehouses) if snowflake else ()


def _replication_problems(platform: ResolvedPlatform) -> list[Problem]:
    """A replicated lake needs a replica region, and it must be another region."""
    where = ("lake", "replica_region")
    if platform.replica_region == platform.region:
        return [
            Problem(
                where,
                f"must differ from the stack's region {platform.region}: a replica in the "
                "same region survives no regional outage",
            )
        ]
    if not platform.replicated_zones:
        return []
    zones = ", ".join(platform.replicated_zones)
    if platform.replica_region is None:
        return [
            Problem(
                where,
                f"required when a zone replicates (zones: {zones}); region "
                f"{platform.region} has no default, known: "
                f"{', '.join(sorted(REPLICA_REGION_DEFAULTS))}",
            )
        ]
    return []
