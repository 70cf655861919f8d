"""One definition per config concept (issue 23): a domain file's service users and ingest
sources reach `DataDomain` as the very values the domain model validated, so a new key of
theirs is added to the item type and read by the component, with nothing copied between."""

from __future__ import annotations

import typing
from collections.abc import Sequence
from typing import Any

from components.domain import data_domain
from components.domain.data_domain import DataDomainArgs
from composition.context import stack_context
from composition.domains import domain_args
from composition.platform_refs import PlatformRefs
from stacks.domain_spec import DomainSpec, resolve_domain
from stacks.stack_file import parse_platform
from tests.stacks.platform_base import PLATFORM_BASE
from vocabulary.domain_items import DomainIngest, DomainServiceUser

# DomainSpec key -> the DataDomainArgs field that takes its items as they are.
PASSED_THROUGH = {"service_users": "service_users", "ingest_sources": "ingest"}
SALES: dict[str, Any] = {
    "name": "sales",
    "owner": "sales@acme.example",
    "description": "Orders and customers of the shop.",
    "data_classification": "internal",
    "zones": ["raw"],
    "schemas": [{"name": "orders"}],
    "warehouses": [{"name": "transform", "credit_quota": 5}],
    "service_users": [{"name": "etl", "warehouse": "transform"}],
    "ingest_sources": [
        {"name": "shop", "zone": "raw", "prefix": "shop/./in//", "schema": "orders"}
    ],
}
SNOWFLAKE = {
    "connection": {"organization_name": "ACME", "account_name": "DATA", "user": "DEPLOY"},
    "account_cloud": "aws",
    "account_region": "eu-west-1",
}


def _item_type(annotation: Any) -> Any:
    """`X` of `tuple[X, ...]` or `Sequence[X]`, with any `Annotated[X, ...]` unwrapped."""
    (item, *_) = typing.get_args(annotation)
    return typing.get_args(item)[0] if typing.get_origin(item) is typing.Annotated else item


def test_the_domain_files_items_are_the_types_the_component_takes():
    # Only these two fields are evaluated: pulumi.Input's own annotations do not resolve.
    hints = {
        f: eval(DataDomainArgs.__annotations__[f], vars(data_domain))
        for f in PASSED_THROUGH.values()
    }
    expected = {"service_users": DomainServiceUser, "ingest_sources": DomainIngest}
    assert {
        key: _item_type(DomainSpec.model_fields[key].annotation) for key in PASSED_THROUGH
    } == expected
    assert {key: _item_type(hints[f]) for key, f in PASSED_THROUGH.items()} == expected
    assert {typing.get_origin(h) for h in hints.values()} == {Sequence}


def test_the_model_validates_into_the_shared_items():
    spec = DomainSpec.model_validate(SALES)
    assert spec.service_users == (DomainServiceUser(name="etl", warehouse="transform"),)
    assert spec.ingest_sources == (
        DomainIngest(name="shop", zone="raw", prefix="shop/in/", schema="orders"),
    )


def test_the_composition_passes_the_items_on_as_the_model_made_them():
    for environment, rotation_days in (("dev", 30), ("prod", 90)):
        platform = {**PLATFORM_BASE, "environment": environment, "snowflake": SNOWFLAKE}
        ctx = stack_context(parse_platform(platform, f"Pulumi.{environment}.yaml"))
        domain = resolve_domain(DomainSpec.model_validate(SALES), environment)
        name = '"GOV"."POLICIES"."X"'
        refs = PlatformRefs(
            lake_key_arns={"raw": "arn-of-the-raw-key"},
            alerts_topic_arn="arn-of-the-topic",
            snowflake_error_integration="ACME_DP_ALERTS",
            pii_tag=name,
            contract_tag=name,
            authentication_policy=name,
            snowflake_functional_roles={},
        )
        args = domain_args(ctx, domain, refs, data_retention_days=1, governance_role="GOV_ADMIN")
        assert args.service_users is domain.spec.service_users
        assert args.ingest is domain.spec.ingest_sources
        # The platform's rotation applies to every service user of the domain.
        assert args.key_rotation_days == rotation_days, environment
