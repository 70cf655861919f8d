"""The typed model of the `orchestration` section: MWAA, its network, Glue and ingest sources.

Like the rest of the platform object, the section is first resolved: every unset value
comes from the environment (`ORCHESTRATION_ENVIRONMENT_DEFAULTS`, one table), giving
`ResolvedOrchestration`. Its values are then checked (a minimum above the resolved
maximum, a job's zones, a source's target schema), knowing the lake and the Snowflake
side.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, field_validator

from stacks.model import Item, Problem, StrictModel, either, is_narrow_ipv4, project_path
from vocabulary.config_base import Slug
from vocabulary.s3_prefixes import (
    KEY_PREFIX_PATTERN,
    key_prefix_problem,
    normalised_prefix,
    overlapping_prefixes,
)

Egress = Literal["nat", "endpoints", "privatelink"]
NatGateways = Literal["single", "per_az"]
EnvironmentClass = Literal["mw1.micro", "mw1.small", "mw1.medium", "mw1.large", "mw1.xlarge"]
FileFormat = Literal["PARQUET", "JSON", "CSV"]
UiAccess = Literal["none", "client_vpn", "corporate_cidrs"]
AcmCertificateArn = Annotated[
    str, Field(pattern=r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]{36}$")
]


@dataclass(frozen=True)
class OrchestrationEnvironmentDefaults:
    """What an environment implies for Airflow and Glue."""

    egress: str
    nat_gateways: str
    service_endpoints: bool
    environment_class: str
    min_workers: int
    max_workers: int
    glue_workers: int
    log_retention_days: int
    secret_recovery_days: int
    ui_access: str


ORCHESTRATION_ENVIRONMENT_DEFAULTS: dict[str, OrchestrationEnvironmentDefaults] = {
    # Egress: Airflow must reach Snowflake (a public service unless PrivateLink), so every
    # environment has a NAT way out. Prod has one NAT per AZ (an AZ outage leaves the other
    # AZ's workers their way out) and keeps the AWS service endpoints (AWS traffic stays
    # private and off the NAT's per-GB charge); staging keeps the endpoints too, so it
    # matches prod's paths, with one NAT (a staging outage of one AZ is acceptable); dev
    # has one NAT and no endpoints (cheap). See docs/design/orchestration-network.md.
    # UI access: none unless the stack gives a path: a corporate range
    # (`network.webserver_allowed_cidr`, routed by the company's network; giving it implies
    # corporate_cidrs) or a Client VPN (ACM certificates of the company's CA, which the
    # platform cannot issue). The UI journey reports an environment nobody can open.
    # docs/design/pipelines.md.
    "dev": OrchestrationEnvironmentDefaults(
        "nat", "single", False, "mw1.small", 1, 2, 2, 14, 7, "none"
    ),
    "staging": OrchestrationEnvironmentDefaults(
        "nat", "single", True, "mw1.small", 1, 4, 4, 30, 7, "none"
    ),
    "prod": OrchestrationEnvironmentDefaults(
        "nat", "per_az", True, "mw1.medium", 2, 10, 10, 365, 30, "none"
    ),
}


class NetworkConfig(StrictModel):
    """Where MWAA runs: an existing VPC and two private subnets, or a VPC created here.

    `egress` is `nat` (NAT gateways in public subnets: Airflow reaches Snowflake and
    the internet, leaving from the NATs' Elastic IPs, which the program adds to the
    network policy of every Snowflake user an Airflow connection logs in as),
    `endpoints` (no route to the internet; VPC endpoints for every AWS service MWAA calls:
    Airflow cannot reach Snowflake) or `privatelink` (Snowflake over AWS PrivateLink:
    needs Business Critical edition, and is not built by this platform yet).
    `nat_gateways` is `single` or `per_az`; `service_endpoints` keeps the AWS service
    endpoints beside a NAT. Unset values come from the environment.
    """

    vpc_id: Annotated[str, Field(pattern=r"^vpc-[0-9a-f]{8,17}$")] | None = None
    """An existing VPC to run in; unset, a VPC is created."""
    subnet_ids: tuple[Annotated[str, Field(pattern=r"^subnet-[0-9a-f]{8,17}$")], ...] = ()
    """The two private subnets of the existing VPC."""
    route_table_ids: tuple[Annotated[str, Field(pattern=r"^rtb-[0-9a-f]{8,17}$")], ...] = ()
    """The existing VPC's route tables, for the S3 gateway endpoint."""
    vpc_cidr: str = "10.40.0.0/16"
    """The CIDR of the VPC created here."""
    availability_zone_suffixes: tuple[str, str] = ("a", "b")
    """The two availability zones (suffixes of the region) of the created subnets."""
    egress: Egress | None = None
    """nat, endpoints or privatelink: how Airflow leaves the VPC; unset, the environment's."""
    nat_gateways: NatGateways | None = None
    """single or per_az NAT gateways; unset, the environment's."""
    service_endpoints: bool | None = None
    """Keep VPC endpoints for AWS services beside a NAT; unset, the environment's."""
    webserver_allowed_cidr: str | None = None
    """The network that may reach a private Airflow webserver."""

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


class ClientVpnConfig(StrictModel):
    """An AWS Client VPN endpoint into the MWAA VPC, for engineers to open the Airflow UI.

    Mutual certificate authentication: both certificates live in ACM, made by the
    company's CA (the platform has no CA and cannot issue them).
    """

    server_certificate_arn: AcmCertificateArn
    """The endpoint's server certificate (ACM)."""
    client_root_certificate_arn: AcmCertificateArn
    """The CA certificate client certificates are verified with (ACM)."""
    client_cidr: str = "10.254.0.0/22"
    """Addresses given to clients: /12 to /22, outside the VPC's CIDR."""

    @field_validator("client_cidr")
    @classmethod
    def _client_range(cls, value: str) -> str:
        if not is_narrow_ipv4(value) or not 12 <= int(value.split("/")[-1]) <= 22:
            raise ValueError(f"expected an IPv4 CIDR from /12 to /22; got {value}")
        return value


class AirflowConfig(StrictModel):
    """The MWAA environment; unset sizes come from the environment's defaults."""

    airflow_version: str = "2.10.3"
    """The Airflow version MWAA runs."""
    environment_class: EnvironmentClass | None = None
    """The MWAA environment class; unset, the environment's."""
    min_workers: Annotated[int, Field(ge=1, le=25)] | None = None
    """Fewest workers; unset, the environment's."""
    max_workers: Annotated[int, Field(ge=1, le=25)] | None = None
    """Most workers; unset, the environment's."""
    webserver_access: Literal["private", "public"] = "private"
    """private (inside the VPC) or public webserver access."""
    maintenance_window: Annotated[
        str, Field(pattern=r"^(MON|TUE|WED|THU|FRI|SAT|SUN):\d\d:00$")
    ] = "SUN:03:00"
    """Weekly maintenance start, DAY:HH:00 in UTC."""
    ui_access: UiAccess | None = None
    """How engineers reach the private webserver: none, client_vpn (an AWS Client VPN
    endpoint, `client_vpn`) or corporate_cidrs (`network.webserver_allowed_cidr`, routed by
    the company's VPN or transit gateway); unset, corporate_cidrs when that range is given,
    else the environment's."""
    client_vpn: ClientVpnConfig | None = None
    """The Client VPN endpoint's certificates and client range (with ui_access client_vpn)."""


class GlueJobConfig(StrictModel):
    """A Spark ETL job from a script in the repository, reading one zone, writing another."""

    name: Slug
    """The job's name."""
    script: Annotated[str, Field(pattern=r"^[\w./-]+\.py$")]
    """The job's Python script, a path inside the project."""
    source_zone: str
    """The lake zone the job reads."""
    source_prefix: Annotated[str, Field(pattern=KEY_PREFIX_PATTERN)] | None = None
    """The key prefix of the source zone the job reads (and may read), ending in `/`; unset,
    the whole zone. Set it: a job reading the whole zone reads every domain's data there, and
    every contract on that data gates it."""
    target_zone: str
    """The lake zone the job writes."""
    worker_type: Literal["G.1X", "G.2X"] = "G.1X"
    """The Glue worker type."""
    workers: Annotated[int, Field(ge=2, le=100)] | None = None
    """How many workers; unset, the environment's."""

    @field_validator("script")
    @classmethod
    def _inside_the_project(cls, value: str) -> str:
        return project_path(value)

    @field_validator("source_prefix")
    @classmethod
    def _normalised(cls, value: str | None) -> str | None:
        return None if value is None else normalised_prefix(value)


class GlueConfig(StrictModel):
    """Crawlers over the raw zone and the ETL jobs.

    `catalog_encryption`: the Data Catalog's encryption settings exist once per AWS
    account and region, so one stack there owns them (`own`, the default) and any other
    stack in that account and region says `verify` (its preview fails unless the
    catalog is SSE-KMS encrypted). `dataplat plan` refuses two owners among the stack
    files of this repository.
    """

    crawler_schedule: str = "cron(0 3 * * ? *)"
    """When the crawler runs (a Glue cron expression)."""
    crawl_zone: str = "raw"
    """The lake zone the crawler reads."""
    crawler_prefixes: tuple[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_./-]*$")], ...] = ()
    """Key prefixes of that zone to crawl; empty: the whole zone."""
    jobs: tuple[GlueJobConfig, ...] = ()
    """Spark ETL jobs from scripts in the repository."""
    catalog_encryption: Literal["own", "verify"] = "own"
    """own (this stack sets the Data Catalog's encryption) or verify (another stack of the
    account and region does)."""

    @field_validator("crawler_prefixes")
    @classmethod
    def _normalised(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(normalised_prefix(v) for v in values)


class IngestSourceConfig(StrictModel):
    """Files under `prefix` of a lake zone, auto-ingested into a Snowflake landing table.

    `prefix` is at most 256 bytes: S3 keys stop at 1,024 bytes, and the files' names need
    the rest (`vocabulary.s3_prefixes`).
    """

    name: Slug
    """The ingest source's name; it names the pipe and its table."""
    zone: str
    """The lake zone holding the files."""
    prefix: Annotated[str, Field(pattern=KEY_PREFIX_PATTERN)]
    """The key prefix of the files, ending in `/` (at most 256 bytes, never climbing with `..`)."""
    database: Slug
    """The Snowflake database of the landing table."""
    schema_: Slug = Field(alias="schema")
    """The schema of the landing table."""
    file_format: FileFormat = "PARQUET"
    """The files' format."""
    external_id: (
        Annotated[str, Field(pattern=r"^[\w+=,.@:/-]+$", min_length=2, max_length=1224)] | None
    ) = None
    """The external id the storage integration's role trusts; unset, Snowflake's."""

    @field_validator("prefix")
    @classmethod
    def _normalised(cls, value: str) -> str:
        return normalised_prefix(value)


class OrchestrationConfig(StrictModel):
    """Airflow (MWAA) with its network, Glue, and the Snowflake ingest sources."""

    network: NetworkConfig = NetworkConfig()
    """Where MWAA runs: an existing VPC or one created here, and its egress."""
    airflow: AirflowConfig = AirflowConfig()
    """The MWAA environment: version, class, workers, webserver access."""
    glue: GlueConfig = GlueConfig()
    """Glue crawlers, ETL jobs and the Data Catalog's encryption."""
    ingest_sources: tuple[IngestSourceConfig, ...] = ()
    """Files of a lake zone auto-ingested into Snowflake by Snowpipe."""


@dataclass(frozen=True)
class ResolvedNetwork:
    """Where MWAA runs, with the egress mode resolved."""

    vpc_id: str | None
    subnet_ids: tuple[str, ...]
    route_table_ids: tuple[str, ...]
    vpc_cidr: str
    availability_zone_suffixes: tuple[str, str]
    egress: str
    nat_gateways: str
    service_endpoints: bool
    webserver_allowed_cidr: str | None

    @property
    def nat_count(self) -> int:
        """How many NAT gateways (and Elastic IPs) the program creates: none for an
        existing VPC (it routes its own egress) or without NAT egress."""
        if self.vpc_id or self.egress != "nat":
            return 0
        return 2 if self.nat_gateways == "per_az" else 1


@dataclass(frozen=True)
class ResolvedAirflow:
    """The MWAA environment with its class and worker range resolved."""

    airflow_version: str
    environment_class: str
    min_workers: int
    max_workers: int
    webserver_access: str
    maintenance_window: str
    ui_access: str = "none"
    client_vpn: ClientVpnConfig | None = None


@dataclass(frozen=True)
class ResolvedGlueJob:
    """A Glue job with its worker count resolved."""

    name: str
    script: str
    source_zone: str
    source_prefix: str | None
    target_zone: str
    worker_type: str
    workers: int


@dataclass(frozen=True)
class ResolvedOrchestration:
    """The orchestration section after the environment's defaults: what the stack creates."""

    network: ResolvedNetwork
    airflow: ResolvedAirflow
    crawler_schedule: str
    crawl_zone: str
    crawler_prefixes: tuple[str, ...]
    jobs: tuple[ResolvedGlueJob, ...]
    own_catalog_encryption: bool
    ingest_sources: tuple[IngestSourceConfig, ...]
    log_retention_days: int
    secret_recovery_days: int


def resolve_orchestration(config: OrchestrationConfig, environment: str) -> ResolvedOrchestration:
    """The section with every unset value taken from the environment (explicit > environment)."""
    defaults = ORCHESTRATION_ENVIRONMENT_DEFAULTS[environment]
    network, airflow, glue = config.network, config.airflow, config.glue
    return ResolvedOrchestration(
        network=ResolvedNetwork(
            vpc_id=network.vpc_id,
            subnet_ids=network.subnet_ids,
            route_table_ids=network.route_table_ids,
            vpc_cidr=network.vpc_cidr,
            availability_zone_suffixes=network.availability_zone_suffixes,
            egress=either(network.egress, defaults.egress),
            nat_gateways=either(network.nat_gateways, defaults.nat_gateways),
            service_endpoints=either(network.service_endpoints, defaults.service_endpoints),
            webserver_allowed_cidr=network.webserver_allowed_cidr,
        ),
        airflow=ResolvedAirflow(
            airflow_version=airflow.airflow_version,
            environment_class=either(airflow.environment_class, defaults.environment_class),
            min_workers=either(airflow.min_workers, defaults.min_workers),
            max_workers=either(airflow.max_workers, defaults.max_workers),
            webserver_access=airflow.webserver_access,
            maintenance_window=airflow.maintenance_window,
            # A corporate range given says how engineers come in; else the environment's.
            ui_access=either(
                airflow.ui_access,
                "corporate_cidrs" if network.webserver_allowed_cidr else defaults.ui_access,
            ),
            client_vpn=airflow.client_vpn,
        ),
        crawler_schedule=glue.crawler_schedule,
        crawl_zone=glue.crawl_zone,
        crawler_prefixes=glue.crawler_prefixes,
        jobs=tuple(
            ResolvedGlueJob(
                name=job.name,
                script=job.script,
                source_zone=job.source_zone,
                source_prefix=job.source_prefix,
                target_zone=job.target_zone,
                worker_type=job.worker_type,
                workers=either(job.workers, defaults.glue_workers),
            )
            for job in glue.jobs
        ),
        own_catalog_encryption=glue.catalog_encryption == "own",
        ingest_sources=config.ingest_sources,
        log_retention_days=defaults.log_retention_days,
        secret_recovery_days=defaults.secret_recovery_days,
    )


def orchestration_problems(
    orchestration: ResolvedOrchestration,
    config: OrchestrationConfig,
    environment: str,
    zones: tuple[str, ...],
    schemas: dict[str, tuple[str, ...]] | None,
    edition: str | None = None,
) -> list[Problem]:
    """Broken references and refused combinations of the resolved section, under `orchestration`.

    `config` is the section as written, to say whether a value came from the environment;
    `schemas` maps each Snowflake database to its schemas (None without Snowflake);
    `edition` is the Snowflake account's edition (None without Snowflake).
    """
    problems = []
    network, airflow = orchestration.network, orchestration.airflow
    if network.egress == "privatelink":
        problems.append(Problem(("network", "egress"), _privatelink_refusal(edition)))
    if bool(network.vpc_id) != bool(network.subnet_ids):
        problems.append(Problem(("network",), "give both vpc_id and subnet_ids, or neither"))
    if environment == "prod" and airflow.webserver_access != "private":
        problems.append(
            Problem(("airflow", "webserver_access"), "prod's Airflow webserver must be private")
        )
    problems += _ui_access_problems(orchestration, config)
    if airflow.min_workers > airflow.max_workers:
        origin = "" if config.airflow.max_workers is not None else f", the {environment} default"
        problems.append(
            Problem(
                ("airflow", "min_workers"),
                f"{airflow.min_workers} exceeds max_workers ({airflow.max_workers}{origin}); "
                "set max_workers too, or lower min_workers",
            )
        )
    known = f"lake zones: {', '.join(zones)}"
    if orchestration.crawler_prefixes and orchestration.crawl_zone not in zones:
        problems.append(
            Problem(("glue", "crawl_zone"), f"unknown zone [{orchestration.crawl_zone}]; {known}")
        )
    if network.vpc_id and network.egress == "endpoints" and not network.route_table_ids:
        problems.append(
            Problem(
                ("network", "route_table_ids"),
                "an existing VPC with endpoint egress needs the private subnets' route tables "
                "(for the S3 gateway endpoint)",
            )
        )
    for job in orchestration.jobs:
        for field in ("source_zone", "target_zone"):
            if getattr(job, field) not in zones:
                problems.append(
                    Problem(
                        ("glue", "jobs", Item(job.name), field),
                        f"unknown zone [{getattr(job, field)}]; {known}",
                    )
                )
    for source in orchestration.ingest_sources:
        where = ("ingest_sources", Item(source.name))
        if too_long := key_prefix_problem(source.prefix):
            problems.append(Problem((*where, "prefix"), too_long))
        if source.zone not in zones:
            problems.append(Problem((*where, "zone"), f"unknown zone [{source.zone}]; {known}"))
        if schemas is None:
            problems.append(Problem(where, "ingest needs a `snowflake` section"))
        elif source.schema_ not in schemas.get(source.database, ()):
            problems.append(
                Problem(
                    (*where, "schema"),
                    f"no Snowflake schema [{source.database}.{source.schema_}]; schemas: "
                    + ", ".join(f"{d}.{s}" for d, ss in schemas.items() for s in ss),
                )
            )
    problems += _overlaps(orchestration.ingest_sources)
    return [p.under("orchestration") for p in problems]


def _ui_access_problems(
    orchestration: ResolvedOrchestration, config: OrchestrationConfig
) -> list[Problem]:
    """The UI path chosen must have what it needs, and only a private webserver needs one."""
    airflow, cidr = orchestration.airflow, orchestration.network.webserver_allowed_cidr
    where = ("airflow", "ui_access")
    origin = "" if config.airflow.ui_access is not None else " (the environment's default)"
    found = []
    if airflow.ui_access != "none" and airflow.webserver_access != "private":
        found.append(Problem(where, "a public webserver needs no UI path; set ui_access none"))
    if airflow.ui_access == "client_vpn" and airflow.client_vpn is None:
        found.append(
            Problem(
                ("airflow", "client_vpn"),
                "ui_access client_vpn needs client_vpn.server_certificate_arn and "
                "client_root_certificate_arn (ACM certificates of the company's CA)",
            )
        )
    vpn, network = airflow.client_vpn, orchestration.network
    if airflow.ui_access == "client_vpn" and vpn is not None:
        if network.vpc_id:
            found.append(
                Problem(where, "client_vpn is built only in a VPC created here (no vpc_id)")
            )
        elif ipaddress.ip_network(vpn.client_cidr).overlaps(ipaddress.ip_network(network.vpc_cidr)):
            found.append(
                Problem(
                    ("airflow", "client_vpn", "client_cidr"),
                    f"{vpn.client_cidr} overlaps the VPC's {network.vpc_cidr}; Client VPN "
                    "refuses a client range that overlaps the associated subnets' VPC",
                )
            )
    if airflow.ui_access != "client_vpn" and airflow.client_vpn is not None:
        found.append(Problem(("airflow", "client_vpn"), "set only with ui_access client_vpn"))
    if airflow.ui_access == "corporate_cidrs" and not cidr:
        found.append(
            Problem(
                where,
                f"corporate_cidrs{origin} needs network.webserver_allowed_cidr (the corporate "
                "range routed to the VPC); or choose none or client_vpn",
            )
        )
    if airflow.ui_access != "corporate_cidrs" and cidr:
        found.append(
            Problem(
                ("network", "webserver_allowed_cidr"),
                f"set only with airflow.ui_access corporate_cidrs (it is {airflow.ui_access})",
            )
        )
    return found


def _privatelink_refusal(edition: str | None) -> str:
    """Why `privatelink` egress is refused: Snowflake's AWS PrivateLink needs Business
    Critical edition ("AWS PrivateLink and Snowflake", docs.snowflake.com/en/user-guide/
    admin-security-privatelink); with it, the endpoint and its private DNS are still to be
    built here (docs/design/orchestration-network.md)."""
    if edition != "business_critical":
        return (
            f"privatelink needs snowflake.edition business_critical (it is {edition or 'unset'}); "
            "allowed: nat, endpoints"
        )
    return "privatelink is not built by this platform yet; use nat (allowed: nat, endpoints)"


def _overlaps(sources: tuple[IngestSourceConfig, ...]) -> list[Problem]:
    """S3 refuses overlapping notification prefixes on one bucket (one bucket per zone)."""
    problems = []
    for zone in sorted({s.zone for s in sources}):
        names = {s.prefix: s.name for s in sources if s.zone == zone}
        prefixes = [s.prefix for s in sources if s.zone == zone]
        for a, b in overlapping_prefixes(prefixes):
            problems.append(
                Problem(
                    ("ingest_sources", Item(names[b]), "prefix"),
                    f"overlaps source [{names[a]}] in zone [{zone}] ({a} / {b}); "
                    "S3 refuses overlapping notifications",
                )
            )
    return problems
