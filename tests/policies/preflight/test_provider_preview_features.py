"""Preview resources of pulumi-snowflake must be enabled on the provider that manages them."""

from __future__ import annotations

import inspect
import re

import pulumi_snowflake

from policies.rules.core.rule import Context
from policies.rules.preflight import provider_preview_features as rule
from policies.rules.preflight.provider_preview_features import (
    PREVIEW_RESOURCES,
    feature_of,
    type_of,
)
from tests.policies.helpers import view

PIPE = "snowflake:index/pipe:Pipe"
PROVIDER = "urn:pulumi:prod::test::pulumi:providers:snowflake::objects"


def _sdk_preview_resources() -> set[str]:
    """The preview resources the installed SDK documents (before its promoted ones)."""
    doc = inspect.getsource(pulumi_snowflake.provider)
    text = doc.split("Preview features that can be enabled are:", 1)[1]
    text = text.split("Promoted features", 1)[0]
    return {f for f in re.findall(r"<code>(snowflake_\w+)</code>", text) if f.endswith("_resource")}


def test_the_table_is_the_installed_providers_own_list():
    assert set(PREVIEW_RESOURCES) == _sdk_preview_resources()


def test_type_tokens_map_to_feature_names():
    assert feature_of(PIPE) == "snowflake_pipe_resource"
    assert (
        feature_of("snowflake:index/tableConstraint:TableConstraint")
        == "snowflake_table_constraint_resource"
    )
    assert feature_of("aws:s3/bucket:Bucket") is None
    for feature in PREVIEW_RESOURCES:
        assert feature_of(type_of(feature)) == feature


def _findings(enabled: str | None) -> list[str]:
    props = {} if enabled is None else {"previewFeaturesEnabled": enabled}
    pipe = view(PIPE, "pipe", {"name": "P"}, provider=PROVIDER, provider_props=props)
    return [f.message for f in rule.check(pipe, Context("prod"))]


def test_an_enabled_preview_resource_passes():
    assert _findings('["snowflake_pipe_resource", "snowflake_table_resource"]') == []


def test_a_preview_resource_on_a_provider_without_the_feature_fails_naming_it():
    (message,) = _findings('["snowflake_table_resource"]')
    assert "snowflake_pipe_resource" in message and "[objects]" in message
    (message,) = _findings(None)
    assert "does not enable snowflake_pipe_resource" in message


def test_a_promoted_resource_needs_nothing():
    attachment = view(
        "snowflake:index/userAuthenticationPolicyAttachment:UserAuthenticationPolicyAttachment",
        "a",
        {},
        provider=PROVIDER,
        provider_props={},
    )
    assert list(rule.check(attachment, Context("prod"))) == []


def test_the_real_stacks_enable_every_preview_resource_they_use(plans):
    for stack, document in plans.items():
        failing = [v for v in document["violations"] if v["policy"] == rule.RULE.id]
        assert failing == [], f"{stack}: {failing}"
    assert any(r["type"] == PIPE for r in plans["prod"]["resources"])
