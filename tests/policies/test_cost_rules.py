"""cost-within-ceiling and the monthly bound: exact line items on a small synthetic stack,
the price table's provenance, and the rule on the real stacks and on an unbounded quota."""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest

from policies.rules.core.index import StackIndex
from policies.rules.core.rule import Context
from policies.rules.cost.assumptions import CEILING_USD, Assumptions
from policies.rules.cost.bound import stack_bound
from policies.rules.cost.items import Bound
from policies.rules.cost.prices import PRICES
from policies.rules.facts.warehouses import CREDITS_PER_HOUR
from scripts.plan.policy import views
from tests.policies.helpers import run, view

RULE_ID = "cost-within-ceiling"
WH = "snowflake:index/warehouse:Warehouse"
MONITOR = "snowflake:index/resourceMonitor:ResourceMonitor"
CONFIG = {
    "activeHoursPerDay": 2,
    "resumesPerDay": 12,
    "s3GbPerBucket": 100,
    "glueRunsPerMonth": 30,
    "glueExpectedMinutesPerRun": 10,
}


def monitor(name: str, quota: float, **props: Any) -> Any:
    return view(
        MONITOR,
        f"{name}-monitor",
        {"name": name, "creditQuota": quota, "frequency": "MONTHLY", **props},
        stack="dev",
    )


def synthetic() -> list[Any]:
    """One of each priced resource, with figures easy to redo by hand."""
    return [
        view(
            WH,
            "wh-capped",
            {
                "warehouseSize": "SMALL",
                "maxClusterCount": 2,
                "minClusterCount": 1,
                "autoSuspend": 300,
                "resourceMonitor": "MON",
            },
            stack="dev",
        ),
        monitor("MON", 200, suspendTrigger=100, suspendImmediateTrigger=110),
        view(WH, "wh-unmonitored", {"warehouseSize": "XSMALL", "autoSuspend": 0}, stack="dev"),
        view(
            "aws:mwaa/environment:Environment",
            "airflow",
            {"environmentClass": "mw1.small", "minWorkers": 1, "maxWorkers": 3, "schedulers": 3},
            stack="dev",
        ),
        view("aws:ec2/natGateway:NatGateway", "nat", {}, stack="dev"),
        view(
            "aws:ec2/vpcEndpoint:VpcEndpoint",
            "sts",
            {"vpcEndpointType": "Interface", "subnetIds": ["a", "b", "c"]},
            stack="dev",
        ),
        view("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", {"vpcEndpointType": "Gateway"}, stack="dev"),
        view("aws:kms/key:Key", "rotating", {"enableKeyRotation": True}, stack="dev"),
        view("aws:kms/key:Key", "plain", {"enableKeyRotation": False}, stack="dev"),
        view("aws:secretsmanager/secret:Secret", "secret", {}, stack="dev"),
        view(
            "aws:glue/job:Job",
            "job",
            {"workerType": "G.2X", "numberOfWorkers": 5, "timeout": 120, "maxRetries": 2},
            stack="dev",
        ),
        view("aws:s3/bucket:Bucket", "raw", {}, stack="dev"),
    ]


def bound_of(resources: list[Any], environment: str = "dev", **config: Any) -> Bound:
    assume = Assumptions.from_context(Context(environment, {**CONFIG, **config}))
    return stack_bound(StackIndex(resources), assume)


def figures(bound: Bound) -> dict[str, tuple[float, float]]:
    return {i.resource: (i.bound_usd, i.expected_usd) for i in bound.items}


def test_each_line_item_has_its_exact_bound_and_expected_figure():
    assert figures(bound_of(synthetic())) == {
        # 2 cr/h x 2 clusters x 730 h = 2920 cr, capped at 200 x 110% = 220 cr x $3.90;
        # expected 2 cr/h x 1 cluster x (2 h + 12 x 300 s) x 730/24 days = 182.5 cr.
        "wh-capped": (858.00, 711.75),
        # No monitor: 1 cr/h x 730 h; autoSuspend 0 never suspends, so expected = bound.
        "wh-unmonitored": (2847.00, 2847.00),
        "airflow (environment)": (357.70, 357.70),
        "airflow (workers)": (80.30, 0.00),  # 2 beyond the first x 730 h x $0.055
        "airflow (schedulers)": (40.15, 40.15),  # 1 beyond the included 2
        "nat": (35.04, 35.04),
        "sts": (24.09, 24.09),  # 3 AZs x 730 h x $0.011; the gateway endpoint is free
        "rotating": (3.00, 1.00),
        "plain": (1.00, 1.00),
        "secret": (0.40, 0.40),
        # 5 x G.2X = 10 DPU x 2 h x 3 attempts x 30 runs x $0.44; expected 10 min a run.
        "job": (792.00, 22.00),
        "raw": (2.30, 2.30),
    }


def test_the_total_is_the_sum_of_the_items():
    bound = bound_of(synthetic())
    assert bound.total_usd == 5040.98
    assert bound.expected_usd == 4042.43


def test_warehouses_sharing_a_monitor_share_its_quota():
    shared = [
        view(WH, "a", {"warehouseSize": "SMALL", "resourceMonitor": "MON"}, stack="dev"),
        view(WH, "b", {"warehouseSize": "SMALL", "resourceMonitor": "MON"}, stack="dev"),
        monitor("MON", 100, suspendTrigger=100),
    ]
    assert [i.quantity for i in bound_of(shared).items] == [50.0, 50.0]


def test_a_daily_monitor_caps_every_day_of_the_month():
    daily = [
        view(WH, "a", {"warehouseSize": "XSMALL", "resourceMonitor": "MON"}, stack="dev"),
        monitor("MON", 10, suspendTrigger=100, frequency="DAILY"),
    ]
    assert bound_of(daily).items[0].quantity == pytest.approx(304.17, abs=0.01)


def test_a_monitor_that_only_notifies_caps_nothing():
    notify = [
        view(WH, "a", {"warehouseSize": "XSMALL", "resourceMonitor": "MON"}, stack="dev"),
        monitor("MON", 10, notifyTriggers=[80]),
    ]
    assert bound_of(notify).items[0].quantity == 730.0


def test_every_price_carries_its_region_date_and_source():
    for key, price in PRICES.items():
        assert price.region and price.date and price.source.startswith("https://"), key
        assert price.usd > 0 and price.unit, key
        assert not price.estimate or price.note, f"{key}: an estimate says what was confirmed"


def test_credits_per_hour_double_with_each_size():
    sizes = list(CREDITS_PER_HOUR)
    assert CREDITS_PER_HOUR["XSMALL"] == 1 and CREDITS_PER_HOUR["XXLARGE"] == 32
    assert all(CREDITS_PER_HOUR[b] == 2 * CREDITS_PER_HOUR[a] for a, b in itertools.pairwise(sizes))


def test_the_rule_passes_every_real_stack(stack_plan):
    assert not [v for v in stack_plan["violations"] if v["policy"] == RULE_ID], stack_plan["stack"]


def test_the_ceiling_leaves_each_real_stack_a_margin(stack_plan):
    environment = stack_plan["stack"]
    bound = stack_bound(
        StackIndex(views(stack_plan)), Assumptions.from_context(Context(environment))
    )
    assert bound.total_usd < 0.8 * CEILING_USD[environment], environment


def test_a_huge_warehouse_quota_fails_the_rule_in_prod(plans):
    document = copy.deepcopy(plans["prod"])
    for resource in document["resources"]:
        if resource["type"] == MONITOR:
            resource["inputs"]["creditQuota"] = 1_000_000
    results = run(RULE_ID, views(document), stack="prod")
    assert [(r.level, r.status) for r in results] == [("mandatory", "violation")]
    assert "above the prod ceiling" in results[0].message


def test_the_rule_is_advisory_in_dev_and_reads_its_ceiling_from_config():
    resources = synthetic()
    assert [r.level for r in run(RULE_ID, resources, stack="dev")] == ["advisory"]
    assert run(RULE_ID, resources, stack="dev", config={RULE_ID: {"ceilingUsd": 10_000}}) == []
