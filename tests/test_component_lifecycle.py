"""Components are finished when their constructor returns: no child after register_outputs.

Every component of every stack (domains included) is built under the mock runtime with
`ComponentResource.register_outputs` and `Resource.__init__` watched; a resource whose
parent has already registered its outputs is a component changed after construction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pulumi
import pytest

from scripts.plan.command import plan
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import run_callable

STACKS = ("dev", "staging", "prod")


@pytest.fixture
def late_children(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Records `child of parent` for every resource created under a finished component."""
    finished: set[int] = set()
    late: list[str] = []
    register_outputs = pulumi.ComponentResource.register_outputs
    resource_init = pulumi.Resource.__init__

    def watched_register_outputs(self: pulumi.ComponentResource, outputs: Any) -> None:
        finished.add(id(self))
        register_outputs(self, outputs)

    def watched_init(self: pulumi.Resource, t: str, name: str, *args: Any, **kwargs: Any) -> None:
        opts = kwargs.get("opts") if "opts" in kwargs else (args[2] if len(args) > 2 else None)
        parent = getattr(opts, "parent", None)
        if parent is not None and id(parent) in finished:
            late.append(f"{t} [{name}] under a finished {type(parent).__name__}")
        resource_init(self, t, name, *args, **kwargs)

    monkeypatch.setattr(pulumi.ComponentResource, "register_outputs", watched_register_outputs)
    monkeypatch.setattr(pulumi.Resource, "__init__", watched_init)
    yield late


@pytest.mark.parametrize("stack", STACKS)
def test_no_component_gains_children_after_register_outputs(stack, late_children):
    document = plan(None, stack, None)
    assert document["resources"], f"{stack}: nothing was planned"
    assert not late_children, f"{stack}: components changed after construction: {late_children}"


def test_the_watch_sees_a_late_child(late_children):
    """The guard itself: a component that adds a child after finishing is reported."""

    class Late(pulumi.ComponentResource):
        def __init__(self) -> None:
            super().__init__("test:index:Late", "late")
            self.register_outputs({})
            pulumi.ComponentResource(
                "test:index:Child", "child", None, pulumi.ResourceOptions(parent=self)
            )

    run_callable(
        Late, project="test", stack="dev", mocks=PlausibleMocks("111122223333", "eu-west-1")
    )
    assert late_children == ["test:index:Child [child] under a finished Late"]
