"""Pipes of a PII domain's ingest sources name the data contract that checks their data.

Issue 19: every ingest source of a `pii` domain has a contract, "visible in the plan as
a tag on the pipe and the crawler naming the contract, so the pack can check it too".
`pii-crawler-has-contract` checks the crawler; this rule checks the pipe. A Snowflake
pipe takes no tags in pulumi-snowflake 2.22, so its contract tag is a TagAssociation of
object type PIPE whose tag is named `DATA_CONTRACT` (components/snowflake/
pipe_contract_tags.py), with the contract ids as its value.

Whose pipe it is, and how its data is classified, the plan says on the AWS side of the
handshake: the pipe's COPY reads its stage, the stage names its storage integration,
and the integration assumes an IAM role, tagged like every resource of the source with
`data-classification` and, for a domain's source, `domain`. A pipe whose role is tagged
`domain` and `data-classification: pii` is a pii domain's source. The platform's own
sources (no `domain` tag) are outside the issue's requirement and this rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..common.tags import effective_tags
from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import contains_unknown, is_unknown
from ..core.view import Finding, NotEvaluated, ResourceView
from ..facts.names import DATA_CONTRACT_SNOWFLAKE_TAG, DOMAIN_TAG
from ..facts.tokens import (
    IAM_ROLE,
    SNOWFLAKE_PIPE,
    SNOWFLAKE_STAGE,
    SNOWFLAKE_STAGE_EXTERNAL_S3,
    SNOWFLAKE_TAG_ASSOCIATION,
)
from ..preflight.snowflake_objects import object_refs
from ..snowflake.identifiers import INTEGRATIONS, ident, qualified_name

PII = "pii"


def contract_tags(index: StackIndex) -> dict[str, str] | None:
    """Pipe identifier -> the `DATA_CONTRACT` value set on it; None when an association
    is not known offline."""
    found: dict[str, str] = {}
    for association in index.of_type(SNOWFLAKE_TAG_ASSOCIATION):
        props = [association.get(k) for k in ("tagId", "objectType", "objectIdentifiers")]
        if any(contains_unknown(p) for p in props):
            return None
        tag, kind, targets = ident(props[0] or ""), str(props[1] or "").upper(), props[2]
        if kind != "PIPE" or tag.rsplit(".", 1)[-1] != DATA_CONTRACT_SNOWFLAKE_TAG:
            continue
        value = association.get("tagValue")
        for target in targets or []:
            found[ident(target)] = value if isinstance(value, str) else ""
    return found


def source_role(index: StackIndex, pipe: ResourceView) -> ResourceView | None:
    """The IAM role the pipe's stage's integration assumes (None: outside the program).

    Raises:
        NotEvaluated: the pipe's COPY statement or names are unknown.
    """
    stage_ref = object_refs(pipe)[0].get("stage")
    if stage_ref is None:
        return None
    stages = index.of_type(SNOWFLAKE_STAGE_EXTERNAL_S3, SNOWFLAKE_STAGE)
    stage = next((s for s in stages if qualified_name(s) == stage_ref[1]), None)
    if stage is None:
        return None
    named = ident(stage.get("storageIntegration") or "")
    integration = next(
        (i for i in index.of_type(*INTEGRATIONS[:2]) if ident(i.get("name") or "") == named),
        None,
    )
    arn = integration.get("storageAwsRoleArn") if integration is not None else None
    if not isinstance(arn, str):
        return None
    role_name = arn.rsplit("/", 1)[-1]
    return next((r for r in index.of_type(IAM_ROLE) if r.get("name") == role_name), None)


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """A pipe of a pii domain's source carries a non-empty `DATA_CONTRACT` tag."""
    pipes = index.of_type(SNOWFLAKE_PIPE)
    if not pipes:
        return
    tagged = contract_tags(index)
    for pipe in pipes:
        try:
            role = source_role(index, pipe)
            identifier = object_refs(pipe)[0]["object"]
        except NotEvaluated as exc:
            yield pipe.not_evaluated(exc.what)
            continue
        tags = effective_tags(role) if role is not None else {}
        if is_unknown(tags):
            yield pipe.not_evaluated(f"the tags of role [{role.name if role else ''}]")
            continue
        if tags.get("data-classification") != PII or not tags.get(DOMAIN_TAG):
            continue
        if tagged is None:
            yield pipe.not_evaluated("a TagAssociation")
            continue
        if identifier is not None and tagged.get(identifier[1], "").strip():
            continue
        yield pipe.violation(
            f"Snowpipe pipe [{pipe.name}] loads PII of domain {tags[DOMAIN_TAG]} but names no "
            f"data contract: no TagAssociation of object type PIPE sets the "
            f"{DATA_CONTRACT_SNOWFLAKE_TAG} tag on {identifier[1] if identifier else 'it'} "
            "with the contract ids"
        )


RULE = Rule(
    id="pii-pipe-has-contract",
    description=(
        "Snowpipe pipes of a pii domain's ingest sources carry a `DATA_CONTRACT` tag naming "
        "the ODCS contract whose checks run on what they load."
    ),
    severity="medium",
    remediation=(
        "Add a contract for the ingest source under stacks/domains/<domain>/contracts/ "
        "(docs/design/contracts.md); the platform sets the DATA_CONTRACT tag on its pipe."
    ),
    resource_types=(SNOWFLAKE_PIPE,),
    check_stack=check,
)
