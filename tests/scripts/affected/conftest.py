"""A project of two environments: dev split into stacks, staging one stack."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scripts.orchestrate.conftest import REPO, make_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """dev (`domain_stacks: true`, four domains) and staging (the repository's file, unset)."""
    make_project(tmp_path, True)
    staging = (REPO / "stacks" / "Pulumi.staging.yaml").read_text()
    (tmp_path / "stacks" / "Pulumi.staging.yaml").write_text(staging)
    monkeypatch.chdir(tmp_path)
    return tmp_path
