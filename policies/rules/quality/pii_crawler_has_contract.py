"""Glue crawlers of PII data name the data contract that checks their table.

Issue 19: every ingest source of a `pii` domain has a contract, "visible in the plan as
a tag on the pipe and the crawler naming the contract, so the pack can check it too".
The domain loader refuses such a source without a contract (file and line); this rule
checks what reaches the plan, for any program. Its sibling `pii-pipe-has-contract`
checks the pipe (a `DATA_CONTRACT` TagAssociation: Snowflake pipes take no tags in
pulumi-snowflake 2.22).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..common.tags import classification, effective_tags
from ..core.rule import Context, Rule
from ..core.values import is_unknown
from ..core.view import Finding, ResourceView
from ..facts.names import DATA_CONTRACT_TAG
from ..facts.tokens import GLUE_CRAWLER

PII = "pii"


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """A crawler tagged `data-classification: pii` has a non-empty `data-contract` tag."""
    found = classification(view)
    if is_unknown(found):
        yield view.not_evaluated("tags")
        return
    if found != PII:
        return
    contract = effective_tags(view).get(DATA_CONTRACT_TAG)
    if not isinstance(contract, str) or not contract.strip():
        yield view.violation(
            f"Glue crawler [{view.name}] crawls PII data but names no data contract (tag "
            f"`{DATA_CONTRACT_TAG}`): the table it creates is checked by nobody"
        )


RULE = Rule(
    id="pii-crawler-has-contract",
    description=(
        "Glue crawlers of PII data carry a `data-contract` tag naming the ODCS contract "
        "whose checks run on the table they create."
    ),
    severity="medium",
    remediation=(
        "Add a contract for the ingest source under stacks/domains/<domain>/contracts/ "
        "(docs/design/contracts.md); the platform tags the crawler with its id."
    ),
    resource_types=(GLUE_CRAWLER,),
    check=check,
)
