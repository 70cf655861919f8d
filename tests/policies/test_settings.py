"""Policy config: levels per environment and their precedence, environment resolution,
suppressions (applied, expired, malformed), and unknown values."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from policies.rules.core.engine import evaluate
from policies.rules.core.settings import (
    ConfigError,
    PolicySettings,
    parse_settings,
    stack_environment,
)
from policies.rules.core.values import UNKNOWN
from policies.rules.core.view import ResourceView
from policies.rules.registry import RULES, rule_ids
from tests.policies.helpers import TODAY, run, view

KEY = "aws:kms/key:Key"
BAD_KEY = view(KEY, "legacy-key", {"enableKeyRotation": False})
SUPPRESS = {
    "resources": "legacy-*",
    "reason": "vendor appliance cannot rotate",
    "expires": "2026-12-31",
}


def test_default_level_comes_from_the_environment():
    rule = next(r for r in RULES if r.id == "s3-bucket-object-lock")
    assert [PolicySettings().level(rule, env) for env in ("dev", "staging", "prod")] == [
        "disabled",
        "disabled",
        "advisory",
    ]


def test_all_overrides_the_default_and_a_rule_level_overrides_all():
    settings = parse_settings(
        {"all": "advisory", "kms-key-rotation-enabled": "disabled"}, set(rule_ids())
    )
    rotation = next(r for r in RULES if r.id == "kms-key-rotation-enabled")
    policy = next(r for r in RULES if r.id == "kms-key-policy-scoped")
    assert settings.level(rotation, "prod") == "disabled"
    assert settings.level(policy, "prod") == "advisory"


def test_environment_precedence_config_then_tag_then_stack_suffix_then_prod():
    assert stack_environment("dev", {"environment": "staging"}, "team-prod") == "dev"
    assert stack_environment(None, {"environment": "staging"}, "team-prod") == "staging"
    assert stack_environment(None, {}, "team-prod") == "prod"
    assert stack_environment(None, {}, "dev") == "dev"
    assert stack_environment(None, {}, "sandbox") == "prod"
    # A domain stack is of the environment before the period.
    assert stack_environment(None, {}, "dev.marketing") == "dev"
    assert stack_environment(None, {}, "staging.prod") == "staging"


def test_an_active_suppression_is_applied_and_reported():
    results = run(
        "kms-key-rotation-enabled",
        [BAD_KEY],
        config={"kms-key-rotation-enabled": {"suppressions": [SUPPRESS]}},
    )
    assert [r.status for r in results] == ["suppressed"]
    assert "vendor appliance cannot rotate" in results[0].message


def test_an_expired_suppression_is_itself_a_violation_and_suppresses_nothing():
    expired = {**SUPPRESS, "expires": "2026-01-31"}
    results = run(
        "kms-key-rotation-enabled",
        [BAD_KEY],
        config={"kms-key-rotation-enabled": {"suppressions": [expired]}},
    )
    assert [r.status for r in results] == ["violation", "violation"]
    assert "expired on 2026-01-31" in results[0].message
    assert results[1].urn is None and "suppression of [legacy-*] expired" in results[1].message


def test_a_suppression_matches_only_its_glob():
    other = view(KEY, "other-key", {"enableKeyRotation": False})
    results = run(
        "kms-key-rotation-enabled",
        [other],
        config={"kms-key-rotation-enabled": {"suppressions": [SUPPRESS]}},
    )
    assert [r.status for r in results] == ["violation"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({**SUPPRESS, "reason": "because"}, "at least 10 characters"),
        ({**SUPPRESS, "expires": "someday"}, "is not a date"),
        ({"resources": "x"}, "missing reason, expires"),
    ],
)
def test_a_malformed_suppression_is_a_config_error_naming_its_path(entry, message):
    with pytest.raises(ConfigError) as caught:
        parse_settings({"kms-key-rotation-enabled": {"suppressions": [entry]}}, set(rule_ids()))
    assert "kms-key-rotation-enabled.suppressions[0]" in str(caught.value)
    assert message in str(caught.value)


def test_unknown_rule_ids_and_levels_are_config_errors():
    with pytest.raises(ConfigError) as caught:
        parse_settings(
            {"no-such-rule": "mandatory", "kms-key-rotation-enabled": "loud"}, set(rule_ids())
        )
    assert "no-such-rule: unknown rule id" in str(caught.value)
    assert "kms-key-rotation-enabled: 'loud'" in str(caught.value)


class _AllUnknown(Mapping[str, Any]):
    """Props where every property a rule asks for is unknown (a worst-case preview)."""

    def __getitem__(self, key: str) -> Any:
        return UNKNOWN

    def __contains__(self, key: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


# Rules that read nothing of a resource's props, with why (each has its own unknown-value test).
READS_NO_PROPS = {
    "access-snowflake-domain-boundary": "judges nothing without the stack's domain declaration "
    "(config); with one, unknown grants are not evaluated (test_domain_boundary.py)",
    "access-no-secret-in-plain-output": "judges the outputs the offline plan records on the "
    "stack's view, never its props (test_plain_outputs.py)",
}


@pytest.mark.parametrize(
    "rule", [r for r in RULES if r.id not in READS_NO_PROPS], ids=lambda r: r.id
)
def test_no_rule_crashes_or_passes_silently_on_unknown_values(rule):
    views = [
        ResourceView(
            type=t, name=f"r{i}", urn=f"urn:pulumi:prod::p::{t}::r{i}", props=_AllUnknown()
        )
        for i, t in enumerate(t for t in rule.resource_types if "*" not in t)
    ] or [
        ResourceView(
            type="aws:kms/key:Key", name="r", urn="urn:pulumi:prod::p::k::r", props=_AllUnknown()
        )
    ]
    results = evaluate(views, [rule], PolicySettings(), "prod", today=TODAY)
    assert not any("failed:" in r.message for r in results), [r.message for r in results]
    assert results, f"{rule.id}: passed silently on unknown values"
