"""The scale benchmark's synthetic domains are valid domain files (a benchmark of errors
would measure nothing)."""

from __future__ import annotations

import json

from policies.rules.access import domains as domain_boundaries
from policies.rules.access.snowflake_domain_boundary import RULE as BOUNDARY_RULE
from scripts.bench_domains.command import synthetic_project
from stacks.domain_file import load_domains
from stacks.stack_file import load_stack_file


def test_synthetic_domains_load_against_every_stack(tmp_path):
    project = synthetic_project(tmp_path, 3)
    for stack in ("dev", "staging", "prod"):
        platform = load_stack_file(project / "stacks" / f"Pulumi.{stack}.yaml").platform
        domains = load_domains(project / "stacks" / "domains", platform)
        assert [d.name for d in domains] == ["domain_000", "domain_001", "domain_002"], stack


def test_synthetic_policy_configs_declare_the_synthetic_domains(tmp_path):
    """The access rules judge the synthetic domains as `dataplat docs` would declare them,
    so the benchmark times the domain boundary rule at work, not idle."""
    project = synthetic_project(tmp_path, 2)
    for stack in ("dev", "staging", "prod"):
        config = json.loads((project / "stacks" / f"policy.{stack}.json").read_text())
        declared = config[BOUNDARY_RULE.id][domain_boundaries.PROPERTY]
        assert [d["name"] for d in declared] == ["domain_000", "domain_001"], stack
