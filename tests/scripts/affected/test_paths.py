"""Each row of the changed-path table (docs/design/workflows.md) reaches what it says."""

from __future__ import annotations

import pytest

from scripts.affected.paths import Scope, classify

ROWS = [
    ("docs/design/workflows.md", Scope.NONE, None, None),
    ("README.md", Scope.NONE, None, None),
    ("stacks/domains/marketing/contracts/README.md", Scope.NONE, None, None),
    ("tests/scripts/test_cli.py", Scope.NONE, None, None),
    (".github/workflows/preview.yml", Scope.NONE, None, None),
    (".ci/run", Scope.NONE, None, None),
    ("scripts/orchestrate/runner.py", Scope.NONE, None, None),
    ("scripts/airflow_bundle/build.py", Scope.EVERY, None, None),
    ("stacks/domains/marketing.yaml", Scope.DOMAIN, "marketing", None),
    ("stacks/domains/marketing/contracts/leads.odcs.yaml", Scope.DOMAIN, "marketing", None),
    ("stacks/Pulumi.staging.yaml", Scope.ENVIRONMENT, None, "staging"),
    ("stacks/policy.prod.json", Scope.ENVIRONMENT, None, "prod"),
    ("policies/rules/facts/tokens.py", Scope.EVERY, None, None),
    ("components/lake/bucket.py", Scope.EVERY, None, None),
    ("composition/data_platform.py", Scope.EVERY, None, None),
    ("stacks/config.py", Scope.EVERY, None, None),
    ("stacks/contracts/compile.py", Scope.EVERY, None, None),
    ("vocabulary/names.py", Scope.EVERY, None, None),
    ("pipeline_code/glue/crm_to_staged.py", Scope.EVERY, None, None),
    ("domains/__main__.py", Scope.EVERY, None, None),
    ("edges/__main__.py", Scope.EVERY, None, None),
    ("__main__.py", Scope.EVERY, None, None),
    ("pyproject.toml", Scope.EVERY, None, None),
    ("Pulumi.yaml", Scope.EVERY, None, None),
]


@pytest.mark.parametrize(("path", "scope", "domain", "env"), ROWS, ids=[r[0] for r in ROWS])
def test_each_path_reaches_its_rows_scope(path, scope, domain, env):
    impact = classify(path)
    assert (impact.scope, impact.domain, impact.env) == (scope, domain, env)


def test_an_unknown_path_is_previewed_everywhere_and_says_why():
    impact = classify("Makefile")
    assert impact.scope is Scope.EVERY
    assert impact.reason == "unclassified path: previewed everywhere to be safe"
