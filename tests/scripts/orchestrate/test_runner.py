"""The orchestrator's three layers (platform, domains, edges), parallelism, isolation,
reverse destroy, what blocks what, and skipping."""

from __future__ import annotations

import threading
from pathlib import Path

from pulumi.automation import OutputValue

from scripts.orchestrate.fingerprint import DOMAIN_KEY, TAG
from scripts.orchestrate.runner import Operation, Run, Status, exit_code, run, summary
from scripts.orchestrate.targets import environment, select
from tests.scripts.orchestrate.conftest import DOMAINS, make_project
from tests.scripts.orchestrate.fake_workspace import PLATFORM_CONFIG, FakeWorkspace


def go(project: Path, ws: FakeWorkspace, operation: Operation, **kw) -> dict[str, Status]:
    env = environment(project, "dev")
    only, excluded = kw.pop("only", ()), kw.pop("excluded", ())
    settings = Run(operation, env, select(env, only, excluded), ws, project, **kw)
    return {r.key: r.status for r in run(settings)}


EVERY = ("platform", *DOMAINS, "edges")


def test_up_runs_the_platform_then_every_domain_then_edges(project):
    ws = FakeWorkspace()
    statuses = go(project, ws, Operation.UP)
    assert ws.calls[0] == ("platform", "up")
    assert sorted(ws.calls[1:-1]) == [(d, "up") for d in DOMAINS]
    assert ws.calls[-1] == ("edges", "up")
    assert list(statuses) == list(EVERY)
    assert statuses == dict.fromkeys(EVERY, Status.SUCCEEDED)


def test_destroy_runs_edges_then_every_domain_then_the_platform(project):
    ws = FakeWorkspace()
    go(project, ws, Operation.DESTROY)
    assert ws.calls[0] == ("edges", "destroy")
    assert sorted(ws.calls[1:-1]) == [(d, "destroy") for d in DOMAINS]
    assert ws.calls[-1] == ("platform", "destroy")


def test_a_single_stack_environment_runs_the_platform_stack_only(tmp_path):
    project = make_project(tmp_path, False)
    for operation in Operation:
        ws = FakeWorkspace()
        assert go(project, ws, operation) == {"platform": Status.SUCCEEDED}
        assert ws.calls == [("platform", str(operation))]


def test_a_failing_domain_up_blocks_edges_up(project):
    ws = FakeWorkspace(failing={"sales"})
    env = environment(project, "dev")
    results = run(Run(Operation.UP, env, select(env, (), ()), ws, project))
    statuses = {r.key: r.status for r in results}
    assert statuses["sales"] is Status.FAILED and statuses["edges"] is Status.BLOCKED
    assert ("edges", "up") not in ws.calls
    edges = next(r for r in results if r.key == "edges")
    assert edges.detail == "domain stacks not deployed: sales"


def test_a_failing_domain_preview_or_refresh_does_not_block_edges(project):
    for operation in (Operation.PREVIEW, Operation.REFRESH):
        ws = FakeWorkspace(failing={"sales"})
        statuses = go(project, ws, operation)
        assert statuses["edges"] is Status.SUCCEEDED, operation
        assert ws.calls[-1] == ("edges", str(operation))


def test_a_failing_platform_blocks_domains_and_edges(project):
    ws = FakeWorkspace(failing={"platform"})
    statuses = go(project, ws, Operation.PREVIEW)
    assert ws.calls == [("platform", "preview")]
    assert statuses == {"platform": Status.FAILED} | dict.fromkeys(
        (*DOMAINS, "edges"), Status.BLOCKED
    )


def test_a_failed_edges_destroy_keeps_every_domain_and_the_platform(project):
    ws = FakeWorkspace(failing={"edges"})
    statuses = go(project, ws, Operation.DESTROY)
    assert ws.calls == [("edges", "destroy")]
    assert statuses == {"platform": Status.BLOCKED, "edges": Status.FAILED} | dict.fromkeys(
        DOMAINS, Status.BLOCKED
    )


def test_edges_is_skipped_until_the_platform_or_a_domain_output_changes(project):
    ws = FakeWorkspace()
    go(project, ws, Operation.UP)
    ws.calls.clear()
    assert go(project, ws, Operation.UP)["edges"] is Status.SKIPPED
    # An unselected domain's outputs count too: edges reads every domain stack.
    ws.stack_outputs["support"] = {"pipe_queues": OutputValue(["arn:q"], False)}
    ws.calls.clear()
    statuses = go(project, ws, Operation.UP, only=("edges",))
    assert ws.calls == [("edges", "up")] and statuses == {"edges": Status.SUCCEEDED}
    ws.calls.clear()
    assert go(project, ws, Operation.PREVIEW, only=("edges",)) == {"edges": Status.SKIPPED}
    ws.outputs["lake_buckets"] = OutputValue({"raw": "b-raw-2"}, False)
    assert go(project, ws, Operation.PREVIEW, only=("edges",)) == {"edges": Status.SUCCEEDED}


def test_edges_fails_when_a_domain_stacks_outputs_cannot_be_read(project):
    ws = FakeWorkspace()
    ws.unreadable = {"finance"}
    env = environment(project, "dev")
    results = run(Run(Operation.UP, env, select(env, ("edges",), ()), ws, project))
    assert results[0].status is Status.FAILED
    assert results[0].detail == (
        "cannot read the domain stacks' outputs: cannot read finance's outputs"
    )
    assert ws.calls == []


def test_edges_gets_the_platform_config_and_the_engine_counts_are_kept(project):
    ws = FakeWorkspace()
    env = environment(project, "dev")
    results = run(Run(Operation.PREVIEW, env, select(env, ("edges",), ()), ws, project))
    assert ws.config["edges"] == PLATFORM_CONFIG
    assert results[0].changes == {"create": 1, "same": 2}


def test_domains_run_in_parallel_up_to_the_bound(project):
    # Two must be in flight together to pass the barrier: a sequential runner would hang
    # there (and break the barrier); a runner over the bound would count three at once.
    ws = FakeWorkspace(barrier=threading.Barrier(2, timeout=30))
    statuses = go(project, ws, Operation.UP, parallel=2)
    assert ws.most_active == 2
    assert set(statuses.values()) == {Status.SUCCEEDED}


def test_parallel_one_runs_domains_one_at_a_time(project):
    ws = FakeWorkspace()
    go(project, ws, Operation.UP, parallel=1)
    assert ws.most_active == 1


def test_a_failing_domain_does_not_stop_the_others(project):
    ws = FakeWorkspace(failing={"marketing"})
    env = environment(project, "dev")
    results = run(Run(Operation.UP, env, select(env, (), ()), ws, project))
    statuses = {r.key: r.status for r in results}
    assert statuses["marketing"] is Status.FAILED
    assert {k for k, s in statuses.items() if s is Status.SUCCEEDED} == {
        "platform",
        "finance",
        "sales",
        "support",
    }
    assert exit_code(results) == 1
    table = summary(Operation.UP, "dev", results)
    assert "marketing  dev.marketing  failed  up of marketing failed" in table
    assert "stack trace line" not in table
    assert table.endswith("4 succeeded, 1 failed, 0 skipped, 1 blocked")
    assert TAG not in ws.tags.get("marketing", {}), "a failed up stores no fingerprint"


def test_a_failed_domain_destroy_keeps_the_platform(project):
    ws = FakeWorkspace(failing={"sales"})
    statuses = go(project, ws, Operation.DESTROY)
    assert ("platform", "destroy") not in ws.calls
    assert statuses["platform"] is Status.BLOCKED
    assert statuses["finance"] is Status.SUCCEEDED


def test_a_second_up_skips_domains_whose_inputs_did_not_change(project):
    ws = FakeWorkspace()
    go(project, ws, Operation.UP)
    ws.calls.clear()
    statuses = go(project, ws, Operation.UP)
    assert ws.calls == [("platform", "up")]
    assert statuses == {"platform": Status.SUCCEEDED} | dict.fromkeys(
        (*DOMAINS, "edges"), Status.SKIPPED
    )


def test_a_changed_domain_file_reruns_that_domain_only(project):
    ws = FakeWorkspace()
    go(project, ws, Operation.UP)
    ws.calls.clear()
    (project / "stacks" / "domains" / "sales.yaml").write_text("name: sales\nowner: x\n")
    go(project, ws, Operation.UP)
    assert ws.calls == [("platform", "up"), ("sales", "up")]  # its outputs did not change


def test_a_new_contract_beside_the_domain_file_reruns_that_domain(project):
    ws = FakeWorkspace()
    go(project, ws, Operation.UP)
    ws.calls.clear()
    (project / "stacks" / "domains" / "finance").mkdir()
    (project / "stacks" / "domains" / "finance" / "ledger.odcs.yaml").write_text("id: x\n")
    go(project, ws, Operation.UP)
    assert ws.calls == [("platform", "up"), ("finance", "up")]


def test_changed_platform_outputs_or_code_rerun_every_domain(project):
    ws = FakeWorkspace()
    go(project, ws, Operation.UP)
    ws.calls.clear()
    ws.outputs["lake_buckets"] = OutputValue({"raw": "b-raw-2"}, False)
    go(project, ws, Operation.UP)
    assert sorted(ws.calls[1:]) == sorted([(d, "up") for d in (*DOMAINS, "edges")])
    ws.calls.clear()
    (project / "components" / "thing.py").write_text("X = 2\n")
    go(project, ws, Operation.PREVIEW)
    assert sorted(ws.calls[1:]) == sorted([(d, "preview") for d in (*DOMAINS, "edges")])


def test_force_runs_unchanged_domains(project):
    ws = FakeWorkspace()
    go(project, ws, Operation.UP)
    ws.calls.clear()
    go(project, ws, Operation.UP, force=True)
    assert len(ws.calls) == 1 + len(DOMAINS) + 1


def test_refresh_never_skips_and_makes_the_next_up_run(project):
    ws = FakeWorkspace()
    go(project, ws, Operation.UP)
    ws.calls.clear()
    go(project, ws, Operation.REFRESH)
    assert sorted(ws.calls[1:]) == sorted([(d, "refresh") for d in (*DOMAINS, "edges")])
    ws.calls.clear()
    go(project, ws, Operation.UP)
    assert sorted(ws.calls[1:]) == sorted([(d, "up") for d in (*DOMAINS, "edges")])


def test_only_and_except_select_stacks(project):
    ws = FakeWorkspace()
    statuses = go(project, ws, Operation.PREVIEW, only=("s*",), excluded=("support",))
    assert ws.calls == [("sales", "preview")]
    assert statuses == {"sales": Status.SUCCEEDED}


def test_only_platform_runs_no_domain(project):
    ws = FakeWorkspace()
    go(project, ws, Operation.REFRESH, only=("platform",))
    assert ws.calls == [("platform", "refresh")]


def test_a_domain_stack_gets_the_platform_config_and_its_name(project):
    ws = FakeWorkspace()
    go(project, ws, Operation.UP, only=("finance",))
    config = ws.config["finance"]
    assert config["aws:region"] == PLATFORM_CONFIG["aws:region"]
    assert config["snowflake:privateKey"].secret is True
    assert config[DOMAIN_KEY].value == "finance"
