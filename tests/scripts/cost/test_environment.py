"""`dataplat cost --env E --plans-dir DIR`: a line per stack, and the environment's total
equal to the single-stack bound of the same resources."""

from __future__ import annotations

import json

import pytest

from scripts.cli import main
from scripts.cost.environment import environment_cost
from scripts.cost.report import monthly_bound
from scripts.env_plans import read_env_plans
from tests.scripts.migrate.env_plans import env_plan_dirs, write_dir


@pytest.fixture(scope="module", params=["dev", "prod"])
def split(request, tmp_path_factory):
    env = request.param
    single, directory = env_plan_dirs(tmp_path_factory, env)
    return env, json.loads((single / f"plan-{env}.json").read_text()), directory


def test_the_total_of_the_split_equals_the_single_stack_total(split):
    env, single, directory = split
    cost = environment_cost(read_env_plans(directory, env), env)
    alone = monthly_bound(single)
    assert (cost.total.total_usd, cost.total.expected_usd) == (alone.total_usd, alone.expected_usd)
    assert dict(cost.total.bound.unpriced) == dict(alone.bound.unpriced)
    # ... and today the stacks' own bounds add up to it (no item spans two stacks).
    assert cost.stacks_sum_usd == alone.total_usd


def test_each_stack_has_its_line_and_the_domains_cost_leaves_the_platform(split):
    env, single, directory = split
    cost = environment_cost(read_env_plans(directory, env), env)
    lines = {f"{s.project}/{s.stack}": s.total_usd for s in cost.stacks}
    assert set(lines) == {
        f"data-platform/{env}",
        f"data-platform-edges/{env}",
        f"data-platform-domain/{env}.marketing",
    }
    # Every stack is priced as its environment (a domain stack's name is `<env>.<domain>`).
    assert {s.assumptions.environment for s in cost.stacks} == {env}
    assert lines[f"data-platform-edges/{env}"] == 0  # bucket notifications bill nothing
    assert lines[f"data-platform-domain/{env}.marketing"] > 0
    assert lines[f"data-platform/{env}"] < monthly_bound(single).total_usd


def test_the_command_prints_a_line_per_stack_and_the_total(split, capsys):
    env, single, directory = split
    assert main(["cost", "--env", env, "--plans-dir", str(directory), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["monthlyBoundUsd"] == monthly_bound(single).total_usd
    assert [s["stack"] for s in data["stacks"]] == [env, env, f"{env}.marketing"]
    assert main(["cost", "--env", env, "--plans-dir", str(directory)]) == 0
    text = capsys.readouterr().out
    assert f"TOTAL ({env})" in text and f"data-platform-domain/{env}.marketing" in text


def test_bad_environment_input_exits_2_naming_the_file(split, tmp_path, capsys):
    env, single, directory = split
    assert main(["cost", "--env", "qa", "--plans-dir", str(directory)]) == 2
    assert f"{directory}/plan-qa.json: no such file" in capsys.readouterr().err
    other = write_dir(tmp_path / "other", {f"plan-{env}.json": {**single, "stack": "qa"}})
    assert main(["cost", "--env", env, "--plans-dir", str(other)]) == 2
    assert f"plan-{env}.json: a plan of stack 'qa', not of environment '{env}'" in (
        capsys.readouterr().err
    )
    assert main(["cost", "--env", env]) == 2
    assert "--env and --plans-dir go together" in capsys.readouterr().err
