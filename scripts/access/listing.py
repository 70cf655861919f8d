"""Who outside the account, and which Snowflake roles, can do what to which resource.

One implementation for `dataplat access` and the audit's "outside access" section. The AWS
part reads each resource policy in effect (the access rules' own reading: a KeyPolicy replaces
its key's inline policy) and lists:

- every principal it names from outside the account, and the account root
  (policies/rules/access/named.py), with the action, resource and statement;
- every unnamed outsider who gets in (policies/rules/access/exposure.py: never expected).

The Snowflake part lists each role's direct privileges (scripts/role_graph.py, the grants and
ownership transfers of the plan). Each row says whether the stack's declaration
(`expectedAccess` in stacks/policy.<stack>.json) expects it, and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policies.rules.access import (
    bucket_policy_no_outside_access,
    key_policy_no_outside_access,
    resource_policy_no_outside_access,
)
from policies.rules.access.expected import Expected, expected
from policies.rules.access.exposure import exposures
from policies.rules.access.judged import resource_names
from policies.rules.access.named import named
from policies.rules.access.resource_policy_no_outside_access import POLICY_OF
from policies.rules.aws.iam_documents import document as policy_document
from policies.rules.aws.s3_resources import BUCKETS, POLICIES
from policies.rules.core.index import StackIndex
from policies.rules.core.settings import PolicySettings
from policies.rules.core.view import NotEvaluated, ResourceView
from policies.rules.facts.tokens import IAM_ROLE, KMS_KEY, KMS_KEY_POLICY
from scripts.access.declaration import RULES
from scripts.plan.policy import views
from scripts.role_graph import role_graph

# Resource type -> (the property holding its policy, the action prefix, what it is called).
DOCUMENTS: dict[str, tuple[str, str, str]] = {
    **{t: ("policy", "s3", "bucket policy") for t in (*POLICIES, *BUCKETS)},
    KMS_KEY: ("policy", "kms", "key policy"),
    KMS_KEY_POLICY: ("policy", "kms", "key policy"),
    **{t: ("policy", service, what) for t, (service, what) in POLICY_OF.items()},
    IAM_ROLE: ("assumeRolePolicy", "sts", "trust policy"),
}
# The rules that judge each document (for the row's `rule`).
RULE_OF = {
    **{t: bucket_policy_no_outside_access.RULE.id for t in (*POLICIES, *BUCKETS)},
    KMS_KEY: key_policy_no_outside_access.RULE.id,
    KMS_KEY_POLICY: key_policy_no_outside_access.RULE.id,
    **{t: resource_policy_no_outside_access.RULE.id for t in POLICY_OF},
}


def declared(settings: PolicySettings) -> Expected | None:
    """The stack's declared expected access, from the first AWS access rule's config."""
    for rule in RULES:
        found = expected(settings.for_rule(rule).properties)
        if found is not None:
            return found
    return None


def access_listing(document: Mapping[str, Any], settings: PolicySettings) -> dict[str, Any]:
    """The listing: `aws` and `snowflake` rows, each with `expected` (why) or None, and the
    count of rows nothing declares (`unexpected`)."""
    declaration = declared(settings)
    index = StackIndex(views(dict(document)))
    aws = [row for view in _documents(index) for row in _aws_rows(view, declaration)]
    snowflake = _snowflake_rows(document["resources"], declaration)
    unexpected = sum(1 for r in [*aws, *snowflake] if r["expected"] is None)
    return {
        "declared": declaration is not None,
        "account": declaration.account if declaration else None,
        "aws": aws,
        "snowflake": snowflake,
        "unexpected": unexpected,
    }


def _documents(index: StackIndex) -> list[ResourceView]:
    """The resources whose policy is in effect (a key with a KeyPolicy is left out)."""
    overridden = {
        key.urn
        for key in index.of_type(KMS_KEY)
        if index.referrers(key, (KMS_KEY_POLICY,), "keyId")
    }
    return [v for v in index.of_type(*DOCUMENTS) if v.urn not in overridden]


def _aws_rows(view: ResourceView, declaration: Expected | None) -> list[dict[str, Any]]:
    prop, service, what = DOCUMENTS[view.type]
    try:
        policy = policy_document(view, prop)
    except NotEvaluated:
        return [_row(view, "unknown until apply", "-", "-", f"the {what} is unknown", None)]
    if policy is None:
        return []
    label = f"{what} of [{view.name}]"
    names = resource_names(view)
    account = declaration.account if declaration else ""
    rows = [
        _row(
            view,
            f"{n.kind} {n.principal}",
            ", ".join(n.actions),
            ", ".join(n.resources),
            str(n.statement),
            declaration.why(n.principal, names) if declaration else None,
        )
        for n in named(label, policy, account)
    ]
    rows += [
        _row(view, e.outsider, e.action, "-", str(e.statement), None)
        for e in exposures(label, policy, service)
    ]
    return rows


def _row(
    view: ResourceView, who: str, actions: str, resources: str, statement: str, why: str | None
) -> dict[str, Any]:
    return {
        "resource": view.name,
        "type": view.type.rsplit(":", 1)[-1],
        "principal": who,
        "actions": actions,
        "resources": resources,
        "statement": statement,
        "expected": why,
    }


def _snowflake_rows(
    resources: list[dict[str, Any]], declaration: Expected | None
) -> list[dict[str, Any]]:
    graph = role_graph(resources)
    rows = []
    for role in sorted(graph.direct):
        bare = role.rsplit(".", 1)[0] if "." in role else role
        why = (
            "a role of the platform (expectedAccess.snowflakeRoles)"
            if declaration is not None and declaration.role_expected(bare)
            else None
        )
        for privilege in sorted(graph.direct[role]):
            rows.append(
                {
                    "role": role,
                    "privilege": privilege.privilege,
                    "on": f"{privilege.on} {privilege.target}".strip(),
                    "expected": why,
                }
            )
    return rows
