"""The headline self-service action keeps every stack plannable and compliant.

A team runs `dataplat new-domain` and opens a PR with the file it wrote; nothing else
should be needed. This guard does exactly that on a copy of this repository's project
(its program and every stack and domain file), through the public commands, and plans
each stack offline from the copy. Likewise the platform team growing prod by a
warehouse, a PII schema and an ingest source into it: prod still plans with no
violation. (That the test suite holds too is the point of tests/stack_data.py: tests
over the real stacks compare the plans with these files.)
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.cli import main
from scripts.plan.document import mandatory_violations
from tests.stack_data import STACKS, domains

REPO = STACKS.parent
STACK_NAMES = sorted(p.name.split(".")[1] for p in STACKS.glob("Pulumi.*.yaml"))


def copy_of_the_project(directory: Path) -> Path:
    """This project's program, stack and domain files under `directory`."""
    project = directory / "project"
    project.mkdir()
    for name in ("Pulumi.yaml", "__main__.py"):
        shutil.copy(REPO / name, project / name)
    # The data only: the program imports this repository's own `stacks` package.
    shutil.copytree(
        STACKS, project / "stacks", ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    return project


def planned(project: Path, stack: str, out: Path) -> tuple[int, dict[str, Any] | None]:
    """`dataplat plan` of `stack` from `project`: its exit code and JSON document."""
    code = main(
        ["plan", "--program", str(project), "--stack", stack, "--format", "json", "--out", str(out)]
    )
    return code, json.loads(out.read_text()) if out.is_file() else None


@pytest.fixture(scope="module")
def project_with_a_new_domain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of the project with one more domain, written by `dataplat new-domain`."""
    project = copy_of_the_project(tmp_path_factory.mktemp("self-service"))
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
    code, document = planned(project, stack, tmp_path / f"{stack}.json")
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


def grow_prod(project: Path) -> str:
    """Add to the copy's prod stack a warehouse, a PII schema and an ingest source into that
    schema, all named `name` (unused so far), beside what prod already has; returns `name`.

    The source lands where prod's first source does (its zone and database), so the
    additions are as valid as prod's own entries, whatever prod holds.
    """
    path = project / "stacks" / "Pulumi.prod.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    config = data["config"]["data-platform:platform"]
    snowflake, sources = config["snowflake"], config["orchestration"]["ingest_sources"]
    taken = {w["name"] for w in snowflake["warehouses"]} | {s["name"] for s in sources}
    taken |= {s["name"] for d in snowflake["databases"] for s in d.get("schemas") or ()}
    name = next(f"grown{i}" for i in range(len(taken) + 1) if f"grown{i}" not in taken)
    snowflake["warehouses"].append({"name": name, "size": "XSMALL", "credit_quota": 20})
    (database,) = [d for d in snowflake["databases"] if d["name"] == sources[0]["database"]]
    database.setdefault("schemas", []).append({"name": name, "pii_category": "name"})
    sources.append(
        {
            "name": name,
            "zone": sources[0]["zone"],
            "prefix": f"{name}/",
            "database": database["name"],
            "schema": name,
            "file_format": "CSV",
        }
    )
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return name


def test_prod_grown_by_a_warehouse_pii_schema_and_source_plans_with_no_violation(
    tmp_path: Path,
) -> None:
    project = copy_of_the_project(tmp_path)
    name = grow_prod(project)
    code, document = planned(project, "prod", tmp_path / "prod.json")
    assert document is not None, f"prod: no plan was written (exit code {code})"
    assert not mandatory_violations(document), f"prod grown by [{name}]: {document['violations']}"
    # Not even an advisory one on what was added.
    on_additions = [v for v in document["violations"] if name in (v.get("urn") or "")]
    assert not on_additions, f"prod grown by [{name}]: {on_additions}"
    assert code == 0, f"prod grown by [{name}]: exit code {code}"
    errors = [d for d in document["diagnostics"] if d["severity"] == "error"]
    assert not errors, f"prod grown by [{name}]: {errors}"
    # The additions really were planned: the warehouse, the schema's PII tag, the pipe.
    by_type: dict[str, set[str]] = {}
    for r in document["resources"]:
        by_type.setdefault(r["type"].rsplit(":", 1)[-1], set()).add(r["name"])
    assert f"data-platform-snowflake-wh-{name}" in by_type["Warehouse"], sorted(
        by_type["Warehouse"]
    )
    assert any("-pii-" in t and t.endswith(f"-{name}") for t in by_type["TagAssociation"]), sorted(
        by_type["TagAssociation"]
    )
    assert f"data-platform-ingest-{name}-pipe" in by_type["Pipe"], sorted(by_type["Pipe"])
