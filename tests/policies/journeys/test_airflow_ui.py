"""journey-engineer-opens-airflow-ui on the real plans, each way of breaking it made by one
edit of the planned resources (a deep copy of the session's plans)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from policies.rules.core.index import StackIndex
from policies.rules.core.rule import Context
from policies.rules.journeys.airflow_ui import ui_journeys
from scripts.plan.policy import views

INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
CORPORATE_HOPS = [
    ("the environment's security group admits HTTPS from 10.0.0.0/8", "ok"),
    ("a policy lets a person log in (airflow:CreateWebLoginToken)", "ok"),
]


def hops(document: dict[str, Any], edit: Callable[[dict[str, Any]], None]) -> list[tuple[str, str]]:
    """The one journey's hops (name, verdict) after `edit` of every resource."""
    changed = copy.deepcopy(document)
    for resource in changed["resources"]:
        edit(resource)
    (journey,) = ui_journeys(StackIndex(views(changed)), Context(document["stack"]))
    return [(h.name, h.verdict) for h in journey.hops]


def test_every_stack_reaches_its_ui_from_the_corporate_range_with_the_login_policy(stack_plan):
    assert hops(stack_plan, lambda r: None) == CORPORATE_HOPS


def test_without_the_corporate_rule_nobody_can_open_the_ui(plans):
    def drop_https(resource: dict[str, Any]) -> None:
        if resource["type"] == INGRESS and resource["inputs"].get("cidrIpv4"):
            resource["inputs"]["cidrIpv4"] = "10.40.0.0/24"  # inside the VPC

    found = hops(plans["dev"], drop_https)
    assert found[0] == ("a network path into the VPC", "broken")


def test_without_the_login_permission_the_path_leads_nowhere(plans):
    def other_action(resource: dict[str, Any]) -> None:
        if resource["type"] == "aws:iam/policy:Policy" and resource["name"].endswith(
            "ui-engineers"
        ):
            policy = json.loads(resource["inputs"]["policy"])
            policy["Statement"] = [
                s for s in policy["Statement"] if s["Action"] != "airflow:CreateWebLoginToken"
            ]
            resource["inputs"]["policy"] = json.dumps(policy)

    found = hops(plans["dev"], other_action)
    assert found[-1] == ("a policy lets a person log in (airflow:CreateWebLoginToken)", "broken")
