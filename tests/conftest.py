"""Shared fixtures: the offline plans of this repository's three stacks, made once."""

from __future__ import annotations

from typing import Any

import pytest

from scripts.plan.command import plan

STACKS = ("dev", "staging", "prod")


@pytest.fixture(scope="session")
def plans() -> dict[str, dict[str, Any]]:
    """The plan document of every stack, by stack name."""
    return {stack: plan(None, stack, None) for stack in STACKS}


@pytest.fixture(params=STACKS)
def stack_plan(request: pytest.FixtureRequest, plans: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Each stack's plan in turn."""
    return plans[request.param]
