"""DomainAlerts: a data domain's own subscriptions of the stack's one alerts topic.

Every failure of the stack reaches the one alerts topic; the platform team's subscriptions
take all of it. A domain's team is told of its own resources only: each of its endpoints
is a subscription with a filter policy on the message body (`FilterPolicyScope:
MessageBody`) matching what each source puts in its message for the domain's resources
(docs/design/alert-routing.md; the shapes, with sources, in
policies/rules/alerts/alert_samples.py):

- Snowpipe load errors: `pipeName`, `<DATABASE>.<SCHEMA>.<PIPE>`: a prefix of the domain's
  database;
- Glue Data Quality results: `detail.context.databaseName`: the domain's Glue databases;
- Glue job and crawler state changes: `detail.jobName` / `detail.crawlerName`: the
  domain's jobs and crawlers (when it has any);
- the platform's Snowflake alerts: `domains`, the domains owning the warehouses past their
  threshold (components/snowflake/credit_alert.py) or the table whose contract checks
  failed (components/snowflake/data_metrics.py).

The policy is checked against SNS's documented limits when the arguments are made.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws as aws

from policies.rules.facts.sns_filters import OR, policy_problems

# SNS applies the policy to the body, not to message attributes: none of the sources
# (EventBridge, Snowflake) sets message attributes.
SCOPE = "MessageBody"


@dataclass(frozen=True)
class DomainRoutes:
    """What identifies a domain's resources in the messages of each source.

    Attributes:
        domain: The domain's name (in the credit alert's `domains`).
        pipe_prefixes: Prefixes of the fully qualified pipe names (`DB.`).
        glue_databases: The domain's Glue databases (Data Quality results).
        job_names: The domain's Glue jobs. Defaults to none.
        crawler_names: The domain's Glue crawlers. Defaults to none.
    """

    domain: str
    pipe_prefixes: Sequence[str]
    glue_databases: Sequence[str]
    job_names: Sequence[str] = ()
    crawler_names: Sequence[str] = ()


def domain_filter_policy(routes: DomainRoutes) -> dict[str, Any]:
    """The filter policy matching any message about the domain's resources: one branch per
    source with something to match, joined by `$or` (SNS needs two branches for `$or`)."""
    branches: list[dict[str, Any]] = []
    if routes.pipe_prefixes:
        branches.append({"pipeName": [{"prefix": p} for p in routes.pipe_prefixes]})
    if routes.glue_databases:
        branches.append({"detail": {"context": {"databaseName": list(routes.glue_databases)}}})
    if routes.job_names:
        branches.append({"detail": {"jobName": list(routes.job_names)}})
    if routes.crawler_names:
        branches.append({"detail": {"crawlerName": list(routes.crawler_names)}})
    branches.append({"domains": [routes.domain]})
    return branches[0] if len(branches) == 1 else {OR: branches}


@dataclass(frozen=True)
class DomainAlertsArgs:
    """Inputs of DomainAlerts.

    Attributes:
        domain: The domain's name.
        topic_arn: The stack's alerts topic.
        endpoints: (protocol, endpoint) pairs: `email` or `https`.
        routes: What identifies the domain's resources in the messages.
    """

    domain: str
    topic_arn: pulumi.Input[str]
    endpoints: Sequence[tuple[str, str]]
    routes: DomainRoutes
    filter_policy: Mapping[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        bad = [p for p, _ in self.endpoints if p not in ("email", "https")]
        if bad:
            raise ValueError(f"DomainAlertsArgs [{self.domain}]: protocols {bad}; email or https")
        policy = domain_filter_policy(self.routes)
        problems = policy_problems(policy)
        if problems:
            raise ValueError(f"domain [{self.domain}]: its filter policy: {'; '.join(problems)}")
        object.__setattr__(self, "filter_policy", policy)


class DomainAlerts(pulumi.ComponentResource):
    """The domain's filtered subscriptions of the alerts topic.

    Attributes:
        subscriptions: Every subscription, by endpoint.
    """

    subscriptions: dict[str, aws.sns.TopicSubscription]

    def __init__(
        self, name: str, args: DomainAlertsArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:alerts:DomainAlerts", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        policy = json.dumps(args.filter_policy, sort_keys=True)
        # Like the platform's: email and HTTPS endpoints confirm once, by a person.
        self.subscriptions = {
            endpoint: aws.sns.TopicSubscription(
                f"{name}-{protocol}-{index}",
                topic=args.topic_arn,
                protocol=protocol,
                endpoint=endpoint,
                filter_policy=policy,
                filter_policy_scope=SCOPE,
                opts=child,
            )
            for index, (protocol, endpoint) in enumerate(args.endpoints)
        }
        self.register_outputs({})
