"""Where PII lives: buckets and prefixes, Glue databases, Snowflake schemas and tags.

Read from the resources as registered, by their markers rather than by our naming:
- S3: buckets tagged `data-classification=pii`; the prefixes of those buckets that
  other resources point at (Glue crawler targets, Snowflake stage URLs); objects
  tagged pii.
- Glue: databases tagged pii, or fed by a crawler whose target is in a PII bucket
  (the database of a PII zone).
- Snowflake: tags that carry masking policies (the PII tags), their allowed
  categories and policies, and every object a tag association tags with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policies.rules.facts.tokens import (
    GLUE_CATALOG_DATABASE,
    GLUE_CRAWLER,
    S3_BUCKET,
    S3_BUCKET_OBJECT,
    S3_BUCKET_OBJECTV2,
    S3_BUCKET_REPLICATION_CONFIG,
    S3_BUCKET_V2,
    SNOWFLAKE_MASKING_POLICY,
    SNOWFLAKE_STAGE_EXTERNAL_S3,
    SNOWFLAKE_TAG,
    SNOWFLAKE_TAG_ASSOCIATION,
)
from scripts.role_graph import normalise

CLASSIFICATION = "data-classification"
PII = "pii"
BUCKET_TYPES = (S3_BUCKET, S3_BUCKET_V2)
OBJECT_TYPES = (S3_BUCKET_OBJECTV2, S3_BUCKET_OBJECT)
CRAWLER = GLUE_CRAWLER
GLUE_DATABASE = GLUE_CATALOG_DATABASE
STAGE = SNOWFLAKE_STAGE_EXTERNAL_S3
TAG = SNOWFLAKE_TAG
TAG_ASSOCIATION = SNOWFLAKE_TAG_ASSOCIATION
MASKING_POLICY = SNOWFLAKE_MASKING_POLICY

Resource = Mapping[str, Any]


def prop(r: Resource, key: str) -> Any:
    """An input, else the output of that name."""
    value = (r.get("inputs") or {}).get(key)
    return value if value is not None else (r.get("outputs") or {}).get(key)


def tags_of(r: Resource) -> dict[str, str]:
    """The resource's tags (inputs `tags`, else outputs `tagsAll`/`tags`)."""
    for source, key in (("inputs", "tags"), ("outputs", "tagsAll"), ("outputs", "tags")):
        tags = (r.get(source) or {}).get(key)
        if isinstance(tags, dict) and tags:
            return {str(k): str(v) for k, v in tags.items()}
    return {}


def is_pii(r: Resource) -> bool:
    """True when tagged `data-classification=pii`."""
    return tags_of(r).get(CLASSIFICATION) == PII


def qualified(r: Resource) -> str:
    """A Snowflake object's normalised qualified name (output, else database.schema.name)."""
    fqn = (r.get("outputs") or {}).get("fullyQualifiedName")
    if isinstance(fqn, str) and fqn:
        return normalise(fqn)
    inputs = r.get("inputs") or {}
    return ".".join(str(inputs[k]).upper() for k in ("database", "schema", "name") if inputs.get(k))


def pii_inventory(resources: list[Resource]) -> dict[str, Any]:
    """The PII section of the report."""
    buckets = {
        str(prop(r, "bucket")): r for r in resources if r["type"] in BUCKET_TYPES and is_pii(r)
    }
    tags = pii_tags(resources)
    tag_names = {t["name"] for t in tags}
    return {
        "buckets": _with_replicas(
            [_bucket_row(name, r, resources) for name, r in sorted(buckets.items())], resources
        ),
        "objects": sorted(
            f"s3://{prop(r, 'bucket')}/{prop(r, 'key')}"
            for r in resources
            if r["type"] in OBJECT_TYPES and is_pii(r)
        ),
        "glueDatabases": _glue_databases(resources, set(buckets)),
        "snowflakeTags": tags,
        "snowflakeObjects": sorted(
            (
                {
                    "objectType": str(prop(r, "objectType")),
                    "object": normalise(ident),
                    "tag": normalise(prop(r, "tagId")),
                    "category": str(prop(r, "tagValue")),
                }
                for r in resources
                if r["type"] == TAG_ASSOCIATION and normalise(prop(r, "tagId") or "") in tag_names
                for ident in prop(r, "objectIdentifiers") or []
            ),
            key=lambda row: (row["object"], row["category"]),
        ),
    }


def pii_tags(resources: list[Resource]) -> list[dict[str, Any]]:
    """The Snowflake tags carrying masking policies, with their categories and policies."""
    policies = {qualified(r): r for r in resources if r["type"] == MASKING_POLICY}
    rows = []
    for r in resources:
        attached = [normalise(p) for p in prop(r, "maskingPolicies") or []]
        if r["type"] != TAG or not attached:
            continue
        rows.append(
            {
                "name": qualified(r),
                "categories": list(
                    prop(r, "orderedAllowedValues") or prop(r, "allowedValues") or []
                ),
                "maskingPolicies": [
                    {"name": p, "dataType": _data_type(policies.get(p))} for p in attached
                ],
            }
        )
    return rows


def _data_type(policy: Resource | None) -> str:
    if policy is None:
        return "unknown (not in this stack)"
    arguments = prop(policy, "arguments") or [{}]
    return str(arguments[0].get("type") or prop(policy, "returnDataType") or "unknown")


def _bucket_row(name: str, bucket: Resource, resources: list[Resource]) -> dict[str, Any]:
    prefixes: set[str] = set()
    for r in resources:
        for path in _s3_paths(r):
            bucket_name, _, prefix = path.removeprefix("s3://").partition("/")
            if bucket_name == name and prefix:
                prefixes.add(prefix)
    return {"bucket": name, "resource": bucket["name"], "prefixes": sorted(prefixes)}


REPLICATION = S3_BUCKET_REPLICATION_CONFIG


def _with_replicas(rows: list[dict[str, Any]], resources: list[Resource]) -> list[dict[str, Any]]:
    """A replica bucket holds what its source holds: its source's prefixes, and `replicaOf`."""
    sources: dict[str, str] = {}
    for r in resources:
        if r["type"] != REPLICATION:
            continue
        for rule in prop(r, "rules") or []:
            target = (
                (rule.get("destination") or {}).get("bucket") if isinstance(rule, dict) else None
            )
            if isinstance(target, str):
                sources[target.removeprefix("arn:aws:s3:::")] = str(prop(r, "bucket"))
    by_bucket = {row["bucket"]: row for row in rows}
    for row in rows:
        source = by_bucket.get(sources.get(row["bucket"], ""))
        if source is not None:
            row["prefixes"] = sorted({*row["prefixes"], *source["prefixes"]})
            row["replicaOf"] = source["bucket"]
    return rows


def _s3_paths(r: Resource) -> list[str]:
    if r["type"] == CRAWLER:
        return [str(t.get("path", "")) for t in prop(r, "s3Targets") or [] if isinstance(t, dict)]
    if r["type"] == STAGE and isinstance(prop(r, "url"), str):
        return [prop(r, "url")]
    return []


def _glue_databases(resources: list[Resource], pii_buckets: set[str]) -> list[dict[str, Any]]:
    fed: dict[str, set[str]] = {}
    for r in resources:
        if r["type"] == CRAWLER:
            for path in _s3_paths(r):
                if path.removeprefix("s3://").partition("/")[0] in pii_buckets:
                    fed.setdefault(str(prop(r, "databaseName")), set()).add(path)
    rows = []
    for r in resources:
        if r["type"] != GLUE_DATABASE:
            continue
        name = str(prop(r, "name"))
        if is_pii(r) or name in fed:
            why = (
                "tagged data-classification=pii"
                if is_pii(r)
                else "crawls " + ", ".join(sorted(fed[name]))
            )
            rows.append({"database": name, "resource": r["name"], "why": why})
    return sorted(rows, key=lambda row: row["database"])
