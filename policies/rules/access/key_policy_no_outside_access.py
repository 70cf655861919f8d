"""KMS key policies, inline or a KeyPolicy resource, let no one outside the account in."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.view import Finding, NotEvaluated
from ..facts.analyzer_checks import ALLOW_WITH_NOT_PRINCIPAL, external
from ..facts.tokens import KMS_KEY, KMS_KEY_POLICY
from .judged import CONFIG_SCHEMA, judge


def check_stack(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """The effective key policy is judged: a KeyPolicy resource that names the key replaces
    the key's inline policy (AWS keeps one policy per key; the last PutKeyPolicy wins), so a
    sound inline policy overridden by an open KeyPolicy is open, and the finding names the
    KeyPolicy."""
    separate = index.of_type(KMS_KEY_POLICY)
    overridden: set[str] = set()
    for key in index.of_type(KMS_KEY):
        if index.referrers(key, (KMS_KEY_POLICY,), "keyId"):
            overridden.add(key.urn)
    for view in [*separate, *(k for k in index.of_type(KMS_KEY) if k.urn not in overridden)]:
        try:
            yield from judge(view, "policy", "kms", "key policy", ctx.config)
        except NotEvaluated as unknown:
            yield view.not_evaluated(unknown.what)


RULE = Rule(
    id="access-kms-key-policy-no-outside-access",
    description=(
        "No KMS key policy in effect (a KeyPolicy resource, else the key's inline policy) lets "
        "a principal outside the account use or manage the key, judged by evaluating requests."
    ),
    severity="critical",
    remediation=(
        "Allow the account root, named roles and documented services; bind any `*` statement "
        "to kms:CallerAccount or aws:PrincipalAccount equal to the platform's account (a "
        "wildcard value narrows nothing); keep one policy per key."
    ),
    resource_types=(KMS_KEY, KMS_KEY_POLICY),
    check_stack=check_stack,
    config_schema=CONFIG_SCHEMA,
    mapped=(external("AWS::KMS::Key"), ALLOW_WITH_NOT_PRINCIPAL, "CKV_AWS_33", "FSBP KMS.5"),
)
