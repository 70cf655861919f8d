"""Defects 2 and 3 of issue 18, re-introduced into the real prod stack, are caught by the
journey "every Airflow connection reaches its endpoint and logs in".

Each test patches the program back to its defective form through `monkeypatch` (so the
patch ends with the test), plans prod in-process under the mock runtime, and asserts that
the journey rule names the resource to change. Unpatched, prod's journeys all work.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pulumi_snowflake
import pytest

from components.snowflake import pipeline_service_user
from scripts.plan.command import plan
from stacks import orchestration_config

RULE = "journey-connection-logs-in"


def reported(document: dict[str, Any]) -> dict[str, list[str]]:
    """The journey rule's violations: messages by the name of the resource to change."""
    found: dict[str, list[str]] = {}
    for v in document["violations"]:
        if v["policy"] == RULE:
            found.setdefault(v["name"], []).append(v["message"])
    return found


def connection_secrets(document: dict[str, Any]) -> set[str]:
    return {
        r["name"]
        for r in document["resources"]
        if r["type"] == "aws:secretsmanager/secret:Secret"
        and (r["inputs"].get("tags") or {}).get("airflow-conn-type") == "snowflake"
    }


@pytest.fixture(scope="module")
def clean(plans: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The unpatched prod plan: the session's (tests/conftest.py), not a run of its own."""
    return plans["prod"]


def test_prod_has_snowflake_connections_and_every_journey_works(clean):
    assert connection_secrets(clean), "prod declares no tagged Snowflake connection"
    assert reported(clean) == {}


def test_2_endpoints_only_egress_in_prod_is_caught(monkeypatch):
    """Prod back to `endpoints` egress: private subnets with no route out."""
    defaults = dict(orchestration_config.ORCHESTRATION_ENVIRONMENT_DEFAULTS)
    defaults["prod"] = dataclasses.replace(defaults["prod"], egress="endpoints")
    monkeypatch.setattr(orchestration_config, "ORCHESTRATION_ENVIRONMENT_DEFAULTS", defaults)
    document = plan(None, "prod", None)
    found = reported(document)
    tables = {n for n in found if n.startswith("data-platform-orchestration-network-private-")}
    assert tables, f"no private route table reported: {found}"
    for name in tables:
        assert any(
            "hop [Snowflake account host: route]" in m and "no route to 0.0.0.0/0" in m
            for m in found[name]
        ), found[name]
    # Every connection's journey is broken, not just one.
    assert sum(len(m) for m in found.values()) == len(connection_secrets(document))


def test_3_network_policy_of_documentation_ranges_without_the_nat_addresses_is_caught(
    monkeypatch,
):
    """The policies back to the configured list alone, a documentation range."""
    original = pulumi_snowflake.NetworkPolicy

    def defective(resource_name: str, *args: Any, **kwargs: Any) -> Any:
        kwargs["allowed_ip_lists"] = ["203.0.113.10/32"]
        return original(resource_name, *args, **kwargs)

    monkeypatch.setattr(
        pipeline_service_user, "snowflake", _Proxy(pulumi_snowflake, NetworkPolicy=defective)
    )
    document = plan(None, "prod", None)
    found = reported(document)
    policies = {n for n in found if n.endswith("-network")}
    assert len(policies) == len(connection_secrets(document)), found
    for name in policies:
        (message,) = found[name]
        assert "hop [network policy admits Airflow's addresses]" in message
        assert "no public address" in message
        assert f"change NetworkPolicy [{name}]" in message


class _Proxy:
    """A module seen through a few replaced attributes."""

    def __init__(self, target: Any, **overrides: Any) -> None:
        self._target = target
        self.__dict__.update(overrides)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)
