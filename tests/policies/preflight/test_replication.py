"""Replication in the preflight models: ordering after versioning on both buckets, and the
replication data path, synthetic and with each defect re-introduced into the prod program."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from components.storage import zone_replica
from policies.rules.core.view import ResourceView
from scripts.plan.command import plan
from tests.policies.helpers import run, view

ORDER = "preflight-replication-after-versioning"
DATA_PATHS = "preflight-aws-data-paths-allowed"
S3 = "aws:s3/{0}:{1}"
REPLICATION = S3.format("bucketReplicationConfig", "BucketReplicationConfig")


def _urn(type_: str, name: str) -> str:
    return f"urn:pulumi:prod::test::{type_}::{name}"


def _program(depends_on: tuple[str, ...]) -> list[ResourceView]:
    bucket, versioning = (
        S3.format("bucket", "Bucket"),
        S3.format("bucketVersioning", "BucketVersioning"),
    )
    out = []
    for name in ("src", "dst"):
        out.append(
            view(
                bucket, name, {"bucket": name}, outputs={"id": name, "arn": f"arn:aws:s3:::{name}"}
            )
        )
        out.append(
            view(
                versioning,
                f"{name}-versioning",
                {"bucket": name, "versioningConfiguration": {"status": "Enabled"}},
                dependencies=(_urn(bucket, name),),
            )
        )
    rules = [{"status": "Enabled", "destination": {"bucket": "arn:aws:s3:::dst"}}]
    out.append(
        view(
            REPLICATION,
            "replication",
            {"bucket": "src", "role": "arn:aws:iam::111122223333:role/r", "rules": rules},
            dependencies=tuple(_urn(bucket, n) for n in ("src", "dst"))
            + tuple(_urn(versioning, f"{n}-versioning") for n in depends_on),
        )
    )
    return out


def test_a_configuration_after_both_versionings_passes():
    assert not [r for r in run(ORDER, _program(("src", "dst"))) if r.status == "violation"]


@pytest.mark.parametrize(
    ("waits_for", "missing"), [(("src",), "dst"), (("dst",), "src"), ((), "src")]
)
def test_a_configuration_not_waiting_for_a_versioning_is_reported(waits_for, missing):
    found = [r for r in run(ORDER, _program(waits_for)) if r.status == "violation"]
    assert found and all(r.name == "replication" for r in found)
    assert any(f"versioning [{missing}-versioning]" in r.message for r in found), found


# --- the prod program with a defect re-introduced --------------------------------------------


def _reported(document: dict[str, Any], rule: str) -> list[str]:
    return [v["message"] for v in document["violations"] if v["policy"] == rule]


def test_prod_replication_without_its_ordering_is_caught(monkeypatch):
    real = zone_replica.aws.s3.BucketReplicationConfig

    def unordered(name: str, **kwargs: Any) -> Any:
        opts = kwargs.pop("opts")
        return real(name, opts=pulumi.ResourceOptions(parent=opts.parent), **kwargs)

    monkeypatch.setattr(zone_replica.aws.s3, "BucketReplicationConfig", unordered)
    messages = _reported(plan(None, "prod", None), ORDER)
    assert any("data-platform-lake-replica-curated-versioning" in m for m in messages), messages
    assert any("data-platform-lake-curated-versioning" in m for m in messages), messages


@pytest.mark.parametrize("action", ["kms:Encrypt", "kms:Decrypt"])
def test_a_replication_role_without_a_replica_key_action_is_caught(monkeypatch, action):
    """Encrypt writes the replica; Decrypt verifies the replica bucket's Bucket Key."""
    real = zone_replica.replication_policy

    def without(path: Any) -> dict[str, Any]:
        document = real(path)
        for statement in document["Statement"]:
            if statement.get("Sid") == "EncryptWithReplicaKey":
                statement["Action"] = [a for a in statement["Action"] if a != action]
        return document

    monkeypatch.setattr(zone_replica, "replication_policy", without)
    messages = _reported(plan(None, "prod", None), DATA_PATHS)
    curated = [m for m in messages if "S3 replicates bucket [data-platform-lake-curated]" in m]
    assert curated and action in curated[0], messages
    assert "change RolePolicy" in curated[0] or "change Role" in curated[0], curated[0]


def test_a_replication_role_reading_another_bucket_is_caught(monkeypatch):
    real = zone_replica.replication_policy

    def wrong_source(path: Any) -> dict[str, Any]:
        document = real(path)
        for statement in document["Statement"]:
            if statement["Sid"] == "ReadSourceObjectVersions":
                statement["Resource"] = "arn:aws:s3:::some-other-bucket/*"
        return document

    monkeypatch.setattr(zone_replica, "replication_policy", wrong_source)
    messages = _reported(plan(None, "prod", None), DATA_PATHS)
    assert any("s3:GetObjectVersionForReplication" in m for m in messages), messages
