"""Key material never sits in tags or a Lambda function's environment.

Tags are readable by anyone with a Describe/List or tag:GetResources permission and copied into
billing and Config; a Lambda's environment variables are returned in plain text by
lambda:GetFunctionConfiguration to anyone who may read the function. A private key there is
disclosed however well the key itself was generated. The detection is the parameter rule's
(`no_key_material_in_plain_parameter.key_source`: a PEM private key in the text, or a value
taken from a TLS PrivateKey), one implementation.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import contains_unknown
from ..core.view import Finding, ResourceView
from ..facts.tokens import LAMBDA_FUNCTION, TLS_PRIVATE_KEY
from .no_key_material_in_plain_parameter import key_source

ENVIRONMENT = "environment.variables"


def check_stack(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Every resource's `tags`, and each Lambda function's environment variables, are free of
    private keys."""
    for view in index.views:
        if view.type == TLS_PRIVATE_KEY:
            continue
        places = [("tags", "its tags")]
        if view.type == LAMBDA_FUNCTION:
            places.append((ENVIRONMENT, "its environment variables"))
        for prop, where in places:
            value = view.get(prop)
            if value is None:
                continue
            source = key_source(index, view, prop)
            if source is None and _unknown_origin(view, prop, value):
                yield view.not_evaluated(f"{view.type} [{view.name}] {prop}")
                continue
            if source is not None:
                yield view.violation(
                    f"{view.type.rsplit(':', 1)[-1]} [{view.name}] puts {source} in {where}, "
                    "which anyone who may describe the resource reads in plain text; keep the "
                    "key in a Secrets Manager secret and pass its ARN"
                )


def _unknown_origin(view: ResourceView, prop: str, value: object) -> bool:
    """An unknown value with no dependency to say where it comes from: it may be a key."""
    known_sources = view.property_dependencies.get(prop.split(".")[0]) or view.dependencies
    return contains_unknown(value) and not known_sources


RULE = Rule(
    id="access-no-key-material-in-plain-text",
    description=(
        "No resource's tags and no Lambda function's environment hold a private key (a PEM "
        "value, or one taken from a TLS PrivateKey)."
    ),
    severity="critical",
    remediation=(
        "Store the key in a Secrets Manager secret (customer-managed KMS key) and pass the "
        "secret's ARN; never the key itself in tags or environment variables."
    ),
    resource_types=(LAMBDA_FUNCTION, TLS_PRIVATE_KEY),
    check_stack=check_stack,
    mapped=("CKV_AWS_45",),
)
