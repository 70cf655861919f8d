"""An environment's plans as `dataplat plan --env` writes them, single-stack and split.

Made once per test session per environment from a copy of the repository (the split needs
`domain_stacks: true` in the stack file), with the plan tests' own helpers: the platform
stack alone (`domain_stacks: false`, today's stack files), then the platform, domain and
edges stacks. The tools that read an environment's plans (`cost`, `audit` and `diff`
with `--env`, the migration's check against the split) are tested on these.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from policies.rules.facts.stack_layout import PLATFORM_PROJECT
from tests.scripts.plan.test_plan_env import _copy, _plan, _split

_made: dict[str, tuple[Path, Path]] = {}
_project: list[Path] = []


def env_plan_dirs(factory: pytest.TempPathFactory, env: str) -> tuple[Path, Path]:
    """(the directory of `plan-<env>.json` planned single-stack, the directory of the split
    environment's plans)."""
    if env not in _made:
        if not _project:
            _project.append(_copy(factory.mktemp("project")))
        project = _project[0]
        single, split = factory.mktemp(f"single-{env}"), factory.mktemp(f"split-{env}")
        assert _plan(["--program", str(project), "--env", env, "--out-dir", str(single)]) == 0
        _split(project, env)
        assert _plan(["--program", str(project), "--env", env, "--out-dir", str(split)]) == 0
        _made[env] = (single, split)
    return _made[env]


def read_dir(directory: Path) -> dict[str, dict[str, Any]]:
    """Every plan document of `directory`, by file name."""
    return {p.name: json.loads(p.read_text()) for p in sorted(directory.glob("plan-*.json"))}


def write_dir(directory: Path, documents: dict[str, dict[str, Any]]) -> Path:
    """`documents` written into the new `directory` (by file name)."""
    directory.mkdir()
    for name, document in documents.items():
        (directory / name).write_text(json.dumps(document))
    return directory


def without_aliases(documents: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The plans of a split whose domain and edges programs forgot their aliases."""
    return {
        name: doc
        if doc["project"] == PLATFORM_PROJECT
        else {**doc, "resources": [_unaliased(r) for r in doc["resources"]]}
        for name, doc in documents.items()
    }


def _unaliased(resource: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in resource.items() if k != "aliases"}
