"""The data-quality rules on small synthetic stacks: one compliant, one per way to fail."""

from __future__ import annotations

import json

from policies.rules.core.view import ResourceView
from tests.policies.helpers import failing, view

TOPIC_ARN = "arn:aws:sns:eu-west-1:111122223333:alerts"
START = "arn:aws:scheduler:::aws-sdk:glue:startDataQualityRulesetEvaluationRun"
TAGS = {"data-classification": "pii", "owner": "a@b.c", "environment": "prod"}


def ruleset(name: str = "rs", database: str = "acme_dp_prod_raw_sales") -> ResourceView:
    return view(
        "aws:glue/dataQualityRuleset:DataQualityRuleset",
        name,
        {
            "name": name,
            "ruleset": "Rules = [ RowCount > 0 ]",
            "targetTable": {"databaseName": database, "tableName": "orders"},
        },
    )


def schedule(rulesets: list[str], **change: object) -> ResourceView:
    request = {
        "DataSource": {
            "GlueTable": {"DatabaseName": "acme_dp_prod_raw_sales", "TableName": "orders"}
        },
        "Role": "arn:aws:iam::111122223333:role/eval",
        "RulesetNames": rulesets,
    }
    target = {
        "arn": START,
        "roleArn": "arn:aws:iam::111122223333:role/sched",
        "input": json.dumps(request),
    }
    props: dict[str, object] = {"name": "run", "target": target, **change}
    return view("aws:scheduler/schedule:Schedule", "run", props)


def results_rule(prefix: str) -> list[ResourceView]:
    pattern = {
        "source": ["aws.glue-dataquality"],
        "detail-type": ["Data Quality Evaluation Results Available"],
        "detail": {
            "context": {"databaseName": [{"prefix": prefix}]},
            "rulesFailed": [{"numeric": [">", 0]}],
        },
    }
    rule = view(
        "aws:cloudwatch/eventRule:EventRule",
        "dq",
        {"name": "dq", "eventPattern": json.dumps(pattern)},
    )
    target = view(
        "aws:cloudwatch/eventTarget:EventTarget", "dq-target", {"rule": "dq", "arn": TOPIC_ARN}
    )
    return [rule, target]


def crawler(tags: dict[str, str]) -> ResourceView:
    return view("aws:glue/crawler:Crawler", "crawl", {"name": "crawl", "tags": tags})


def test_a_ruleset_run_by_a_schedule_passes():
    assert failing("quality-ruleset-scheduled", [ruleset(), schedule(["rs"])]) == set()


def test_a_ruleset_no_schedule_runs_fails():
    assert failing("quality-ruleset-scheduled", [ruleset(), schedule(["other"])]) == {"rs"}


def test_a_disabled_schedule_does_not_run_it():
    found = failing("quality-ruleset-scheduled", [ruleset(), schedule(["rs"], state="DISABLED")])
    assert found == {"rs"}


def test_failed_results_routed_to_a_topic_pass():
    assert failing("quality-results-alerted", [ruleset(), *results_rule("acme_dp_prod_")]) == set()


def test_failed_results_no_rule_matches_fail():
    found = failing("quality-results-alerted", [ruleset(), *results_rule("acme_dp_dev_")])
    assert found == {"rs"}


def test_a_pii_crawler_naming_its_contract_passes():
    tagged = crawler({**TAGS, "data-contract": "urn:acme:sales:orders"})
    assert failing("pii-crawler-has-contract", [tagged]) == set()


def test_a_pii_crawler_without_a_contract_fails():
    assert failing("pii-crawler-has-contract", [crawler(TAGS)]) == {"crawl"}


def test_a_crawler_of_other_data_needs_no_contract():
    assert (
        failing("pii-crawler-has-contract", [crawler({**TAGS, "data-classification": "internal"})])
        == set()
    )
