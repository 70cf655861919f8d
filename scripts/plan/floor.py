"""The SDK's floor of a plan: what `dataplat plan` cannot go below, run as a fresh process.

`dataplat bench` compares `dataplat plan --stack S` with this program, each a fresh process
started the same way (`python -m <module>`, same interpreter, same virtualenv, same
environment). The floor does only what any program registering the same resources with the
typed SDKs must do:

- it imports the very SDK modules the plan process had imported when it finished (pulumi,
  pulumi_aws, pulumi_snowflake, pulumi_tls, pulumiverse_time and their submodules, in the
  order they were first imported; `capture` records them), and nothing of the project
  beyond the mock runtime (scripts/plan/runtime.py, mocks.py, sdk.py); it imports them where
  the plan's program does, inside the first stack's run, so under the same collector settings
  (`collector_for_a_run`: objects alive before the run frozen, young collections rare) and
  freed by the same end-of-run collection. Imported before the run instead, under the default
  thresholds, the ~470,000 objects of the SDKs paid repeated full collections as they grew
  (measured, 0.33-0.39 CPU seconds of the prod floor, against 0.02 in the plan), which made
  the floor slower than the plan's own imports and flattered the ratio;
- it replays the plan's registrations flat: each cloud resource of the plan document (its
  captured RegisterResource request: type, name, inputs, provider, protect,
  retainOnDelete, and the resources it depends on, as `depends_on`; the requests then name
  the same dependencies as the plan's, a test checks) becomes one typed SDK class, with no
  components, no config and no logic,
  under the same mocks (`PlausibleMocks`) and the same run (`run_callable`, which sets the
  same collector thresholds);
- it exits the way `dataplat plan` exits (exit_path.py: `freeze_at_exit`, then the
  interpreter's normal exit).

Usage (scripts/bench/processes.py runs it): `python -m scripts.plan.floor capture DIR
STACK...` plans the stacks in this process and writes DIR/plan-<stack>.json and
DIR/sdk-modules.txt;
`python -m scripts.plan.floor replay DIR STACK...` is the floor of `dataplat plan` for those
stacks (one process, like `dataplat plan --stack a --stack b`). Exit code 0, 2 on bad use.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scripts.plan.exit_path import freeze_at_exit

if TYPE_CHECKING:
    from scripts.plan.runtime import ProgramRun

# The SDKs' top-level packages: their modules are the floor's imports.
SDK_PACKAGES = ("pulumi", "pulumi_aws", "pulumi_snowflake", "pulumi_tls", "pulumiverse_time")
MODULES_FILE = "sdk-modules.txt"
REPLAY_ACCOUNT = "123456789012"
REPLAY_REGION = "eu-west-1"


def sdk_modules(loaded: dict[str, Any]) -> list[str]:
    """The names in `loaded` (sys.modules, in import order) of the SDK packages' modules."""
    return [name for name in loaded if name.partition(".")[0] in SDK_PACKAGES]


def capture(directory: Path, stacks: list[str]) -> int:
    """Plan `stacks` with `dataplat plan` in this process; record its SDK modules."""
    from scripts.cli import main as dataplat

    command = ["plan", "--quiet", "--format", "json", "--out-dir", str(directory)]
    code = dataplat([*command, *(arg for s in stacks for arg in ("--stack", s))])
    (directory / MODULES_FILE).write_text("\n".join(sdk_modules(dict(sys.modules))) + "\n")
    return code


def replay(directory: Path, stacks: list[str]) -> int:
    """The floor: import the recorded SDK modules, replay each stack's resources flat."""
    freeze_at_exit()  # the exit path of `dataplat plan` (plan/command.py)
    modules = (directory / MODULES_FILE).read_text().split()
    for position, stack in enumerate(stacks):
        document = json.loads((directory / f"plan-{stack}.json").read_text())
        # The SDKs are imported inside the first stack's run, as the plan's program imports
        # them: under the run's collector settings (runtime.collector_for_a_run), and the
        # run's end-of-run collection then covers them in both.
        replay_document(document, imports=modules if position == 0 else ())
    return 0


def replay_document(
    document: dict[str, Any], with_components: bool = False, imports: Sequence[str] = ()
) -> ProgramRun:
    """Register the document's resources with the bare SDK and none of our code; the run.

    Without components: a flat program of the typed SDK classes under the same explicit
    providers (the floor). With components: the same tree, each component an empty
    `ComponentResource`, which separates the cost of our logic from the cost of having a
    component tree at all. Each resource depends on the resources its request named
    (`dependencies`), registered before it. `imports` are imported first inside the run,
    as a program imports the SDKs it uses.
    """
    import pulumi

    from policies.rules.facts.tokens import PULUMI_STACK
    from scripts.plan.mocks import PlausibleMocks
    from scripts.plan.runtime import run_callable
    from scripts.plan.sdk import sdk_class_for

    by_urn = {r["urn"]: r for r in document["resources"]}
    created: dict[str, pulumi.Resource] = {}

    def register(doc: dict[str, Any]) -> pulumi.Resource | None:
        if doc["urn"] in created or doc["type"] == PULUMI_STACK:
            return created.get(doc["urn"])
        if not doc["custom"] and not with_components:
            return None
        parent_doc = by_urn.get(doc["parent"] or "")
        parent = register(parent_doc) if with_components and parent_doc else None
        if doc["custom"]:
            provider_doc = _provider_doc(by_urn, doc.get("provider"))
            needed = [register(by_urn[urn]) for urn in doc["dependencies"] if urn in by_urn]
            made: pulumi.Resource = sdk_class_for(doc["type"])(
                doc["name"],
                opts=pulumi.ResourceOptions(
                    parent=parent,
                    provider=register(provider_doc) if provider_doc else None,  # type: ignore[arg-type]
                    protect=doc["protect"],
                    retain_on_delete=doc["retainOnDelete"],
                    depends_on=[r for r in needed if r is not None] or None,
                ),
                **python_args(doc["inputs"]),
            )
        else:
            made = pulumi.ComponentResource(
                doc["type"], doc["name"], None, pulumi.ResourceOptions(parent=parent)
            )
        created[doc["urn"]] = made
        return made

    def program() -> None:
        for name in imports:
            importlib.import_module(name)
        for doc in document["resources"]:
            register(doc)

    return run_callable(
        program,
        project=document["project"],
        stack=document["stack"],
        mocks=PlausibleMocks(REPLAY_ACCOUNT, REPLAY_REGION),
    )


def _provider_doc(by_urn: dict[str, Any], reference: str | None) -> dict[str, Any] | None:
    """The provider resource a reference (`urn` or `urn::id`) points at, if in the plan."""
    if not reference:
        return None
    found = by_urn.get(reference) or by_urn.get(reference.rsplit("::", 1)[0])
    return dict(found) if found else None


def python_args(inputs: dict[str, Any]) -> dict[str, Any]:
    """Engine (camelCase) inputs back into the SDK's snake_case arguments."""

    def convert(value: Any, key: str = "") -> Any:
        if isinstance(value, dict) and key != "tags":
            return {_snake(k): convert(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        return value

    return {_snake(k): convert(v, k) for k, v in inputs.items()}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def main(argv: list[str] | None = None) -> int:
    """`capture DIR STACK...` or `replay DIR STACK...`."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3 or args[0] not in ("capture", "replay") or not Path(args[1]).is_dir():
        print("usage: python -m scripts.plan.floor capture|replay DIR STACK...", file=sys.stderr)
        return 2
    action = capture if args[0] == "capture" else replay
    return action(Path(args[1]), args[2:])


if __name__ == "__main__":
    sys.exit(main())
