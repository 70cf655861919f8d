"""What a reviewer reads in a plan: per component, its resources with their physical names and
key settings; the stack outputs; the resource tree (behind `--tree`).

Pure functions of a plan document, shared by the text and the Markdown views.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from policies.rules.facts.tokens import (
    BUDGETS_BUDGET,
    CLOUDWATCH_LOG_GROUP,
    EC2_SUBNET,
    EC2_VPC,
    GLUE_CRAWLER,
    GLUE_JOB,
    KMS_KEY,
    MWAA_ENVIRONMENT,
    PROVIDER_AWS,
    PROVIDER_SNOWFLAKE,
    PULUMI_STACK,
    S3_BUCKET,
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION,
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
    S3_BUCKET_VERSIONING,
    SECRETSMANAGER_SECRET,
    SNOWFLAKE_DATABASE,
    SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE,
    SNOWFLAKE_GRANT_PRIVILEGES_TO_DATABASE_ROLE,
    SNOWFLAKE_RESOURCE_MONITOR,
    SNOWFLAKE_SCHEMA,
    SNOWFLAKE_TAG_ASSOCIATION,
    SNOWFLAKE_WAREHOUSE,
)

STACK_TYPE = PULUMI_STACK
# The inputs that name a resource in its cloud, in the order they are tried.
_NAME_KEYS = ("name", "bucket", "identifier", "loginName", "accountRoleName", "roleName")
# Snowflake objects are named within a database and schema.
_QUALIFIERS = ("database", "schema")
# The settings a reviewer checks first, per type; dotted paths, `[0]` for a list's first item.
KEY_SETTINGS: dict[str, tuple[str, ...]] = {
    S3_BUCKET: ("forceDestroy", "objectLockEnabled"),
    S3_BUCKET_VERSIONING: ("versioningConfiguration.status",),
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION: (
        "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm",
        "rules[0].bucketKeyEnabled",
    ),
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION: (
        "rule.defaultRetention.mode",
        "rule.defaultRetention.days",
    ),
    KMS_KEY: ("enableKeyRotation", "deletionWindowInDays"),
    MWAA_ENVIRONMENT: ("environmentClass", "airflowVersion", "schedulers"),
    GLUE_JOB: ("glueVersion", "workerType", "numberOfWorkers", "timeout"),
    GLUE_CRAWLER: ("schedule",),
    SECRETSMANAGER_SECRET: ("recoveryWindowInDays",),
    CLOUDWATCH_LOG_GROUP: ("retentionInDays",),
    EC2_VPC: ("cidrBlock",),
    EC2_SUBNET: ("cidrBlock", "availabilityZone"),
    BUDGETS_BUDGET: ("limitAmount", "timeUnit"),
    PROVIDER_AWS: ("region",),
    PROVIDER_SNOWFLAKE: ("role",),
    SNOWFLAKE_WAREHOUSE: (
        "warehouseSize",
        "autoSuspend",
        "maxClusterCount",
        "resourceMonitor",
    ),
    SNOWFLAKE_RESOURCE_MONITOR: ("creditQuota", "frequency"),
    SNOWFLAKE_DATABASE: ("dataRetentionTimeInDays",),
    SNOWFLAKE_SCHEMA: ("dataRetentionTimeInDays", "withManagedAccess"),
    SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE: ("privileges",),
    SNOWFLAKE_GRANT_PRIVILEGES_TO_DATABASE_ROLE: ("privileges",),
    SNOWFLAKE_TAG_ASSOCIATION: ("objectType", "tagValue"),
}
# Any type: where the data is encrypted with.
_ANY_TYPE = ("kmsKeyId", "kmsMasterKeyId")


@dataclass(frozen=True)
class Row:
    """One resource of a component table."""

    name: str
    type: str
    physical: str
    settings: str


@dataclass(frozen=True)
class ComponentTable:
    """A component (or the stack itself, for resources directly under it) and its resources."""

    type: str
    name: str
    rows: tuple[Row, ...]


def component_tables(document: dict[str, Any]) -> list[ComponentTable]:
    """One table per component that holds cloud resources, in URN order."""
    by_urn = {r["urn"]: r for r in document["resources"]}
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in document["resources"]:
        if r["custom"]:
            members[r["parent"] if r["parent"] in by_urn else ""].append(r)
    tables = []
    for urn, resources in sorted(members.items()):
        owner = by_urn.get(urn)
        tables.append(
            ComponentTable(
                type=owner["type"] if owner else STACK_TYPE,
                name=owner["name"] if owner else document["stack"],
                rows=tuple(_row(r) for r in resources),
            )
        )
    return tables


def _row(resource: dict[str, Any]) -> Row:
    return Row(resource["name"], resource["type"], physical_name(resource), key_settings(resource))


def physical_name(resource: dict[str, Any]) -> str:
    """The resource's name in its cloud (`bucket/key` for objects), or "" when it has none."""
    inputs = resource["inputs"]
    if isinstance(inputs.get("bucket"), str) and isinstance(inputs.get("key"), str):
        return f"{inputs['bucket']}/{inputs['key']}"
    for key in _NAME_KEYS:
        value = inputs.get(key)
        if isinstance(value, str) and value:
            parts = [inputs[q] for q in _QUALIFIERS if isinstance(inputs.get(q), str)]
            return ".".join([*parts, value]) if key == "name" else value
    return ""


def key_settings(resource: dict[str, Any]) -> str:
    """`key=value` of the type's key settings that are set, then the protect/retain flags."""
    pairs = []
    for path in (*KEY_SETTINGS.get(resource["type"], ()), *_ANY_TYPE):
        value = _at(resource["inputs"], path)
        if value is not None:
            pairs.append(f"{path.rsplit('.', 1)[-1]}={_compact(value)}")
    if resource["protect"]:
        pairs.append("protect")
    if resource["retainOnDelete"]:
        pairs.append("retain")
    return " ".join(pairs)


def _at(value: Any, path: str) -> Any:
    for part in path.split("."):
        index = None
        if part.endswith("[0]"):
            part, index = part[:-3], 0
        value = value.get(part) if isinstance(value, dict) else None
        if index is not None:
            value = value[0] if isinstance(value, list) and value else None
    return value


def _compact(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_compact(v) for v in value)
    text = str(value)
    if text.startswith("arn:aws:kms:") and ":key/" in text:
        return "key/" + text.rsplit("/", 1)[-1][:8] + "…"
    return text


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return json.dumps(value) if isinstance(value, bool | dict) or value is None else str(value)


def short_name(name: str, component: str) -> str:
    """A resource's logical name inside its component's table: `…-rest` when it starts with
    the component's name and a dash (the table's heading already says it)."""
    prefix = component + "-"
    return "…" + name[len(prefix) - 1 :] if name.startswith(prefix) else name


def output_lines(outputs: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    """(dotted key, value) of every stack output, nested objects flattened, sorted by key."""
    pairs: list[tuple[str, str]] = []
    for key in sorted(outputs):
        value = outputs[key]
        if isinstance(value, dict) and value:
            pairs += output_lines(value, f"{prefix}{key}.")
        else:
            pairs.append((f"{prefix}{key}", _plain(value)))
    return pairs


def tree_lines(document: dict[str, Any]) -> list[str]:
    """The resource tree, children under their parents, with protection flags."""
    children: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    urns = {r["urn"] for r in document["resources"]}
    for r in document["resources"]:
        children[r["parent"] if r["parent"] in urns else None].append(r)
    lines: list[str] = []

    def walk(parent: str | None, indent: str) -> None:
        kids = children.get(parent, [])
        for i, r in enumerate(kids):
            last = i == len(kids) - 1
            flags = "".join(
                f" [{flag}]"
                for flag, on in (("protect", r["protect"]), ("retain", r["retainOnDelete"]))
                if on
            )
            branch = "" if parent is None else ("└─ " if last else "├─ ")
            lines.append(f"{indent}{branch}{r['type']}  {r['name']}{flags}")
            walk(r["urn"], indent + ("" if parent is None else ("   " if last else "│  ")))

    walk(None, "")
    return lines
