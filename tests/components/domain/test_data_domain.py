"""The example domain as each stack plans it, a new domain file showing up in a plan, and a
DataDomain built alone from synthetic Args."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from components.domain.data_domain import DataDomain, DataDomainArgs, DomainZone
from components.protection import Protection
from components.snowflake.managed_database import DatabaseArgs, SchemaArgs
from components.snowflake.managed_warehouse import WarehouseArgs
from scripts.bench_domains.command import synthetic_project
from scripts.cli import main
from scripts.role_graph import can, role_graph
from tests.components.synthetic import Built, build_snowflake
from tests.plan_helpers import of_type
from tests.stack_data import domains
from vocabulary.domain_items import DomainIngest, DomainServiceUser
from vocabulary.warehouse_settings import ResolvedWarehouse

REPO = Path(__file__).resolve().parents[3]
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
    assert can(graph, analyst, "SELECT", "ACME_DP_PROD_DOMAIN_MARKETING.CAMPAIGNS")
    assert not can(graph, analyst, "SELECT", "ACME_DP_PROD_DOMAIN_MARKETING.CONTACTS")
    engineer = "ACME_DP_PROD_MARKETING_ENGINEER"
    assert can(graph, engineer, "INSERT", "ACME_DP_PROD_DOMAIN_MARKETING.CONTACTS")
    assert not can(graph, engineer, "SELECT", "ACME_DP_PROD_RAW.CRM")
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
    # The domain files and the folders beside them (their contracts).
    shutil.copytree(REPO / "stacks" / "domains", project / "stacks" / "domains", dirs_exist_ok=True)
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


# Built alone: one domain with two schemas, a warehouse, a pipeline, a PII schema, a Glue
# zone and an ingest source, through stand-in providers; what it composes and how it wires.

DOMAIN_ARGS = DataDomainArgs(
    key="sales",
    account_id="410987654321",
    tags={"owner": "sales"},
    database=DatabaseArgs(
        "ACME_DP_PROD_SALES", (SchemaArgs("orders", "ORDERS"), SchemaArgs("crm", "CRM")), 1
    ),
    warehouses={
        "transform": WarehouseArgs(
            "ACME_DP_PROD_SALES_TRANSFORM",
            ResolvedWarehouse("transform", "XSMALL", 60, 5, 1, 600, 300),
        )
    },
    role_identifiers={
        "engineer": "ACME_DP_PROD_SALES_ENGINEER",
        "analyst": "ACME_DP_PROD_SALES_ANALYST",
    },
    zones=[
        DomainZone(
            "raw",
            "acme-dp-prod-raw",
            "domains/sales/",
            "arn:aws:kms:eu-west-1:410987654321:key/raw",
            "acme_dp_prod_raw_sales",
        )
    ],
    pii_schemas={"crm": "email"},
    service_users=[
        DomainServiceUser(
            name="orders_etl", warehouse="transform", allowed_ips=("203.0.113.10/32",)
        )
    ],
    ingest=[DomainIngest(name="shop", zone="raw", prefix="shop/", schema="orders")],
    pii_tag='"GOV"."POLICIES"."PII"',
    governance_role="GOV_ADMIN",
    authentication_policy='"GOV"."POLICIES"."SERVICE_KEYPAIR_ONLY"',
    iam_role_names={"shop": "acme-dp-prod-sales-shop"},
    key_rotation_days=30,
    protection=Protection(protect=True),
    error_integration="ACME_DP_PROD_ALERTS",
    airflow_egress_ips=("192.0.2.1",),
)


@pytest.fixture(scope="module")
def alone() -> Built:
    def construct(providers):
        domain = DataDomain("sales", DOMAIN_ARGS, providers)
        return {
            "key": domain.key,
            "notifications": [(z, n.queue_arn, n.prefix) for z, n in domain.notifications],
        }

    return build_snowflake(construct)


def test_alone_it_composes_the_platforms_building_blocks(alone):
    parts = {
        (r.type.rsplit(":", 1)[1], r.name)
        for r in alone.run.registrations
        if r.parent and r.parent.endswith("::sales")
    }
    assert parts == {
        ("ManagedDatabase", "sales-db"),
        ("ManagedWarehouse", "sales-wh-transform"),
        ("FunctionalRole", "sales-engineer"),
        ("FunctionalRole", "sales-analyst"),
        ("PipelineServiceUser", "sales-user-orders_etl"),
        ("SnowflakeIngest", "sales-ingest-shop"),
        ("CatalogDatabase", "sales-glue-raw"),
        ("GrantPrivilegesToAccountRole", "sales-governance-usage-db"),
        ("TagAssociation", "sales-pii-crm"),
    }


@pytest.mark.parametrize(("role", "level"), [("engineer", "OWNER"), ("analyst", "READ")])
def test_alone_each_domain_role_gets_its_level_on_every_schema_and_the_warehouse(
    alone, role, level
):
    identifier = f"ACME_DP_PROD_SALES_{role.upper()}"
    grants = {
        r.name: r.inputs
        for r in alone.of("GrantDatabaseRole") + alone.of("GrantAccountRole")
        if r.parent.endswith(f"::sales-{role}")
    }
    assert grants == {
        f"sales-{role}-orders-{level.lower()}": {
            "databaseRoleName": f'"ACME_DP_PROD_SALES"."ORDERS_{level}"',
            "parentRoleName": identifier,
        },
        f"sales-{role}-crm-{level.lower()}": {
            "databaseRoleName": f'"ACME_DP_PROD_SALES"."CRM_{level}"',
            "parentRoleName": identifier,
        },
        f"sales-{role}-wh-transform-usage": {
            "roleName": "ACME_DP_PROD_SALES_TRANSFORM_USAGE",
            "parentRoleName": identifier,
        },
        f"sales-{role}-to-sysadmin": {"roleName": identifier, "parentRoleName": "SYSADMIN"},
    }
    assert alone.named(f"sales-{role}", "AccountRole").inputs["comment"] == (
        f"{role.capitalize()} of data domain sales"
    ), f"sales-{role}"


def test_alone_the_pii_schema_is_tagged_after_governance_may_use_the_database(alone):
    assert alone.named("sales-governance-usage-db").inputs == {
        "accountRoleName": "GOV_ADMIN",
        "privileges": ["USAGE"],
        "onAccountObject": {"objectType": "DATABASE", "objectName": "ACME_DP_PROD_SALES"},
    }, "sales-governance-usage-db"
    assert alone.named("sales-pii-crm").inputs == {
        "objectIdentifiers": ['"ACME_DP_PROD_SALES"."CRM"'],
        "objectType": "SCHEMA",
        "tagId": '"GOV"."POLICIES"."PII"',
        "tagValue": "email",
    }, "sales-pii-crm"
    assert alone.depends_on("sales-pii-crm") == {"sales-governance-usage-db", "sales-db-crm"}


def test_alone_each_zone_gets_a_protected_glue_database_over_the_domains_prefix(alone):
    glue = alone.named("sales-glue-raw")
    assert glue.inputs == {
        "name": "acme_dp_prod_raw_sales",
        "description": "Tables of data domain sales in the raw zone",
        "locationUri": "s3://acme-dp-prod-raw/domains/sales/",
        "tags": {"owner": "sales"},
    }, "sales-glue-raw"
    assert glue.protect, "sales-glue-raw"


def test_alone_a_pipeline_acts_as_the_engineer_and_admits_airflows_egress(alone):
    user = alone.named("sales-user-orders_etl", "ServiceUser").inputs
    assert (user["name"], user["defaultRole"], user["defaultWarehouse"]) == (
        "ACME_DP_PROD_SALES_ENGINEER_ORDERS_ETL",
        "ACME_DP_PROD_SALES_ENGINEER",
        "ACME_DP_PROD_SALES_TRANSFORM",
    ), "sales-user-orders_etl"
    assert alone.named("sales-user-orders_etl-network").inputs["allowedIpLists"] == [
        "203.0.113.10/32",
        "192.0.2.1",
    ], "sales-user-orders_etl-network"
    assert alone.named("sales-user-orders_etl-key-a-rotation").inputs == {"rotationDays": 30}
    assert alone.named("sales-user-orders_etl-keypair-only").inputs["authenticationPolicyName"] == (
        '"GOV"."POLICIES"."SERVICE_KEYPAIR_ONLY"'
    ), "sales-user-orders_etl-keypair-only"


def test_alone_a_source_loads_its_zone_prefix_into_its_schema_with_domain_names(alone):
    integration = alone.named("sales-ingest-shop-integration").inputs
    assert {k: integration[k] for k in ("name", "storageAwsExternalId", "storageAwsRoleArn")} == {
        "name": "ACME_DP_PROD_SALES_SHOP_INTEGRATION",
        "storageAwsExternalId": "ACME_DP_PROD_SALES_ENGINEER_SHOP_EXTERNAL_ID",
        "storageAwsRoleArn": "arn:aws:iam::410987654321:role/acme-dp-prod-sales-shop",
    }, "sales-ingest-shop-integration"
    assert integration["storageAllowedLocations"] == [
        "s3://acme-dp-prod-raw/domains/sales/shop/"
    ], "sales-ingest-shop-integration"
    pipe = alone.named("sales-ingest-shop-pipe").inputs
    assert (pipe["database"], pipe["schema"], pipe["name"], pipe["errorIntegration"]) == (
        "ACME_DP_PROD_SALES",
        "ORDERS",
        "SALES_SHOP_PIPE",
        "ACME_DP_PROD_ALERTS",
    ), "sales-ingest-shop-pipe"
    assert alone.named("sales-ingest-shop-table").protect, "sales-ingest-shop-table"


def test_alone_the_outputs_hand_each_sources_queue_to_its_zone(alone):
    queue = alone.named("sales-ingest-shop-pipe").outputs["notificationChannel"]
    assert alone.outputs == {
        "key": "sales",
        "notifications": [("raw", queue, "domains/sales/shop/")],
    }
