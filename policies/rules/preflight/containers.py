"""Which resources name their container, by which property, and how the container is known.

A resource that names its container (bucket, role, topic, secret, database, schema,
stage, ...) by a plain value has no dependency on it: the engine may run its create
step first, and the provider's call fails (NoSuchBucket, NoSuchEntity, "Schema does
not exist or not authorized"). Each row says how a referrer names its container
(a property path, or a function for values built from several properties) and by
which of the container's properties or outputs the name is matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..aws.s3_resources import (
    ACLS,
    BUCKETS,
    ENCRYPTION,
    LIFECYCLE,
    LOGGING,
    OBJECT_LOCK,
    OWNERSHIP_CONTROLS,
    POLICIES,
    PUBLIC_ACCESS_BLOCKS,
    REPLICATION,
    VERSIONING,
)
from ..core.view import ResourceView
from ..facts.tokens import (
    CLOUDWATCH_EVENT_RULE,
    CLOUDWATCH_EVENT_TARGET,
    CLOUDWATCH_LOG_GROUP,
    EC2_FLOW_LOG,
    GLUE_CATALOG_DATABASE,
    GLUE_CRAWLER,
    GLUE_JOB,
    GLUE_SECURITY_CONFIGURATION,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    KMS_ALIAS,
    KMS_KEY,
    S3_BUCKET_NOTIFICATION,
    S3_BUCKET_OBJECT,
    S3_BUCKET_OBJECTV2,
    SECRETSMANAGER_SECRET,
    SECRETSMANAGER_SECRET_POLICY,
    SECRETSMANAGER_SECRET_VERSION,
    SNS_TOPIC,
    SNS_TOPIC_POLICY,
    SNS_TOPIC_SUBSCRIPTION,
)
from ..snowflake.identifiers import EXTERNAL_STAGES, INTEGRATIONS, USERS, WAREHOUSE, ident

OBJECTS = (S3_BUCKET_OBJECTV2, S3_BUCKET_OBJECT)
NOTIFICATIONS = (S3_BUCKET_NOTIFICATION,)
ROLE = (IAM_ROLE,)
TOPIC = (SNS_TOPIC,)
SECRET = (SECRETSMANAGER_SECRET,)
KEY = (KMS_KEY,)
EVENT_RULE = (CLOUDWATCH_EVENT_RULE,)
GLUE_DATABASE = (GLUE_CATALOG_DATABASE,)
GLUE_SECURITY = (GLUE_SECURITY_CONFIGURATION,)
LOG_GROUP = (CLOUDWATCH_LOG_GROUP,)

SF = "snowflake:index/{0}:{1}"
DATABASE = (SF.format("database", "Database"),)
SCHEMA = (SF.format("schema", "Schema"),)
ACCOUNT_ROLE = (SF.format("accountRole", "AccountRole"), SF.format("role", "Role"))
DATABASE_ROLE = (SF.format("databaseRole", "DatabaseRole"),)
TABLE = (SF.format("table", "Table"),)
TAG = (SF.format("tag", "Tag"),)
RESOURCE_MONITOR = (SF.format("resourceMonitor", "ResourceMonitor"),)
NETWORK_POLICY = (SF.format("networkPolicy", "NetworkPolicy"),)
AUTHENTICATION_POLICY = (SF.format("authenticationPolicy", "AuthenticationPolicy"),)
MASKING_POLICY = (SF.format("maskingPolicy", "MaskingPolicy"),)
PIPE = (SF.format("pipe", "Pipe"),)
IN_SCHEMA = (
    PIPE
    + TABLE
    + TAG
    + MASKING_POLICY
    + AUTHENTICATION_POLICY
    + EXTERNAL_STAGES
    + (SF.format("view", "View"), SF.format("fileFormat", "FileFormat"))
)
GRANT_TO_DATABASE_ROLE = (
    SF.format("grantPrivilegesToDatabaseRole", "GrantPrivilegesToDatabaseRole"),
)
GRANT_TO_ACCOUNT_ROLE = (SF.format("grantPrivilegesToAccountRole", "GrantPrivilegesToAccountRole"),)
GRANT_DATABASE_ROLE = (SF.format("grantDatabaseRole", "GrantDatabaseRole"),)
GRANT_ACCOUNT_ROLE = (SF.format("grantAccountRole", "GrantAccountRole"),)
GRANTS = GRANT_TO_DATABASE_ROLE + GRANT_TO_ACCOUNT_ROLE
# The account objects a grant names by `onAccountObject.objectName`, by `objectType`.
ACCOUNT_OBJECTS = {
    "DATABASE": DATABASE,
    "WAREHOUSE": (WAREHOUSE,),
    "INTEGRATION": INTEGRATIONS,
    "RESOURCE MONITOR": RESOURCE_MONITOR,
    "USER": USERS,
}
# `@"DB"."SCHEMA"."STAGE"` (or unquoted parts) in a COPY statement.
_STAGE_IN_COPY = re.compile(r'@((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*)){2})')

Values = Callable[[ResourceView], Iterator[object]]


@dataclass(frozen=True)
class ContainerRef:
    """One way a resource names its container.

    `where` labels the referrer's property in messages; `values` reads what it names
    (defaults to the property at `where`); `identity` lists the container's
    properties/outputs that match; `snowflake` compares names the way Snowflake does.
    """

    referrers: tuple[str, ...]
    where: str
    containers: tuple[str, ...]
    identity: tuple[str, ...]
    noun: str
    values: Values | None = None
    snowflake: bool = False

    def named(self, view: ResourceView) -> Iterator[object]:
        """Whatever `view` names its container by (plain, unknown or absent)."""
        if self.values is not None:
            yield from self.values(view)
        else:
            yield view.get(self.where)

    def key(self, value: str) -> str:
        """The comparable form of a name."""
        return ident(value) if self.snowflake else value


def _at(*paths: str) -> Values:
    def values(view: ResourceView) -> Iterator[object]:
        for path in paths:
            yield view.get(path)

    return values


def _qualified(*paths: str) -> Values:
    """`"DB"."SCHEMA"` built from several properties (absent when one part is)."""

    def values(view: ResourceView) -> Iterator[object]:
        parts = [view.get(p) for p in paths]
        if all(isinstance(p, str) for p in parts):
            yield ".".join(f'"{ident(p)}"' for p in parts)

    return values


def _stages_in_copy(view: ResourceView) -> Iterator[object]:
    statement = view.get("copyStatement")
    if isinstance(statement, str):
        yield from _STAGE_IN_COPY.findall(statement)


def _of_kind(kind: str, kind_path: str, path: str) -> Values:
    """The value(s) at `path` when the referrer's `kind_path` is `kind`."""

    def values(view: ResourceView) -> Iterator[object]:
        if str(view.get(kind_path, "")).upper() == kind:
            value = view.get(path)
            yield from value if isinstance(value, list) else [value]

    return values


def replica_buckets(view: ResourceView) -> Iterator[object]:
    """The destination bucket ARN of each rule of a replication configuration."""
    rules = view.get("rules")
    for rule in rules if isinstance(rules, list) else []:
        if isinstance(rule, dict):
            yield (rule.get("destination") or {}).get("bucket")


def _bucket(referrers: tuple[str, ...], where: str = "bucket") -> ContainerRef:
    return ContainerRef(referrers, where, BUCKETS, ("bucket", "id"), "bucket")


def _in_schema(referrers: tuple[str, ...]) -> list[ContainerRef]:
    """An object created in a schema names its database and its schema."""
    return [
        ContainerRef(referrers, "database", DATABASE, ("name",), "database", snowflake=True),
        ContainerRef(
            referrers,
            "database/schema",
            SCHEMA,
            ("fullyQualifiedName",),
            "schema",
            _qualified("database", "schema"),
            snowflake=True,
        ),
    ]


_SCHEMA_PATHS = (
    "onSchema.schemaName",
    "onSchemaObject.all.inSchema",
    "onSchemaObject.future.inSchema",
)
_NAMED_BY_FQN = ("fullyQualifiedName",)

CONTAINER_REFS: tuple[ContainerRef, ...] = (
    # S3: objects and every split configuration of a bucket name it by `bucket`.
    _bucket(OBJECTS),
    _bucket(
        ENCRYPTION
        + PUBLIC_ACCESS_BLOCKS
        + OWNERSHIP_CONTROLS
        + VERSIONING
        + LOGGING
        + POLICIES
        + LIFECYCLE
        + OBJECT_LOCK
        + ACLS
        + NOTIFICATIONS
        + REPLICATION
    ),
    _bucket(LOGGING, "targetBucket"),
    # Replication names its role and each destination bucket by ARN.
    ContainerRef(REPLICATION, "role", ROLE, ("arn",), "role"),
    ContainerRef(
        REPLICATION,
        "rules[].destination.bucket",
        BUCKETS,
        ("arn",),
        "bucket",
        replica_buckets,
    ),
    # IAM, SNS, Secrets Manager, KMS, EventBridge, Glue
    ContainerRef(
        (IAM_ROLE_POLICY, IAM_ROLE_POLICY_ATTACHMENT),
        "role",
        ROLE,
        ("name", "id"),
        "role",
    ),
    ContainerRef((SNS_TOPIC_POLICY,), "arn", TOPIC, ("arn",), "topic"),
    ContainerRef((SNS_TOPIC_SUBSCRIPTION,), "topic", TOPIC, ("arn",), "topic"),
    ContainerRef((SECRETSMANAGER_SECRET_POLICY,), "secretArn", SECRET, ("arn",), "secret"),
    ContainerRef(
        (SECRETSMANAGER_SECRET_VERSION,),
        "secretId",
        SECRET,
        ("arn", "id", "name"),
        "secret",
    ),
    ContainerRef((KMS_ALIAS,), "targetKeyId", KEY, ("keyId", "arn", "id"), "key"),
    ContainerRef((CLOUDWATCH_EVENT_TARGET,), "rule", EVENT_RULE, ("name",), "rule"),
    ContainerRef((GLUE_CRAWLER,), "databaseName", GLUE_DATABASE, ("name",), "Glue database"),
    ContainerRef(
        (GLUE_CRAWLER, GLUE_JOB),
        "securityConfiguration",
        GLUE_SECURITY,
        ("name",),
        "security configuration",
    ),
    ContainerRef((EC2_FLOW_LOG,), "logDestination", LOG_GROUP, ("arn",), "log group"),
    # Snowflake: objects in a database or schema, and what they attach to
    ContainerRef(
        SCHEMA + DATABASE_ROLE, "database", DATABASE, ("name",), "database", snowflake=True
    ),
    *_in_schema(IN_SCHEMA),
    ContainerRef(
        PIPE,
        "copyStatement",
        EXTERNAL_STAGES,
        _NAMED_BY_FQN,
        "stage",
        _stages_in_copy,
        snowflake=True,
    ),
    ContainerRef(
        EXTERNAL_STAGES,
        "storageIntegration",
        INTEGRATIONS,
        ("name",),
        "storage integration",
        snowflake=True,
    ),
    ContainerRef(
        (WAREHOUSE,),
        "resourceMonitor",
        RESOURCE_MONITOR,
        ("name",),
        "resource monitor",
        snowflake=True,
    ),
    ContainerRef(
        USERS, "networkPolicy", NETWORK_POLICY, ("name",), "network policy", snowflake=True
    ),
    ContainerRef(
        (SF.format("userAuthenticationPolicyAttachment", "UserAuthenticationPolicyAttachment"),),
        "userName",
        USERS,
        ("name",),
        "user",
        snowflake=True,
    ),
    ContainerRef(
        (SF.format("userAuthenticationPolicyAttachment", "UserAuthenticationPolicyAttachment"),),
        "authenticationPolicyName",
        AUTHENTICATION_POLICY,
        _NAMED_BY_FQN,
        "authentication policy",
        snowflake=True,
    ),
    ContainerRef(
        (SF.format("tagAssociation", "TagAssociation"),),
        "tagId",
        TAG,
        _NAMED_BY_FQN,
        "tag",
        snowflake=True,
    ),
    # Snowflake grants: the role granted to, the role granted, the object granted on
    ContainerRef(
        GRANT_TO_DATABASE_ROLE + GRANT_DATABASE_ROLE,
        "databaseRoleName",
        DATABASE_ROLE,
        _NAMED_BY_FQN,
        "database role",
        snowflake=True,
    ),
    ContainerRef(
        GRANT_DATABASE_ROLE,
        "parentDatabaseRoleName",
        DATABASE_ROLE,
        _NAMED_BY_FQN,
        "database role",
        snowflake=True,
    ),
    ContainerRef(
        GRANT_TO_ACCOUNT_ROLE,
        "accountRoleName",
        ACCOUNT_ROLE,
        ("name",),
        "account role",
        snowflake=True,
    ),
    ContainerRef(
        GRANT_ACCOUNT_ROLE + GRANT_DATABASE_ROLE,
        "parentRoleName",
        ACCOUNT_ROLE,
        ("name",),
        "account role",
        snowflake=True,
    ),
    ContainerRef(
        GRANT_ACCOUNT_ROLE, "roleName", ACCOUNT_ROLE, ("name",), "account role", snowflake=True
    ),
    ContainerRef(GRANT_ACCOUNT_ROLE, "userName", USERS, ("name",), "user", snowflake=True),
    ContainerRef(
        GRANTS,
        "onSchema / inSchema",
        SCHEMA,
        _NAMED_BY_FQN,
        "schema",
        _at(*_SCHEMA_PATHS),
        snowflake=True,
    ),
    ContainerRef(
        GRANT_TO_DATABASE_ROLE, "onDatabase", DATABASE, ("name",), "database", snowflake=True
    ),
    *(
        ContainerRef(
            GRANT_TO_ACCOUNT_ROLE,
            "onAccountObject.objectName",
            types,
            ("name",),
            kind.lower(),
            _of_kind(kind, "onAccountObject.objectType", "onAccountObject.objectName"),
            snowflake=True,
        )
        for kind, types in ACCOUNT_OBJECTS.items()
    ),
    *(
        ContainerRef(
            (SF.format("tagAssociation", "TagAssociation"),),
            "objectIdentifiers",
            types,
            _NAMED_BY_FQN,
            kind.lower(),
            _of_kind(kind, "objectType", "objectIdentifiers"),
            snowflake=True,
        )
        for kind, types in (("DATABASE", DATABASE), ("SCHEMA", SCHEMA), ("TABLE", TABLE))
    ),
)
