"""The GitHub workflows validate against GitHub's schema and keep their safety properties."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
ZIZMOR = Path(sys.executable).parent / "zizmor"
FORK_GUARD = "github.event.pull_request.head.repo.full_name == github.repository"


def _load(name: str) -> dict[str, Any]:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); normalise it.
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text())
    if True in data:
        data["on"] = data.pop(True)
    return data


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def _action(job: dict[str, Any], prefix: str) -> dict[str, Any]:
    steps = [s for s in job["steps"] if s.get("uses", "").startswith(prefix)]
    assert steps, f"no {prefix} step"
    step: dict[str, Any] = steps[0]
    return step


def test_the_workflows_exist() -> None:
    assert [f.name for f in FILES] == [
        "deploy-stack.yml",
        "deploy-stacks.yml",
        "deploy.yml",
        "drift.yml",
        "preview.yml",
        "rotate-stack.yml",
        "rotate.yml",
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_workflow_validates_against_the_github_schema(path: Path) -> None:
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{path.name}: {result.stdout}{result.stderr}"


def test_the_workflows_pass_the_security_linter_offline() -> None:
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", "--format", "plain", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_job_declares_least_privilege_permissions(path: Path) -> None:
    workflow = _load(path.name)
    assert workflow["permissions"] == {}, f"{path.name}: default token permissions must be none"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} declares no permissions"
        assert "write-all" not in str(job["permissions"]), f"{path.name}: job {name}"


FULL_SHA = re.compile(r"^[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses: (\S+)@([0-9a-f]{40})  # (v\d+\.\d+\.\d+)$", re.M)


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_full_commit_with_its_version_in_a_comment(path: Path) -> None:
    for step in _steps(_load(path.name)):
        uses = step.get("uses")
        if uses:
            assert FULL_SHA.match(uses.rsplit("@", 1)[-1]), f"{path.name}: {uses} is not pinned"
    for line in path.read_text().splitlines():
        if "uses:" in line and "@" in line:
            assert VERSION_COMMENT.search(line), f"{path.name}: {line.strip()} names no version"


def test_one_action_is_pinned_to_one_commit_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for other in FILES:
        for match in VERSION_COMMENT.finditer(other.read_text()):
            pins.setdefault(match[1], set()).add(match[2])
    assert {action: shas for action, shas in pins.items() if len(shas) > 1} == {}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_checkouts_do_not_persist_credentials(path: Path) -> None:
    for step in _steps(_load(path.name)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, path.name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_run_blocks_read_inputs_from_the_environment_not_template_expansion(path: Path) -> None:
    for step in _steps(_load(path.name)):
        assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name', step)}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_called_workflows_get_their_secrets_listed_never_inherited(path: Path) -> None:
    for name, job in _load(path.name)["jobs"].items():
        if "uses" not in job:
            continue
        assert job.get("secrets") != "inherit", f"{path.name}: job {name} inherits secrets"
        called = _load(job["uses"].rsplit("/", 1)[-1])
        declared = called["on"]["workflow_call"].get("secrets", {})
        assert set(job.get("secrets", {})) == set(declared), f"{path.name}: job {name}"


def test_preview_runs_on_pull_requests() -> None:
    assert "pull_request" in _load("preview.yml")["on"]


def test_offline_plan_needs_no_credentials_and_runs_plan_and_diff() -> None:
    job = _load("preview.yml")["jobs"]["offline-plan"]
    assert "id-token" not in job["permissions"]
    assert job["permissions"]["security-events"] == "write"
    assert "secrets." not in str(job)
    runs = _runs(job)
    assert "GITHUB_STEP_SUMMARY" in runs
    assert 'dataplat diff "base/plan-$stack.json" "head/plan-$stack.json"' in runs
    assert "acknowledged-changes.yaml" in runs
    assert job["env"]["STACKS"].split() == ["dev", "staging", "prod"]


def test_offline_plan_plans_every_stack_once_in_one_process() -> None:
    job = _load("preview.yml")["jobs"]["offline-plan"]
    head = [line for line in _runs(job).splitlines() if line.strip().startswith("dataplat plan")]
    assert head == [
        "dataplat plan --stack dev --stack staging --stack prod --format json --format sarif "
        "--out-dir head --quiet"
    ]
    assert "strategy" not in job  # no matrix: one process plans the three stacks
    uploads = [s for s in job["steps"] if s.get("uses", "").startswith("github/codeql")]
    assert [u["with"]["category"] for u in uploads] == [
        f"dataplat-plan-{stack}" for stack in ("dev", "staging", "prod")
    ]
    assert all(FORK_GUARD in u["if"] for u in uploads)


def test_ci_plans_every_stack_in_one_command() -> None:
    script = (WORKFLOWS.parents[1] / ".ci" / "run").read_text()
    assert (
        "dataplat plan --stack dev --stack staging --stack prod --format json --out-dir build"
        in script
    )
    assert "for stack in" not in script


def test_offline_plan_fails_on_violations_or_blocking_diff() -> None:
    runs = _runs(_load("preview.yml")["jobs"]["offline-plan"])
    assert 'test "${PLAN_EXIT:-2}" = 0' in runs
    assert 'test "${DIFF_EXIT:-0}" = 0' in runs


def _step(steps: list[dict[str, Any]], text: str) -> int:
    found = [i for i, s in enumerate(steps) if text in s.get("run", "")]
    assert len(found) == 1, f"{len(found)} steps run {text!r}"
    return found[0]


def test_the_base_is_planned_before_the_head_which_states_the_cost_change() -> None:
    job = _load("preview.yml")["jobs"]["offline-plan"]
    steps = job["steps"]
    base = _step(steps, "../base-venv/bin/dataplat plan --stack dev --stack staging")
    head = _step(steps, "--out-dir head")
    assert base < head, "the base branch must be planned before the head"
    assert "dataplat comment --head-dir head --base-dir base" in steps[head]["run"]
    # The base writes where the head reads, and exists even if planning the base fails.
    assert steps[base]["run"].splitlines()[0] == "mkdir -p base"
    assert '--out-dir "$GITHUB_WORKSPACE/base"' in steps[base]["run"]
    # A base that cannot be planned as a whole is planned one stack at a time.
    assert '--out "$GITHUB_WORKSPACE/base/plan-$stack.json") || true' in steps[base]["run"]
    # A failing base still lets the head be planned, and then fails the job.
    assert steps[base]["continue-on-error"] is True
    assert 'test "$BASE_OUTCOME" = success' in _runs(job)
    assert steps[-1]["env"]["BASE_OUTCOME"] == f"${{{{ steps.{steps[base]['id']}.outcome }}}}"
    assert base < _step(steps, "dataplat diff") and head < _step(steps, "dataplat diff")


def test_the_plans_are_one_sticky_pr_comment_for_same_repo_prs_and_the_summary() -> None:
    job = _load("preview.yml")["jobs"]["offline-plan"]
    assert job["permissions"]["pull-requests"] == "write"
    comment = _action(job, "marocchino/sticky-pull-request-comment@")
    assert FORK_GUARD in comment["if"]
    assert comment["with"]["header"] == "dataplat-offline-plan"
    assert comment["with"]["path"] == "head/comment.md"
    head = job["steps"][_step(job["steps"], "--out-dir head")]["run"]
    # One command composes every stack's comment within GitHub's limit (it owns the total).
    assert "dataplat comment --head-dir head --base-dir base --out head/comment.md" in head
    assert "--limit" not in head  # the default is GitHub's 65,536
    assert 'cat head/comment.md >> "$GITHUB_STEP_SUMMARY"' in head


CLOUD_PREVIEWS = {
    "platform-preview": ("platform", "--only platform"),
    "domain-preview": ("shards", '"${only[@]}"'),
    "edges-preview": ("edges", "--only edges"),
}


def _dataplat_step(job: dict[str, Any], command: str) -> dict[str, Any]:
    steps = [s for s in job["steps"] if f"dataplat {command} --env" in s.get("run", "")]
    assert len(steps) == 1, f"{len(steps)} steps run dataplat {command}"
    return steps[0]


def test_the_cloud_previews_are_skipped_for_forks() -> None:
    jobs = _load("preview.yml")["jobs"]
    assert jobs["affected"]["if"] == FORK_GUARD
    assert "secrets." not in str(jobs["affected"])
    for name in (*CLOUD_PREVIEWS, "preview-comment"):
        needs = jobs[name]["needs"]
        assert "affected" in ([needs] if isinstance(needs, str) else needs), name


def test_affected_selects_from_the_diff_and_its_outputs_are_what_the_command_prints() -> None:
    job = _load("preview.yml")["jobs"]["affected"]
    assert job["steps"][0]["with"]["fetch-depth"] == 0  # git diff BASE...HEAD
    runs = _runs(job)
    assert 'dataplat affected --base "$BASE_SHA" --format github >> "$GITHUB_OUTPUT"' in runs
    assert job["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    printed = subprocess.run(
        [str(Path(sys.executable).parent / "dataplat"), "affected", "--all", "--format", "github"],
        capture_output=True,
        text=True,
        check=True,
        cwd=WORKFLOWS.parents[1],
    ).stdout
    names = [line.split("=", 1)[0] for line in printed.splitlines()]
    assert set(job["outputs"]) == set(names) - {"stack_count"}
    for name, value in job["outputs"].items():
        assert value == f"${{{{ steps.select.outputs.{name} }}}}"


@pytest.mark.parametrize("name", CLOUD_PREVIEWS)
def test_each_layer_previews_its_matrix_with_oidc_and_the_policy_pack(name: str) -> None:
    job = _load("preview.yml")["jobs"][name]
    output, only = CLOUD_PREVIEWS[name]
    assert job["strategy"]["matrix"] == f"${{{{ fromJSON(needs.affected.outputs.{output}) }}}}"
    assert job["strategy"]["fail-fast"] is False
    count = "shard_count" if output == "shards" else f"{output}_count"
    assert f"needs.affected.outputs.{count} != '0'" in job["if"]
    assert job["environment"] == "${{ matrix.env }}-preview"
    assert job["permissions"] == {"contents": "read", "id-token": "write"}
    assert "role-to-assume" in _action(job, "aws-actions/configure-aws-credentials")["with"]
    install = _action(job, "pulumi/actions")
    assert "command" not in install["with"]  # install the CLI only
    step = _dataplat_step(job, "preview")
    assert only in step["run"] and '--results "results/' in step["run"]
    assert "--policy-pack policies" in step["run"]
    assert step["env"]["SNOWFLAKE_PRIVATE_KEY"] == "${{ secrets.SNOWFLAKE_PRIVATE_KEY }}"
    upload = _action(job, "actions/upload-artifact@")
    assert upload["if"] == "always()" and upload["with"]["path"] == "results/"
    assert upload["with"]["name"].startswith("preview-results-")


def test_the_platform_previews_first_and_a_failure_there_skips_the_other_layers() -> None:
    jobs = _load("preview.yml")["jobs"]
    assert jobs["platform-preview"]["needs"] == "affected"
    for name in ("domain-preview", "edges-preview"):
        assert jobs[name]["needs"] == ["affected", "platform-preview"]
        assert jobs[name]["if"].startswith("${{ !cancelled() && ")
        assert "needs.platform-preview.result != 'failure'" in jobs[name]["if"]
    names = [_action(jobs[n], "actions/upload-artifact@")["with"]["name"] for n in CLOUD_PREVIEWS]
    assert names == [
        "preview-results-platform-${{ matrix.env }}",
        "preview-results-${{ matrix.shard }}",
        "preview-results-edges-${{ matrix.env }}",
    ]  # unique per job: an artifact name can be uploaded once


def test_one_comment_merges_every_layers_results_within_the_limit() -> None:
    job = _load("preview.yml")["jobs"]["preview-comment"]
    assert job["needs"] == ["affected", *CLOUD_PREVIEWS]
    assert job["if"] == "${{ !cancelled() && needs.affected.result == 'success' }}"
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    download = _action(job, "actions/download-artifact@")
    assert download["with"] == {
        "pattern": "preview-results-*",
        "path": "results",
        "merge-multiple": True,
    }
    runs = _runs(job)
    assert (
        "dataplat comment --results-dir results --affected affected/affected.json "
        "--out preview-comment.md"
    ) in runs
    assert "--limit" not in runs  # the default is GitHub's 65,536
    comment = _action(job, "marocchino/sticky-pull-request-comment@")
    assert comment["with"] == {"header": "dataplat-cloud-preview", "path": "preview-comment.md"}


def test_deploy_runs_on_main_in_layers_dev_staging_prod() -> None:
    workflow = _load("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"] == {"group": "deploy", "cancel-in-progress": False}
    jobs = workflow["jobs"]
    order = ["dev", "dev-stacks", "staging", "staging-stacks", "prod", "prod-stacks"]
    assert list(jobs) == order
    assert "needs" not in jobs["dev"]
    for before, after in itertools.pairwise(order):
        assert jobs[after]["needs"] == before
    for env in ("dev", "staging", "prod"):
        assert jobs[env]["uses"] == "$/.github/workflows/deploy-stack.yml"
        assert jobs[env]["with"]["stack"] == env
        assert jobs[f"{env}-stacks"]["uses"] == "$/.github/workflows/deploy-stacks.yml"
        assert jobs[f"{env}-stacks"]["with"]["env"] == env


def test_the_domain_stacks_deploy_in_shards_then_edges_after_every_shard() -> None:
    jobs = _load("deploy-stacks.yml")["jobs"]
    assert 'dataplat affected --all --env "$ENV_NAME" --format github' in _runs(jobs["select"])
    domains, edges = jobs["domains"], jobs["edges"]
    assert domains["needs"] == "select"
    assert domains["strategy"]["matrix"] == "${{ fromJSON(needs.select.outputs.shards) }}"
    assert edges["needs"] == ["select", "domains"]
    assert "needs.domains.result != 'failure'" in edges["if"]  # a failed shard blocks edges
    for job, only in ((domains, '"${only[@]}"'), (edges, "--only edges")):
        assert job["environment"] == "${{ inputs.env }}"  # prod's reviewers
        assert "AWS_DEPLOY_ROLE_ARN" in str(_action(job, "aws-actions/configure-aws-credentials"))
        step = _dataplat_step(job, "up")
        assert only in step["run"] and "--policy-pack policies" in step["run"]


def test_each_deploy_runs_pulumi_up_in_its_environment_one_at_a_time() -> None:
    job = _load("deploy-stack.yml")["jobs"]["up"]
    assert job["environment"] == "${{ inputs.stack }}"
    assert job["concurrency"]["group"] == "deploy-${{ inputs.stack }}"
    assert job["concurrency"]["cancel-in-progress"] is False
    pulumi = _action(job, "pulumi/actions")
    assert (pulumi["with"]["command"], pulumi["with"]["policyPacks"]) == ("up", "policies")


def test_drift_is_scheduled_and_expects_no_changes() -> None:
    workflow = _load("drift.yml")
    assert "schedule" in workflow["on"] and "workflow_dispatch" in workflow["on"]
    job = workflow["jobs"]["refresh"]
    runs = _runs(job)
    assert "pulumi refresh" in runs and "--preview-only" in runs and "--expect-no-changes" in runs
    assert job["permissions"]["issues"] == "write"
    script = _action(job, "actions/github-script")["with"]["script"]
    assert "labels: 'drift'" in script and "createComment" in script


@pytest.mark.parametrize(
    ("name", "job"), [("deploy-stack.yml", "up"), ("preview.yml", "platform-preview")]
)
def test_the_airflow_bundle_is_built_before_pulumi_hashes_it(name: str, job: str) -> None:
    steps = _load(name)["jobs"][job]["steps"]
    bundle = [
        i for i, s in enumerate(steps) if "dataplat airflow-bundle --download" in s.get("run", "")
    ]
    pulumi = [
        i
        for i, s in enumerate(steps)
        if "command" in s.get("with", {}) or "dataplat preview --env" in s.get("run", "")
    ]
    install = [i for i, s in enumerate(steps) if "pip install -e ." in s.get("run", "")]
    assert bundle and pulumi and install, f"{name}: job {job} lacks a step"
    assert install[0] < bundle[0] < pulumi[0], f"{name}: job {job} bundles after pulumi runs"


def test_rotation_is_scheduled_daily_for_every_stack() -> None:
    workflow = _load("rotate.yml")
    assert [s["cron"] for s in workflow["on"]["schedule"]] == ["23 4 * * *"]
    for stack, job in workflow["jobs"].items():
        assert job["uses"] == "$/.github/workflows/rotate-stack.yml"
        assert job["with"]["stack"] == stack
    assert list(workflow["jobs"]) == ["dev", "staging", "prod"]


def test_rotation_asks_a_read_only_question_before_it_updates_in_the_deploy_environment() -> None:
    jobs = _load("rotate-stack.yml")["jobs"]
    due, rotate = jobs["due"], jobs["rotate"]
    assert due["environment"] == "${{ inputs.stack }}-drift"
    assert "AWS_DRIFT_ROLE_ARN" in str(_action(due, "aws-actions/configure-aws-credentials"))
    runs = _runs(due)
    assert "rotation-targets plan.json --slots-only" in runs
    assert "--preview-only --expect-no-changes" in runs and "--target" in runs
    # The update itself is the deploy's job: same environment (prod's reviewers) and queue.
    assert rotate["needs"] == "due" and rotate["if"] == "needs.due.outputs.due == 'true'"
    assert rotate["uses"] == "$/.github/workflows/deploy-stack.yml"
    assert rotate["with"] == {"stack": "${{ inputs.stack }}", "rotation": True}


def test_the_rotation_update_refreshes_only_the_targets_and_their_dependents() -> None:
    steps = _load("deploy-stack.yml")["jobs"]["up"]["steps"]
    ups = [s for s in steps if s.get("uses", "").startswith("pulumi/actions")]
    deploy, rotation = ups
    assert deploy["if"] == "${{ !inputs.rotation }}" and "refresh" not in deploy["with"]
    assert rotation["with"]["refresh"] is True and rotation["with"]["target-dependents"] is True
    assert rotation["with"]["target"] == "${{ steps.targets.outputs.urns }}"
    # An empty target list would update the whole stack: the step needs targets.
    assert "steps.targets.outputs.urns != ''" in rotation["if"]
    targets = next(s for s in steps if s.get("id") == "targets")
    assert "dataplat rotation-targets plan.json" in targets["run"]


def test_the_drift_check_leaves_the_key_slots_to_the_rotation() -> None:
    runs = _runs(_load("drift.yml")["jobs"]["refresh"])
    assert "rotation-targets plan.json --slots-only > rotation-slots.txt" in runs
    assert 'exclude+=(--exclude "$urn")' in runs and '"${exclude[@]}"' in runs


def test_every_policy_pack_run_passes_its_own_stacks_policy_config() -> None:
    """Every `pulumi preview/up --policy-pack` gets stacks/policy.<stack>.json (the expected
    access and suppressions of that stack), not only prod; and every stack has the file."""
    passed = []
    for path in FILES:
        for job in _load(path.name)["jobs"].values():
            for step in job.get("steps", []):
                given = step.get("with", {})
                if step.get("uses", "").startswith("pulumi/actions") and "policyPacks" in given:
                    stack = (
                        "matrix.stack" if "matrix" in job.get("strategy", {}) else "inputs.stack"
                    )
                    expected = f"${{{{ format('stacks/policy.{{0}}.json', {stack}) }}}}"
                    assert given.get("policyPackConfigs") == expected, (path.name, step)
                    passed.append(path.name)
        for job in _load(path.name)["jobs"].values():
            for step in job.get("steps", []):
                if re.search(r"dataplat (up|preview) --env", step.get("run", "")):
                    assert (
                        '--policy-pack policies --policy-pack-config "stacks/policy.$ENV_NAME.json"'
                        in step["run"]
                    ), (path.name, step["name"])
                    passed.append(path.name)
    assert sorted(set(passed)) == ["deploy-stack.yml", "deploy-stacks.yml", "preview.yml"]
    for stack in ("dev", "staging", "prod"):
        assert (WORKFLOWS.parents[1] / "stacks" / f"policy.{stack}.json").is_file(), stack
