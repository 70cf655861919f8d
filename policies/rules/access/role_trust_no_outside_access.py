"""IAM role trust policies let no one outside the account assume the role."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.view import Finding, ResourceView
from ..facts.analyzer_checks import (
    ALLOW_WITH_NOT_PRINCIPAL,
    MISSING_GITHUB_REPO,
    MISSING_OIDC_CONDITION,
    external,
)
from ..facts.tokens import IAM_ROLE
from .judged import CONFIG_SCHEMA, judge


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """The trust is sent AssumeRole requests from another account and anonymous callers, and
    AssumeRoleWithWebIdentity from anyone holding a token of a well-known provider (a GitHub
    OIDC trust must pin `token.actions.githubusercontent.com:sub` to its repositories)."""
    yield from judge(view, "assumeRolePolicy", "sts", "trust policy", ctx.config)


RULE = Rule(
    id="access-role-trust-no-outside-access",
    description=(
        "No IAM role trust lets a principal outside the account, or any holder of a public "
        "identity provider's token, assume the role."
    ),
    severity="critical",
    remediation=(
        "Name the trusted account, role or service; for GitHub OIDC pin "
        "token.actions.githubusercontent.com:sub to `repo:<owner>/<repo>:...` with StringEquals "
        "or StringLike (the audience alone admits every repository on GitHub)."
    ),
    resource_types=(IAM_ROLE,),
    check=check,
    config_schema=CONFIG_SCHEMA,
    mapped=(
        external("AWS::IAM::Role"),
        ALLOW_WITH_NOT_PRINCIPAL,
        MISSING_OIDC_CONDITION,
        MISSING_GITHUB_REPO,
        "CKV_AWS_60",
        "CKV_AWS_61",
        "CKV_AWS_358",
    ),
)
