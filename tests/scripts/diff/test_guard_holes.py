"""The destroy guard on crafted heads of the real staging plan: the losses it used to let
through now exit 1 naming the resource, and what loses nothing still exits 0."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from policies.rules.facts.tokens import (
    CLOUDWATCH_LOG_GROUP,
    IAM_ROLE,
    KMS_KEY,
    PROVIDER_AWS,
    S3_BUCKET,
    S3_BUCKET_LIFECYCLE_CONFIGURATION,
    SECRETSMANAGER_SECRET,
    SNOWFLAKE_DATABASE,
    SNOWFLAKE_PIPE,
    TLS_PRIVATE_KEY,
)
from scripts.diff.changes import Change, compare_plans
from scripts.diff.command import main

Plan = dict[str, Any]
LAKE = "dataplatform:storage:DataLake"
OTHER_REGION = "eu-central-1"


@pytest.fixture(scope="module")
def staging(plans: dict[str, Plan]) -> Plan:
    """The staging plan (`plan(None, "staging", None)`, made once per session)."""
    return plans["staging"]


def _run(tmp_path: Path, base: Plan, head: Plan, *flags: str) -> int:
    (tmp_path / "base.json").write_text(json.dumps(base))
    (tmp_path / "head.json").write_text(json.dumps(head))
    return main([str(tmp_path / "base.json"), str(tmp_path / "head.json"), *flags])


def _head(base: Plan, edit: Callable[[Plan], object]) -> Plan:
    head = copy.deepcopy(base)
    edit(head)
    return head


def _first(plan: Plan, token: str, name: str | None = None) -> dict[str, Any]:
    return next(r for r in plan["resources"] if r["type"] == token and name in (None, r["name"]))


def _blocking(base: Plan, head: Plan) -> list[Change]:
    return [c for c in compare_plans(base, head) if c.blocking]


def _blocks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], base: Plan, head: Plan, name: str
) -> str:
    """Assert the head exits 1 naming `name`; return the output."""
    assert _run(tmp_path, base, head) == 1, name
    out = capsys.readouterr().out
    assert name in out.split("All changes:")[0], f"{name} not among the blocking changes"
    return out


def _retype(plan: Plan, old: str, new: str) -> Plan:
    """The plan with a component type renamed, URNs and references included (the mocks keep
    only the parent's last type, so only the direct children's URNs change there)."""
    renamed: Plan = json.loads(json.dumps(plan).replace(f'"{old}"', f'"{new}"'))
    renamed = json.loads(json.dumps(renamed).replace(f"::{old}::", f"::{new}::"))
    return json.loads(json.dumps(renamed).replace(f"::{old}$", f"::{new}$"))


# 1. region


@pytest.mark.parametrize("token", [S3_BUCKET, KMS_KEY, SECRETSMANAGER_SECRET])
def test_a_bucket_key_or_secret_moved_to_another_region_is_a_blocking_replacement(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str], token: str
) -> None:
    head = copy.deepcopy(staging)
    moved = _first(head, token)
    moved["inputs"]["region"] = OTHER_REGION
    [change] = _blocking(staging, head)
    assert (change.name, change.op) == (moved["name"], "replace")
    assert change.keys == [f"region (eu-west-1 -> {OTHER_REGION})"], moved["name"]
    _blocks(tmp_path, capsys, staging, head, moved["name"])


def test_a_region_equal_to_the_providers_is_no_change(staging: Plan) -> None:
    head = _head(staging, lambda h: _first(h, S3_BUCKET)["inputs"].update(region="eu-west-1"))
    assert [c.op for c in compare_plans(staging, head)] == ["update"]
    assert not _blocking(staging, head)


# 2. renamed component type


def test_a_renamed_component_type_replaces_every_child(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = _retype(staging, LAKE, "dataplatform:storage:Lake")
    blocked = {c.name for c in _blocking(staging, head) if c.op == "delete"}
    buckets = {r["name"] for r in staging["resources"] if r["type"] == S3_BUCKET}
    lake_buckets = {n for n in buckets if n.startswith("data-platform-lake-")}
    assert lake_buckets and lake_buckets <= blocked, "every lake bucket is deleted"
    _blocks(tmp_path, capsys, staging, head, "data-platform-lake-raw")


def test_a_renamed_component_type_with_aliases_is_no_change(staging: Plan, tmp_path: Path) -> None:
    head = _retype(staging, LAKE, "dataplatform:storage:Lake")
    _first(head, "dataplatform:storage:Lake")["aliases"] = [{"type": LAKE}]
    assert compare_plans(staging, head) == []
    assert _run(tmp_path, staging, head) == 0


def test_a_logical_rename_with_an_alias_is_no_change(staging: Plan, tmp_path: Path) -> None:
    bucket = _first(staging, S3_BUCKET, "data-platform-lake-raw")
    new_urn = bucket["urn"].replace("::data-platform-lake-raw", "::data-platform-lake-landing")
    head = json.loads(json.dumps(staging).replace(f'"{bucket["urn"]}"', f'"{new_urn}"'))
    renamed = next(r for r in head["resources"] if r["urn"] == new_urn)
    renamed["name"] = "data-platform-lake-landing"
    renamed["aliases"] = [*renamed["aliases"], {"name": "data-platform-lake-raw"}]
    assert compare_plans(staging, head) == []
    assert _run(tmp_path, staging, head) == 0


# 3. replaceOnChanges and replacementTrigger


def test_replace_on_changes_of_a_changed_input_is_a_blocking_replacement(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = copy.deepcopy(staging)
    _first(base, SECRETSMANAGER_SECRET)["replaceOnChanges"] = ["tags"]
    head = copy.deepcopy(base)
    secret = _first(head, SECRETSMANAGER_SECRET)
    secret["inputs"]["tags"] = {**secret["inputs"]["tags"], "team": "platform"}
    [change] = _blocking(base, head)
    assert (change.op, change.keys) == ("replace", ["replaceOnChanges: tags"]), secret["name"]
    _blocks(tmp_path, capsys, base, head, secret["name"])


def test_a_changed_replacement_trigger_is_a_blocking_replacement(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = copy.deepcopy(staging)
    _first(base, KMS_KEY)["replacementTrigger"] = "2026-01"
    head = _head(base, lambda h: _first(h, KMS_KEY).update(replacementTrigger="2026-02"))
    [change] = _blocking(base, head)
    assert change.keys == ["replacementTrigger"], change.name
    _blocks(tmp_path, capsys, base, head, change.name)


def test_a_rotated_key_slot_is_a_replacement_reported_but_not_blocking(
    staging: Plan, tmp_path: Path
) -> None:
    head = copy.deepcopy(staging)
    slot = next(r for r in head["resources"] if "replacementTrigger" in r)
    slot["replacementTrigger"] = "rotated"
    [change] = compare_plans(staging, head)
    assert (change.type, change.op, change.blocking) == (TLS_PRIVATE_KEY, "replace", False)
    assert _run(tmp_path, staging, head) == 0


# 4. types joining the stateful table


def test_deleting_the_flow_log_group_blocks(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    group = _first(staging, CLOUDWATCH_LOG_GROUP)
    head = _head(staging, lambda h: h["resources"].remove(_first(h, CLOUDWATCH_LOG_GROUP)))
    out = _blocks(tmp_path, capsys, staging, head, group["name"])
    assert "stateful: CloudWatch log group" in out


def test_a_changed_copy_statement_replaces_the_pipe_and_blocks(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = copy.deepcopy(staging)
    pipe = _first(head, SNOWFLAKE_PIPE)
    pipe["inputs"]["copyStatement"] += " ON_ERROR = CONTINUE"
    [change] = compare_plans(staging, head)
    assert (change.op, change.keys, change.blocking) == ("replace", ["copyStatement"], True)
    _blocks(tmp_path, capsys, staging, head, pipe["name"])


def test_a_changed_pipe_comment_is_an_update(staging: Plan) -> None:
    head = _head(staging, lambda h: _first(h, SNOWFLAKE_PIPE)["inputs"].update(comment="x"))
    [change] = compare_plans(staging, head)
    assert (change.op, change.blocking) == ("update", False), change.name


# 5. data that expires sooner


def _rule(plan: Plan, rule_id: str) -> dict[str, Any]:
    lifecycle = _first(plan, S3_BUCKET_LIFECYCLE_CONFIGURATION, "data-platform-lake-raw-lifecycle")
    rules: list[dict[str, Any]] = lifecycle["inputs"]["rules"]
    return next(r for r in rules if r["id"] == rule_id)


def test_a_shorter_expiration_on_a_bucket_blocks(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = copy.deepcopy(staging)
    assert _rule(head, "current-version-tiering")["expiration"] == {"days": 90}
    _rule(head, "current-version-tiering")["expiration"] = {"days": 30}
    [change] = _blocking(staging, head)
    assert change.op == "update", change.name
    assert change.losses == [
        "bucket acme-dp-staging-raw-310987654321-eu-west-1: lifecycle rule current-version-tiering "
        "expiration shortened from 90 days to 30 days (older objects are deleted)"
    ], change.name
    out = _blocks(tmp_path, capsys, staging, head, "data-platform-lake-raw-lifecycle")
    assert "data loss" in out


def test_a_shorter_noncurrent_version_expiration_blocks(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = copy.deepcopy(staging)
    rule = _rule(head, "expire-noncurrent-versions")
    rule["noncurrentVersionExpiration"]["noncurrentDays"] -= 7
    _blocks(tmp_path, capsys, staging, head, "data-platform-lake-raw-lifecycle")


def test_a_longer_expiration_passes(staging: Plan, tmp_path: Path) -> None:
    head = copy.deepcopy(staging)
    _rule(head, "expire-noncurrent-versions")["noncurrentVersionExpiration"]["noncurrentDays"] += 7
    assert not _blocking(staging, head)
    assert _run(tmp_path, staging, head) == 0


def test_a_shrinking_snowflake_retention_blocks(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = copy.deepcopy(staging)
    database = _first(head, SNOWFLAKE_DATABASE, "data-platform-snowflake-db-raw")
    database["inputs"]["dataRetentionTimeInDays"] = 0
    _blocks(tmp_path, capsys, staging, head, database["name"])


def test_a_growing_snowflake_retention_and_an_in_place_rename_pass(
    staging: Plan, tmp_path: Path
) -> None:
    head = copy.deepcopy(staging)
    database = _first(head, SNOWFLAKE_DATABASE, "data-platform-snowflake-db-raw")
    database["inputs"].update(dataRetentionTimeInDays=30, name="ACME_DP_STAGING_LANDING")
    [change] = compare_plans(staging, head)
    assert (change.op, change.blocking) == ("update", False), change.name
    assert _run(tmp_path, staging, head) == 0


# 6. providers


def test_a_provider_moved_to_another_region_replaces_what_it_manages(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = _head(staging, lambda h: _first(h, PROVIDER_AWS)["inputs"].update(region=OTHER_REGION))
    replaced = {c.name: c.keys for c in compare_plans(staging, head) if c.op == "replace"}
    assert replaced["data-platform-lake-raw"] == [f"provider region (eu-west-1 -> {OTHER_REGION})"]
    _blocks(tmp_path, capsys, staging, head, "data-platform-lake-raw")


def test_a_changed_provider_is_a_replacement(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = copy.deepcopy(staging)
    provider = copy.deepcopy(_first(head, PROVIDER_AWS))
    provider["urn"] += "-second"
    provider["name"] += "-second"
    head["resources"].append(provider)
    secret = _first(head, SECRETSMANAGER_SECRET)
    secret["provider"] = provider["urn"]
    changes = {c.name: c for c in compare_plans(staging, head)}
    assert changes[secret["name"]].keys == ["provider"], secret["name"]
    _blocks(tmp_path, capsys, staging, head, secret["name"])


# protected resources, options-only changes


def test_deleting_a_protected_resource_blocks_with_the_unprotect_steps(
    staging: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = _head(staging, lambda b: _first(b, IAM_ROLE).update(protect=True))
    role = _first(base, IAM_ROLE)
    head = _head(base, lambda h: h["resources"].remove(_first(h, IAM_ROLE)))
    flag = f"--acknowledge-resource={role['name']}=reviewed and meant to go away"
    assert _run(tmp_path, base, head, flag) == 1, "an acknowledgement cannot pass a refusal"
    out = capsys.readouterr().out
    assert role["name"] in out.split("All changes:")[0]
    assert "set protect=False on it alone in its own change" in out


def test_options_only_changes_pass(staging: Plan, tmp_path: Path) -> None:
    def protect_everything(head: Plan) -> None:
        for r in head["resources"]:
            r.update(protect=True, retainOnDelete=True)

    head = _head(staging, protect_everything)
    assert compare_plans(staging, head) == []
    assert _run(tmp_path, staging, head) == 0


def test_prod_raw_expiration_from_730_to_91_days_blocks(
    plans: dict[str, Plan], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prod = plans["prod"]
    head = copy.deepcopy(prod)
    rule = _rule(head, "current-version-tiering")
    assert rule["expiration"] == {"days": 730}
    rule["expiration"] = {"days": 91}
    out = _blocks(tmp_path, capsys, prod, head, "data-platform-lake-raw-lifecycle")
    assert "from 730 days to 91 days" in out
