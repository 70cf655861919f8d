"""Changed paths -> the stacks of each environment, split (dev) or not (staging)."""

from __future__ import annotations

from scripts.affected.selection import affected

EVERY_DEV = ["platform", "finance", "marketing", "sales", "support", "edges"]


def keys(project, *changed):
    return {a.env.name: a.keys for a in affected(project, changed)}


def test_a_domain_file_touches_its_stack_and_edges_or_the_single_stack(project):
    assert keys(project, "stacks/domains/sales.yaml") == {
        "dev": ["sales", "edges"],
        "staging": ["platform"],
    }


def test_a_contract_beside_the_domain_file_touches_the_same(project):
    assert keys(project, "stacks/domains/finance/contracts/ledger.odcs.yaml") == {
        "dev": ["finance", "edges"],
        "staging": ["platform"],
    }


def test_program_code_touches_every_stack_of_every_environment(project):
    assert keys(project, "components/lake/bucket.py") == {
        "dev": EVERY_DEV,
        "staging": ["platform"],
    }


def test_a_policy_change_touches_every_stack(project):
    assert keys(project, "policies/rules/storage.py") == {
        "dev": EVERY_DEV,
        "staging": ["platform"],
    }


def test_a_stack_file_or_policy_config_touches_its_environment_only(project):
    assert keys(project, "stacks/Pulumi.dev.yaml") == {"dev": EVERY_DEV, "staging": []}
    assert keys(project, "stacks/policy.staging.json") == {"dev": [], "staging": ["platform"]}


def test_docs_only_touches_nothing(project):
    assert keys(project, "docs/design/workflows.md", "README.md", "tests/x.py") == {
        "dev": [],
        "staging": [],
    }


def test_a_removed_domain_previews_edges_and_notes_the_stack_left_behind(project):
    (dev, staging) = affected(project, ["stacks/domains/legacy.yaml"])
    assert dev.keys == ["edges"] and staging.keys == ["platform"]
    assert dev.notes == [
        "domain legacy has no file after this change: its stack dev.legacy is not previewed "
        "and would be left behind; destroy it first (`dataplat destroy --env dev --only "
        "legacy`, run on the base branch)"
    ]


def test_each_stack_keeps_the_paths_touching_it(project):
    (dev, _) = affected(project, ["stacks/domains/sales.yaml", "stacks/domains/sales/c.yaml"])
    assert dev.reasons["sales"] == [
        "stacks/domains/sales.yaml (its domain file or contracts)",
        "stacks/domains/sales/c.yaml (its domain file or contracts)",
    ]
    assert dev.reasons["edges"] == dev.reasons["sales"]
