"""DomainConsumerGrants built alone: each consumer role gets the READ database role of each
schema it consumes, through the security provider, once both exist."""

from __future__ import annotations

import pytest

from components.domain.domain_consumer_grants import (
    ConsumerGrant,
    DomainConsumerGrants,
    DomainConsumerGrantsArgs,
)
from components.snowflake.managed_database import DatabaseArgs, ManagedDatabase, SchemaArgs
from tests.components.synthetic import Built, Probe, build_snowflake

SALES = DatabaseArgs(
    "ACME_DP_PROD_SALES", (SchemaArgs("orders", "ORDERS"), SchemaArgs("crm", "CRM")), 1
)


@pytest.fixture(scope="module")
def built() -> Built:
    def construct(providers):
        database = ManagedDatabase("sales-db", SALES, providers)
        grants = DomainConsumerGrants(
            "sales-consumers",
            DomainConsumerGrantsArgs(
                database,
                [
                    ConsumerGrant(
                        "marketing.analyst",
                        Probe("marketing-analyst", "ACME_DP_PROD_MARKETING_ANALYST").value,
                        ["orders", "crm"],
                    ),
                    ConsumerGrant("auditor", "ACME_DP_PROD_AUDITOR", ["orders"]),
                ],
            ),
            providers,
        )
        return {"grants": [g.urn for g in grants.grants]}

    return build_snowflake(construct)


def test_each_consumer_gets_read_on_each_schema_it_consumes_and_nothing_else(built):
    assert {name: built.named(name).inputs for name in built.children("sales-consumers")} == {
        "sales-consumers-read-orders-to-marketing-analyst": {
            "databaseRoleName": '"ACME_DP_PROD_SALES"."ORDERS_READ"',
            "parentRoleName": "ACME_DP_PROD_MARKETING_ANALYST",
        },
        "sales-consumers-read-crm-to-marketing-analyst": {
            "databaseRoleName": '"ACME_DP_PROD_SALES"."CRM_READ"',
            "parentRoleName": "ACME_DP_PROD_MARKETING_ANALYST",
        },
        "sales-consumers-read-orders-to-auditor": {
            "databaseRoleName": '"ACME_DP_PROD_SALES"."ORDERS_READ"',
            "parentRoleName": "ACME_DP_PROD_AUDITOR",
        },
    }


def test_the_grants_go_through_the_security_provider(built):
    for name in built.children("sales-consumers"):
        assert built.provider_of(name) == "sf-security", name


def test_a_grant_waits_for_the_read_role_and_the_consumer_role(built):
    assert built.depends_on("sales-consumers-read-crm-to-marketing-analyst") == {
        "sales-db-crm-read",
        "marketing-analyst",
    }
    assert built.depends_on("sales-consumers-read-orders-to-auditor") == {"sales-db-orders-read"}


def test_the_output_lists_every_grant_in_consumer_then_schema_order(built):
    assert [u.rsplit("::", 1)[1] for u in built.outputs["grants"]] == [
        "sales-consumers-read-orders-to-marketing-analyst",
        "sales-consumers-read-crm-to-marketing-analyst",
        "sales-consumers-read-orders-to-auditor",
    ]
