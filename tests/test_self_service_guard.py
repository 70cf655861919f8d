"""The headline self-service action keeps every stack plannable and compliant.

A team runs `dataplat new-domain` and opens a PR with the file it wrote; nothing else
should be needed. This guard does exactly that on a copy of this repository's project
(its program and every stack and domain file), through the public commands, and plans
each stack offline from the copy.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scripts.cli import main
from scripts.plan.document import mandatory_violations
from tests.stack_data import STACKS, domains

REPO = STACKS.parent
STACK_NAMES = sorted(p.name.split(".")[1] for p in STACKS.glob("Pulumi.*.yaml"))


@pytest.fixture(scope="module")
def project_with_a_new_domain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of the project with one more domain, written by `dataplat new-domain`."""
    project = tmp_path_factory.mktemp("self-service") / "project"
    project.mkdir()
    for name in ("Pulumi.yaml", "__main__.py"):
        shutil.copy(REPO / name, project / name)
    # The data only: the program imports this repository's own `stacks` package.
    shutil.copytree(
        STACKS, project / "stacks", ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    existing = {spec["name"] for spec in domains()}
    name = next(f"newteam{i}" for i in range(len(existing) + 1) if f"newteam{i}" not in existing)
    directory = project / "stacks" / "domains"
    code = main(["new-domain", name, "--owner", f"{name}@acme.example", "--dir", str(directory)])
    assert code == 0, f"new-domain {name} failed"
    assert (directory / f"{name}.yaml").is_file()
    return project, name


@pytest.mark.parametrize("stack", STACK_NAMES)
def test_a_generated_domain_plans_with_no_mandatory_violation(
    project_with_a_new_domain: tuple[Path, str], stack: str, tmp_path: Path
) -> None:
    project, name = project_with_a_new_domain
    out = tmp_path / f"{stack}.json"
    code = main(
        ["plan", "--program", str(project), "--stack", stack, "--format", "json", "--out", str(out)]
    )
    document = json.loads(out.read_text()) if out.is_file() else None
    assert document is not None, f"{stack}: no plan was written (exit code {code})"
    violations = mandatory_violations(document)
    assert not violations, f"{stack} with domain [{name}]: {violations}"
    assert code == 0, f"{stack} with domain [{name}]: exit code {code}"
    errors = [d for d in document["diagnostics"] if d["severity"] == "error"]
    assert not errors, f"{stack} with domain [{name}]: {errors}"
    # The new file really was planned: its domain, database and warehouse exist.
    assert name in document["outputs"]["domains"], f"{stack}: domain [{name}] not planned"
    names = {r["inputs"].get("name") for r in document["resources"]}
    prefix = f"ACME_DP_{stack.upper()}_"
    assert f"{prefix}DOMAIN_{name.upper()}" in names, f"{stack}: no database of [{name}]"
    assert f"{prefix}{name.upper()}_{name.upper()}" in names, f"{stack}: no warehouse of [{name}]"
