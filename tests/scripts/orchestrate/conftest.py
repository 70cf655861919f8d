"""A project with a dev stack file and four domain files, for the orchestrator's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

DOMAINS = ("finance", "marketing", "sales", "support")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: data-platform\nruntime: python\n")
    (tmp_path / "stacks" / "domains").mkdir(parents=True)
    (tmp_path / "stacks" / "Pulumi.dev.yaml").write_text("config: {}\n")
    for name in DOMAINS:
        (tmp_path / "stacks" / "domains" / f"{name}.yaml").write_text(f"name: {name}\n")
    (tmp_path / "components").mkdir()
    (tmp_path / "components" / "thing.py").write_text("X = 1\n")
    return tmp_path
