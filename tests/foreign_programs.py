"""Planning a foreign team's fixture program with a chosen set of deployment mistakes.

The fixture programs (tests/fixtures/journey_program, access_program) read the mistakes to
make from their stack config (`<project>:mistakes`); with none they are the correct twin.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from scripts.cli import main


def plan_with_mistakes(
    program: Path, project: str, tmp_path: Path, mistakes: list[str]
) -> dict[str, Any]:
    """The plan document of `program` whose stack config asks for `mistakes`."""
    config = yaml.safe_load((program / "Pulumi.team-prod.yaml").read_text())
    config["config"][f"{project}:mistakes"] = mistakes
    stack_file = tmp_path / "Pulumi.team-prod.yaml"
    stack_file.write_text(yaml.safe_dump(config))
    out = tmp_path / "plan.json"
    flags = ["--program", str(program), "--config", str(stack_file), "--format", "json"]
    policy = program / "policy.team-prod.json"  # the program's own policy config, if any
    if policy.is_file():
        flags += ["--policy-config", str(policy)]
    main(["plan", *flags, "--out", str(out)])
    document: dict[str, Any] = json.loads(out.read_text())
    return document
