"""Every taggable AWS resource carries the five mandatory tags."""

from __future__ import annotations

import inspect

import pytest

from components.tags import CLASSIFICATIONS, MANDATORY_KEYS, MandatoryTags
from scripts.plan.sdk import sdk_class_for
from stacks.config import DataClassification


def _taggable(type_token: str) -> bool:
    if not type_token.startswith("aws:"):
        return False
    return "tags" in inspect.signature(sdk_class_for(type_token)._internal_init).parameters


def test_every_taggable_resource_has_the_mandatory_tags(stack_plan):
    taggable = [r for r in stack_plan["resources"] if r["custom"] and _taggable(r["type"])]
    assert {r["type"] for r in taggable} >= {"aws:s3/bucket:Bucket", "aws:kms/key:Key"}
    for resource in taggable:
        tags = resource["inputs"].get("tags", {})
        missing = [k for k in MANDATORY_KEYS if not tags.get(k)]
        assert not missing, f"{resource['name']}: missing tags {missing}"
        assert tags["environment"] == stack_plan["stack"], resource["name"]
        assert tags["managed-by"] == "pulumi/data-platform", resource["name"]


def test_zone_classification_reaches_bucket_and_key_tags(plans):
    tags = {
        r["name"]: r["inputs"]["tags"]["data-classification"]
        for r in plans["prod"]["resources"]
        if r["type"] in ("aws:s3/bucket:Bucket", "aws:kms/key:Key")
    }
    assert tags == {
        "data-platform-lake-raw": "pii",
        "data-platform-lake-raw-key": "pii",
        "data-platform-lake-staged": "confidential",
        "data-platform-lake-staged-key": "confidential",
        "data-platform-lake-curated": "internal",
        "data-platform-lake-curated-key": "internal",
        "data-platform-lake-access-logs": "confidential",
        "data-platform-orchestration-airflow-dags": "confidential",
        "data-platform-orchestration-orchestration-key": "confidential",
        "data-platform-orchestration-secrets-key": "confidential",
        "data-platform-alerts-key": "internal",
        # Replicas carry their zone's classification; the replica region's log bucket the
        # log bucket's.
        "data-platform-lake-replica-raw": "pii",
        "data-platform-lake-replica-raw-key": "pii",
        "data-platform-lake-replica-curated": "internal",
        "data-platform-lake-replica-curated-key": "internal",
        "data-platform-lake-replica-access-logs-eu-central-1": "confidential",
    }


def test_extra_tags_cannot_override_mandatory_ones():
    tags = MandatoryTags(environment="dev", owner="team", cost_center="cc")
    with pytest.raises(ValueError, match="environment"):
        tags.for_data("internal", environment="prod")


def test_unknown_classification_is_refused():
    with pytest.raises(ValueError, match="secret"):
        MandatoryTags("dev", "team", "cc").for_data("secret")


def test_config_and_tags_agree_on_the_classifications():
    assert DataClassification.__args__ == CLASSIFICATIONS  # type: ignore[attr-defined]
