"""The scale benchmark's synthetic domains are valid domain files (a benchmark of errors
would measure nothing)."""

from __future__ import annotations

from scripts.bench_domains.command import synthetic_project
from stacks.domain_file import load_domains
from stacks.stack_file import load_stack_file


def test_synthetic_domains_load_against_every_stack(tmp_path):
    project = synthetic_project(tmp_path, 3)
    for stack in ("dev", "staging", "prod"):
        platform = load_stack_file(project / "stacks" / f"Pulumi.{stack}.yaml").platform
        domains = load_domains(project / "stacks" / "domains", platform)
        assert [d.name for d in domains] == ["domain_000", "domain_001", "domain_002"], stack
