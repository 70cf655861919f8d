"""The Snowflake ingest handshake as planned: trust from outputs, one notification per bucket."""

from __future__ import annotations

import json

import pytest

from components.integration.snowflake_ingest import copy_statement
from tests.plan_helpers import of_type
from tests.stack_data import domains, platform, sf_prefix
from vocabulary.s3_prefixes import overlapping_prefixes

SF = "snowflake:index/"


def by_name(document, type_):
    return {r["name"]: r for r in of_type(document, type_)}


@pytest.fixture(scope="module")
def prod(plans):
    return plans["prod"]


def platform_sources() -> list[dict]:
    """The ingest sources stacks/Pulumi.prod.yaml declares (its domains' are tested with
    the domain)."""
    return list(platform("prod")["orchestration"].get("ingest_sources") or ())


def test_prod_declares_platform_sources():
    """The tests below loop over prod's sources: they need some to mean anything."""
    assert platform_sources()


def test_each_source_has_the_whole_handshake(prod):
    for source in (s["name"] for s in platform_sources()):
        base = f"data-platform-ingest-{source}"
        for type_, suffix in (
            (f"{SF}storageIntegrationAws:StorageIntegrationAws", "integration"),
            ("aws:iam/role:Role", "role"),
            ("aws:iam/rolePolicy:RolePolicy", "read"),
            (f"{SF}stageExternalS3:StageExternalS3", "stage"),
            (f"{SF}table:Table", "table"),
            (f"{SF}pipe:Pipe", "pipe"),
        ):
            assert f"{base}-{suffix}" in by_name(prod, type_), f"{base}: no {suffix}"


def test_the_role_trusts_exactly_the_integrations_user_and_pinned_external_id(prod):
    integrations = by_name(prod, f"{SF}storageIntegrationAws:StorageIntegrationAws")
    roles = by_name(prod, "aws:iam/role:Role")
    for source in (s["name"] for s in platform_sources()):
        integration = integrations[f"data-platform-ingest-{source}-integration"]
        described = integration["outputs"]["describeOutputs"][0]
        role = roles[f"data-platform-ingest-{source}-role"]
        (statement,) = json.loads(role["inputs"]["assumeRolePolicy"])["Statement"]
        assert statement["Principal"] == {"AWS": described["iamUserArn"]}
        assert statement["Condition"] == {
            "StringEquals": {"sts:ExternalId": integration["inputs"]["storageAwsExternalId"]}
        }
        assert described["externalId"] == integration["inputs"]["storageAwsExternalId"]
        # The integration names the role by its deterministic ARN, not by its output.
        assert integration["inputs"]["storageAwsRoleArn"].endswith(
            f":role/{role['inputs']['name']}"
        )
        assert role["urn"] not in integration["dependencies"]


def test_the_role_reads_only_its_prefix_and_decrypts_only_with_the_zone_key(prod):
    keys = {k["outputs"]["arn"] for k in of_type(prod, "aws:kms/key:Key")}
    for name, policy in by_name(prod, "aws:iam/rolePolicy:RolePolicy").items():
        if not name.startswith("data-platform-ingest-"):
            continue  # the platform's own sources; domains' are tested with the domain
        source = name.split("-ingest-")[1].split("-")[0]
        statements = {s["Sid"]: s for s in json.loads(policy["inputs"]["policy"])["Statement"]}
        assert statements["ReadObjectsUnderPrefix"]["Resource"].endswith(f"/{source}/*")
        assert statements["ListOnlyThePrefix"]["Condition"] == {
            "StringLike": {"s3:prefix": [f"{source}/*"]}
        }
        assert statements["DecryptWithTheZoneKey"]["Resource"] in keys


def test_stages_use_the_integration_within_its_allowed_locations(prod):
    integrations = {
        i["inputs"]["name"]: i["inputs"]
        for i in of_type(prod, f"{SF}storageIntegrationAws:StorageIntegrationAws")
    }
    for stage in of_type(prod, f"{SF}stageExternalS3:StageExternalS3"):
        integration = integrations[stage["inputs"]["storageIntegration"]]
        assert stage["inputs"]["url"] in integration["storageAllowedLocations"]
        assert "credentials" not in stage["inputs"]


def test_pipes_auto_ingest_into_their_landing_table(prod):
    platform_pipes = {
        p["name"]: p for p in of_type(prod, f"{SF}pipe:Pipe") if "-domain-" not in p["name"]
    }
    sources = platform_sources()
    assert set(platform_pipes) == {f"data-platform-ingest-{s['name']}-pipe" for s in sources}
    for source in sources:
        pipe = platform_pipes[f"data-platform-ingest-{source['name']}-pipe"]
        assert pipe["inputs"]["autoIngest"] is True, pipe["name"]
        database = f"{sf_prefix('prod')}{source['database'].upper()}"
        assert pipe["inputs"]["copyStatement"].startswith(
            f'COPY INTO "{database}"."{source["schema"].upper()}".'
        ), pipe["name"]


def test_one_notification_per_bucket_delivers_every_pipe(prod):
    notifications = of_type(prod, "aws:s3/bucketNotification:BucketNotification")
    buckets = [n["inputs"]["bucket"] for n in notifications]
    assert len(buckets) == len(set(buckets)), f"two notifications on one bucket: {buckets}"
    queues = {
        (n["inputs"]["bucket"], q["filterPrefix"]): q["queueArn"]
        for n in notifications
        for q in n["inputs"]["queues"]
    }
    pipes = {
        p["inputs"]["name"]: p["outputs"]["notificationChannel"]
        for p in of_type(prod, f"{SF}pipe:Pipe")
    }
    stages = of_type(prod, f"{SF}stageExternalS3:StageExternalS3")
    read = {tuple(s["inputs"]["url"].removeprefix("s3://").split("/", 1)) for s in stages}
    assert set(queues) == read, "every stage's prefix has exactly one queue"
    # Every declared source, the platform's and the domains', is delivered to its own pipe
    # from its zone's bucket.
    config = platform("prod")
    zone_bucket = f"{config['name_prefix']}-prod-{{}}-"
    expected = [(s["zone"], s["prefix"], f"{s['name'].upper()}_PIPE") for s in platform_sources()]
    for spec in domains():
        expected += [
            (
                s["zone"],
                f"domains/{spec['name']}/{s['prefix']}",
                f"{spec['name'].upper()}_{s['name'].upper()}_PIPE",
            )
            for s in spec.get("ingest_sources") or ()
        ]
    assert len(queues) == len(expected), sorted(queues)
    for zone, prefix, pipe in expected:
        (queue,) = [
            arn
            for (bucket, filter_prefix), arn in queues.items()
            if filter_prefix == prefix and bucket.startswith(zone_bucket.format(zone))
        ]
        assert queue == pipes[pipe], f"{prefix}: not delivered to {pipe}"


def test_the_objects_provider_enables_the_preview_resources_it_uses(prod):
    providers = by_name(prod, "pulumi:providers:snowflake")
    enabled = providers["data-platform-snowflake-objects"]["inputs"]["previewFeaturesEnabled"]
    # Provider inputs reach the engine JSON-encoded.
    assert set(json.loads(enabled) if isinstance(enabled, str) else enabled) == {
        "snowflake_alert_resource",
        "snowflake_notification_integration_resource",
        "snowflake_pipe_resource",
        "snowflake_table_resource",
    }


def test_a_dev_stack_without_platform_sources_has_only_the_domains_handshake(plans):
    pipes = {p["name"] for p in of_type(plans["dev"], f"{SF}pipe:Pipe")}
    assert "data-platform-domain-marketing-ingest-hubspot-pipe" in pipes
    assert pipes == {
        f"data-platform-domain-{spec['name']}-ingest-{source['name']}-pipe"
        for spec in domains()
        for source in spec.get("ingest_sources") or ()
    }


def test_overlapping_prefixes_are_found():
    assert overlapping_prefixes(["crm/", "events/"]) == []
    assert overlapping_prefixes(["a/", "a/b/", "c/"]) == [("a/", "a/b/")]
    assert overlapping_prefixes(["a/", "a/"]) == [("a/", "a/")]


def test_the_copy_statement_names_the_format():
    statement = copy_statement('"DB"."S"."T"', '"DB"."S"."ST"', "JSON")
    assert statement.endswith("FILE_FORMAT = (TYPE = 'JSON')")
    assert "METADATA$FILENAME" in statement
