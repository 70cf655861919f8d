"""GlueCatalog and GlueJobs: encryption everywhere, crawler policies, job settings, alerts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pulumi
import pytest

from components.orchestration import (
    GlueCatalog,
    GlueCatalogArgs,
    GlueJobs,
    GlueJobsArgs,
    GlueJobSpec,
)
from components.orchestration.glue_jobs import GLUE_VERSION, file_sha256
from components.storage.secure_bucket import SecureBucket, SecureBucketArgs

from .conftest import (
    ACCOUNT,
    CURATED_KEY,
    KEY,
    NAMING,
    RAW_KEY,
    REGION,
    TAGS,
    Plan,
    plan,
)

RAW_BUCKET = NAMING.bucket("raw")
CURATED_BUCKET = NAMING.bucket("curated")
SCRIPTS_BUCKET = NAMING.bucket("scripts")
CATALOG = GlueCatalogArgs(
    naming=NAMING,
    tags=TAGS,
    kms_key_arn=KEY,
    zones=("raw", "curated"),
    raw_bucket_name=RAW_BUCKET,
    raw_kms_key_arn=RAW_KEY,
    crawler_prefixes=("orders/", "customers"),
    crawler_schedule="cron(0 4 * * ? *)",
    alert_topic_arn=f"arn:aws:sns:{REGION}:{ACCOUNT}:acme-dp-prod-alerts",
)
ALERTS_TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:acme-dp-prod-alerts"


@pytest.fixture(scope="module")
def script(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scripts") / "orders_to_curated.py"
    path.write_text("print('orders')\n")
    return path


def _jobs_args(script: Path, scripts_bucket: SecureBucket) -> GlueJobsArgs:
    return GlueJobsArgs(
        naming=NAMING,
        tags=TAGS,
        jobs=(
            GlueJobSpec(
                name="orders",
                script_path=str(script),
                source_bucket=RAW_BUCKET,
                source_kms_key_arn=RAW_KEY,
                source_database=NAMING.glue_database("raw"),
                source_prefixes=("orders",),
                target_bucket=CURATED_BUCKET,
                target_kms_key_arn=CURATED_KEY,
                target_database=NAMING.glue_database("curated"),
                worker_type="G.2X",
                number_of_workers=5,
                timeout_minutes=90,
                max_retries=2,
            ),
        ),
        scripts_bucket=scripts_bucket,
        catalog_kms_key_arn=KEY,
        alert_topic_arn=ALERTS_TOPIC,
    )


def _scripts_bucket() -> SecureBucket:
    return SecureBucket(
        "scripts",
        SecureBucketArgs(
            bucket_name=SCRIPTS_BUCKET, tags=TAGS.for_data("confidential"), kms_key_arn=KEY
        ),
    )


@pytest.fixture(scope="module")
def jobs_args(script) -> Callable[[], GlueJobsArgs]:
    """Arguments with their scripts bucket, built inside a program run."""
    return lambda: _jobs_args(script, _scripts_bucket())


@pytest.fixture(scope="module")
def catalog() -> Plan:
    return plan(lambda: GlueCatalog("glue", CATALOG))


@pytest.fixture(scope="module")
def jobs(jobs_args) -> Plan:
    return plan(lambda: GlueJobs("etl", jobs_args()))


def test_the_security_configuration_encrypts_s3_logs_and_bookmarks_with_the_cmk(catalog):
    config = catalog.one("SecurityConfiguration").inputs["encryptionConfiguration"]
    assert config["s3Encryption"] == {"s3EncryptionMode": "SSE-KMS", "kmsKeyArn": KEY}
    assert config["cloudwatchEncryption"] == {
        "cloudwatchEncryptionMode": "SSE-KMS",
        "kmsKeyArn": KEY,
    }
    assert config["jobBookmarksEncryption"] == {
        "jobBookmarksEncryptionMode": "CSE-KMS",
        "kmsKeyArn": KEY,
    }


def test_the_catalog_encrypts_metadata_and_connection_passwords_with_the_cmk(catalog):
    settings = catalog.one("DataCatalogEncryptionSettings").inputs
    assert settings["catalogId"] == ACCOUNT
    inner = settings["dataCatalogEncryptionSettings"]
    assert inner["encryptionAtRest"] == {"catalogEncryptionMode": "SSE-KMS", "sseAwsKmsKeyId": KEY}
    assert inner["connectionPasswordEncryption"] == {
        "returnConnectionPasswordEncrypted": True,
        "awsKmsKeyId": KEY,
    }


def test_each_zone_has_a_database_with_a_glue_style_name(catalog):
    names = sorted(d.inputs["name"] for d in catalog.of("CatalogDatabase"))
    assert names == ["acme_dp_prod_curated", "acme_dp_prod_raw"]


def test_one_crawler_per_prefix_fills_the_raw_database_on_schedule(catalog):
    crawlers = {c.inputs["s3Targets"][0]["path"]: c.inputs for c in catalog.of("Crawler")}
    assert set(crawlers) == {f"s3://{RAW_BUCKET}/orders/", f"s3://{RAW_BUCKET}/customers/"}
    for path, crawler in crawlers.items():
        assert crawler["databaseName"] == "acme_dp_prod_raw", path
        assert crawler["schedule"] == "cron(0 4 * * ? *)", path
        assert crawler["securityConfiguration"] == "acme-dp-prod-glue", path
        assert crawler["schemaChangePolicy"] == {
            "updateBehavior": "UPDATE_IN_DATABASE",
            "deleteBehavior": "DEPRECATE_IN_DATABASE",
        }, path
        assert crawler["recrawlPolicy"] == {"recrawlBehavior": "CRAWL_EVERYTHING"}, path
        assert crawler["role"].endswith(":role/acme-dp-prod-glue-crawler"), path


def test_the_crawler_role_reads_only_the_crawled_prefixes(catalog):
    statements = {s["Sid"]: s for s in catalog.policy("RolePolicy", "glue-crawler")["Statement"]}
    assert statements["CrawledDataRead"]["Resource"] == [
        f"arn:aws:s3:::{RAW_BUCKET}/orders/*",
        f"arn:aws:s3:::{RAW_BUCKET}/customers/*",
    ]
    assert statements["CrawledDataList"]["Condition"] == {
        "StringLike": {"s3:prefix": ["orders/*", "customers/*"]}
    }
    assert statements["ZoneAndCatalogKeys"]["Resource"] == sorted([KEY, RAW_KEY])
    assert (
        f"arn:aws:glue:{REGION}:{ACCOUNT}:database/acme_dp_prod_raw"
        in (statements["MaintainCatalog"]["Resource"])
    )
    assert not any("curated" in r for r in statements["MaintainCatalog"]["Resource"])


def test_the_job_runs_the_uploaded_script_on_current_glue_with_its_settings(jobs, script):
    upload = jobs.one("BucketObjectv2").inputs
    assert upload["bucket"] == SCRIPTS_BUCKET
    assert upload["sourceHash"] == file_sha256(str(script))
    assert "etag" not in upload  # SSE-KMS objects have no MD5 ETag
    job = jobs.one("Job").inputs
    assert job["glueVersion"] == GLUE_VERSION == "5.0"
    assert job["command"]["name"] == "glueetl"
    assert job["command"]["scriptLocation"] == f"s3://{SCRIPTS_BUCKET}/{upload['key']}"
    assert (job["workerType"], job["numberOfWorkers"]) == ("G.2X", 5)
    assert (job["timeout"], job["maxRetries"]) == (90, 2)
    assert job["securityConfiguration"] == "acme-dp-prod-glue-job-orders"
    assert job["defaultArguments"]["--job-bookmark-option"] == "job-bookmark-enable"
    # Glue 5.0 logs continuously by itself; the 4.0 switch is gone.
    assert "--enable-continuous-cloudwatch-log" not in job["defaultArguments"]
    assert job["executionProperty"] == {"maxConcurrentRuns": 1}


def test_the_job_writes_with_the_key_its_target_bucket_demands(jobs):
    security = jobs.one("SecurityConfiguration", "etl-orders-security").inputs
    config = security["encryptionConfiguration"]
    assert config["s3Encryption"] == {"s3EncryptionMode": "SSE-KMS", "kmsKeyArn": CURATED_KEY}
    assert config["cloudwatchEncryption"]["kmsKeyArn"] == KEY
    assert config["jobBookmarksEncryption"] == {
        "jobBookmarksEncryptionMode": "CSE-KMS",
        "kmsKeyArn": KEY,
    }


def test_the_script_upload_waits_for_the_bucket_and_its_configuration(jobs):
    upload = jobs.one("BucketObjectv2")
    waited = {urn.rsplit("::", 1)[-1] for urn in upload.dependencies}
    assert {
        "scripts",
        "scripts-encryption",
        "scripts-versioning",
        "scripts-public-access-block",
        "scripts-ownership",
        "scripts-policy",
    } <= waited


def test_the_job_role_reads_source_writes_target_and_uses_only_zone_keys(jobs):
    trust = jobs.policy("Role", "etl-orders", "assumeRolePolicy")["Statement"][0]
    assert trust["Principal"] == {"Service": "glue.amazonaws.com"}
    # Glue documents no aws:SourceAccount on AssumeRole: a condition on it would deny.
    assert "Condition" not in trust
    statements = {s["Sid"]: s for s in jobs.policy("RolePolicy", "etl-orders")["Statement"]}
    assert statements["SourceRead"]["Resource"] == [f"arn:aws:s3:::{RAW_BUCKET}/orders/*"]
    assert statements["TargetWrite"]["Resource"] == f"arn:aws:s3:::{CURATED_BUCKET}/*"
    assert statements["Scripts"]["Resource"][0].startswith(f"arn:aws:s3:::{SCRIPTS_BUCKET}/glue/")
    assert statements["ZoneAndCatalogKeys"]["Resource"] == sorted([KEY, RAW_KEY, CURATED_KEY])
    # CSE-KMS bookmarks: the job encrypts with the key itself.
    assert statements["ZoneAndCatalogKeys"]["Action"] == [
        "kms:Decrypt",
        "kms:Encrypt",
        "kms:GenerateDataKey",
    ]
    assert statements["GlueLogs"]["Resource"] == (
        f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws-glue/*"
    )
    source, target = statements["SourceCatalog"], statements["TargetCatalog"]
    assert not any(a.startswith(("glue:Create", "glue:Update")) for a in source["Action"])
    assert "glue:CreateTable" in target["Action"]
    assert any(r.endswith(":database/acme_dp_prod_raw") for r in source["Resource"])
    assert not any("curated" in r for r in source["Resource"])
    assert not any(r.endswith("_raw") or "_raw/" in r for r in target["Resource"])
    for r in (*source["Resource"], *target["Resource"]):
        assert r.startswith(f"arn:aws:glue:{REGION}:{ACCOUNT}:")
    assert not any(s.get("Resource") == "*" for s in statements.values())


def test_job_failures_reach_the_stack_alerts_topic_through_one_rule(jobs):
    import json

    assert not jobs.of("Topic") and not jobs.of("TopicPolicy")
    rule = jobs.one("EventRule").inputs
    assert rule["name"] == "acme-dp-prod-glue-job-failures"
    pattern = json.loads(rule["eventPattern"])
    assert pattern == {
        "source": ["aws.glue"],
        "detail-type": ["Glue Job State Change"],
        "detail": {"jobName": ["acme-dp-prod-job-orders"], "state": ["FAILED", "TIMEOUT", "ERROR"]},
    }
    target = jobs.one("EventTarget").inputs
    assert target["arn"] == ALERTS_TOPIC
    assert target["rule"] == rule["name"]


def test_crawler_failures_reach_the_stack_alerts_topic_through_one_rule(catalog):
    import json

    rule = catalog.one("EventRule").inputs
    assert rule["name"] == "acme-dp-prod-glue-crawler-failures"
    assert json.loads(rule["eventPattern"]) == {
        "source": ["aws.glue"],
        "detail-type": ["Glue Crawler State Change"],
        "detail": {
            "crawlerName": ["acme-dp-prod-crawl-raw-customers", "acme-dp-prod-crawl-raw-orders"],
            "state": ["Failed"],
        },
    }
    target = catalog.one("EventTarget").inputs
    assert (target["arn"], target["rule"]) == (ALERTS_TOPIC, rule["name"])


def test_every_taggable_resource_carries_the_mandatory_tags(catalog, jobs):
    untaggable = ("RolePolicy", "SecurityConfiguration", "DataCatalogEncryptionSettings")
    untaggable += ("TopicPolicy", "EventTarget")
    for run in (catalog, jobs):
        for r in run.run.registrations:
            if r.custom and not r.type.endswith(untaggable) and "SecureBucket" not in r.urn:
                assert r.inputs.get("tags", {}).get("managed-by"), f"{r.name} has no tags"


def test_every_child_is_parented_to_its_component(catalog, jobs):
    for run, token in ((catalog, "GlueCatalog"), (jobs, "GlueJobs")):
        component = run.one(token).urn
        # The scripts bucket is the test's own, outside the component.
        own = [r for r in run.run.registrations if r.custom and "SecureBucket" not in r.urn]
        assert own and all(r.parent == component for r in own)


def test_the_plans_log_no_warnings(catalog, jobs):
    for run in (catalog, jobs):
        assert not run.run.diagnostics, run.run.diagnostics


def test_a_job_spec_with_bad_values_fails_naming_the_job(jobs_args):
    def program() -> None:
        args = jobs_args()
        bad = dataclasses.replace(
            args.jobs[0], worker_type="XL", number_of_workers=1, script_path="/nope.py"
        )
        dataclasses.replace(args, jobs=(bad,))

    with pytest.raises(ValueError) as error:
        plan(program)
    message = str(error.value)
    for fragment in ("job [orders]: worker_type", "number_of_workers", "/nope.py"):
        assert fragment in message


def test_crawling_a_zone_without_a_database_fails():
    with pytest.raises(ValueError, match=r"raw_zone \[raw\] is not one of zones"):
        dataclasses.replace(CATALOG, zones=("curated",))


def test_a_scripts_bucket_key_is_added_to_the_job_role_keys(jobs_args):
    scripts_key = KEY.replace("1111", "5555")
    run = plan(
        lambda: GlueJobs("etl", dataclasses.replace(jobs_args(), scripts_kms_key_arn=scripts_key))
    )
    statements = {s["Sid"]: s for s in run.policy("RolePolicy", "etl-orders")["Statement"]}
    assert scripts_key in statements["ZoneAndCatalogKeys"]["Resource"]


def test_a_stack_that_does_not_own_the_catalog_encryption_only_verifies_it():
    run = plan(
        lambda: GlueCatalog("glue", dataclasses.replace(CATALOG, own_catalog_encryption=False))
    )
    assert not run.of("DataCatalogEncryptionSettings")


def test_verifying_an_unencrypted_catalog_stops_the_deployment():
    from components.orchestration.glue_catalog import _require_sse_kms

    class Rest:
        def __init__(self, mode: str) -> None:
            self.catalog_encryption_mode = mode

    class Setting:
        def __init__(self, mode: str) -> None:
            self.encryption_at_rests = [Rest(mode)]

    assert _require_sse_kms([Setting("SSE-KMS")]) is True
    with pytest.raises(pulumi.RunError, match="not encrypted with SSE-KMS"):
        _require_sse_kms([Setting("DISABLED")])
    with pytest.raises(pulumi.RunError, match="found modes: none"):
        _require_sse_kms([])
