"""One Data Catalog encryption owner per account and region among the stack files."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacks.stack_file import ConfigError, load_stack_file

STACK = """\
config:
  data-platform:platform:
    environment: {env}
    account_id: "111122223333"
    region: eu-west-1
    name_prefix: acme-dp
    owner: team@acme.example
    cost_center: CC-1
    deployers: ["arn:aws:iam::111122223333:role/deployer"]
    orchestration:
      glue: {glue}
"""


def _write(directory: Path, env: str, glue: str) -> Path:
    path = directory / f"Pulumi.{env}.yaml"
    path.write_text(STACK.format(env=env, glue=glue))
    return path


def test_two_owners_in_one_account_and_region_are_refused_at_the_line(tmp_path):
    _write(tmp_path, "staging", "{}")
    dev = _write(tmp_path, "dev", "{}")
    with pytest.raises(ConfigError) as caught:
        load_stack_file(dev)
    (issue,) = caught.value.issues
    assert issue.path == "platform.orchestration.glue.catalog_encryption"
    assert "Pulumi.staging.yaml also owns the Data Catalog encryption" in issue.message
    assert "set `verify` in all stacks but one" in issue.message


def test_one_owner_and_one_verifier_load(tmp_path):
    _write(tmp_path, "staging", "{catalog_encryption: verify}")
    dev = _write(tmp_path, "dev", "{}")
    assert load_stack_file(dev).platform.orchestration.own_catalog_encryption is True


def test_the_shipped_stacks_each_own_their_accounts_catalog():
    stacks = Path(__file__).resolve().parents[2] / "stacks"
    for path in sorted(stacks.glob("Pulumi.*.yaml")):
        load_stack_file(path)  # raises on two owners
