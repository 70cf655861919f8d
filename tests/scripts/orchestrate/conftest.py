"""Projects for the orchestrator's tests: the repository's dev stack file (valid, so the
orchestrator's validation passes) with `domain_stacks` set, and four domain files."""

from __future__ import annotations

from pathlib import Path

import pytest

DOMAINS = ("finance", "marketing", "sales", "support")
REPO = Path(__file__).resolve().parents[3]
ENVIRONMENT_LINE = "    environment: dev\n"


def stack_file_text(domain_stacks: bool | None) -> str:
    """The repository's dev stack file, `domain_stacks` added (None: left unset)."""
    text = (REPO / "stacks" / "Pulumi.dev.yaml").read_text()
    assert ENVIRONMENT_LINE in text
    if domain_stacks is None:
        return text
    flag = f"    domain_stacks: {'true' if domain_stacks else 'false'}\n"
    return text.replace(ENVIRONMENT_LINE, ENVIRONMENT_LINE + flag, 1)


def make_project(root: Path, domain_stacks: bool | None) -> Path:
    """A project at `root` with a dev stack file and the four domain files."""
    (root / "Pulumi.yaml").write_text("name: data-platform\nruntime: python\n")
    (root / "stacks" / "domains").mkdir(parents=True)
    (root / "stacks" / "Pulumi.dev.yaml").write_text(stack_file_text(domain_stacks))
    for name in DOMAINS:
        (root / "stacks" / "domains" / f"{name}.yaml").write_text(f"name: {name}\n")
    (root / "components").mkdir()
    (root / "components" / "thing.py").write_text("X = 1\n")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An environment split into stacks (`domain_stacks: true`)."""
    return make_project(tmp_path, True)


@pytest.fixture
def single_stack_project(tmp_path: Path) -> Path:
    """An environment of one stack (`domain_stacks` unset: the default, false)."""
    return make_project(tmp_path, None)
