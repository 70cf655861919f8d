"""The example domain as each stack plans it, and a new domain file showing up in a plan."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scripts.cli import main
from scripts.domain_bench import synthetic_project
from scripts.role_graph import role_graph
from tests.plan_helpers import of_type
from tests.stack_data import domains

REPO = Path(__file__).resolve().parents[2]
SF = "snowflake:index/"


def _named(document, type_, name):
    found = [r for r in of_type(document, type_) if r["inputs"].get("name") == name]
    assert found, f"no {type_} named {name}"
    return found[0]


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_the_domain_gets_its_database_roles_warehouse_and_pipeline(plans, stack):
    document = plans[stack]
    env = stack.upper()
    database = _named(document, f"{SF}database:Database", f"ACME_DP_{env}_DOMAIN_MARKETING")
    assert database["protect"] is (stack == "prod")
    schemas = {
        s["inputs"]["name"]
        for s in of_type(document, f"{SF}schema:Schema")
        if s["inputs"]["database"] == f"ACME_DP_{env}_DOMAIN_MARKETING"
    }
    assert schemas == {"CAMPAIGNS", "CONTACTS"}
    for role in ("ENGINEER", "ANALYST"):
        _named(document, f"{SF}accountRole:AccountRole", f"ACME_DP_{env}_MARKETING_{role}")
    warehouse = _named(document, f"{SF}warehouse:Warehouse", f"ACME_DP_{env}_MARKETING_MARKETING")
    assert warehouse["inputs"]["warehouseSize"] == ("SMALL" if stack == "prod" else "XSMALL")
    assert warehouse["inputs"]["resourceMonitor"] == f"ACME_DP_{env}_MARKETING_MARKETING_MONITOR"
    user = _named(
        document, f"{SF}serviceUser:ServiceUser", f"ACME_DP_{env}_MARKETING_ENGINEER_LOADER"
    )
    assert user["inputs"]["defaultRole"] == f"ACME_DP_{env}_MARKETING_ENGINEER"


def test_the_domain_has_a_glue_database_over_its_prefix_in_each_zone(plans):
    glue = {
        d["inputs"]["name"]: d["inputs"]["locationUri"]
        for d in of_type(plans["prod"], "aws:glue/catalogDatabase:CatalogDatabase")
        if "marketing" in d["inputs"]["name"]
    }
    assert glue == {
        "acme_dp_prod_raw_marketing": "s3://acme-dp-prod-raw-410987654321-eu-west-1/domains/marketing/",
        "acme_dp_prod_curated_marketing": (
            "s3://acme-dp-prod-curated-410987654321-eu-west-1/domains/marketing/"
        ),
    }


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_the_raw_bucket_notifies_every_pipe_including_the_domains(plans, stack):
    document = plans[stack]
    # One notification per bucket a stage reads (a domain may ingest from another zone).
    notified = {
        n["inputs"]["bucket"]: sorted(q["filterPrefix"] for q in n["inputs"]["queues"])
        for n in of_type(document, "aws:s3/bucketNotification:BucketNotification")
    }
    read = {
        s["inputs"]["url"].removeprefix("s3://").split("/", 1)[0]
        for s in of_type(document, f"{SF}stageExternalS3:StageExternalS3")
    }
    assert set(notified) == read
    for bucket, prefixes in notified.items():
        assert prefixes == sorted(stage_prefixes(document, bucket)), bucket
    (raw,) = [prefixes for bucket, prefixes in notified.items() if f"-{stack}-raw-" in bucket]
    assert "domains/marketing/hubspot/" in raw
    if stack == "prod":
        assert {"crm/", "events/"} <= set(raw)


def test_consumers_read_only_the_schemas_granted_and_pii_schemas_are_tagged(plans):
    document = plans["prod"]
    graph = role_graph(document["resources"])
    analyst = "ACME_DP_PROD_ANALYST"
    assert graph.can(analyst, "SELECT", "ACME_DP_PROD_DOMAIN_MARKETING.CAMPAIGNS")
    assert not graph.can(analyst, "SELECT", "ACME_DP_PROD_DOMAIN_MARKETING.CONTACTS")
    engineer = "ACME_DP_PROD_MARKETING_ENGINEER"
    assert graph.can(engineer, "INSERT", "ACME_DP_PROD_DOMAIN_MARKETING.CONTACTS")
    assert not graph.can(engineer, "SELECT", "ACME_DP_PROD_RAW.CRM")
    tagged = {
        (a["inputs"]["objectIdentifiers"][0], a["inputs"]["tagValue"])
        for a in of_type(document, f"{SF}tagAssociation:TagAssociation")
    }
    assert ('"ACME_DP_PROD_DOMAIN_MARKETING"."CONTACTS"', "email") in tagged


def test_the_domain_pipeline_gets_an_airflow_connection(plans):
    names = {
        s["inputs"]["name"] for s in of_type(plans["prod"], "aws:secretsmanager/secret:Secret")
    }
    assert "acme-dp-prod/airflow/connections/snowflake_marketing_loader" in names


def test_domain_resources_carry_the_domain_owner_and_name(plans):
    for bucket_db in of_type(plans["prod"], "aws:glue/catalogDatabase:CatalogDatabase"):
        if "marketing" in bucket_db["inputs"]["name"]:
            tags = bucket_db["inputs"]["tags"]
            assert tags["owner"] == "marketing-data@acme.example"
            assert tags["domain"] == "marketing"


def stage_prefixes(document, bucket):
    """The key prefixes of `bucket` that the plan's external stages read."""
    return [
        url.removeprefix(f"s3://{bucket}/")
        for stage in of_type(document, f"{SF}stageExternalS3:StageExternalS3")
        if (url := stage["inputs"]["url"]).startswith(f"s3://{bucket}/")
    ]


def unused_domain_name(existing: list[str]) -> str:
    """A domain name no file of the repository uses yet."""
    return next(
        f"finance{i or ''}" for i in range(len(existing) + 1) if f"finance{i or ''}" not in existing
    )


def _project(tmp_path: Path) -> Path:
    """A copy of this project's program and stack files with its real domains, to add to."""
    project = synthetic_project(tmp_path, 0)
    for spec in (REPO / "stacks" / "domains").glob("*.yaml"):
        shutil.copy(spec, project / "stacks" / "domains" / spec.name)
    return project


def test_a_new_domain_file_shows_up_in_the_dev_plan(tmp_path, capsys):
    project = _project(tmp_path)
    existing = [spec["name"] for spec in domains()]
    name = unused_domain_name(existing)
    assert (
        main(
            [
                "new-domain",
                name,
                "--owner",
                f"{name}@acme.example",
                "--dir",
                str(project / "stacks" / "domains"),
            ]
        )
        == 0
    )
    out = tmp_path / "plan.json"
    code = main(
        ["plan", "--program", str(project), "--stack", "dev", "--format", "json", "--out", str(out)]
    )
    assert code == 0
    document = json.loads(out.read_text())
    assert document["outputs"]["domains"] == sorted([*existing, name])
    _named(document, f"{SF}database:Database", f"ACME_DP_DEV_DOMAIN_{name.upper()}")


def test_a_domain_with_an_unknown_consumer_exits_2_naming_file_and_field(tmp_path, capsys):
    project = _project(tmp_path)
    spec = project / "stacks" / "domains" / "marketing.yaml"
    spec.write_text(spec.read_text().replace("{role: analyst,", "{role: ghost,"))
    code = main(["plan", "--program", str(project), "--stack", "dev"])
    assert code == 2
    err = capsys.readouterr().err
    assert "marketing.yaml" in err and "consumers[ghost].role" in err
    assert "Traceback" not in err


def test_new_domain_refuses_an_existing_name_without_touching_it(tmp_path, capsys):
    directory = tmp_path / "domains"
    assert (
        main(["new-domain", "sales", "--owner", "sales@acme.example", "--dir", str(directory)]) == 0
    )
    before = (directory / "sales.yaml").read_text()
    assert (
        main(["new-domain", "sales", "--owner", "other@acme.example", "--dir", str(directory)]) == 2
    )
    assert (directory / "sales.yaml").read_text() == before
    assert "already exists" in capsys.readouterr().err


def test_a_broken_domain_file_is_reported_under_its_own_header_only(tmp_path, capsys):
    project = _project(tmp_path)
    spec = project / "stacks" / "domains" / "marketing.yaml"
    spec.write_text(
        spec.read_text().replace("  - {name: campaigns}\n", "  - {name: campaigns}\n" * 2)
    )
    assert main(["plan", "--program", str(project), "--stack", "dev"]) == 2
    err = capsys.readouterr().err
    head = err.splitlines()[0]
    assert head == f"dataplat plan: {spec}: 1 problem in the domain spec:"
    assert "Pulumi.dev.yaml" not in err and "stack config" not in err
    assert "schemas[1].name (line 10): repeated schema [campaigns]" in err
