"""The prod access matrix: who inherits what, and who sees which PII category in clear.

Expected per stacks/Pulumi.prod.yaml: analyst reads curated.sales and unmasks
nothing; customer_support reads curated.customers and unmasks email and phone;
privacy_officer reads raw and curated and unmasks every category.
"""

from __future__ import annotations

from typing import Any

import pytest

from policies.rules.snowflake.masking_eval import evaluate
from scripts.audit.access import masking_bodies
from scripts.role_graph import held_roles, role_graph
from tests.stack_data import declared_pii_schemas, domains, platform

P = "ACME_DP_PROD_"


def principal(report: dict[str, Any], name: str) -> dict[str, Any]:
    rows = {p["principal"]: p for p in report["access"]["principals"]}
    assert P + name in rows, f"{P + name} not in the matrix: {sorted(rows)}"
    return rows[P + name]


def test_principals_are_service_users_then_functional_roles(prod_report: dict[str, Any]) -> None:
    kinds = [(p["principal"], p["kind"]) for p in prod_report["access"]["principals"]]
    known = [
        (P + "AIRFLOW_LOADER", "service user"),
        (P + "AIRFLOW_TRANSFORMER", "service user"),
        (P + "MARKETING_ENGINEER_LOADER", "service user"),  # the marketing domain's pipeline
        (P + "ANALYST", "functional role"),
        (P + "CUSTOMER_SUPPORT", "functional role"),
        (P + "LOADER", "functional role"),
        (P + "MARKETING_ANALYST", "functional role"),
        (P + "MARKETING_ENGINEER", "functional role"),
        (P + "PRIVACY_OFFICER", "functional role"),
        (P + "TRANSFORMER", "functional role"),
    ]
    assert [k for k in kinds if k in known] == known
    assert kinds == sorted(kinds, key=lambda k: (k[1] != "service user", k[0]))
    users = {P + u["name"].upper() for u in platform("prod")["snowflake"]["service_users"]}
    roles = {P + r["name"].upper() for r in platform("prod")["snowflake"]["functional_roles"]}
    for spec in domains():
        name = spec["name"].upper()
        service_users = spec.get("service_users") or ()
        users |= {f"{P}{name}_ENGINEER_{p['name'].upper()}" for p in service_users}
        roles |= {f"{P}{name}_ENGINEER", f"{P}{name}_ANALYST"}
    assert {n for n, kind in kinds if kind == "service user"} == users
    assert {n for n, kind in kinds if kind == "functional role"} == roles


def test_analyst_sees_every_pii_category_masked(prod_report: dict[str, Any]) -> None:
    analyst = principal(prod_report, "ANALYST")
    assert set(analyst["categories"].values()) == {"masked"}
    expected = {"ACME_DP_PROD_CURATED": "usage", "ACME_DP_PROD_CURATED.SALES": "read"}
    # Domains that list the analyst as a consumer (marketing: its campaigns) grant it.
    for spec in domains():
        database = f"{P}DOMAIN_{spec['name'].upper()}"
        for consumer in spec.get("consumers") or ():
            if consumer["role"] == "analyst":
                expected[database] = "usage"
                expected.update({f"{database}.{s.upper()}": "read" for s in consumer["schemas"]})
    assert expected["ACME_DP_PROD_DOMAIN_MARKETING.CAMPAIGNS"] == "read"
    assert analyst["access"] == expected
    # It reads a PII schema only where a domain lists it as a consumer of one (none of
    # prod's own PII schemas), and sees every such schema masked.
    readable = {s["schema"] for s in analyst["piiSchemas"] if s["canRead"]}
    pii = {o.replace('"', "") for o, _ in declared_pii_schemas("prod")}
    assert {s["schema"] for s in analyst["piiSchemas"]} == pii
    assert readable == {t for t, level in expected.items() if level == "read" and t in pii}
    assert all(s["sees"] == "masked" for s in analyst["piiSchemas"] if s["canRead"])


def test_customer_support_sees_email_and_phone_clear_and_name_masked(
    prod_report: dict[str, Any],
) -> None:
    support = principal(prod_report, "CUSTOMER_SUPPORT")
    clear = sorted(c for c, v in support["categories"].items() if v == "clear")
    assert clear == ["email", "phone"]
    assert support["categories"]["name"] == "masked"
    schemas = {s["schema"]: s for s in support["piiSchemas"]}
    assert schemas["ACME_DP_PROD_CURATED.CUSTOMERS"] == {
        "schema": "ACME_DP_PROD_CURATED.CUSTOMERS",
        "category": "email",
        "canRead": True,
        "sees": "clear",
    }
    assert not schemas["ACME_DP_PROD_RAW.CRM"]["canRead"]


def test_privacy_officer_sees_every_category_clear(prod_report: dict[str, Any]) -> None:
    officer = principal(prod_report, "PRIVACY_OFFICER")
    assert set(officer["categories"].values()) == {"clear"}
    assert all(s["sees"] == "clear" for s in officer["piiSchemas"])
    readable = {s["schema"] for s in officer["piiSchemas"] if s["canRead"]}
    assert {"ACME_DP_PROD_CURATED.CUSTOMERS", "ACME_DP_PROD_RAW.CRM"} <= readable
    # It reads raw and curated; domains (marketing's contacts) grant it nothing.
    declared = {
        schema.replace('"', "")
        for schema, _ in declared_pii_schemas("prod")
        if schema.startswith((f'"{P}RAW"', f'"{P}CURATED"'))
    }
    assert readable == declared


def test_service_users_inherit_their_role_and_see_pii_masked(prod_report: dict[str, Any]) -> None:
    loader = principal(prod_report, "AIRFLOW_LOADER")
    assert P + "LOADER" in loader["inheritedRoles"]
    assert loader["access"]["ACME_DP_PROD_RAW.CRM"] == "create + write + read"
    assert set(loader["categories"].values()) == {"masked"}


@pytest.mark.parametrize(
    "who", ["ANALYST", "CUSTOMER_SUPPORT", "PRIVACY_OFFICER", "AIRFLOW_LOADER"]
)
def test_matrix_agrees_with_the_bodies_evaluated_in_duckdb(
    plans: dict[str, Any], prod_report: dict[str, Any], who: str
) -> None:
    resources = plans["prod"]["resources"]
    held = held_roles(role_graph(resources), P + who)
    bodies = {
        r["outputs"]["id"]: r["inputs"]["body"]
        for r in resources
        if r["type"] == "snowflake:index/maskingPolicy:MaskingPolicy"
        and r["inputs"]["arguments"][0]["type"] == "VARCHAR"
    }
    assert set(bodies) <= set(masking_bodies(resources))
    for category, shown in principal(prod_report, who)["categories"].items():
        for body in bodies.values():
            value = "someone@example.com"
            out = evaluate(body, "VARCHAR", value, category=category, session_roles=held)
            assert (out == value) == (shown == "clear"), f"{who} {category}: {out!r} vs {shown}"


def _unmasked(spec: dict[str, Any], role: str) -> set[str]:
    """The categories a domain file lets its `role` see in clear (`*`: its own)."""
    listed = set((spec.get("unmask") or {}).get(role) or ())
    own = {s["pii_category"] for s in spec["schemas"] if s.get("pii_category")}
    return own if "*" in listed else listed


def test_a_domains_unmasked_role_sees_its_categories_clear_and_the_others_masked(
    prod_report: dict[str, Any],
) -> None:
    # stacks/domains/marketing.yaml: its engineers see email in clear.
    assert any(_unmasked(spec, "engineer") for spec in domains())
    checked = []
    for spec in domains():
        for role in ("engineer", "analyst"):
            row = principal(prod_report, f"{spec['name'].upper()}_{role.upper()}")
            clear = {c for c, v in row["categories"].items() if v == "clear"}
            assert clear == _unmasked(spec, role), f"{row['principal']}: {row['categories']}"
            assert {v for c, v in row["categories"].items() if c not in clear} <= {"masked"}
            for schema in row["piiSchemas"]:
                if schema["schema"].startswith(f"{P}DOMAIN_{spec['name'].upper()}."):
                    assert schema["canRead"], schema
                    expected = "clear" if schema["category"] in clear else "masked"
                    assert schema["sees"] == expected, f"{row['principal']}: {schema}"
                    checked.append((row["principal"], schema["sees"]))
    assert {sees for _, sees in checked} == {"clear", "masked"}, checked


def test_a_domain_pipeline_sees_what_its_engineer_role_sees(prod_report: dict[str, Any]) -> None:
    for spec in domains():
        engineer = principal(prod_report, f"{spec['name'].upper()}_ENGINEER")
        for pipeline in spec.get("service_users") or ():
            user = principal(
                prod_report, f"{spec['name'].upper()}_ENGINEER_{pipeline['name'].upper()}"
            )
            assert user["categories"] == engineer["categories"]


@pytest.mark.parametrize("who", ["MARKETING_ENGINEER", "MARKETING_ANALYST"])
def test_domain_roles_in_the_matrix_agree_with_duckdb(
    plans: dict[str, Any], prod_report: dict[str, Any], who: str
) -> None:
    test_matrix_agrees_with_the_bodies_evaluated_in_duckdb(plans, prod_report, who)
