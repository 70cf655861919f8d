"""What one changed file touches: nothing, one domain, one environment, or everything.

The table (docs/design/workflows.md, "Which stacks a pull request previews", has it for
readers; `RULES` is its one home in code). First match wins; a path no rule knows is
treated as program code (every stack), so an unforeseen input is never left unpreviewed:

| path | scope |
|---|---|
| `docs/`, `tests/`, `.github/`, `.ci/`, any `*.md`, `.gitignore`, `LICENSE` | none |
| `scripts/airflow_bundle/` (builds the bundle the platform uploads) | every stack |
| `scripts/` (the CLI: runs stacks, is not in them) | none |
| `stacks/domains/<d>.yaml`, `stacks/domains/<d>/**` | domain `d` |
| `stacks/Pulumi.<E>.yaml` (the platform config every stack of E copies) | environment E |
| `stacks/policy.<E>.json` (the policy pack's config for E) | environment E |
| `policies/` (the policy pack, and facts the program imports) | every stack |
| program code: `components/`, `composition/`, `stacks/**` (other), `vocabulary/`, | every stack |
| `pipeline_code/`, `domains/`, `edges/`, `__main__.py`, `pyproject.toml`, `Pulumi.yaml` | |
| anything else | every stack (unclassified) |
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from enum import StrEnum


class Scope(StrEnum):
    """How far one changed path reaches."""

    NONE = "none"
    DOMAIN = "domain"
    ENVIRONMENT = "environment"
    EVERY = "every"


@dataclass(frozen=True)
class Impact:
    """One path's reach: the scope, the domain or environment it names, and why."""

    scope: Scope
    reason: str
    domain: str | None = None
    env: str | None = None


DOMAIN_FILE = re.compile(r"stacks/domains/([^/]+)\.yaml")
DOMAIN_DIR = re.compile(r"stacks/domains/([^/]+)/.+")
STACK_FILE = re.compile(r"stacks/Pulumi\.([^/]+)\.yaml")
POLICY_CONFIG = re.compile(r"stacks/policy\.([^/]+)\.json")
NOT_IN_A_STACK = ("docs/*", "tests/*", ".github/*", ".ci/*", "*.md", ".gitignore", "LICENSE")
# (globs, scope, reason), in order, after NOT_IN_A_STACK and the domain and environment
# patterns.
RULES: tuple[tuple[tuple[str, ...], Scope, str], ...] = (
    (("scripts/airflow_bundle/*",), Scope.EVERY, "the Airflow bundle the platform uploads"),
    (("scripts/*",), Scope.NONE, "the dataplat CLI"),
    (("policies/*",), Scope.EVERY, "the policy pack (and facts the program imports)"),
    (
        (
            "components/*",
            "composition/*",
            "stacks/*",
            "vocabulary/*",
            "pipeline_code/*",
            "domains/*",
            "edges/*",
            "__main__.py",
            "pyproject.toml",
            "Pulumi.yaml",
        ),
        Scope.EVERY,
        "program code or its configuration",
    ),
)


def classify(path: str) -> Impact:
    """The reach of one changed path (repository-relative, `/`-separated)."""
    path = path.strip().removeprefix("./")
    if any(fnmatch.fnmatchcase(path, g) for g in NOT_IN_A_STACK):
        return Impact(Scope.NONE, "documentation, tests or CI")
    for pattern in (DOMAIN_FILE, DOMAIN_DIR):
        match = pattern.fullmatch(path)
        if match:
            return Impact(Scope.DOMAIN, "its domain file or contracts", domain=match[1])
    match = STACK_FILE.fullmatch(path)
    if match:
        return Impact(Scope.ENVIRONMENT, "the environment's stack file", env=match[1])
    match = POLICY_CONFIG.fullmatch(path)
    if match:
        return Impact(Scope.ENVIRONMENT, "the environment's policy config", env=match[1])
    for globs, scope, reason in RULES:
        if any(fnmatch.fnmatchcase(path, g) for g in globs):
            return Impact(scope, reason)
    return Impact(Scope.EVERY, "unclassified path: previewed everywhere to be safe")
