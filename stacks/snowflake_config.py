"""The typed model of the `snowflake` section of a stack's platform config.

Names in this section are short lowercase slugs (`loading`, `raw`, `analyst`); the
components turn them into environment-prefixed Snowflake identifiers. Cross
references (a role reading `curated.sales`, a service user acting as `loader`) are
checked here, and the environment's caps (warehouse size, auto-suspend, statement
timeout) are checked by `PlatformConfig`, which knows the environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_validator

from components.snowflake.role_model import ALL_CATEGORIES
from stacks.model import StrictModel, is_narrow_ipv4, unique_names

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,30}$")]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,254}$")]

# Smallest first: the index is what the environment caps compare.
WAREHOUSE_SIZES = ("XSMALL", "SMALL", "MEDIUM", "LARGE", "XLARGE", "XXLARGE")
WarehouseSize = Literal["XSMALL", "SMALL", "MEDIUM", "LARGE", "XLARGE", "XXLARGE"]

DEFAULT_PII_CATEGORIES = (
    "email",
    "phone",
    "name",
    "address",
    "national_id",
    "date_of_birth",
    "ip_address",
    "financial",
)


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
    ),
}


class ConnectionConfig(StrictModel):
    """Where the providers connect: the account and the deploying user.

    The user's private key is not here: it is the secret config value
    `data-platform:snowflakePrivateKey`, or the SNOWFLAKE_PRIVATE_KEY environment
    variable of the deploying process.
    """

    organization_name: Identifier
    account_name: Identifier
    user: Identifier


class WarehouseConfig(StrictModel):
    """One workload's warehouse; unset values come from the environment's defaults."""

    name: Slug
    size: WarehouseSize = "XSMALL"
    auto_suspend_seconds: Annotated[int, Field(ge=60, le=3600)] | None = None
    credit_quota: Annotated[int, Field(ge=1, le=100000)] | None = None
    max_cluster_count: Annotated[int, Field(ge=1, le=10)] = 1
    statement_timeout_seconds: Annotated[int, Field(ge=60, le=172800)] | None = None


def _default_warehouses() -> tuple[WarehouseConfig, ...]:
    return (
        WarehouseConfig(name="loading"),
        WarehouseConfig(name="transforming"),
        WarehouseConfig(name="reporting"),
    )


class SchemaConfig(StrictModel):
    """A managed-access schema; `pii_category` tags every column in it as that PII."""

    name: Slug
    pii_category: Slug | None = None


class DatabaseConfig(StrictModel):
    """A database and its schemas. A database named like a lake zone is that zone's."""

    name: Slug
    schemas: tuple[SchemaConfig, ...] = (SchemaConfig(name="main"),)

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
    read: tuple[str, ...] = ()
    write: tuple[str, ...] = ()
    own: tuple[str, ...] = ()
    warehouses: tuple[Slug, ...] = ()
    unmask: tuple[str, ...] = ()


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

    Without `rsa_public_key` the program generates an RSA key pair and keeps the
    private key as a secret output.
    """

    name: Slug
    role: Slug
    warehouse: Slug
    allowed_ips: Annotated[tuple[str, ...], Field(min_length=1)]
    rsa_public_key: str | None = None

    @field_validator("allowed_ips")
    @classmethod
    def _cidrs(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        bad = [value for value in values if not is_narrow_ipv4(value)]
        if bad:
            raise ValueError(
                f"expected IPv4 addresses or CIDR ranges narrower than 0.0.0.0/0; "
                f"got {', '.join(bad)}"
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

    @property
    def categories(self) -> tuple[str, ...]:
        """Every allowed value of the PII tag, in a stable order."""
        return DEFAULT_PII_CATEGORIES + tuple(
            c for c in self.extra_categories if c not in DEFAULT_PII_CATEGORIES
        )


class SnowflakeConfig(StrictModel):
    """The Snowflake side of the platform."""

    connection: ConnectionConfig
    governance_role: Identifier = "GOVERNANCE_ADMIN"
    warehouses: tuple[WarehouseConfig, ...] = Field(default_factory=_default_warehouses)
    databases: tuple[DatabaseConfig, ...] = ()
    functional_roles: tuple[FunctionalRoleConfig, ...] = Field(
        default_factory=_default_functional_roles
    )
    service_users: tuple[ServiceUserConfig, ...] = ()
    pii: PiiConfig = PiiConfig()

    @field_validator("warehouses", "databases", "functional_roles", "service_users")
    @classmethod
    def _unique(cls, items: Any, info: ValidationInfo) -> Any:
        unique_names(items, str(info.field_name).rstrip("s").replace("_", " "))
        return items

    def problems(self, environment: str) -> list[str]:
        """Broken references and exceeded environment caps, each naming its field.

        Called by `PlatformConfig` once the lake zones' databases are added, since
        functional roles may refer to them.
        """
        return [
            f"snowflake.{p}"
            for p in (
                *self._role_problems(),
                *self._user_problems(),
                *self._pii_problems(),
                *self._cap_problems(SNOWFLAKE_ENVIRONMENT_DEFAULTS[environment], environment),
            )
        ]

    def _cap_problems(self, caps: SnowflakeEnvironmentDefaults, environment: str) -> list[str]:
        problems = []
        for w in self.warehouses:
            if WAREHOUSE_SIZES.index(w.size) > WAREHOUSE_SIZES.index(caps.max_warehouse_size):
                problems.append(
                    f"warehouses[{w.name}].size: {w.size} is above the {environment} cap "
                    f"{caps.max_warehouse_size}; allowed: "
                    + ", ".join(
                        WAREHOUSE_SIZES[: WAREHOUSE_SIZES.index(caps.max_warehouse_size) + 1]
                    )
                )
            if (w.auto_suspend_seconds or 0) > caps.max_auto_suspend_seconds:
                problems.append(
                    f"warehouses[{w.name}].auto_suspend_seconds: {w.auto_suspend_seconds} is above "
                    f"the {environment} cap of {caps.max_auto_suspend_seconds}"
                )
            if (w.statement_timeout_seconds or 0) > caps.max_statement_timeout_seconds:
                problems.append(
                    f"warehouses[{w.name}].statement_timeout_seconds: "
                    f"{w.statement_timeout_seconds} is above the {environment} cap of "
                    f"{caps.max_statement_timeout_seconds}"
                )
        return problems

    def _role_problems(self) -> list[str]:
        warehouses = {w.name for w in self.warehouses}
        problems = []
        for role in self.functional_roles:
            for field in ("read", "write", "own"):
                for target in getattr(role, field):
                    problem = self._target_problem(target)
                    if problem:
                        problems.append(f"functional_roles[{role.name}].{field}: {problem}")
            for warehouse in role.warehouses:
                if warehouse not in warehouses:
                    problems.append(
                        f"functional_roles[{role.name}].warehouses: unknown warehouse "
                        f"[{warehouse}]; known: {', '.join(sorted(warehouses))}"
                    )
        return problems

    def _target_problem(self, target: str) -> str | None:
        database, _, schema = target.partition(".")
        databases = {d.name: d for d in self.databases}
        if database not in databases:
            return f"unknown database [{database}]; known: {', '.join(sorted(databases))}"
        schemas = {s.name for s in databases[database].schemas}
        if schema and schema not in schemas:
            return f"unknown schema [{target}]; schemas of {database}: {', '.join(sorted(schemas))}"
        return None

    def _user_problems(self) -> list[str]:
        roles = {r.name for r in self.functional_roles}
        warehouses = {w.name for w in self.warehouses}
        problems = []
        for user in self.service_users:
            if user.role not in roles:
                problems.append(
                    f"service_users[{user.name}].role: unknown functional role [{user.role}]; "
                    f"known: {', '.join(sorted(roles))}"
                )
            if user.warehouse not in warehouses:
                problems.append(
                    f"service_users[{user.name}].warehouse: unknown warehouse "
                    f"[{user.warehouse}]; known: {', '.join(sorted(warehouses))}"
                )
        return problems

    def _pii_problems(self) -> list[str]:
        categories = set(self.pii.categories)
        allowed = f"allowed: {', '.join(self.pii.categories)}"
        problems = [
            f"databases[{d.name}].schemas[{s.name}].pii_category: unknown category "
            f"[{s.pii_category}]; {allowed}"
            for d in self.databases
            for s in d.schemas
            if s.pii_category is not None and s.pii_category not in categories
        ]
        problems += [
            f"functional_roles[{r.name}].unmask: unknown category [{c}]; {allowed} or *"
            for r in self.functional_roles
            for c in r.unmask
            if c != ALL_CATEGORIES and c not in categories
        ]
        return problems

    def with_zone_databases(self, zones: tuple[str, ...]) -> SnowflakeConfig:
        """This config with a database (schema `main`) for every lake zone not declared."""
        declared = {d.name for d in self.databases}
        missing = tuple(DatabaseConfig(name=z) for z in zones if z not in declared)
        if not missing:
            return self
        return self.model_copy(update={"databases": missing + self.databases})
