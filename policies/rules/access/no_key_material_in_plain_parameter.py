"""Key material is never written to a plain (String) SSM parameter."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import contains_unknown, is_unknown
from ..core.view import Finding, ResourceView
from ..facts.tokens import SSM_PARAMETER, TLS_PRIVATE_KEY
from .secret_values import has_key_material

SECURE = "SecureString"


def check_stack(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """A parameter that is not a SecureString may not take its value from a TLS private key
    (by property dependency: the value is unknown until apply) or hold a PEM private key; a
    String parameter is readable by anyone with ssm:GetParameter, unencrypted and in history."""
    for parameter in index.of_type(SSM_PARAMETER):
        kind = parameter.get("type")
        if is_unknown(kind):
            yield parameter.not_evaluated(f"{parameter.type} [{parameter.name}] type")
            continue
        if kind == SECURE:
            continue
        source = key_source(index, parameter, "value")
        if source is not None:
            yield parameter.violation(
                f"Parameter [{parameter.name}] stores {source} as a plain {kind or 'String'}: "
                "anyone who may read the parameter reads the key; use type SecureString with "
                "the platform's CMK, or a Secrets Manager secret"
            )


def key_source(index: StackIndex, view: ResourceView, prop: str) -> str | None:
    """What private key the input `prop` of `view` holds, else None: a PEM private key in its
    text, or a value taken from a TLS PrivateKey. The one detection every key-material rule
    uses (a parameter's value, tags, a Lambda's environment)."""
    value = view.get(prop)
    if has_key_material(value):
        return "a PEM private key"
    # Which inputs a dependency feeds is known in the pack (propertyDependencies); the offline
    # plan records only the resource's dependencies, so there a secret or unknown value
    # with a private key among them counts.
    deps = view.property_dependencies.get(prop.split(".")[0])
    if deps is None and contains_unknown(value):
        deps = view.dependencies
    for urn in deps or ():
        found = index.by_urn.get(urn)
        if found is not None and found.type == TLS_PRIVATE_KEY:
            return f"the private key of PrivateKey [{found.name}]"
    return None


RULE = Rule(
    id="access-no-key-material-in-plain-parameter",
    description=(
        "No SSM parameter other than a SecureString holds a private key (a PEM value, or one "
        "taken from a TLS PrivateKey)."
    ),
    severity="critical",
    remediation="Make the parameter a SecureString with the platform's CMK, or use a secret.",
    resource_types=(SSM_PARAMETER, TLS_PRIVATE_KEY),
    check_stack=check_stack,
    mapped=("CKV2_AWS_34",),
)
