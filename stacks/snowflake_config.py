"""The typed model of the `snowflake` section of a stack's platform config.

Names in this section are short lowercase slugs (`loading`, `raw`, `analyst`); the
composition turns them into environment-prefixed Snowflake identifiers. The section is
resolved with the environment's defaults (`SNOWFLAKE_ENVIRONMENT_DEFAULTS`, one table)
into `ResolvedSnowflake`, and then its cross references (a role reading
`curated.sales`, a service user acting as `loader`) and the environment's caps are
checked on the resolved values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_validator

from policies.rules.facts.warehouses import WAREHOUSE_SIZES, WarehouseSize
from stacks.model import Item, Problem, StrictModel, is_narrow_ipv4, unique_names
from stacks.snowflake_account import SnowflakeCloud, account_problems
from stacks.warehouse_config import (
    WarehouseConfig,
    resolve_warehouse,
    warehouse_problems,
)
from vocabulary.address_ranges import documentation_range, world_open
from vocabulary.config_base import Slug
from vocabulary.pii import ALL_CATEGORIES, DEFAULT_PII_CATEGORIES
from vocabulary.warehouse_settings import ResolvedWarehouse

__all__ = [
    "SNOWFLAKE_ENVIRONMENT_DEFAULTS",
    "WAREHOUSE_SIZES",
    "ResolvedSnowflake",
    "SnowflakeConfig",
    "WarehouseConfig",
    "WarehouseSize",
    "max_key_age_days",
    "resolve_snowflake",
    "snowflake_problems",
]

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,254}$")]


@dataclass(frozen=True)
class SnowflakeEnvironmentDefaults:
    """Cost guardrails and retention an environment implies for Snowflake."""

    max_warehouse_size: str
    auto_suspend_seconds: int
    max_auto_suspend_seconds: int
    credit_quota: int
    statement_timeout_seconds: int
    max_statement_timeout_seconds: int
    statement_queued_timeout_seconds: int
    data_retention_days: int
    key_rotation_days: int

    @property
    def max_key_age_days(self) -> int:
        """The age past which the audit flags a generated key (`max_key_age_days`)."""
        return max_key_age_days(self.key_rotation_days)


def max_key_age_days(key_rotation_days: int) -> int:
    """The period plus a grace of half a period: slot B's first key lives one and a
    half periods, and a due rotation waits for the next `pulumi up --refresh`."""
    return key_rotation_days + key_rotation_days // 2


# The caps equal the policy pack's defaults (snowflake-warehouse-size-capped and
# -auto-suspend), so config accepted here plans clean; a test keeps them equal.
SNOWFLAKE_ENVIRONMENT_DEFAULTS: dict[str, SnowflakeEnvironmentDefaults] = {
    "dev": SnowflakeEnvironmentDefaults(
        max_warehouse_size="SMALL",
        auto_suspend_seconds=60,
        max_auto_suspend_seconds=60,
        credit_quota=10,
        statement_timeout_seconds=1800,
        max_statement_timeout_seconds=3600,
        statement_queued_timeout_seconds=600,
        data_retention_days=1,
        key_rotation_days=30,
    ),
    "staging": SnowflakeEnvironmentDefaults(
        max_warehouse_size="MEDIUM",
        auto_suspend_seconds=60,
        max_auto_suspend_seconds=120,
        credit_quota=50,
        statement_timeout_seconds=3600,
        max_statement_timeout_seconds=7200,
        statement_queued_timeout_seconds=900,
        data_retention_days=1,
        key_rotation_days=60,
    ),
    "prod": SnowflakeEnvironmentDefaults(
        max_warehouse_size="XLARGE",
        auto_suspend_seconds=120,
        max_auto_suspend_seconds=300,
        credit_quota=300,
        statement_timeout_seconds=7200,
        max_statement_timeout_seconds=28800,
        statement_queued_timeout_seconds=1800,
        # Time travel beyond 1 day needs Enterprise edition or higher.
        data_retention_days=7,
        key_rotation_days=90,
    ),
}


class ConnectionConfig(StrictModel):
    """Where the providers connect: the account and the deploying user.

    The user's private key is not here: it is the secret config value
    `data-platform:snowflakePrivateKey`, or the SNOWFLAKE_PRIVATE_KEY environment
    variable of the deploying process.
    """

    organization_name: Identifier
    """The Snowflake organization name."""
    account_name: Identifier
    """The account's name within the organization."""
    user: Identifier
    """The deploying user; its private key is the secret `data-platform:snowflakePrivateKey`."""


def _default_warehouses() -> tuple[WarehouseConfig, ...]:
    return (
        WarehouseConfig(name="loading"),
        WarehouseConfig(name="transforming"),
        WarehouseConfig(name="reporting"),
    )


class SchemaConfig(StrictModel):
    """A managed-access schema; `pii_category` tags every column in it as that PII."""

    name: Slug
    """The schema's name."""
    pii_category: Slug | None = None
    """The PII category tagging every column of the schema, so it is masked; unset: not PII."""


class DatabaseConfig(StrictModel):
    """A database and its schemas. A database named like a lake zone is that zone's."""

    name: Slug
    """The database's name; named like a lake zone, it is that zone's database."""
    schemas: tuple[SchemaConfig, ...] = (SchemaConfig(name="main"),)
    """Its managed-access schemas (default: `main`)."""

    @field_validator("schemas")
    @classmethod
    def _unique_schemas(cls, schemas: tuple[SchemaConfig, ...]) -> tuple[SchemaConfig, ...]:
        unique_names(schemas, "schema")
        return schemas


class FunctionalRoleConfig(StrictModel):
    """A role people and pipelines use, composed only of access roles.

    `read`, `write` and `own` list `database.schema` (or `database` for every schema
    of it); `own` implies write, write implies read. `unmask` lists the PII categories
    this role sees in clear, or `*` for all.
    """

    name: Slug
    """The role's name."""
    read: tuple[str, ...] = ()
    """`database.schema` (or `database`) the role reads."""
    write: tuple[str, ...] = ()
    """`database.schema` (or `database`) the role writes (and reads)."""
    own: tuple[str, ...] = ()
    """`database.schema` (or `database`) the role owns (creates objects in, writes, reads)."""
    warehouses: tuple[Slug, ...] = ()
    """Platform warehouses the role may use."""
    unmask: tuple[str, ...] = ()
    """PII categories the role sees in clear, or `*` for all."""


def _default_functional_roles() -> tuple[FunctionalRoleConfig, ...]:
    return (
        FunctionalRoleConfig(name="loader", own=("raw",), warehouses=("loading",)),
        FunctionalRoleConfig(
            name="transformer",
            read=("raw",),
            own=("staged", "curated"),
            warehouses=("transforming",),
        ),
        FunctionalRoleConfig(name="analyst", read=("curated",), warehouses=("reporting",)),
    )


class ServiceUserConfig(StrictModel):
    """A pipeline identity: key-pair only, from the listed networks only.

    `allowed_ips` are the networks it may log in from besides Airflow's: when the program
    generates its key, Airflow connects as it, and the NAT gateways' Elastic IPs are added
    to its network policy automatically. Defaults to none.

    Without `rsa_public_key` the program generates two RSA key pairs (Snowflake's
    two key slots) that rotate every `key_rotation_days` (defaults to the
    environment's: dev 30, staging 60, prod 90), and keeps the private keys as
    secret outputs.
    """

    name: Slug
    """The service user's name."""
    role: Slug
    """The functional role it acts as."""
    warehouse: Slug
    """Its default warehouse."""
    allowed_ips: tuple[str, ...] = ()
    """IPv4 addresses or CIDRs it may log in from besides Airflow's NAT addresses (added
    automatically)."""
    rsa_public_key: str | None = None
    """Its RSA public key; unset, the program generates two rotating key pairs."""
    key_rotation_days: Annotated[int, Field(ge=2, le=365)] | None = None
    """Days between rotations of generated keys; unset, the environment's."""

    @field_validator("allowed_ips")
    @classmethod
    def _cidrs(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        bad = [value for value in values if not is_narrow_ipv4(value)]
        if bad:
            raise ValueError(
                f"expected IPv4 addresses or CIDR ranges narrower than 0.0.0.0/0; "
                f"got {', '.join(bad)}"
            )
        if whole := world_open(values):
            raise ValueError(
                f"{', '.join(values)}: together these admit every address ({whole}), the "
                "whole internet; list the callers' real egress addresses (Airflow's NAT "
                "addresses are added automatically)"
            )
        placeholders = [
            f"{v} (in {documentation_range(v)})" for v in values if documentation_range(v)
        ]
        if placeholders:
            raise ValueError(
                f"{', '.join(placeholders)}: documentation ranges (RFC 5737) that no client "
                "has; list the callers' real egress addresses (Airflow's NAT addresses are "
                "added automatically)"
            )
        return values

    @field_validator("rsa_public_key")
    @classmethod
    def _public_key_body(cls, value: str | None) -> str | None:
        if value is not None and "PRIVATE" in value:
            raise ValueError(
                "expected an RSA public key (PEM or its base64 body), never a private key"
            )
        return value


class PiiConfig(StrictModel):
    """The PII tag's categories: the standard list plus `extra_categories`."""

    extra_categories: tuple[Slug, ...] = ()
    """PII categories beyond the standard list."""

    @property
    def categories(self) -> tuple[str, ...]:
        """Every allowed value of the PII tag, in a stable order."""
        return DEFAULT_PII_CATEGORIES + tuple(
            c for c in self.extra_categories if c not in DEFAULT_PII_CATEGORIES
        )


Edition = Literal["standard", "enterprise", "business_critical"]
# Time travel longer than a day, multi-cluster warehouses and masking policies (the
# platform masks PII with tag-based masking) need Enterprise edition or higher
# (Snowflake "Overview of the Snowflake editions"; docs/research/issue-12-findings.md,
# item 7).
STANDARD_MAX_RETENTION_DAYS = 1


class SnowflakeConfig(StrictModel):
    """The Snowflake side of the platform.

    `edition` is the account's Snowflake edition (defaults to enterprise, which the PII
    masking needs). On standard the edge refuses what Standard lacks, instead of the
    first `pulumi up` failing: multi-cluster warehouses and the masking policies; time
    travel is capped at one day.

    `account_cloud` (aws, azure or gcp) and `account_region` (Snowflake's Cloud Region ID,
    such as eu-west-1) say where the account is hosted; both are required, since nothing
    else records it. The platform's SNS notification integration needs an account on
    AWS, so another cloud is refused (`stacks/snowflake_account.py`, with its sources).
    """

    connection: ConnectionConfig
    """The Snowflake account and the deploying user the providers connect as."""
    account_cloud: SnowflakeCloud
    """The cloud hosting the Snowflake account (aws, azure, gcp); only aws is supported."""
    account_region: Annotated[str, Field(min_length=2, max_length=64)]
    """Snowflake's Cloud Region ID of the account (eu-west-1)."""
    edition: Edition = "enterprise"
    """The account's Snowflake edition; masking and multi-cluster need enterprise or higher."""
    governance_role: Identifier = "GOVERNANCE_ADMIN"
    """The role that owns the tags and masking policies."""
    warehouses: tuple[WarehouseConfig, ...] = Field(default_factory=_default_warehouses)
    """Platform warehouses, each with a resource monitor (default: loading, transforming,
    reporting)."""
    databases: tuple[DatabaseConfig, ...] = ()
    """Databases and their schemas; a lake zone without one gets a database with schema `main`."""
    functional_roles: tuple[FunctionalRoleConfig, ...] = Field(
        default_factory=_default_functional_roles
    )
    """Roles people and pipelines use (default: loader, transformer, analyst)."""
    service_users: tuple[ServiceUserConfig, ...] = ()
    """Key-pair-only pipeline identities with network policies."""
    pii: PiiConfig = PiiConfig()
    """The PII tag's categories: the standard list plus extra ones."""

    @field_validator("warehouses", "databases", "functional_roles", "service_users")
    @classmethod
    def _unique(cls, items: Any, info: ValidationInfo) -> Any:
        unique_names(items, str(info.field_name).rstrip("s").replace("_", " "))
        return items


@dataclass(frozen=True)
class ResolvedSnowflake:
    """The Snowflake side after the environment's defaults: what the stack creates.

    `databases` holds one database (schema `main`) for every lake zone the file does
    not declare, before the declared ones.
    """

    connection: ConnectionConfig
    account_cloud: str
    account_region: str
    edition: str
    governance_role: str
    warehouses: tuple[ResolvedWarehouse, ...]
    databases: tuple[DatabaseConfig, ...]
    functional_roles: tuple[FunctionalRoleConfig, ...]
    service_users: tuple[ServiceUserConfig, ...]
    pii_categories: tuple[str, ...]
    data_retention_days: int
    key_rotation_days: int


def resolve_snowflake(
    config: SnowflakeConfig, environment: str, zones: tuple[str, ...]
) -> ResolvedSnowflake:
    """The section with the environment's defaults and the lake zones' databases."""
    defaults = SNOWFLAKE_ENVIRONMENT_DEFAULTS[environment]
    declared = {d.name for d in config.databases}
    return ResolvedSnowflake(
        connection=config.connection,
        account_cloud=config.account_cloud,
        account_region=config.account_region,
        edition=config.edition,
        governance_role=config.governance_role,
        warehouses=tuple(resolve_warehouse(w, defaults) for w in config.warehouses),
        databases=tuple(DatabaseConfig(name=z) for z in zones if z not in declared)
        + config.databases,
        functional_roles=config.functional_roles,
        service_users=tuple(
            u
            if u.key_rotation_days is not None
            else u.model_copy(update={"key_rotation_days": defaults.key_rotation_days})
            for u in config.service_users
        ),
        pii_categories=config.pii.categories,
        data_retention_days=(
            min(defaults.data_retention_days, STANDARD_MAX_RETENTION_DAYS)
            if config.edition == "standard"
            else defaults.data_retention_days
        ),
        key_rotation_days=defaults.key_rotation_days,
    )


def snowflake_problems(snowflake: ResolvedSnowflake, environment: str) -> list[Problem]:
    """Broken references and exceeded environment caps, each located under `snowflake`."""
    caps = SNOWFLAKE_ENVIRONMENT_DEFAULTS[environment]
    problems = [
        *account_problems(snowflake.account_cloud, snowflake.account_region),
        *_edition_problems(snowflake),
        *_role_problems(snowflake),
        *_user_problems(snowflake),
        *_pii_problems(snowflake),
        *(
            p.under("warehouses", Item(w.name))
            for w in snowflake.warehouses
            for p in warehouse_problems(w, caps, environment)
        ),
    ]
    return [p.under("snowflake") for p in problems]


def _edition_problems(snowflake: ResolvedSnowflake) -> list[Problem]:
    """What a Standard account cannot run, refused before any step is tried."""
    if snowflake.edition != "standard":
        return []
    problems = [
        Problem(
            ("warehouses", Item(w.name), "max_cluster_count"),
            f"{w.max_cluster_count} needs Enterprise edition (multi-cluster warehouses); "
            "Standard allows 1",
        )
        for w in snowflake.warehouses
        if w.max_cluster_count > 1
    ]
    problems.append(
        Problem(
            ("edition",),
            "standard has no masking policies, and the platform masks every PII column with "
            "tag-based masking policies; allowed: enterprise, business_critical",
        )
    )
    return problems


def _role_problems(snowflake: ResolvedSnowflake) -> list[Problem]:
    warehouses = {w.name for w in snowflake.warehouses}
    problems = []
    for role in snowflake.functional_roles:
        where = ("functional_roles", Item(role.name))
        for field in ("read", "write", "own"):
            for target in getattr(role, field):
                problem = _target_problem(snowflake, target)
                if problem:
                    problems.append(Problem((*where, field), problem))
        for warehouse in role.warehouses:
            if warehouse not in warehouses:
                problems.append(
                    Problem(
                        (*where, "warehouses"),
                        f"unknown warehouse [{warehouse}]; known: {', '.join(sorted(warehouses))}",
                    )
                )
    return problems


def _target_problem(snowflake: ResolvedSnowflake, target: str) -> str | None:
    database, _, schema = target.partition(".")
    databases = {d.name: d for d in snowflake.databases}
    if database not in databases:
        return f"unknown database [{database}]; known: {', '.join(sorted(databases))}"
    schemas = {s.name for s in databases[database].schemas}
    if schema and schema not in schemas:
        return f"unknown schema [{target}]; schemas of {database}: {', '.join(sorted(schemas))}"
    return None


def _user_problems(snowflake: ResolvedSnowflake) -> list[Problem]:
    roles = {r.name for r in snowflake.functional_roles}
    warehouses = {w.name for w in snowflake.warehouses}
    problems = []
    for user in snowflake.service_users:
        where = ("service_users", Item(user.name))
        if user.key_rotation_days is not None and user.key_rotation_days > (
            snowflake.key_rotation_days
        ):
            problems.append(
                Problem(
                    (*where, "key_rotation_days"),
                    f"{user.key_rotation_days} exceeds the environment's period of "
                    f"{snowflake.key_rotation_days} days; allowed: 2 to "
                    f"{snowflake.key_rotation_days}",
                )
            )
        if user.role not in roles:
            problems.append(
                Problem(
                    (*where, "role"),
                    f"unknown functional role [{user.role}]; known: {', '.join(sorted(roles))}",
                )
            )
        if user.warehouse not in warehouses:
            problems.append(
                Problem(
                    (*where, "warehouse"),
                    f"unknown warehouse [{user.warehouse}]; known: {', '.join(sorted(warehouses))}",
                )
            )
    return problems


def _pii_problems(snowflake: ResolvedSnowflake) -> list[Problem]:
    categories = set(snowflake.pii_categories)
    allowed = f"allowed: {', '.join(snowflake.pii_categories)}"
    problems = [
        Problem(
            ("databases", Item(d.name), "schemas", Item(s.name), "pii_category"),
            f"unknown category [{s.pii_category}]; {allowed}",
        )
        for d in snowflake.databases
        for s in d.schemas
        if s.pii_category is not None and s.pii_category not in categories
    ]
    problems += [
        Problem(
            ("functional_roles", Item(r.name), "unmask"),
            f"unknown category [{c}]; {allowed} or *",
        )
        for r in snowflake.functional_roles
        for c in r.unmask
        if c != ALL_CATEGORIES and c not in categories
    ]
    return problems
