"""The IAM role behind a Snowflake storage integration trusts exactly that integration."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..aws.iam_documents import allows, document, principals, statements
from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list, is_unknown
from ..core.view import Finding, NotEvaluated, ResourceView
from ..facts.tokens import IAM_ROLE
from ..snowflake.identifiers import INTEGRATIONS

ROLE = IAM_ROLE
AWS_INTEGRATIONS = INTEGRATIONS[:2]


def expected_trust(integration: ResourceView) -> tuple[Any, Any]:
    """The Snowflake IAM user ARN and external id the integration reports after creation."""
    described = integration.output("describeOutputs.0") or {}
    user = integration.output("storageAwsIamUserArn")
    external = integration.output("storageAwsExternalId")
    if isinstance(described, dict):
        user = user or described.get("iamUserArn")
        external = external or described.get("externalId")
    return user, external


def _role_for(index: StackIndex, arn: str) -> list[ResourceView]:
    found = index.referenced(arn, (ROLE,))
    name = arn.rsplit("/", 1)[-1]
    return found or [r for r in index.of_type(ROLE) if r.get("name") == name]


def _external_ids(statement: dict[str, Any]) -> list[Any]:
    condition = statement.get("Condition") or {}
    equals = condition.get("StringEquals") or {} if isinstance(condition, dict) else {}
    return as_list(equals.get("sts:ExternalId")) if isinstance(equals, dict) else []


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each AssumeRole Allow of the role names only the integration's user and external id."""
    for integration in index.of_type(*AWS_INTEGRATIONS):
        arn = integration.need("storageAwsRoleArn")
        if not isinstance(arn, str):
            continue
        roles = _role_for(index, arn)
        if not roles:
            continue  # the role lives in another program; audit it there
        user, external = expected_trust(integration)
        if not user or not external or is_unknown(user) or is_unknown(external):
            yield integration.not_evaluated(
                f"storage integration [{integration.name}] storageAwsIamUserArn/ExternalId"
            )
            continue
        for role in roles:
            try:
                trust = statements(document(role, "assumeRolePolicy"))
            except NotEvaluated:
                yield role.not_evaluated(f"role [{role.name}] assumeRolePolicy")
                continue
            allowing = [s for s in trust if allows(s)]
            if not allowing:
                yield role.violation(
                    f"role [{role.name}] trusts nobody; integration cannot assume it"
                )
            for s in allowing:
                others = [p for p in principals(s) if p != user]
                if others or not principals(s):
                    yield role.violation(
                        f"role [{role.name}] of integration [{integration.name}] also "
                        f"trusts {others}"
                    )
                if _external_ids(s) != [external]:
                    yield role.violation(
                        f"role [{role.name}] does not require sts:ExternalId {external} of "
                        f"integration [{integration.name}]"
                    )


RULE = Rule(
    id="snowflake-integration-role-trusted-exactly",
    description=(
        "The IAM role of a Snowflake storage integration trusts only the integration's "
        "storageAwsIamUserArn, with sts:ExternalId equal to its storageAwsExternalId."
    ),
    severity="critical",
    remediation=(
        "Build the role's assumeRolePolicy from the integration's outputs: Principal AWS = "
        "storageAwsIamUserArn and Condition StringEquals sts:ExternalId = storageAwsExternalId."
    ),
    resource_types=(*AWS_INTEGRATIONS, ROLE),
    check_stack=check,
)
