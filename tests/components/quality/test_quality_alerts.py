"""QualityAlerts: the failed-results rule and the domain-crawler rule, to the topic."""

from __future__ import annotations

import json

import pytest

from components.quality import (
    QualityAlerts,
    QualityAlertsArgs,
)
from tests.components.orchestration.conftest import (
    NAMING,
    TAGS,
    plan,
)
from tests.components.quality.domain import TOPIC


@pytest.fixture(scope="module")
def alerts():
    def program() -> None:
        QualityAlerts(
            "alerts",
            QualityAlertsArgs(NAMING, TAGS.for_data("internal"), TOPIC, "acme_dp_prod_", ["c1"]),
        )

    return plan(program)


def test_one_results_rule_sends_failed_results_unchanged_to_the_topic(alerts):
    rules = {r.inputs["name"]: r.inputs for r in alerts.of("EventRule")}
    pattern = json.loads(rules["acme-dp-prod-data-quality-failures"]["eventPattern"])
    assert pattern["source"] == ["aws.glue-dataquality"]
    assert pattern["detail"]["context"]["databaseName"] == [{"prefix": "acme_dp_prod_"}]
    targets = [t.inputs for t in alerts.of("EventTarget")]
    assert all(t["arn"] == TOPIC for t in targets)
    assert not any("inputTransformer" in t for t in targets)  # the native event
    crawler_rule = json.loads(rules["acme-dp-prod-domain-crawler-failures"]["eventPattern"])
    assert crawler_rule["detail"]["crawlerName"] == ["c1"]
