"""Shared fixtures of the audit tests: reports of the stacks' plans on a fixed date."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts.audit.report import build_report
from scripts.plan.policy import load_policy_config

ROOT = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 6, 1)


def audit_plan(plan: dict[str, Any], stack: str) -> dict[str, Any]:
    """The report of a copy of `plan`, with the stack's policy config, as of TODAY."""
    config = ROOT / "stacks" / f"policy.{stack}.json"
    settings = load_policy_config(config if config.is_file() else None)
    return build_report(copy.deepcopy(plan), settings, TODAY, {"kind": "plan document"})


@pytest.fixture(scope="session")
def prod_report(plans: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The audit report of the prod plan."""
    return audit_plan(plans["prod"], "prod")


@pytest.fixture
def moto_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A moto account with test credentials in the environment, in the seeded region."""
    from moto import mock_aws

    from .moto_account import REGION

    for name, value in (
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_DEFAULT_REGION", REGION),
    ):
        monkeypatch.setenv(name, value)
    with mock_aws():
        yield


@pytest.fixture
def account(moto_env: None, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The seeded compliant account. moto answers MWAA's ListEnvironments with 404 "not yet
    implemented", so these accounts read as having no environment (test_live_blind_spots.py
    tests an unanswered MWAA on its own)."""
    from scripts.audit.live import scan as live_scan

    from .moto_account import seed

    services = tuple(
        (label, service, (lambda _client, _in_scope: iter(())) if service == "mwaa" else reader)
        for label, service, reader in live_scan.SERVICES
    )
    monkeypatch.setattr(live_scan, "SERVICES", services)
    return seed()
