"""What an IAM role of the stack may do, from the identity policies the stack gives it.

A role's statements are its inline policies (`inlinePolicies` of the role,
`aws:iam/rolePolicy` resources naming it) and the customer policies attached to it
in the stack (`aws:iam/rolePolicyAttachment` -> `aws:iam/policy`). AWS-managed
policies attached by ARN are listed but not read (their text is not in a plan).
Statements are read by the pack's one document reader (policies/rules/aws/iam_documents.py)
and matched by the pack's evaluator (`covers` and `action_covered` of
policies/rules/preflight/iam_evaluation.py: Action/NotAction, Resource/NotResource, IAM's
`*` and `?` wildcards). `allows` lets an explicit Deny win; conditions are not evaluated
(a conditioned Allow counts as allowed), which errs towards reporting more access, never
less.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from policies.rules.aws.iam_documents import parse, resources, statements
from policies.rules.core.values import as_list, normalize
from policies.rules.core.view import NotEvaluated
from policies.rules.facts import arns
from policies.rules.facts.tokens import (
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
)
from policies.rules.preflight.iam_conditions import glob
from policies.rules.preflight.iam_evaluation import action_covered, covers
from scripts.audit.pii import prop

ROLE = IAM_ROLE
ROLE_POLICY = IAM_ROLE_POLICY
ATTACHMENT = IAM_ROLE_POLICY_ATTACHMENT
POLICY = IAM_POLICY

Resource = Mapping[str, Any]


@dataclass
class RoleGrants:
    """One role's identity statements."""

    name: str
    arn: str
    statements: list[dict[str, Any]] = field(default_factory=list)
    unread_policies: list[str] = field(default_factory=list)

    def allows(self, action: str, resource: str) -> bool:
        """True if an Allow matches `action` on `resource` and no Deny does."""
        matching = [s for s in self.statements if covers(s, action, resource)]
        return any(s.get("Effect") == "Allow" for s in matching) and not any(
            s.get("Effect") == "Deny" for s in matching
        )

    def allows_in_bucket(self, action: str, bucket: str) -> bool:
        """True if `action` is allowed on some object of `bucket` (any prefix)."""
        return any(
            s.get("Effect") == "Allow"
            and action_covered(s, action)
            and any(_covers_objects(r, bucket) for r in resources(s))
            for s in self.statements
        )


def role_grants(stack: list[Resource]) -> list[RoleGrants]:
    """Every role of the stack with its statements."""
    policies = {str(prop(r, "arn")): r for r in stack if r["type"] == POLICY}
    out = []
    for role in stack:
        if role["type"] != ROLE:
            continue
        name = str(prop(role, "name") or role["name"])
        names = {name, str(prop(role, "id")), str(prop(role, "arn"))}
        grants = RoleGrants(name, str(prop(role, "arn") or ""))
        for i, inline in enumerate(as_list(prop(role, "inlinePolicies"))):
            if isinstance(inline, dict):
                _add(grants, inline.get("policy"), f"{name} inlinePolicies[{i}]")
        for r in stack:
            if r["type"] == ROLE_POLICY and prop(r, "role") in names:
                _add(grants, prop(r, "policy"), r["name"])
            elif r["type"] == ATTACHMENT and prop(r, "role") in names:
                arn = str(prop(r, "policyArn"))
                if arn in policies:
                    _add(grants, prop(policies[arn], "policy"), arn)
                else:
                    grants.unread_policies.append(arn)
        out.append(grants)
    return sorted(out, key=lambda g: g.name)


def _add(grants: RoleGrants, raw: Any, where: str) -> None:
    """Add a document's statements; one unknown until apply or malformed is listed as unread."""
    try:
        grants.statements += statements(parse(normalize(raw), where))
    except (NotEvaluated, ValueError):
        grants.unread_policies.append(where)


def _covers_objects(pattern: str, bucket: str) -> bool:
    """True if the resource pattern covers some object ARN of `bucket`."""
    objects = arns.s3_bucket(bucket) + "/"
    return pattern.startswith(objects) or glob(pattern).match(objects + "x") is not None
