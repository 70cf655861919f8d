"""Invariants of replication on the real stacks: prod curated (and every replicated zone)
is copied to another region, encrypted there with its own key of that region, by a role
that may touch only the two buckets and the two keys."""

from __future__ import annotations

import json
from typing import Any

from parliament import analyze_policy_string

from tests.components.test_policy_documents_lint import _explained
from tests.plan_helpers import of_type
from tests.stack_data import platform, replicated_zones

REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig"


def _by_urn(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["urn"]: r for r in document["resources"]}


def _bucket(document: dict[str, Any], arn_or_name: str) -> dict[str, Any]:
    name = arn_or_name.removeprefix("arn:aws:s3:::")
    (found,) = [
        r for r in of_type(document, "aws:s3/bucket:Bucket") if r["inputs"]["bucket"] == name
    ]
    return found


def _key(document: dict[str, Any], arn: str) -> dict[str, Any]:
    (found,) = [r for r in of_type(document, "aws:kms/key:Key") if r["outputs"].get("arn") == arn]
    return found


def _zone_of(document: dict[str, Any], config: dict[str, Any]) -> str:
    return str(_bucket(document, config["inputs"]["bucket"])["name"]).rsplit("-", 1)[-1]


def test_prod_curated_is_replicated():
    assert "curated" in replicated_zones("prod")


def test_each_stack_replicates_exactly_its_replicated_zones(stack_plan):
    configs = of_type(stack_plan, REPLICATION)
    zones = sorted(_zone_of(stack_plan, c) for c in configs)
    assert zones == replicated_zones(stack_plan["stack"])


def test_each_replica_is_in_another_region_encrypted_with_its_own_key_there(stack_plan):
    region = platform(stack_plan["stack"])["region"]
    for config in of_type(stack_plan, REPLICATION):
        source = _bucket(stack_plan, config["inputs"]["bucket"])
        (rule,) = config["inputs"]["rules"]
        replica = _bucket(stack_plan, rule["destination"]["bucket"])
        replica_region = replica["inputs"]["region"]
        assert replica_region and replica_region != region, replica["name"]
        assert source["inputs"].get("region") in (None, region), source["name"]
        key_arn = rule["destination"]["encryptionConfiguration"]["replicaKmsKeyId"]
        key = _key(stack_plan, key_arn)
        assert key["inputs"]["region"] == replica_region, key["name"]
        assert key_arn.startswith(f"arn:aws:kms:{replica_region}:"), key_arn
        encryption = next(
            r
            for r in stack_plan["resources"]
            if r["type"].endswith("BucketServerSideEncryptionConfiguration")
            and r["inputs"]["bucket"] == replica["inputs"]["bucket"]
        )
        default = encryption["inputs"]["rules"][0]["applyServerSideEncryptionByDefault"]
        assert default == {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": key_arn}, replica["name"]
        source_keys = {
            r["inputs"]["rules"][0]["applyServerSideEncryptionByDefault"].get("kmsMasterKeyId")
            for r in stack_plan["resources"]
            if r["type"].endswith("BucketServerSideEncryptionConfiguration")
            and r["inputs"]["bucket"] == source["inputs"]["bucket"]
        }
        assert key_arn not in source_keys, replica["name"]
        assert rule["sourceSelectionCriteria"] == {"sseKmsEncryptedObjects": {"status": "Enabled"}}
        assert replica["protect"] is source["protect"], replica["name"]
        assert replica["inputs"]["objectLockEnabled"] is source["inputs"]["objectLockEnabled"]


def test_each_replication_role_is_least_privilege_and_lints_clean(stack_plan):
    by_urn = _by_urn(stack_plan)
    for config in of_type(stack_plan, REPLICATION):
        (rule,) = config["inputs"]["rules"]
        source = config["inputs"]["bucket"]
        replica = rule["destination"]["bucket"].removeprefix("arn:aws:s3:::")
        role = next(
            r
            for r in of_type(stack_plan, "aws:iam/role:Role")
            if r["outputs"].get("arn") == config["inputs"]["role"]
        )
        trust = json.loads(role["inputs"]["assumeRolePolicy"])
        assert [s["Principal"] for s in trust["Statement"]] == [{"Service": "s3.amazonaws.com"}]
        (policy,) = [
            r
            for r in of_type(stack_plan, "aws:iam/rolePolicy:RolePolicy")
            if r["urn"] in config["dependencies"]
        ]
        document = json.loads(policy["inputs"]["policy"])
        source_key = next(
            r["inputs"]["rules"][0]["applyServerSideEncryptionByDefault"]["kmsMasterKeyId"]
            for r in stack_plan["resources"]
            if r["type"].endswith("BucketServerSideEncryptionConfiguration")
            and r["inputs"]["bucket"] == source
        )
        allowed = {
            f"arn:aws:s3:::{source}",
            f"arn:aws:s3:::{source}/*",
            f"arn:aws:s3:::{replica}/*",
            source_key,
            rule["destination"]["encryptionConfiguration"]["replicaKmsKeyId"],
        }
        for statement in document["Statement"]:
            assert statement["Effect"] == "Allow"
            assert statement["Resource"] in allowed, statement
            assert "*" not in json.dumps(statement["Action"]), statement
            if str(statement["Action"]).startswith("kms:"):
                assert "kms:ViaService" in statement["Condition"]["StringEquals"], statement
        findings = analyze_policy_string(policy["inputs"]["policy"]).findings
        assert not [(f.issue, f.detail) for f in findings if not _explained(f)], policy["name"]
        assert by_urn[policy["parent"]]["type"] == "dataplatform:storage:ZoneReplica"


def test_the_replica_buckets_are_a_stack_output(stack_plan):
    outputs = stack_plan["outputs"]["lake_replica_buckets"]
    assert sorted(outputs) == replicated_zones(stack_plan["stack"])
    for zone, name in outputs.items():
        assert name != stack_plan["outputs"]["lake_buckets"][zone], zone
