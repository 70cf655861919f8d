"""DomainAlerts: a domain's filtered subscriptions of the alerts topic, with exact values,
and the policy evaluated on each source's sample message."""

from __future__ import annotations

import json

import pytest

from components.alerts.domain_alerts import (
    DomainAlerts,
    DomainAlertsArgs,
    DomainRoutes,
    domain_filter_policy,
)
from policies.rules.alerts.alert_samples import (
    credit_alert_sample,
    event_sample,
    pipe_error_sample,
)
from policies.rules.alerts.sns_filter import matches_body
from tests.components.orchestration.conftest import ACCOUNT, REGION, Plan, plan

TOPIC_ARN = f"arn:aws:sns:{REGION}:{ACCOUNT}:acme-dp-prod-alerts"
ROUTES = DomainRoutes(
    domain="sales",
    pipe_prefixes=("ACME_DP_PROD_DOMAIN_SALES.",),
    glue_databases=("acme_dp_prod_raw_sales", "acme_dp_prod_curated_sales"),
    job_names=("acme-dp-prod-sales-orders",),
)
POLICY = {
    "$or": [
        {"pipeName": [{"prefix": "ACME_DP_PROD_DOMAIN_SALES."}]},
        {
            "detail": {
                "context": {
                    "databaseName": ["acme_dp_prod_raw_sales", "acme_dp_prod_curated_sales"]
                }
            }
        },
        {"detail": {"jobName": ["acme-dp-prod-sales-orders"]}},
        {"domains": ["sales"]},
    ]
}
ARGS = DomainAlertsArgs(
    domain="sales",
    topic_arn=TOPIC_ARN,
    endpoints=(("email", "sales-data@acme.example"), ("https", "https://hooks.acme.example/s")),
    routes=ROUTES,
)


@pytest.fixture(scope="module")
def built() -> Plan:
    return plan(lambda: DomainAlerts("data-platform-domain-sales-alerts", ARGS))


def test_each_endpoint_is_one_subscription_filtered_on_the_message_body(built):
    subscriptions = sorted(
        (r.name, r.inputs["protocol"], r.inputs["endpoint"], r.inputs["topic"])
        for r in built.of("TopicSubscription")
    )
    assert subscriptions == [
        (
            "data-platform-domain-sales-alerts-email-0",
            "email",
            "sales-data@acme.example",
            TOPIC_ARN,
        ),
        (
            "data-platform-domain-sales-alerts-https-1",
            "https",
            "https://hooks.acme.example/s",
            TOPIC_ARN,
        ),
    ]
    for r in built.of("TopicSubscription"):
        assert r.inputs["filterPolicyScope"] == "MessageBody", r.name
        assert json.loads(r.inputs["filterPolicy"]) == POLICY, r.name


def test_the_policy_has_one_branch_per_source_joined_by_or():
    assert domain_filter_policy(ROUTES) == POLICY
    only_credits = DomainRoutes(domain="x", pipe_prefixes=(), glue_databases=())
    assert domain_filter_policy(only_credits) == {"domains": ["x"]}  # `$or` needs two


def test_the_policy_matches_the_domains_messages_and_no_other_domains():
    ours = [
        pipe_error_sample("ACME_DP_PROD_DOMAIN_SALES", "ORDERS", "SALES_ORDERS_PIPE"),
        event_sample(
            {
                "source": ["aws.glue-dataquality"],
                "detail-type": ["Data Quality Evaluation Results Available"],
                "detail": {"context": {"databaseName": ["acme_dp_prod_curated_sales"]}},
            }
        ),
        event_sample(
            {
                "source": ["aws.glue"],
                "detail-type": ["Glue Job State Change"],
                "detail": {"jobName": ["acme-dp-prod-sales-orders"], "state": ["FAILED"]},
            }
        ),
        credit_alert_sample(["ACME_DP_PROD_SALES_WH", "ACME_DP_PROD_LOADING"], ["sales"]),
    ]
    theirs = [
        pipe_error_sample("ACME_DP_PROD_DOMAIN_SALESFORCE", "X", "P"),  # prefix ends in `.`
        event_sample({"detail": {"context": {"databaseName": ["acme_dp_prod_raw_salesforce"]}}}),
        event_sample({"detail": {"jobName": ["acme-dp-prod-job-crm_to_staged"]}}),
        credit_alert_sample(["ACME_DP_PROD_LOADING"], []),
    ]
    assert [matches_body(POLICY, json.dumps(m)) for m in ours] == [True] * 4
    assert [matches_body(POLICY, json.dumps(m)) for m in theirs] == [False] * 4


def test_args_refuse_other_protocols_and_policies_over_snss_limits():
    with pytest.raises(ValueError, match=r"protocols \['sms'\]"):
        DomainAlertsArgs("sales", TOPIC_ARN, (("sms", "+15550100"),), ROUTES)
    wide = DomainRoutes("sales", (), tuple(f"db_{i}" for i in range(151)))
    with pytest.raises(ValueError, match="151 value combinations; SNS allows 150"):
        DomainAlertsArgs("sales", TOPIC_ARN, (("email", "a@b.example"),), wide)
