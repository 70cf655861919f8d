"""Key usage flags: a role reading a bucket without its key, and a decrypt grant without reads."""

from __future__ import annotations

import copy
import json
from typing import Any

from scripts.audit.keys import key_usage

CRM_READ = "data-platform-ingest-crm-read"
ALERTS_PUBLISH = "data-platform-snowflake-alerts-publish"


def _policy(plan: dict[str, Any], name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    (resource,) = [r for r in plan["resources"] if r["name"] == name]
    return resource, json.loads(resource["inputs"]["policy"])


def test_a_role_that_reads_a_bucket_but_cannot_decrypt_its_key_is_flagged(
    plans: dict[str, Any],
) -> None:
    plan = copy.deepcopy(plans["prod"])
    resource, doc = _policy(plan, CRM_READ)
    doc["Statement"] = [s for s in doc["Statement"] if s["Sid"] != "DecryptWithTheZoneKey"]
    resource["inputs"]["policy"] = json.dumps(doc)
    flags = key_usage(plan["resources"])["flags"]
    assert [(f["role"], f["key"], f["problem"]) for f in flags] == [
        ("acme-dp-prod-snowflake-crm", "data-platform-lake-raw-key", "reads without decrypt")
    ]
    assert "s3://acme-dp-prod-raw-410987654321-eu-west-1" in flags[0]["detail"]


def test_a_decrypt_grant_on_a_key_of_buckets_the_role_cannot_read_is_flagged(
    plans: dict[str, Any],
) -> None:
    # The raw zone's key protects its bucket only; Snowflake's alerts role reads no bucket.
    plan = copy.deepcopy(plans["prod"])
    (raw,) = [
        k for k in key_usage(plan["resources"])["keys"] if k["key"] == "data-platform-lake-raw-key"
    ]
    assert {p["kind"] for p in raw["protects"]} == {"S3 bucket"}
    resource, doc = _policy(plan, ALERTS_PUBLISH)
    doc["Statement"].append(
        {"Sid": "Stray", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": raw["arn"]}
    )
    resource["inputs"]["policy"] = json.dumps(doc)
    flags = key_usage(plan["resources"])["flags"]
    assert [(f["role"], f["key"], f["problem"]) for f in flags] == [
        ("acme-dp-prod-snowflake-alerts", "data-platform-lake-raw-key", "decrypt without read")
    ]


def test_an_explicit_deny_removes_the_decrypt(plans: dict[str, Any]) -> None:
    plan = copy.deepcopy(plans["prod"])
    resource, doc = _policy(plan, CRM_READ)
    doc["Statement"].append({"Effect": "Deny", "Action": "kms:*", "Resource": "*"})
    resource["inputs"]["policy"] = json.dumps(doc)
    problems = {f["problem"] for f in key_usage(plan["resources"])["flags"]}
    assert problems == {"reads without decrypt"}
