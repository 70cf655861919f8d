"""The typed model of a self-service data domain: one file, `stacks/domains/<name>.yaml`.

A product team gets its slice of the platform (S3 prefixes and Glue databases in the
zones it needs, a Snowflake database with access roles, engineer and analyst roles,
warehouses with monitors, service users, ingest sources, consumers) by adding one reviewed
file. The file is parsed here, resolved for the stack's environment (`resolve_domain`:
the same warehouse rule as the platform's, and `unmask: [*]` expanded to the domain's
own categories), then checked (`stacks.domain_checks`): alone for unique names and
internal references, then against the stack for what it refers to (zones, PII
categories, other domains' and the platform's roles) and the environment's caps, all
problems at once.

PII: a domain holds PII exactly when `data_classification` is `pii`. Such a domain
names the category of each schema holding PII (`pii_category`, so the schema is tagged
and every column masked); at least one schema must have one, since a pii domain without
a tagged schema would leave its PII in clear. A `pii_category` in a domain of another
classification is refused: the schema would hold PII under a weaker classification tag.
`unmask` lets the domain's own roles see categories of its own schemas in clear.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    ModelWrapValidatorHandler,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from policies.rules.facts.classifications import DataClassification
from policies.rules.facts.names import SLUG_PATTERN
from policies.rules.facts.stack_layout import RESERVED_DOMAIN_NAMES
from stacks.alerts_config import _EMAIL as EMAIL_PATTERN
from stacks.alerts_config import _HTTPS_URL as HTTPS_URL_PATTERN
from stacks.model import StrictModel, project_path
from stacks.snowflake_config import (
    SNOWFLAKE_ENVIRONMENT_DEFAULTS,
    SchemaConfig,
    ServiceUserConfig,
)
from stacks.warehouse_config import WarehouseConfig, resolve_warehouse
from vocabulary.config_base import Slug
from vocabulary.domain_items import DomainIngest, DomainServiceUser
from vocabulary.domains import DOMAIN_ROLES
from vocabulary.glue_schedule import glue_cron_problem
from vocabulary.pii import ALL_CATEGORIES
from vocabulary.warehouse_settings import ResolvedWarehouse

if TYPE_CHECKING:
    from stacks.contracts.loader import LoadedContract

Environment = Literal["dev", "staging", "prod"]
# Consumers refer to a domain's roles as `<domain>.<role>`.
# A platform role, or `<domain>.<role>` of a domain's own roles.
CONSUMER_ROLE_PATTERN = rf"{SLUG_PATTERN[:-1]}(\.({'|'.join(DOMAIN_ROLES)}))?$"
DOMAINS_PREFIX = "domains"
# Keys a domain file used to have -> their new name; the old key is refused with a message
# naming the new one (`pipelines` declared Snowflake service users, not pipelines).
RENAMED_KEYS = {"pipelines": "service_users"}


def renamed_key_message(old: str) -> str:
    """What a domain file using the old key `old` is told."""
    new = RENAMED_KEYS[old]
    return (
        f"the key `{old}` was renamed to `{new}` (it declares Snowflake service users); "
        f"rename `{old}:` to `{new}:` (the entries stay the same)"
    )


def _details(error: ErrorDetails) -> InitErrorDetails:
    """Pydantic's reported error as one to raise again unchanged."""
    details = InitErrorDetails(type=error["type"], loc=error["loc"], input=error["input"])
    if "ctx" in error:
        details["ctx"] = error["ctx"]
    return details


class DomainWarehouse(WarehouseConfig):
    """A warehouse of the domain: the platform's warehouse, with a required credit quota.

    The monthly quota its monitor enforces is the domain's own cost decision, so it has
    no environment default; every other unset value comes from the environment.
    """

    credit_quota: Annotated[int, Field(ge=1, le=100000)]
    """Monthly credits its resource monitor allows before suspending it (required: the domain's
    own cost decision)."""


class DomainSchema(SchemaConfig):
    """A schema of the domain's database; `pii_category` tags all its columns as that PII.

    Only a domain with `data_classification: pii` may set `pii_category`, and such a
    domain sets it on at least one schema. Defaults to no category (not PII).
    """


def _platform_network_rules(user: DomainServiceUser) -> DomainServiceUser:
    """`user` unchanged; its networks follow the platform's service-user rules, in one place."""
    ServiceUserConfig(
        name=user.name, role="r", warehouse=user.warehouse, allowed_ips=user.allowed_ips
    )
    return user


# A domain's service user as its file declares it: the value type the `DataDomain`
# component takes, checked against the platform's rules for service users' networks.
ServiceUser = Annotated[DomainServiceUser, AfterValidator(_platform_network_rules)]


class DomainJob(StrictModel):
    """A Glue Spark job of the domain, built like the platform's (`GlueJobs`), started by
    a scheduled Glue trigger.

    It reads only `domains/<domain>/` of its source zone's bucket and the domain's Glue
    database there, and writes under `domains/<domain>/<name>/` of its target zone with
    that zone's key, registering tables in the domain's Glue database there. Its failures
    reach the domain's alert subscriptions as well as the platform team.
    """

    name: Slug
    """The job's name; the Glue job is named from the domain's name and it."""
    script: Annotated[str, Field(pattern=r"^[\w./-]+\.py$")]
    """The job's Python script, a path inside the project (no leading / and no ..)."""
    schedule: str
    """When the job runs: a Glue cron expression, UTC (`cron(0 5 * * ? *)`)."""
    source_zone: str
    """The lake zone it reads (one of the domain's zones)."""
    target_zone: str
    """The lake zone it writes (one of the domain's zones)."""
    worker_type: Literal["G.1X", "G.2X"] = "G.1X"
    """The Glue worker type. Defaults to G.1X."""
    number_of_workers: Annotated[int, Field(ge=2, le=100)] = 2
    """Workers per run, 2 to 100. Defaults to 2."""
    timeout_minutes: Annotated[int, Field(ge=1, le=2880)] = 60
    """Minutes after which Glue stops a run (TIMEOUT, an alert). Defaults to 60."""
    max_retries: Annotated[int, Field(ge=0, le=10)] = 1
    """Automatic retries of a failed run, 0 to 10. Defaults to 1."""

    @field_validator("script")
    @classmethod
    def _inside_the_project(cls, value: str) -> str:
        return project_path(value)

    @field_validator("schedule")
    @classmethod
    def _glue_cron(cls, value: str) -> str:
        if problem := glue_cron_problem(value):
            raise ValueError(problem)
        return value


class DomainConsumer(StrictModel):
    """Another team's role that may read some of this domain's schemas.

    `role` is a platform functional role (`analyst`) or another domain's role
    (`sales.analyst`).
    """

    role: Annotated[str, Field(pattern=CONSUMER_ROLE_PATTERN)]
    """A platform functional role (`analyst`) or another domain's role (`sales.analyst`)."""
    schemas: Annotated[tuple[Slug, ...], Field(min_length=1)]
    """The domain's schemas that role may read."""


class DomainUnmask(StrictModel):
    """Which PII categories each of the domain's roles sees in clear (default: none).

    Categories are those of the domain's own schemas, or `*` for all of them. The
    masking policies are tag-based and account-wide, so a role also sees those
    categories in clear in other domains' schemas it reads: a domain listing another
    domain's unmasking role as a consumer of schemas of those categories is refused.
    """

    engineer: tuple[str, ...] = ()
    """PII categories the domain's engineer role sees in clear, or `*`."""
    analyst: tuple[str, ...] = ()
    """PII categories the domain's analyst role sees in clear, or `*`."""


class DomainAlertSubscriptions(StrictModel):
    """Who else on the domain's team is told of its failures, besides its `owner`.

    Each gets a subscription of the stack's alerts topic filtered to the domain's own
    resources (docs/design/alert-routing.md); the owner is subscribed by email when it is
    an e-mail address. SNS sends email and HTTPS endpoints a confirmation first.
    """

    emails: tuple[Annotated[str, Field(pattern=EMAIL_PATTERN)], ...] = ()
    """More e-mail addresses told of the domain's failures. Defaults to none."""
    https_endpoints: tuple[Annotated[str, Field(pattern=HTTPS_URL_PATTERN)], ...] = ()
    """HTTPS webhooks (chat, on-call) told of the domain's failures. Defaults to none."""


class EnvironmentOverride(StrictModel):
    """What changes in one environment: its warehouses (sizes, quotas)."""

    warehouses: tuple[DomainWarehouse, ...] | None = None
    """The domain's warehouses in that environment, replacing the top-level list."""


class DomainSpec(StrictModel):
    """One data domain, as its owners declare it."""

    name: Slug
    """The domain's name; the file is `<name>.yaml`. Not `platform` or `edges`: with
    `domain_stacks` those name the environment's other stacks."""
    owner: Annotated[str, Field(pattern=r"^[A-Za-z0-9 _.:/=+\-@]{1,256}$")]
    """The owning team's contact, written into the `owner` tag of its resources."""
    description: Annotated[str, Field(min_length=10, max_length=256)]
    """What the domain holds (10-256 characters)."""
    data_classification: DataClassification
    """The data-classification tag of its resources; `pii` domains tag their PII schemas."""
    zones: Annotated[tuple[str, ...], Field(min_length=1)]
    """Lake zones where the domain gets the prefix `domains/<name>/` and a Glue database."""
    schemas: Annotated[tuple[DomainSchema, ...], Field(min_length=1)]
    """Schemas of the domain's Snowflake database."""
    warehouses: Annotated[tuple[DomainWarehouse, ...], Field(min_length=1)]
    """The domain's warehouses, each with a monthly credit quota."""
    service_users: tuple[ServiceUser, ...] = ()
    """Key-pair-only service users acting as the domain's engineer role (formerly `pipelines`)."""
    ingest_sources: tuple[DomainIngest, ...] = ()
    """Files under `domains/<name>/<prefix>` of a zone, auto-ingested into a schema."""
    jobs: tuple[DomainJob, ...] = ()
    """Glue Spark jobs of the domain, each on its own schedule, between its own zones."""
    consumers: tuple[DomainConsumer, ...] = ()
    """Other teams' roles that may read some of its schemas."""
    unmask: DomainUnmask = DomainUnmask()
    """PII categories of its own schemas its roles see in clear (default: none)."""
    alert_subscriptions: DomainAlertSubscriptions = DomainAlertSubscriptions()
    """More e-mail addresses and HTTPS webhooks told of the domain's failures, besides the
    owner when it is an e-mail address (default: none)."""
    environments: dict[Environment, EnvironmentOverride] = Field(default_factory=dict)
    """Per-environment overrides (warehouses only)."""

    @field_validator("name")
    @classmethod
    def _not_a_layer(cls, value: str) -> str:
        if value in RESERVED_DOMAIN_NAMES:
            raise ValueError(
                f"`{value}` names one of an environment's stacks when domains have stacks of "
                "their own (domain_stacks); choose another name"
            )
        return value

    @model_validator(mode="wrap")
    @classmethod
    def _renamed_keys(cls, data: Any, handler: ModelWrapValidatorHandler[DomainSpec]) -> DomainSpec:
        """A renamed key is refused at its own line, naming its new name, with every other
        problem of the file reported beside it (the old key never reaches the model)."""
        if not isinstance(data, dict) or not RENAMED_KEYS.keys() & data.keys():
            return handler(data)
        errors = [
            InitErrorDetails(
                type=PydanticCustomError("renamed_key", renamed_key_message(old)),
                loc=(old,),
                input=data[old],
            )
            for old in RENAMED_KEYS
            if old in data
        ]
        try:
            handler({k: v for k, v in data.items() if k not in RENAMED_KEYS})
        except ValidationError as exc:
            errors += [_details(e) for e in exc.errors()]
        raise ValidationError.from_exception_data(cls.__name__, errors)

    def alert_endpoints(self) -> tuple[tuple[str, str], ...]:
        """(protocol, endpoint) told of the domain's failures: the owner if it is an e-mail
        address, then `alert_subscriptions`, each once, in that order."""
        emails = [self.owner] if re.fullmatch(EMAIL_PATTERN, self.owner) else []
        emails += self.alert_subscriptions.emails
        endpoints = [("email", e) for e in emails]
        endpoints += [("https", u) for u in self.alert_subscriptions.https_endpoints]
        return tuple(dict.fromkeys(endpoints))

    def prefix(self, zone_prefix: str = "") -> str:
        """The domain's key prefix in a zone bucket, optionally with a sub-prefix."""
        return f"{DOMAINS_PREFIX}/{self.name}/{zone_prefix}"


@dataclass(frozen=True)
class ResolvedDomain:
    """One domain in one environment: overrides and warehouse defaults applied.

    `warehouses_loc` is where the warehouses came from in the file (the top-level list,
    or the environment's override), so cap problems point at the right line. `unmask`
    maps each role to the categories it sees in clear, `*` expanded to the categories
    of the domain's schemas.
    """

    spec: DomainSpec
    warehouses: tuple[ResolvedWarehouse, ...]
    warehouses_loc: tuple[str | int, ...]
    unmask: Mapping[str, tuple[str, ...]]
    # The domain's data contracts that apply to the stack's environment
    # (`stacks.contracts.environments`), set by the domain loader. Defaults to none.
    contracts: tuple[LoadedContract, ...] = ()

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
        unmask=resolve_unmask(spec),
    )


def resolve_unmask(spec: DomainSpec) -> dict[str, tuple[str, ...]]:
    """Role -> the categories it sees in clear; `*` means every category of the domain."""
    own = schema_categories(spec)
    resolved = {}
    for role in DOMAIN_ROLES:
        listed = getattr(spec.unmask, role)
        categories = own if ALL_CATEGORIES in listed else tuple(dict.fromkeys(listed))
        resolved[role] = tuple(sorted(categories))
    return resolved


def schema_categories(spec: DomainSpec) -> tuple[str, ...]:
    """The PII categories of the domain's schemas, sorted and once each."""
    return tuple(sorted({s.pii_category for s in spec.schemas if s.pii_category}))
