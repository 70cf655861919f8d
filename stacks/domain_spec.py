"""The typed model of a self-service data domain: one file, `stacks/domains/<name>.yaml`.

A product team gets its slice of the platform (S3 prefixes and Glue databases in the
zones it needs, a Snowflake database with access roles, engineer and analyst roles,
warehouses with monitors, pipelines, ingest sources, consumers) by adding one reviewed
file. The file is validated here on its own; `check_domains` then checks what it
refers to (zones, the Snowflake side, other domains' and the platform's roles) and the
environment's caps, all problems at once.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from stacks.model import PROBLEM_SEPARATOR, StrictModel
from stacks.snowflake_config import (
    SNOWFLAKE_ENVIRONMENT_DEFAULTS,
    WAREHOUSE_SIZES,
    ServiceUserConfig,
    WarehouseSize,
)

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,30}$")]
Environment = Literal["dev", "staging", "prod"]
# The roles every domain gets; consumers refer to them as `<domain>.<role>`.
DOMAIN_ROLES = ("engineer", "analyst")
DOMAINS_PREFIX = "domains"


class DomainWarehouse(StrictModel):
    """A warehouse of the domain, with the monthly credit quota its monitor enforces."""

    name: Slug
    size: WarehouseSize = "XSMALL"
    credit_quota: Annotated[int, Field(ge=1, le=100000)]
    auto_suspend_seconds: Annotated[int, Field(ge=60, le=3600)] | None = None


class DomainSchema(StrictModel):
    """A schema of the domain's database; `pii_category` tags all its columns as that PII."""

    name: Slug
    pii_category: Slug | None = None


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

    role: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,30}(\.(engineer|analyst))?$")]
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

    @model_validator(mode="after")
    def _internal_references(self) -> DomainSpec:
        schemas = {s.name for s in self.schemas}
        warehouses = {w.name for w in self.warehouses}
        problems = []
        for p in self.pipelines:
            if p.warehouse not in warehouses:
                problems.append(
                    f"pipelines[{p.name}].warehouse: unknown warehouse [{p.warehouse}]; "
                    f"known: {', '.join(sorted(warehouses))}"
                )
        for s in self.ingest_sources:
            if s.schema_ not in schemas:
                problems.append(
                    f"ingest_sources[{s.name}].schema: unknown schema [{s.schema_}]; "
                    f"known: {', '.join(sorted(schemas))}"
                )
            if s.zone not in self.zones:
                problems.append(
                    f"ingest_sources[{s.name}].zone: [{s.zone}] is not among the domain's "
                    f"zones ({', '.join(self.zones)})"
                )
        for c in self.consumers:
            for schema in c.schemas:
                if schema not in schemas:
                    problems.append(
                        f"consumers[{c.role}].schemas: unknown schema [{schema}]; "
                        f"known: {', '.join(sorted(schemas))}"
                    )
        if problems:
            raise ValueError(PROBLEM_SEPARATOR.join(problems))
        return self

    def for_environment(self, environment: str) -> DomainSpec:
        """The spec with the environment's overrides applied."""
        override = self.environments.get(environment)  # type: ignore[call-overload]
        if override is None or override.warehouses is None:
            return self
        return self.model_copy(update={"warehouses": override.warehouses})

    def prefix(self, zone_prefix: str = "") -> str:
        """The domain's key prefix in a zone bucket, optionally with a sub-prefix."""
        return f"{DOMAINS_PREFIX}/{self.name}/{zone_prefix}"


def check_domains(
    domains: list[DomainSpec],
    *,
    environment: str,
    zones: tuple[str, ...],
    platform_roles: tuple[str, ...],
    pii_categories: tuple[str, ...] | None,
) -> dict[str, list[str]]:
    """Problems of each domain (by name) with what it refers to outside its file."""
    names = {d.name for d in domains}
    caps = SNOWFLAKE_ENVIRONMENT_DEFAULTS[environment]
    problems: dict[str, list[str]] = {}
    for domain in domains:
        found = []
        if pii_categories is None:
            found.append("(domain): the platform has no `snowflake` section; domains need one")
        for zone in domain.zones:
            if zone not in zones:
                found.append(f"zones: unknown zone [{zone}]; lake zones: {', '.join(zones)}")
        for schema in domain.schemas:
            if (
                pii_categories
                and schema.pii_category
                and schema.pii_category not in (pii_categories)
            ):
                found.append(
                    f"schemas[{schema.name}].pii_category: unknown category "
                    f"[{schema.pii_category}]; allowed: {', '.join(pii_categories)}"
                )
        for consumer in domain.consumers:
            owner, _, role = consumer.role.partition(".")
            if role and owner not in names:
                found.append(
                    f"consumers[{consumer.role}].role: unknown domain [{owner}]; "
                    f"domains: {', '.join(sorted(names))}"
                )
            elif not role and consumer.role not in platform_roles:
                found.append(
                    f"consumers[{consumer.role}].role: unknown role [{consumer.role}]; "
                    f"platform roles: {', '.join(platform_roles)}; or <domain>.engineer / "
                    "<domain>.analyst"
                )
        for w in domain.for_environment(environment).warehouses:
            if WAREHOUSE_SIZES.index(w.size) > WAREHOUSE_SIZES.index(caps.max_warehouse_size):
                found.append(
                    f"warehouses[{w.name}].size: {w.size} is above the {environment} cap "
                    f"{caps.max_warehouse_size}"
                )
        if found:
            problems[domain.name] = found
    return problems
