"""The audit of our own stacks' plans: every rule judged, nothing mandatory failing."""

from __future__ import annotations

from typing import Any

from policies.rules.registry import RULES
from scripts.audit.report import failed
from tests.stack_data import declared_pii_schemas, domains, platform

from .conftest import audit_plan


def test_each_stack_audits_clean_with_every_rule(stack_plan: dict[str, Any]) -> None:
    report = audit_plan(stack_plan, stack_plan["stack"])
    assert [r["id"] for r in report["policy"]["rules"]] == [r.id for r in RULES]
    assert report["summary"]["mandatoryViolations"] == 0, report["policy"]["results"]
    assert not failed(report)


def test_prod_lists_its_suppressions_with_expiry_and_days_left(prod_report: dict[str, Any]) -> None:
    rows = prod_report["policy"]["suppressions"]
    assert {(r["rule"], r["resources"]) for r in rows} == {
        ("s3-bucket-object-lock", "data-platform-lake-raw"),
        ("s3-bucket-object-lock", "data-platform-lake-replica-raw"),
        ("s3-bucket-object-lock", "data-platform-lake-staged"),
        ("s3-bucket-object-lock", "data-platform-orchestration-airflow-dags"),
        ("prod-data-store-recoverable", "data-platform-lake-staged"),
        ("prod-data-store-recoverable", "data-platform-orchestration-airflow-dags"),
    }
    for row in rows:
        assert row["expires"] == "2027-06-30" and row["daysLeft"] == 394 and not row["expired"]
        assert row["matched"] == [row["resources"]], row


def test_an_expired_suppression_fails_the_audit(plans: dict[str, Any]) -> None:
    import datetime as dt

    from scripts.audit.report import build_report
    from scripts.plan.policy import load_policy_config

    from .conftest import ROOT

    settings = load_policy_config(ROOT / "stacks" / "policy.prod.json")
    report = build_report(dict(plans["prod"]), settings, dt.date(2027, 7, 1), {"kind": "plan"})
    assert all(s["expired"] for s in report["policy"]["suppressions"])
    assert report["summary"]["expiredSuppressions"] == 6
    assert report["summary"]["advisoryViolations"] >= 3  # object lock is advisory in prod


def test_prod_pii_inventory_names_bucket_prefixes_glue_and_schemas(
    prod_report: dict[str, Any],
) -> None:
    pii = prod_report["pii"]
    # raw is the only PII zone; its prefixes are the sources ingested into it.
    ingested = [s["prefix"] for s in platform("prod")["orchestration"]["ingest_sources"]] + [
        f"domains/{spec['name']}/{source['prefix']}"
        for spec in domains()
        for source in spec.get("ingest_sources") or ()
        if source["zone"] == "raw"
    ]
    assert {"crm/", "domains/marketing/hubspot/", "events/"} <= set(ingested)
    source = "acme-dp-prod-raw-410987654321-eu-west-1"
    # raw's replica holds the same objects, in the replica region.
    assert [(b["bucket"], b["prefixes"], b.get("replicaOf")) for b in pii["buckets"]] == [
        ("acme-dp-prod-raw-410987654321-eu-central-1", sorted(ingested), source),
        (source, sorted(ingested), None),
    ]
    # The raw zone's, and those of every domain classified pii (one per zone of it).
    pii_domains = [spec for spec in domains() if spec["data_classification"] == "pii"]
    assert [g["database"] for g in pii["glueDatabases"]] == sorted(
        ["acme_dp_prod_raw"]
        + [f"acme_dp_prod_{zone}_{spec['name']}" for spec in pii_domains for zone in spec["zones"]]
    )
    objects = [(o["object"], o["category"]) for o in pii["snowflakeObjects"]]
    assert ("ACME_DP_PROD_DOMAIN_MARKETING.CONTACTS", "email") in objects
    assert objects == sorted(
        (schema.replace('"', ""), category) for schema, category in declared_pii_schemas("prod")
    )
    (tag,) = pii["snowflakeTags"]
    assert tag["name"] == "ACME_DP_PROD_GOVERNANCE.POLICIES.PII"
    assert len(tag["maskingPolicies"]) == 7


def test_prod_key_usage_maps_keys_to_stores_without_flags(prod_report: dict[str, Any]) -> None:
    keys = {k["aliases"][0]: k for k in prod_report["keys"]["keys"]}
    raw = keys["alias/acme-dp-prod-lake-raw"]
    assert [s["name"] for s in raw["protects"]] == ["acme-dp-prod-raw-410987654321-eu-west-1"]
    assert "acme-dp-prod-snowflake-crm" in raw["decryptRoles"]
    secrets = keys["alias/acme-dp-prod-secrets"]
    assert {s["kind"] for s in secrets["protects"]} == {"Secret"}
    assert secrets["decryptRoles"] == ["acme-dp-prod-airflow-execution"]
    orchestration = {s["kind"] for s in keys["alias/acme-dp-prod-orchestration"]["protects"]}
    assert {"Environment", "SecurityConfiguration", "S3 bucket"} <= orchestration
    assert prod_report["keys"]["flags"] == []
