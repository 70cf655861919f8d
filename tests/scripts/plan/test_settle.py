"""Outputs settle before the SDK's shutdown wait, and failures still reach the caller."""

from __future__ import annotations

import pulumi
import pytest

from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import run_callable
from scripts.plan.settle import _pending

MOCKS = PlausibleMocks("111122223333", "eu-west-1")


def test_a_chain_of_applies_settles_and_is_exported():
    def program() -> None:
        value = pulumi.Output.from_input(1)
        for _ in range(20):
            value = value.apply(lambda v: v + 1)
        pulumi.export("value", value)

    run = run_callable(program, project="p", stack="settle", mocks=MOCKS)
    assert run.stack_outputs == {"value": 21}


def test_the_pending_outputs_are_seen_while_the_program_runs():
    seen: list[int] = []

    def program() -> None:
        pulumi.Output.from_input(1).apply(lambda v: seen.append(len(_pending())))
        pulumi.export("value", pulumi.Output.from_input(2).apply(lambda v: v))

    run = run_callable(program, project="p", stack="settle", mocks=MOCKS)
    assert run.stack_outputs == {"value": 2}
    assert seen and seen[0] >= 1, "the apply ran while outputs were pending"


def test_a_failing_apply_still_fails_the_run():
    def program() -> None:
        pulumi.export("broken", pulumi.Output.from_input(0).apply(lambda v: 1 // v))

    with pytest.raises(ZeroDivisionError):
        run_callable(program, project="p", stack="settle", mocks=MOCKS)
