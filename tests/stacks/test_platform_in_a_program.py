"""The platform object read inside a running program: a bad value is refused naming the
stack file it came from, also in a domain stack, whose config is its environment's
platform stack file copied."""

from __future__ import annotations

import json

import pulumi
import pytest

from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import run_callable
from stacks.stack_file import platform_from_pulumi_config


@pytest.mark.parametrize("stack", ["dev", "dev.marketing"])
def test_a_bad_platform_object_names_the_environments_stack_file(stack):
    def program() -> None:
        platform_from_pulumi_config()

    config = {"data-platform:platform": json.dumps({"environment": "dev"})}
    with pytest.raises(pulumi.RunError) as raised:
        run_callable(
            program,
            project="data-platform-domain" if "." in stack else "data-platform",
            stack=stack,
            mocks=PlausibleMocks("210987654321", "eu-west-1"),
            config=config,
        )
    assert "stacks/Pulumi.dev.yaml" in str(raised.value)
    assert "account_id" in str(raised.value)
