"""scripts/workflows.py on small synthetic workflows: which scheduled run refreshes which stack."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.workflows import (
    cron_interval_hours,
    parse,
    scheduled_refresh_property,
    scheduled_refreshes,
)

SCHEDULED_RUN = """
on:
  schedule:
    - cron: "0 4 * * *"
jobs:
  rotate:
    runs-on: ubuntu-latest
    steps:
      - run: pulumi up --refresh --stack prod --target "$URN" --target-dependents --yes
"""


def _runs(files: dict[str, str], stack: str = "prod") -> list[tuple[str, str, bool]]:
    workflows = {name: parse(text) for name, text in files.items()}
    return [(r.workflow, r.job, r.targeted) for r in scheduled_refreshes(workflows, stack)]


def test_a_scheduled_run_of_pulumi_up_with_refresh_reaches_its_stack():
    assert _runs({"rotate.yml": SCHEDULED_RUN}) == [("rotate.yml", "rotate.yml:rotate", True)]
    assert _runs({"rotate.yml": SCHEDULED_RUN}, "dev") == []


def test_up_without_refresh_is_not_a_rotation():
    assert _runs({"rotate.yml": SCHEDULED_RUN.replace("--refresh ", "")}) == []


def test_a_workflow_without_a_schedule_is_not_a_rotation():
    text = SCHEDULED_RUN.replace('schedule:\n    - cron: "0 4 * * *"', "push: {}")
    assert _runs({"rotate.yml": text}) == []


def test_a_matrix_of_stacks_reaches_each_stack_and_reads_the_stack_from_env():
    text = """
on: {schedule: [{cron: "0 4 * * 1"}]}
jobs:
  rotate:
    strategy: {matrix: {stack: [dev, prod]}}
    env: {STACK: "${{ vars.PULUMI_STACK_PREFIX }}${{ matrix.stack }}"}
    steps:
      - run: pulumi up --refresh --stack "$STACK" --yes
"""
    assert [j for _, j, _ in _runs({"r.yml": text}, "dev")] == ["r.yml:rotate"]
    assert [t for _, _, t in _runs({"r.yml": text}, "prod")] == [False]


def test_a_matrix_given_as_an_expression_is_one_run_of_unknown_values():
    # `fromJSON(needs.x.outputs.y)` is known only at run time (the sharded preview and
    # deploy): the job is still followed, its matrix values unknown.
    text = """
on: {schedule: [{cron: "0 4 * * 1"}]}
jobs:
  rotate:
    strategy: {matrix: "${{ fromJSON(needs.select.outputs.shards) }}"}
    steps:
      - run: pulumi up --refresh --stack prod --yes
"""
    assert _runs({"r.yml": text}) == [("r.yml", "r.yml:rotate", False)]


@pytest.mark.parametrize("prefix", ["$/", "./"], ids=["self-repository", "workspace-relative"])
def test_a_reusable_workflow_is_followed_with_its_inputs_and_step_conditions(prefix: str):
    caller = """
on: {schedule: [{cron: "0 4 * * *"}]}
jobs:
  prod:
    uses: PREFIX.github/workflows/deploy.yml
    with: {stack: prod, rotation: ROTATION}
"""
    called = """
on:
  workflow_call:
    inputs:
      stack: {type: string, required: true}
      rotation: {type: boolean, default: false}
jobs:
  up:
    steps:
      - uses: pulumi/actions@v6
        if: inputs.rotation && steps.targets.outputs.urns != ''
        with:
          command: up
          stack-name: ${{ vars.PREFIX }}${{ inputs.stack }}
          refresh: true
          target: ${{ steps.targets.outputs.urns }}
"""
    caller = caller.replace("PREFIX", prefix)
    on = {"rotate.yml": caller.replace("ROTATION", "true"), "deploy.yml": called}
    assert _runs(on) == [("rotate.yml", "rotate.yml:prod -> deploy.yml:up", True)]
    off = {"rotate.yml": caller.replace("ROTATION", "false"), "deploy.yml": called}
    assert _runs(off) == []
    default = {"rotate.yml": caller.replace(", rotation: ROTATION", ""), "deploy.yml": called}
    assert _runs(default) == []


def test_an_organization_stack_name_matches_the_stack():
    text = SCHEDULED_RUN.replace("--stack prod", "--stack acme/prod")
    assert len(_runs({"rotate.yml": text})) == 1


@pytest.mark.parametrize(
    ("crons", "hours"),
    [
        (["17 5 * * *"], 24.0),
        (["0 3 * * 1"], 168.0),
        (["0 */6 * * *"], 6.0),
        (["0 0 * * 1", "0 0 * * 4"], 96.0),  # Thursday to Monday
        (["0 0 1 * *"], 31 * 24.0),  # the longest month
        (["0 0 1 * 1"], 7 * 24.0),  # day of month OR weekday, as cron reads both
        (["not a cron"], None),
        (["0 25 * * *"], None),
    ],
)
def test_the_longest_time_between_runs_of_crons(crons: list[str], hours: float | None):
    assert cron_interval_hours(crons) == hours


def test_the_property_says_when_there_is_no_workflows_directory(tmp_path: Path):
    assert scheduled_refresh_property(tmp_path / "absent", "prod") == {
        "workflows": None,
        "runs": [],
    }


def test_the_property_lists_the_runs_with_the_directory_relative_to_the_root(tmp_path: Path):
    directory = tmp_path / ".github" / "workflows"
    directory.mkdir(parents=True)
    (directory / "rotate.yml").write_text(SCHEDULED_RUN)
    assert scheduled_refresh_property(directory, "prod", tmp_path) == {
        "workflows": ".github/workflows",
        "runs": [
            {
                "workflow": "rotate.yml",
                "job": "rotate.yml:rotate",
                "cron": ["0 4 * * *"],
                "interval_hours": 24.0,
                "targeted": True,
            }
        ],
    }
