"""The typed model of the `orchestration` section: MWAA, its network, Glue and ingest sources.

Like the rest of the platform object, every unset value comes from the
environment (`ORCHESTRATION_ENVIRONMENT_DEFAULTS`); cross references (a job's
zones, a source's target schema) are checked by `PlatformConfig`, which knows the
lake and the Snowflake side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, field_validator

from components.s3_prefixes import overlapping_prefixes
from stacks.model import StrictModel, is_narrow_ipv4

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,30}$")]
Egress = Literal["nat", "endpoints"]
EnvironmentClass = Literal["mw1.micro", "mw1.small", "mw1.medium", "mw1.large", "mw1.xlarge"]
FileFormat = Literal["PARQUET", "JSON", "CSV"]


@dataclass(frozen=True)
class OrchestrationEnvironmentDefaults:
    """What an environment implies for Airflow and Glue."""

    egress: str
    environment_class: str
    min_workers: int
    max_workers: int
    glue_workers: int
    log_retention_days: int
    secret_recovery_days: int


ORCHESTRATION_ENVIRONMENT_DEFAULTS: dict[str, OrchestrationEnvironmentDefaults] = {
    "dev": OrchestrationEnvironmentDefaults("nat", "mw1.small", 1, 2, 2, 14, 7),
    "staging": OrchestrationEnvironmentDefaults("endpoints", "mw1.small", 1, 4, 4, 30, 7),
    "prod": OrchestrationEnvironmentDefaults("endpoints", "mw1.medium", 2, 10, 10, 365, 30),
}


class NetworkConfig(StrictModel):
    """Where MWAA runs: an existing VPC and two private subnets, or a VPC created here.

    `egress` is `nat` (a NAT gateway, cheap to run in dev) or `endpoints` (no route
    to the internet; VPC endpoints for every AWS service MWAA calls).
    """

    vpc_id: Annotated[str, Field(pattern=r"^vpc-[0-9a-f]{8,17}$")] | None = None
    subnet_ids: tuple[Annotated[str, Field(pattern=r"^subnet-[0-9a-f]{8,17}$")], ...] = ()
    route_table_ids: tuple[Annotated[str, Field(pattern=r"^rtb-[0-9a-f]{8,17}$")], ...] = ()
    vpc_cidr: str = "10.40.0.0/16"
    availability_zone_suffixes: tuple[str, str] = ("a", "b")
    egress: Egress | None = None
    webserver_allowed_cidr: str | None = None

    @field_validator("vpc_cidr", "webserver_allowed_cidr")
    @classmethod
    def _valid_cidr(cls, value: str | None) -> str | None:
        if value is not None and not is_narrow_ipv4(value):
            raise ValueError(f"expected an IPv4 CIDR narrower than 0.0.0.0/0; got {value}")
        return value

    @field_validator("subnet_ids")
    @classmethod
    def _two_subnets(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if value and len(value) != 2:
            raise ValueError(f"MWAA needs exactly two private subnets; got {len(value)}")
        return value


class AirflowConfig(StrictModel):
    """The MWAA environment; unset sizes come from the environment's defaults."""

    airflow_version: str = "2.10.3"
    environment_class: EnvironmentClass | None = None
    min_workers: Annotated[int, Field(ge=1, le=25)] | None = None
    max_workers: Annotated[int, Field(ge=1, le=25)] | None = None
    webserver_access: Literal["private", "public"] = "private"
    maintenance_window: Annotated[
        str, Field(pattern=r"^(MON|TUE|WED|THU|FRI|SAT|SUN):\d\d:00$")
    ] = "SUN:03:00"


class GlueJobConfig(StrictModel):
    """A Spark ETL job from a script in the repository, reading one zone, writing another."""

    name: Slug
    script: Annotated[str, Field(pattern=r"^[\w./-]+\.py$")]
    source_zone: str
    target_zone: str
    worker_type: Literal["G.1X", "G.2X"] = "G.1X"
    workers: Annotated[int, Field(ge=2, le=100)] | None = None


class GlueConfig(StrictModel):
    """Crawlers over the raw zone and the ETL jobs."""

    crawler_schedule: str = "cron(0 3 * * ? *)"
    crawl_zone: str = "raw"
    crawler_prefixes: tuple[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_./-]*$")], ...] = ()
    jobs: tuple[GlueJobConfig, ...] = ()


class IngestSourceConfig(StrictModel):
    """Files under `prefix` of a lake zone, auto-ingested into a Snowflake landing table."""

    name: Slug
    zone: str
    prefix: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_./-]*/$")]
    database: Slug
    schema_: Slug = Field(alias="schema")
    file_format: FileFormat = "PARQUET"
    external_id: (
        Annotated[str, Field(pattern=r"^[\w+=,.@:/-]+$", min_length=2, max_length=1224)] | None
    ) = None


class OrchestrationConfig(StrictModel):
    """Airflow (MWAA) with its network, Glue, and the Snowflake ingest sources."""

    network: NetworkConfig = NetworkConfig()
    airflow: AirflowConfig = AirflowConfig()
    glue: GlueConfig = GlueConfig()
    ingest_sources: tuple[IngestSourceConfig, ...] = ()

    def resolved_egress(self, environment: str) -> str:
        """`nat` or `endpoints`: the file's choice, else the environment's."""
        return self.network.egress or ORCHESTRATION_ENVIRONMENT_DEFAULTS[environment].egress

    def problems(
        self, environment: str, zones: tuple[str, ...], schemas: dict[str, tuple[str, ...]] | None
    ) -> list[str]:
        """Broken references and refused combinations, each naming its field.

        `schemas` maps each Snowflake database to its schemas (None without Snowflake).
        """
        problems = []
        network, airflow = self.network, self.airflow
        if bool(network.vpc_id) != bool(network.subnet_ids):
            problems.append("network: give both vpc_id and subnet_ids, or neither")
        if environment == "prod" and airflow.webserver_access != "private":
            problems.append("airflow.webserver_access: prod's Airflow webserver must be private")
        if (airflow.min_workers or 0) > (airflow.max_workers or 25):
            problems.append("airflow.min_workers: must not exceed max_workers")
        known = f"lake zones: {', '.join(zones)}"
        if self.glue.crawler_prefixes and self.glue.crawl_zone not in zones:
            problems.append(f"glue.crawl_zone: unknown zone [{self.glue.crawl_zone}]; {known}")
        if (
            network.vpc_id
            and self.resolved_egress(environment) == "endpoints"
            and not (network.route_table_ids)
        ):
            problems.append(
                "network.route_table_ids: an existing VPC with endpoint egress needs the "
                "private subnets' route tables (for the S3 gateway endpoint)"
            )
        for job in self.glue.jobs:
            for field in ("source_zone", "target_zone"):
                if getattr(job, field) not in zones:
                    problems.append(
                        f"glue.jobs[{job.name}].{field}: unknown zone "
                        f"[{getattr(job, field)}]; {known}"
                    )
        for source in self.ingest_sources:
            where = f"ingest_sources[{source.name}]"
            if source.zone not in zones:
                problems.append(f"{where}.zone: unknown zone [{source.zone}]; {known}")
            if schemas is None:
                problems.append(f"{where}: ingest needs a `snowflake` section")
            elif source.schema_ not in schemas.get(source.database, ()):
                problems.append(
                    f"{where}.schema: no Snowflake schema [{source.database}.{source.schema_}]; "
                    f"schemas: {', '.join(f'{d}.{s}' for d, ss in schemas.items() for s in ss)}"
                )
        problems += _overlaps(self.ingest_sources)
        return [f"orchestration.{p}" for p in problems]


def _overlaps(sources: tuple[IngestSourceConfig, ...]) -> list[str]:
    """S3 refuses overlapping notification prefixes on one bucket (one bucket per zone)."""
    problems = []
    for zone in sorted({s.zone for s in sources}):
        names = {s.prefix: s.name for s in sources if s.zone == zone}
        prefixes = [s.prefix for s in sources if s.zone == zone]
        for a, b in overlapping_prefixes(prefixes):
            problems.append(
                f"ingest_sources[{names[b]}].prefix: overlaps source [{names[a]}] in zone "
                f"[{zone}] ({a} / {b}); S3 refuses overlapping notifications"
            )
    return problems
