"""A fake Automation API workspace: records calls, fails on demand, bounds nothing itself."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from pulumi.automation import ConfigValue, OpType, OutputValue, PreviewResult

from scripts.orchestrate.targets import StackTarget

PLATFORM_CONFIG = {
    "aws:region": ConfigValue("eu-west-1"),
    "snowflake:privateKey": ConfigValue("-----BEGIN PRIVATE KEY-----", secret=True),
}


class FakeWorkspace:
    """Stacks by name; each operation is recorded as (stack key, operation) in order.

    `failing` holds the keys whose operations raise; `barrier`, when set, is waited on
    inside every domain operation (so a test sees how many run at once); `outputs` are
    the platform stack's outputs, `stack_outputs` any other stack's (by key); `tags`
    persist across runs, as a backend's do. Every operation returns a `PreviewResult`
    counting one resource to create and two the same.
    """

    def __init__(self, failing: set[str] | None = None, barrier: threading.Barrier | None = None):
        self.failing = failing or set()
        self.barrier = barrier
        self.calls: list[tuple[str, str]] = []
        self.config: dict[str, dict[str, Any]] = {}
        self.tags: dict[str, dict[str, str]] = {}
        self.outputs: dict[str, Any] = {"lake_buckets": OutputValue({"raw": "b-raw"}, False)}
        self.stack_outputs: dict[str, dict[str, Any]] = {}
        self.unreadable: set[str] = set()
        self.policies: dict[str, tuple[Any, Any]] = {}
        self.active = 0
        self.most_active = 0
        self.lock = threading.Lock()

    def select(self, target: StackTarget) -> FakeSession:
        return FakeSession(self, target)


class FakeSession:
    """One stack of the fake workspace (the methods `StackSession` names)."""

    def __init__(self, workspace: FakeWorkspace, target: StackTarget) -> None:
        self.ws = workspace
        self.target = target

    def _operate(self, operation: str, on_output: Any) -> PreviewResult:
        ws, key = self.ws, self.target.key
        with ws.lock:
            ws.calls.append((key, operation))
            ws.active += 1
            ws.most_active = max(ws.most_active, ws.active)
        try:
            if on_output:
                on_output(f"{operation} output line\n")
            if ws.barrier is not None and self.target.domain is not None:
                ws.barrier.wait()
            if key in ws.failing:
                raise RuntimeError(f"{operation} of {key} failed\nstack trace line")
        finally:
            with ws.lock:
                ws.active -= 1
        return PreviewResult("", "", {OpType.CREATE: 1, OpType.SAME: 2})

    def up(
        self, *, on_output: Any = None, policy_packs: Any = None, policy_pack_configs: Any = None
    ) -> PreviewResult:
        self.ws.policies[self.target.key] = (policy_packs, policy_pack_configs)
        return self._operate("up", on_output)

    def preview(
        self, *, on_output: Any = None, policy_packs: Any = None, policy_pack_configs: Any = None
    ) -> PreviewResult:
        self.ws.policies[self.target.key] = (policy_packs, policy_pack_configs)
        return self._operate("preview", on_output)

    def refresh(self, *, on_output: Any = None) -> PreviewResult:
        return self._operate("refresh", on_output)

    def destroy(self, *, on_output: Any = None) -> PreviewResult:
        return self._operate("destroy", on_output)

    def outputs(self) -> Mapping[str, Any]:
        if self.target.key in self.ws.unreadable:
            raise RuntimeError(f"cannot read {self.target.key}'s outputs")
        if self.target.key == "platform":
            return dict(self.ws.outputs)
        return dict(self.ws.stack_outputs.get(self.target.key, {}))

    def get_all_config(self) -> Mapping[str, Any]:
        if self.target.key == "platform":
            return dict(PLATFORM_CONFIG)
        return dict(self.ws.config.get(self.target.key, {}))

    def set_all_config(self, config: dict[str, Any]) -> None:
        self.ws.config[self.target.key] = dict(config)

    def list_tags(self) -> Mapping[str, str]:
        return dict(self.ws.tags.get(self.target.key, {}))

    def set_tag(self, key: str, value: str) -> None:
        self.ws.tags.setdefault(self.target.key, {})[key] = value
