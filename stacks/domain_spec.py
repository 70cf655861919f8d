"""The typed model of a self-service data domain: one file, `stacks/domains/<name>.yaml`.

A product team gets its slice of the platform (S3 prefixes and Glue databases in the
zones it needs, a Snowflake database with access roles, engineer and analyst roles,
warehouses with monitors, pipelines, ingest sources, consumers) by adding one reviewed
file. The file is validated here on its own (`domain_problems` for its internal
references), resolved for the stack's environment (`resolve_domain`: the same warehouse
rule as the platform's), then `check_domains` checks what it refers to (zones, the
Snowflake side, other domains' and the platform's roles) and the environment's caps on
the resolved values, all problems at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, model_validator

from stacks.model import Item, Problem, StrictModel
from stacks.snowflake_config import (
    SNOWFLAKE_ENVIRONMENT_DEFAULTS,
    ResolvedSnowflake,
    SchemaConfig,
    ServiceUserConfig,
)
from stacks.warehouse_config import (
    ResolvedWarehouse,
    WarehouseConfig,
    resolve_warehouse,
    warehouse_problems,
)
from vocabulary.domains import DOMAIN_ROLES

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,30}$")]
Environment = Literal["dev", "staging", "prod"]
# Consumers refer to a domain's roles as `<domain>.<role>`.
_CONSUMER_ROLE = rf"^[a-z][a-z0-9_]{{0,30}}(\.({'|'.join(DOMAIN_ROLES)}))?$"
DOMAINS_PREFIX = "domains"


class DomainWarehouse(WarehouseConfig):
    """A warehouse of the domain: the platform's warehouse, with a required credit quota.

    The monthly quota its monitor enforces is the domain's own cost decision, so it has
    no environment default; every other unset value comes from the environment.
    """

    credit_quota: Annotated[int, Field(ge=1, le=100000)]


class DomainSchema(SchemaConfig):
    """A schema of the domain's database; `pii_category` tags all its columns as that PII."""


class DomainPipeline(StrictModel):
    """A pipeline identity: a service user acting as the domain's engineer role."""

    name: Slug
    warehouse: Slug
    allowed_ips: Annotated[tuple[str, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _valid_networks(self) -> DomainPipeline:
        # The same rules as the platform's service users, in one place.
        ServiceUserConfig(
            name=self.name, role="r", warehouse=self.warehouse, allowed_ips=self.allowed_ips
        )
        return self


class DomainIngest(StrictModel):
    """Files under `domains/<domain>/<prefix>` of a zone, auto-ingested into a schema."""

    name: Slug
    zone: str
    prefix: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_./-]*/$")]
    schema_: Slug = Field(alias="schema")
    file_format: Literal["PARQUET", "JSON", "CSV"] = "PARQUET"


class DomainConsumer(StrictModel):
    """Another team's role that may read some of this domain's schemas.

    `role` is a platform functional role (`analyst`) or another domain's role
    (`sales.analyst`).
    """

    role: Annotated[str, Field(pattern=_CONSUMER_ROLE)]
    schemas: Annotated[tuple[Slug, ...], Field(min_length=1)]


class EnvironmentOverride(StrictModel):
    """What changes in one environment: its warehouses (sizes, quotas)."""

    warehouses: tuple[DomainWarehouse, ...] | None = None


class DomainSpec(StrictModel):
    """One data domain, as its owners declare it."""

    name: Slug
    owner: Annotated[str, Field(pattern=r"^[A-Za-z0-9 _.:/=+\-@]{1,256}$")]
    description: Annotated[str, Field(min_length=10, max_length=256)]
    data_classification: Literal["public", "internal", "confidential", "pii"]
    zones: Annotated[tuple[str, ...], Field(min_length=1)]
    schemas: Annotated[tuple[DomainSchema, ...], Field(min_length=1)]
    warehouses: Annotated[tuple[DomainWarehouse, ...], Field(min_length=1)]
    pipelines: tuple[DomainPipeline, ...] = ()
    ingest_sources: tuple[DomainIngest, ...] = ()
    consumers: tuple[DomainConsumer, ...] = ()
    environments: dict[Environment, EnvironmentOverride] = Field(default_factory=dict)

    def prefix(self, zone_prefix: str = "") -> str:
        """The domain's key prefix in a zone bucket, optionally with a sub-prefix."""
        return f"{DOMAINS_PREFIX}/{self.name}/{zone_prefix}"


def domain_problems(spec: DomainSpec) -> list[Problem]:
    """References inside one domain file (warehouses, schemas, zones), each with its path."""
    schemas = {s.name for s in spec.schemas}
    warehouses = {w.name for w in spec.warehouses}
    problems = []
    for p in spec.pipelines:
        if p.warehouse not in warehouses:
            problems.append(
                Problem(
                    ("pipelines", Item(p.name), "warehouse"),
                    f"unknown warehouse [{p.warehouse}]; known: {', '.join(sorted(warehouses))}",
                )
            )
    for s in spec.ingest_sources:
        where = ("ingest_sources", Item(s.name))
        if s.schema_ not in schemas:
            problems.append(
                Problem(
                    (*where, "schema"),
                    f"unknown schema [{s.schema_}]; known: {', '.join(sorted(schemas))}",
                )
            )
        if s.zone not in spec.zones:
            problems.append(
                Problem(
                    (*where, "zone"),
                    f"[{s.zone}] is not among the domain's zones ({', '.join(spec.zones)})",
                )
            )
    for c in spec.consumers:
        for schema in c.schemas:
            if schema not in schemas:
                problems.append(
                    Problem(
                        ("consumers", Item(c.role, key="role"), "schemas"),
                        f"unknown schema [{schema}]; known: {', '.join(sorted(schemas))}",
                    )
                )
    return problems


@dataclass(frozen=True)
class ResolvedDomain:
    """One domain in one environment: overrides and warehouse defaults applied.

    `warehouses_loc` is where the warehouses came from in the file (the top-level list,
    or the environment's override), so cap problems point at the right line.
    """

    spec: DomainSpec
    warehouses: tuple[ResolvedWarehouse, ...]
    warehouses_loc: tuple[str | int, ...]

    @property
    def name(self) -> str:
        """The domain's name (= its file's name)."""
        return self.spec.name


def resolve_domain(spec: DomainSpec, environment: str) -> ResolvedDomain:
    """The domain's warehouses for `environment`, with the platform's warehouse defaults."""
    override = spec.environments.get(environment)  # type: ignore[call-overload]
    overridden = override is not None and override.warehouses is not None
    warehouses = override.warehouses if overridden else spec.warehouses
    defaults = SNOWFLAKE_ENVIRONMENT_DEFAULTS[environment]
    return ResolvedDomain(
        spec=spec,
        warehouses=tuple(resolve_warehouse(w, defaults) for w in warehouses),
        warehouses_loc=("environments", environment, "warehouses")
        if overridden
        else ("warehouses",),
    )


def check_domains(
    domains: list[ResolvedDomain],
    *,
    environment: str,
    zones: tuple[str, ...],
    snowflake: ResolvedSnowflake | None,
) -> dict[str, list[Problem]]:
    """Problems of each domain (by name) with what it refers to outside its file."""
    names = {d.name for d in domains}
    caps = SNOWFLAKE_ENVIRONMENT_DEFAULTS[environment]
    platform_roles = tuple(r.name for r in snowflake.functional_roles) if snowflake else ()
    problems: dict[str, list[Problem]] = {}
    for domain in domains:
        spec = domain.spec
        found = []
        if snowflake is None:
            found.append(
                Problem(("name",), "the platform has no `snowflake` section; domains need one")
            )
        for index, zone in enumerate(spec.zones):
            if zone not in zones:
                found.append(
                    Problem(
                        ("zones", index), f"unknown zone [{zone}]; lake zones: {', '.join(zones)}"
                    )
                )
        categories = snowflake.pii_categories if snowflake else ()
        for schema in spec.schemas:
            if categories and schema.pii_category and schema.pii_category not in categories:
                found.append(
                    Problem(
                        ("schemas", Item(schema.name), "pii_category"),
                        f"unknown category [{schema.pii_category}]; "
                        f"allowed: {', '.join(categories)}",
                    )
                )
        for consumer in spec.consumers:
            owner, _, role = consumer.role.partition(".")
            where = ("consumers", Item(consumer.role, key="role"), "role")
            if role and owner not in names:
                found.append(
                    Problem(
                        where,
                        f"unknown domain [{owner}]; domains: {', '.join(sorted(names))}",
                    )
                )
            elif not role and consumer.role not in platform_roles:
                found.append(
                    Problem(
                        where,
                        f"unknown role [{consumer.role}]; platform roles: "
                        f"{', '.join(platform_roles)}; or <domain>.engineer / <domain>.analyst",
                    )
                )
        for w in domain.warehouses:
            found += [
                p.under(*domain.warehouses_loc, Item(w.name))
                for p in warehouse_problems(w, caps, environment)
            ]
        if found:
            problems[domain.name] = found
    return problems
