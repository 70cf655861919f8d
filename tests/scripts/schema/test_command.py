"""`dataplat schema`: the JSON Schemas editors and check-jsonschema validate config with."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.cli import main
from scripts.schema.config_schema import schema_text

REPO = Path(__file__).resolve().parents[3]
SCHEMAS = REPO / "docs" / "reference" / "schemas"
DOMAIN_FILES = sorted((REPO / "stacks" / "domains").glob("*.yaml"))
STACK_FILES = sorted((REPO / "stacks").glob("Pulumi.*.yaml"))


def _check(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("kind", ["domain", "stack"])
def test_the_committed_schema_is_what_schema_writes(kind, tmp_path, capsys):
    out = tmp_path / f"{kind}.json"
    assert main(["schema", "--kind", kind, "--out", str(out)]) == 0
    assert out.read_text() == (SCHEMAS / f"{kind}.schema.json").read_text() == schema_text(kind)


def test_schema_writes_the_domain_schema_to_standard_output(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "DomainSpec"


def test_schema_refuses_a_directory_as_out(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path)]) == 2
    assert "--out" in capsys.readouterr().err


def test_every_domain_file_passes_its_schema():
    assert DOMAIN_FILES
    done = _check(SCHEMAS / "domain.schema.json", *DOMAIN_FILES)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_stack_file_passes_its_schema():
    assert STACK_FILES
    done = _check(SCHEMAS / "stack.schema.json", *STACK_FILES)
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_unknown_key_in_a_domain_file_is_flagged_by_the_schema(tmp_path):
    domain = tmp_path / "sales.yaml"
    domain.write_text(DOMAIN_FILES[0].read_text() + "colour: blue\n")
    done = _check(SCHEMAS / "domain.schema.json", domain)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "colour" in done.stdout + done.stderr


def test_an_unknown_key_in_a_stack_platform_object_is_flagged(tmp_path):
    stack = tmp_path / "Pulumi.dev.yaml"
    text = (REPO / "stacks" / "Pulumi.dev.yaml").read_text()
    stack.write_text(text.replace("environment: dev", "environment: dev\n    colour: blue"))
    done = _check(SCHEMAS / "stack.schema.json", stack)
    assert done.returncode == 1 and "colour" in done.stdout + done.stderr
