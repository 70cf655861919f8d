"""The Automation API calls a run makes, behind a protocol a test can fake.

`pulumi.automation` drives the `pulumi` CLI binary (https://www.pulumi.com/docs/iac/
concepts/automation-api/: "the CLI must be available to your program at runtime"), which
cannot be installed on the development and CI machines here; the runner therefore sees
only `Workspace.select(target) -> StackSession`, and the tests pass a fake. The methods
are the real `pulumi.automation.Stack`'s (pulumi 3.272, `automation/_stack.py`), so
`AutomationWorkspace` returns the SDK's Stack itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from scripts.orchestrate.targets import StackTarget

OnOutput = Callable[[str], Any]


class ConfigEntry(Protocol):
    """A config value as `Stack.get_all_config` returns it (`automation.ConfigValue`)."""

    value: str
    secret: bool


class OutputEntry(Protocol):
    """A stack output as `Stack.outputs` returns it (`automation.OutputValue`)."""

    value: Any
    secret: bool


class StackSession(Protocol):
    """One selected stack: the subset of `pulumi.automation.Stack` a run uses."""

    def up(
        self,
        *,
        on_output: OnOutput | None = None,
        policy_packs: list[str] | None = None,
        policy_pack_configs: list[str] | None = None,
    ) -> Any:
        """`pulumi up --yes [--policy-pack DIR --policy-pack-config FILE]`."""

    def preview(
        self,
        *,
        on_output: OnOutput | None = None,
        policy_packs: list[str] | None = None,
        policy_pack_configs: list[str] | None = None,
    ) -> Any:
        """`pulumi preview [--policy-pack DIR --policy-pack-config FILE]`."""

    def refresh(self, *, on_output: OnOutput | None = None) -> Any:
        """`pulumi refresh --yes`."""

    def destroy(self, *, on_output: OnOutput | None = None) -> Any:
        """`pulumi destroy --yes`."""

    def outputs(self) -> Mapping[str, Any]:
        """The stack's outputs (`pulumi stack output --json --show-secrets`)."""

    def get_all_config(self) -> Mapping[str, Any]:
        """The stack's config, secrets decrypted."""

    def set_all_config(self, config: dict[str, Any]) -> None:
        """Write config values (secrets encrypted with this stack's own secrets provider)."""

    def list_tags(self) -> Mapping[str, str]:
        """The stack's tags."""

    def set_tag(self, key: str, value: str) -> None:
        """Set one stack tag."""


class Workspace(Protocol):
    """Selects (creating when missing) the stack of a target."""

    def select(self, target: StackTarget) -> StackSession:
        """The target's stack, created when it does not exist yet."""


class AutomationWorkspace:
    """The real workspace: `pulumi.automation.create_or_select_stack` on the target's
    project directory (a local program, as `pulumi` run in that directory would run it).

    Needs the `pulumi` CLI on PATH and a logged-in backend (`pulumi login s3://...`,
    `PULUMI_CONFIG_PASSPHRASE` or the KMS secrets provider); nothing here can run it.
    """

    def __init__(self, organization: str) -> None:
        self.organization = organization

    def select(self, target: StackTarget) -> StackSession:
        """`create_or_select_stack(<org>/<project>/<stack>, work_dir=<project dir>)`."""
        from pulumi import automation  # the SDK import costs a second: only when running

        stack: StackSession = automation.create_or_select_stack(
            stack_name=target.qualified(self.organization), work_dir=str(target.work_dir)
        )
        return stack
