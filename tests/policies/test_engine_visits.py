"""A resource rule visits exactly the resources of its types (a trailing `*` a prefix), in
stack order, once each; rules with the same types share one list of them."""

from __future__ import annotations

from collections.abc import Iterator

from policies.rules.core.engine import evaluate
from policies.rules.core.index import StackIndex
from policies.rules.core.rule import Context, Rule
from policies.rules.core.settings import PolicySettings
from policies.rules.core.view import Finding, ResourceView
from tests.policies.helpers import view

BUCKET, KEY, TOPIC = "aws:s3/bucket:Bucket", "aws:kms/key:Key", "aws:sns/topic:Topic"


def _rule(rule_id: str, types: tuple[str, ...], seen: list[str]) -> Rule:
    def check(resource: ResourceView, ctx: Context) -> Iterator[Finding]:
        seen.append(resource.name)
        yield resource.violation(f"{rule_id} saw {resource.name}")

    return Rule(rule_id, "d", "low", "r", types, check=check)


def test_each_resource_rule_visits_its_own_resources_in_stack_order():
    resources = [view(BUCKET, "b1"), view(KEY, "k1"), view(TOPIC, "t1"), view(BUCKET, "b2")]
    index = StackIndex(resources)
    assert index.types() == [BUCKET, KEY, TOPIC]
    seen: list[str] = []
    rules = [
        _rule("buckets", (BUCKET,), seen),
        _rule("aws-s3-and-kms", ("aws:s3/*", KEY), seen),
        _rule("buckets-again", (BUCKET,), seen),
        _rule("nothing", ("snowflake:*",), seen),
    ]
    results = evaluate(resources, rules, PolicySettings(), "prod", index=index)
    assert seen == ["b1", "b2", "b1", "k1", "b2", "b1", "b2"]
    assert [(r.policy, r.name) for r in results] == [
        ("buckets", "b1"),
        ("buckets", "b2"),
        ("aws-s3-and-kms", "b1"),
        ("aws-s3-and-kms", "k1"),
        ("aws-s3-and-kms", "b2"),
        ("buckets-again", "b1"),
        ("buckets-again", "b2"),
    ]
