"""The typed model of a stack's `data-platform:platform` config object.

Every stack file (`stacks/Pulumi.<stack>.yaml`) holds one `data-platform:platform`
object. It is parsed here, once, into `PlatformConfig` (what the file says), then
resolved by `stacks.resolve` into `ResolvedPlatform` (what the stack creates): the
environment (dev, staging, prod) decides every unset value, from one table per section
(`ENVIRONMENT_DEFAULTS` here for the lake, keys and protection); a value set in the
file wins over it. The resolved values are then checked, and a few are refused outright
where they would be unsafe (force-destroy outside dev, an unprotected prod).

Provider credentials (Snowflake keys, tokens) are not part of this model: they stay
`secure:` values in the stack file and are read where the providers are built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from policies.rules.facts.classifications import DataClassification as Classification
from stacks.alerts_config import AlertsConfig
from stacks.model import AWS_REGION_PATTERN, StrictModel, unique_names
from stacks.orchestration_config import OrchestrationConfig
from stacks.snowflake_config import SnowflakeConfig
from vocabulary.s3_buckets import S3_RESERVED_BUCKET_PREFIXES

Environment = Literal["dev", "staging", "prod"]
DataClassification = Classification
StorageClass = Literal[
    "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"
]
ObjectLockMode = Literal["GOVERNANCE", "COMPLIANCE"]

# S3 rejects transitions to the infrequent-access classes earlier than 30 days.
_MIN_TRANSITION_DAYS = {"STANDARD_IA": 30, "ONEZONE_IA": 30}
# Characters AWS accepts in tag values (owner and cost centre become tag values).
_TAG_VALUE = r"^[A-Za-z0-9 _.:/=+\-@]{1,256}$"
_IAM_ROLE_ARN = re.compile(r"^arn:aws:iam::(\d{12}):role/[\w+=,.@/-]{1,512}$")
# A role ARN, or a pattern of them (`*`, `?`): SSO roles carry a generated suffix and a
# path (`aws-reserved/sso.amazonaws.com/<region>/`).
_IAM_ROLE_ARN_PATTERN = re.compile(r"^arn:aws:iam::(\d{12}):role/[\w+=,.@/*?-]{1,512}$")


@dataclass(frozen=True)
class EnvironmentDefaults:
    """What an environment implies when the stack file does not say otherwise."""

    protect: bool
    retain_on_delete: bool
    force_destroy: bool
    noncurrent_version_days: int
    access_log_days: int
    incomplete_multipart_upload_days: int
    kms_deletion_window_days: int
    replicated_zones: tuple[str, ...]


ENVIRONMENT_DEFAULTS: dict[str, EnvironmentDefaults] = {
    "dev": EnvironmentDefaults(
        protect=False,
        retain_on_delete=False,
        force_destroy=True,
        noncurrent_version_days=7,
        access_log_days=30,
        incomplete_multipart_upload_days=3,
        kms_deletion_window_days=7,
        replicated_zones=(),
    ),
    "staging": EnvironmentDefaults(
        protect=False,
        retain_on_delete=False,
        force_destroy=False,
        noncurrent_version_days=30,
        access_log_days=90,
        incomplete_multipart_upload_days=7,
        kms_deletion_window_days=14,
        replicated_zones=(),
    ),
    "prod": EnvironmentDefaults(
        protect=True,
        retain_on_delete=True,
        force_destroy=False,
        noncurrent_version_days=90,
        access_log_days=365,
        incomplete_multipart_upload_days=7,
        kms_deletion_window_days=30,
        # Curated is what consumers read and cannot be rebuilt from a single zone; zones
        # marked `replicate: true` (critical) replicate too.
        replicated_zones=("curated",),
    ),
}

# The replica region when `lake.replica_region` is unset: the nearest region of the same
# jurisdiction (EU data stays in the EU). A region missing here must set it explicitly.
REPLICA_REGION_DEFAULTS: dict[str, str] = {
    "eu-west-1": "eu-central-1",
    "eu-central-1": "eu-west-1",
    "eu-west-2": "eu-west-1",
    "eu-west-3": "eu-central-1",
    "eu-north-1": "eu-central-1",
    "us-east-1": "us-west-2",
    "us-east-2": "us-west-2",
    "us-west-2": "us-east-1",
}


Days = Annotated[int, Field(ge=1, le=36500)]


class TransitionConfig(StrictModel):
    """Move current objects to a cheaper storage class after `days`."""

    days: Annotated[int, Field(ge=0, le=36500)]
    """Days after creation when objects move to the storage class."""
    storage_class: StorageClass
    """The S3 storage class objects move to."""

    @model_validator(mode="after")
    def _minimum_days(self) -> TransitionConfig:
        minimum = _MIN_TRANSITION_DAYS.get(self.storage_class, 0)
        if self.days < minimum:
            raise ValueError(
                f"S3 needs at least {minimum} days before a transition to "
                f"{self.storage_class}; got {self.days}"
            )
        return self


class ObjectLockConfig(StrictModel):
    """Default object-lock retention of a zone (WORM). Enabling it forces a new bucket."""

    mode: ObjectLockMode
    """GOVERNANCE (privileged users may override) or COMPLIANCE (no one may)."""
    days: Days
    """How long each object version stays locked."""


class ZoneConfig(StrictModel):
    """One lake zone: a bucket with its own KMS key, classification and lifecycle.

    `name` is 1-16 lowercase letters or digits: it names the zone's bucket, Glue database
    and Snowflake database, and no hyphen or underscore suits all three.

    `replicate: true` marks a zone critical: it is replicated to `lake.replica_region`.
    Unset, the environment decides (prod replicates curated; dev and staging nothing).
    """

    # Letters and digits only: the name is part of a bucket name (no `_`), and of a
    # Glue and a Snowflake database name (no `-`; a zone is also a `snowflake` database).
    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9]{0,15}$")]
    """The zone's name (1-16 lowercase letters or digits): it names its bucket, Glue database
    and Snowflake database."""
    data_classification: DataClassification
    """The data-classification tag of the zone's resources: public, internal, confidential or
    pii."""
    transitions: tuple[TransitionConfig, ...] = ()
    """Storage-class transitions of current objects, by strictly increasing days."""
    expiration_days: Days | None = None
    """Days after which current objects expire; after the last transition. Unset: never."""
    object_lock: ObjectLockConfig | None = None
    """Default object-lock (WORM) retention; setting it forces a new bucket."""
    enable_deny_unencrypted_uploads: bool = False
    """Refuse uploads that do not ask for SSE-KMS encryption in the bucket policy."""
    replicate: bool | None = None
    """Replicate the zone to the replica region; unset, the environment decides (prod
    replicates curated)."""

    @model_validator(mode="after")
    def _lifecycle_is_ordered(self) -> ZoneConfig:
        days = [t.days for t in self.transitions]
        if days != sorted(set(days)):
            raise ValueError(
                f"zone [{self.name}]: transitions must have strictly increasing days; got {days}"
            )
        if self.expiration_days is not None and days and self.expiration_days <= days[-1]:
            raise ValueError(
                f"zone [{self.name}]: expiration_days ({self.expiration_days}) must come after "
                f"the last transition ({days[-1]} days)"
            )
        return self


def _default_zones() -> tuple[ZoneConfig, ...]:
    return (
        ZoneConfig(name="raw", data_classification="pii"),
        ZoneConfig(name="staged", data_classification="confidential"),
        ZoneConfig(name="curated", data_classification="internal"),
    )


class RetentionConfig(StrictModel):
    """Retention overrides; each unset value comes from the environment's defaults."""

    noncurrent_version_days: Days | None = None
    """Days noncurrent object versions are kept; unset, the environment's."""
    access_log_days: Days | None = None
    """Days S3 access logs are kept; unset, the environment's."""
    incomplete_multipart_upload_days: Days | None = None
    """Days before incomplete multipart uploads are aborted; unset, the environment's."""


class LakeConfig(StrictModel):
    """The S3 data lake: its zones (raw, staged, curated by default) and retention.

    `replica_region` is where replicated zones are copied to; unset, it comes from
    `REPLICA_REGION_DEFAULTS` for the stack's region. It must differ from the region.
    """

    zones: tuple[ZoneConfig, ...] = Field(default_factory=_default_zones)
    """The lake zones, each a bucket with its own key (default: raw, staged, curated)."""
    retention: RetentionConfig = RetentionConfig()
    """Retention overrides of noncurrent versions, access logs and incomplete uploads."""
    replica_region: Annotated[str, Field(pattern=AWS_REGION_PATTERN)] | None = None
    """Where replicated zones are copied to; unset, the default replica region of the stack's
    region."""

    @field_validator("zones")
    @classmethod
    def _unique_zone_names(cls, zones: tuple[ZoneConfig, ...]) -> tuple[ZoneConfig, ...]:
        if not zones:
            raise ValueError(
                "at least one zone is required (or omit `zones` for raw, staged, curated)"
            )
        unique_names(zones, "zone")
        return zones


class KmsConfig(StrictModel):
    """Who may administer and use the platform's customer-managed keys, beyond the root."""

    key_administrator_arns: tuple[str, ...] = ()
    """IAM role ARNs that administer the keys (besides the account root and the deployers)."""
    key_user_arns: tuple[str, ...] = ()
    """IAM role ARNs that may encrypt and decrypt with the keys."""
    deletion_window_days: Annotated[int, Field(ge=7, le=30)] | None = None
    """Days (7-30) a deleted key waits before it is destroyed; unset, the environment's."""

    @field_validator("key_administrator_arns", "key_user_arns")
    @classmethod
    def _role_arns(cls, arns: tuple[str, ...]) -> tuple[str, ...]:
        bad = [a for a in arns if not _IAM_ROLE_ARN.match(a)]
        if bad:
            raise ValueError(
                "expected IAM role ARNs (arn:aws:iam::<12-digit account>:role/<name>); "
                f"got {', '.join(bad)}"
            )
        return arns


def _deployer_patterns(values: tuple[str, ...]) -> tuple[str, ...]:
    bad = [v for v in values if not _IAM_ROLE_ARN_PATTERN.match(v)]
    if bad:
        raise ValueError(
            "expected IAM role ARNs or patterns (arn:aws:iam::<12-digit account>:role/<name>, "
            f"`*` and `?` allowed in the name); got {', '.join(bad)}"
        )
    return values


class ProtectionConfig(StrictModel):
    """Explicit overrides of the environment's protection defaults."""

    protect: bool | None = None
    """Pulumi `protect` on stateful resources; unset, the environment's."""
    retain_on_delete: bool | None = None
    """Pulumi `retainOnDelete` on stateful resources; unset, the environment's."""
    force_destroy: bool | None = None
    """Let `pulumi destroy` empty non-empty buckets; unset, the environment's."""


class PlatformConfig(StrictModel):
    """The whole `data-platform:platform` object of one stack.

    `deployers` names the principals that run `pulumi up` and `refresh` for the stack
    (the CI role assumed through OIDC, an SSO administrator role): IAM role ARNs or
    ARN patterns of this account. Every deny-by-default document (secret policies) lets
    them through, and every key policy lets them manage and use the key, since Pulumi
    reads secret values back on create and refresh (pulumi/pulumi-aws#1751).

    `name_prefix` starts every physical name: lowercase letters and digits in words joined
    by single hyphens. Bucket names collapse a run of hyphens and Snowflake and Glue names
    turn it into one `_`, so `acme--dp` would name the same objects as `acme-dp`. Nor may
    it start bucket names with a prefix S3 reserves (`sthree-`, `amzn-s3-demo-`).
    """

    environment: Environment
    """Which environment the stack is: it picks every per-environment default (protection,
    retention, sizes, caps)."""
    account_id: Annotated[str, Field(pattern=r"^\d{12}$")]
    """The 12-digit AWS account the stack deploys into; it appears in every ARN."""
    region: Annotated[str, Field(pattern=AWS_REGION_PATTERN)]
    """The AWS region of the stack (eu-west-1)."""
    name_prefix: Annotated[
        str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", min_length=2, max_length=20)
    ]
    """Starts every physical name (buckets, keys, databases): lowercase words joined by single
    hyphens, 2-20 characters."""
    owner: Annotated[str, Field(pattern=_TAG_VALUE)]
    """The owning team's contact, written into the `owner` tag of every resource."""
    cost_center: Annotated[str, Field(pattern=_TAG_VALUE)]
    """The cost center written into the `cost-center` tag of every resource."""
    deployers: Annotated[tuple[str, ...], Field(min_length=1)]
    """IAM role ARNs or ARN patterns (`*`, `?` in the name) that run `pulumi up` and `refresh`;
    key and secret policies let them through."""
    lake: LakeConfig = LakeConfig()
    """The S3 data lake: its zones, retention and replica region."""
    kms: KmsConfig = KmsConfig()
    """Who administers and uses the customer-managed KMS keys, and their deletion window."""
    protection: ProtectionConfig = ProtectionConfig()
    """Overrides of the environment's protect, retain-on-delete and force-destroy defaults."""
    snowflake: SnowflakeConfig | None = None
    """The Snowflake account's warehouses, databases, roles and service users; omitted, the
    stack has no Snowflake side."""
    orchestration: OrchestrationConfig | None = None
    """Airflow (MWAA), its network, Glue and the Snowflake ingest sources; omitted, none is
    created."""
    alerts: AlertsConfig = AlertsConfig()
    """Who the stack's alerts reach, its monthly budget and the alarm thresholds."""
    domain_stacks: bool = False
    """True: each data domain lives in a stack of its own (project `data-platform-domain`,
    stack `<env>.<domain>`) and each zone bucket's notifications in the edges stack (project
    `data-platform-edges`), run by `dataplat up --env`; false: every domain lives in this
    stack. Flipping it moves state: docs/runbooks/migrate-domain-stacks.md."""

    @field_validator("deployers")
    @classmethod
    def _deployers(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _deployer_patterns(values)

    @field_validator("name_prefix")
    @classmethod
    def _bucket_safe_prefix(cls, value: str) -> str:
        # Every bucket name starts with `<name_prefix>-<environment>-`.
        reserved = [p for p in S3_RESERVED_BUCKET_PREFIXES if f"{value}-".startswith(p)]
        if reserved:
            raise ValueError(
                f"every bucket name would start with {reserved[0]}, which S3 reserves; "
                f"reserved: {', '.join(S3_RESERVED_BUCKET_PREFIXES)}"
            )
        return value
