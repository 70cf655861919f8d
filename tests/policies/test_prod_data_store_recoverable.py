"""prod-data-store-recoverable: every prod store of data has a recovery path."""

from __future__ import annotations

from typing import Any

from policies.rules.core.view import ResourceView
from scripts.plan.policy import views
from tests.policies.helpers import bucket_parts, failing, run, view

RULE = "prod-data-store-recoverable"
REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig"
DATABASE = "snowflake:index/database:Database"


def _unlocked(name: str, **override: dict[str, Any]) -> list[ResourceView]:
    return [
        _in(v, "eu-west-1")
        for v in bucket_parts(name, omit=("BucketObjectLockConfiguration",), **override)
    ]


def _in(resource: ResourceView, region: str) -> ResourceView:
    """The resource on a provider of `region`."""
    return ResourceView(**{**resource.__dict__, "provider_props": {"region": region}})


def _replicated(name: str, to: str, replica_region: str | None) -> list[ResourceView]:
    replica = _unlocked(to)
    if replica_region:
        replica = [
            ResourceView(**{**v.__dict__, "props": {**v.props, "region": replica_region}})
            for v in replica
        ]
    config = view(
        REPLICATION,
        f"{name}-replication",
        {
            "bucket": f"{name}-physical",
            "role": "arn:aws:iam::111122223333:role/replication",
            "rules": [
                {
                    "id": "all",
                    "status": "Enabled",
                    "destination": {"bucket": f"arn:aws:s3:::{to}-physical"},
                }
            ],
        },
    )
    return [*_unlocked(name), *replica, config]


def test_locked_and_cross_region_replicated_buckets_pass_and_replicas_are_exempt():
    resources = [
        *[_in(v, "eu-west-1") for v in bucket_parts("locked")],
        *_replicated("curated", "curated-replica", "eu-central-1"),
        view(DATABASE, "db", {"name": "DB", "dataRetentionTimeInDays": 7}),
    ]
    assert failing(RULE, resources) == set()


def test_a_versioned_bucket_without_lock_or_replication_fails():
    assert failing(RULE, _unlocked("staged")) == {"staged"}


def test_an_unversioned_bucket_fails_even_when_locked():
    resources = bucket_parts("x", omit=("BucketVersioning",))
    (result,) = [r for r in run(RULE, resources) if r.status == "violation"]
    assert "no versioning" in result.message


def test_replication_within_the_same_region_fails():
    resources = _replicated("curated", "curated-copy", None)
    (result,) = [r for r in run(RULE, resources) if r.status == "violation"]
    assert result.name == "curated" and "only within eu-west-1" in result.message


def test_a_disabled_replication_rule_is_no_recovery_path():
    resources = _replicated("curated", "curated-replica", "eu-central-1")
    config = resources[-1]
    rules = [{**config.props["rules"][0], "status": "Disabled"}]
    resources[-1] = ResourceView(**{**config.__dict__, "props": {**config.props, "rules": rules}})
    assert failing(RULE, resources) == {"curated", "curated-replica"}


def test_an_access_log_target_is_exempt():
    logs = view("aws:s3/bucket:Bucket", "logs", {"bucket": "logs-physical"})
    # The zone's access logging delivers into logs-physical.
    assert failing(RULE, [logs, *_unlocked("zone")]) == {"zone"}


def test_a_snowflake_database_without_time_travel_fails():
    resources = [
        view(DATABASE, "zero", {"name": "ZERO", "dataRetentionTimeInDays": 0}),
        view(DATABASE, "unset", {"name": "UNSET"}),
    ]
    assert failing(RULE, resources) == {"zero", "unset"}


def test_the_rule_is_off_outside_prod():
    assert failing(RULE, _unlocked("staged"), stack="dev") == set()


def test_the_prod_plan_without_its_suppressions_fails_only_the_suppressed_stores(plans):
    """raw and curated replicate; staged and the DAG bucket are suppressed in
    stacks/policy.prod.json with their reasons, and nothing else lacks a recovery path."""
    suppressed = {"data-platform-lake-staged", "data-platform-orchestration-airflow-dags"}
    assert failing(RULE, views(plans["prod"])) == suppressed
    assert not [v for v in plans["prod"]["violations"] if v["policy"] == RULE]
