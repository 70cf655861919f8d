"""Journey `journey-key-rotates`: synthetic stacks hop by hop, defect 4 re-introduced on prod,
and every real stack passing."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest

from policies.rules.core.index import StackIndex
from policies.rules.core.rule import Context
from policies.rules.core.values import UNKNOWN
from policies.rules.core.view import ResourceView
from policies.rules.journeys.catalogue import JOURNEYS
from policies.rules.journeys.journey import Journey
from policies.rules.journeys.key_rotates import RULE_ID, build
from scripts.plan.command import plan_target, resolve
from scripts.rotation_targets.command import rotation_targets
from tests.policies.helpers import run, view

ROTATING = "time:index/rotating:Rotating"
KEY = "tls:index/privateKey:PrivateKey"
USER = "snowflake:index/serviceUser:ServiceUser"
VERSION = "aws:secretsmanager/secretVersion:SecretVersion"
BASE_A, BASE_B = "2026-01-01T00:00:00Z", "2026-02-15T00:00:00Z"  # 45 days apart
DAILY = {
    "workflows": ".github/workflows",
    "runs": [
        {
            "workflow": "rotate.yml",
            "job": "up",
            "cron": ["0 4 * * *"],
            "interval_hours": 24.0,
            "targeted": True,
        }
    ],
}
WORKFLOWS = Path(__file__).resolve().parents[3] / ".github" / "workflows"


def stack(
    *,
    base_b: str = BASE_B,
    days_b: int = 90,
    second_slot: bool = True,
    pack: bool = False,
    version_needs_user: bool = True,
    period: bool = True,
) -> list[ResourceView]:
    """A user with two key slots (A, B) and a secret version, as the component builds it;
    `pack=True`: as a policy pack sees it (no replacement triggers)."""
    parent = "urn:pulumi:prod::test::dataplatform:snowflake:PipelineServiceUser::svc"
    rot_a = view(
        ROTATING,
        "svc-key-a-rotation",
        {"rotationDays": 90} if period else {},
        outputs={"rfc3339": BASE_A},
        parent=parent,
    )
    rot_b = view(
        ROTATING,
        "svc-key-b-rotation",
        {"rotationDays": days_b, "rfc3339": base_b},
        outputs={"rfc3339": base_b},
        parent=parent,
    )
    key_a = view(
        KEY,
        "svc-key",
        {"algorithm": "RSA"},
        parent=parent,
        replacement_trigger=UNKNOWN if pack else BASE_A,
    )
    key_b = view(
        KEY,
        "svc-key-b",
        {"algorithm": "RSA"},
        parent=parent,
        replacement_trigger=UNKNOWN if pack else base_b,
    )
    keys = [key_a, key_b] if second_slot else [key_a]
    user = view(
        USER,
        "svc",
        {
            "name": "SVC",
            "rsaPublicKey": "MIIB...",
            **({"rsaPublicKey2": "MIIB..."} if second_slot else {}),
        },
        dependencies=tuple(k.urn for k in keys),
    )
    version = view(
        VERSION,
        "svc-secret-value",
        {"secretString": "[secret]"},
        dependencies=(
            rot_a.urn,
            rot_b.urn,
            *(k.urn for k in keys),
            *((user.urn,) if version_needs_user else ()),
        ),
    )
    return [rot_a, rot_b, *keys, user, version]


def journey(resources: list[ResourceView], found: Any = DAILY) -> Journey:
    config = {} if found is None else {"scheduled_refresh": found}
    journeys = list(build(StackIndex(resources), Context("prod", config)))
    assert len(journeys) == 1, journeys
    return journeys[0]


def deciding(j: Journey) -> tuple[str, str]:
    hop = j.deciding_hop
    assert hop is not None, f"{j.name}: works"
    return hop.name, hop.verdict


def test_the_journey_kind_is_catalogued():
    assert (RULE_ID, build) in JOURNEYS


def test_two_slots_half_a_period_apart_with_a_daily_refresh_work():
    j = journey(stack())
    assert j.verdict == "works", [(h.name, h.verdict, h.detail) for h in j.hops]
    assert [h.name for h in j.hops] == [
        "slot schedules",
        "scheduled up with refresh",
        "new key before the old is dropped",
        "secret takes the newer key",
    ]
    assert "45 days apart" in j.hops[2].detail


def test_in_a_policy_pack_the_schedule_is_not_evaluated():
    assert deciding(journey(stack(), found=None)) == ("scheduled up with refresh", "not-evaluated")


def test_in_a_policy_pack_unseen_triggers_leave_the_slots_not_evaluated():
    j = journey(stack(pack=True), found=None)
    assert j.verdict == "not-evaluated"
    assert (j.hops[0].name, j.hops[0].verdict) == ("slot schedules", "not-evaluated")
    assert "replacement trigger" in j.hops[0].detail


def test_no_scheduled_refresh_breaks_the_journey_and_names_the_workflows():
    j = journey(stack(), found={"workflows": ".github/workflows", "runs": []})
    assert deciding(j) == ("scheduled up with refresh", "broken")
    finding = j.finding()
    assert finding is not None and not finding.not_evaluated
    assert "journey [key of Snowflake user [SVC] rotates without downtime]" in finding.message
    assert "hop [scheduled up with refresh]" in finding.message
    assert ".github/workflows" in finding.message and "pulumi up --refresh" in finding.message


def test_a_schedule_not_more_often_than_half_the_period_breaks_the_journey():
    found = {"runs": [{"workflow": "rotate.yml", "interval_hours": 45 * 24.0}]}
    j = journey(stack(), found=found)
    assert deciding(j) == ("scheduled up with refresh", "broken")
    assert "half the shortest slot period" in (j.deciding_hop.detail if j.deciding_hop else "")


def test_a_workflows_directory_that_is_missing_is_not_evaluated():
    found = {"workflows": None, "runs": []}
    assert deciding(journey(stack(), found)) == ("scheduled up with refresh", "not-evaluated")


def test_one_rotating_key_drops_the_old_key_with_the_new_one():
    j = journey(stack(second_slot=False))
    assert deciding(j) == ("new key before the old is dropped", "broken")
    assert j.deciding_hop is not None and j.deciding_hop.resource is not None
    assert j.deciding_hop.resource.type == USER


def test_two_slots_a_whole_period_apart_rotate_together():
    one_period_later = "2026-04-01T00:00:00Z"  # BASE_A + 90 days
    j = journey(stack(base_b=one_period_later))
    assert deciding(j) == ("new key before the old is dropped", "broken")


def test_two_slots_with_different_periods_drift_together():
    assert deciding(journey(stack(days_b=60))) == ("new key before the old is dropped", "broken")


def test_a_secret_written_before_the_user_holds_the_key_breaks_the_journey():
    j = journey(stack(version_needs_user=False))
    assert deciding(j) == ("secret takes the newer key", "broken")
    assert j.deciding_hop is not None and j.deciding_hop.resource is not None
    assert j.deciding_hop.resource.type == VERSION


def test_a_rotating_without_a_period_breaks_the_slots_hop():
    assert deciding(journey(stack(period=False))) == ("slot schedules", "broken")


def test_a_user_whose_keys_never_rotate_has_no_rotation_journey():
    resources = stack()
    static = [
        dataclasses.replace(r, replacement_trigger=None) if r.type == KEY else r for r in resources
    ]
    assert list(build(StackIndex(static), Context("prod", {"scheduled_refresh": DAILY}))) == []


def test_the_rule_reports_a_missing_schedule_as_a_mandatory_violation_on_the_user():
    config = {RULE_ID: {"scheduled_refresh": {"workflows": "wf", "runs": []}}}
    results = run(RULE_ID, stack(), config=config)
    assert [(r.status, r.level, r.name) for r in results] == [("violation", "mandatory", "svc")]
    assert run(RULE_ID, stack(), config={RULE_ID: {"scheduled_refresh": DAILY}}) == []


# Defect 4 re-introduced on the real prod stack: the workflows without the scheduled rotation.


def _prod_with_workflows(directory: Path) -> dict[str, Any]:
    target = dataclasses.replace(resolve(None, "prod", None, None), workflows=directory)
    return plan_target(target)


def _journey_violations(document: dict[str, Any]) -> list[str]:
    return [v["message"] for v in document["violations"] if v["policy"] == RULE_ID]


def test_defect_4_no_scheduled_rotation_is_caught_on_prod(tmp_path: Path):
    shutil.copytree(WORKFLOWS, tmp_path, dirs_exist_ok=True)
    (tmp_path / "rotate.yml").unlink()
    document = _prod_with_workflows(tmp_path)
    messages = _journey_violations(document)
    rotating_users = {
        r["inputs"]["name"]
        for r in document["resources"]
        if r["type"] == USER and "rsaPublicKey2" in r["inputs"]
    }
    assert rotating_users and len(messages) == len(rotating_users), messages
    assert all("hop [scheduled up with refresh]" in m for m in messages)
    assert all(v["level"] == "mandatory" for v in document["violations"] if v["policy"] == RULE_ID)


def test_defect_4_a_deploy_without_refresh_on_a_schedule_is_caught_on_prod(tmp_path: Path):
    shutil.copytree(WORKFLOWS, tmp_path, dirs_exist_ok=True)
    rotate_stack = tmp_path / "rotate-stack.yml"
    # The scheduled run calls the plain deploy (`up` without refresh), as deploy-stack.yml was.
    rotate_stack.write_text(rotate_stack.read_text().replace("rotation: true", "rotation: false"))
    assert _journey_violations(_prod_with_workflows(tmp_path))


@pytest.mark.parametrize("name", ["dev", "staging", "prod"])
def test_every_stack_plans_with_the_rotation_journey_working(plans: dict[str, Any], name: str):
    document = plans[name]
    findings = [
        item["message"][:200]
        for key in ("violations", "notEvaluated")
        for item in document.get(key) or ()
        if item["policy"] == RULE_ID
    ]
    assert findings == [], f"{name}: {findings}"


def test_rotation_targets_are_every_slot_and_the_key_it_replaces_as_engine_urns(
    plans: dict[str, Any],
):
    document = plans["prod"]
    targets = rotation_targets(document)
    slots = rotation_targets(document, slots_only=True)
    rotatings = [r for r in document["resources"] if r["type"] == ROTATING]
    keys = [r for r in document["resources"] if r["type"] == KEY and "replacementTrigger" in r]
    assert len(slots) == len(rotatings) > 0
    assert set(slots) < set(targets) and len(targets) == len(rotatings) + len(keys)
    # The engine's URN carries every parent type (the mocks' only the last one).
    assert all("::dataplatform:index:DataPlatform$" in urn for urn in targets), targets[:2]
