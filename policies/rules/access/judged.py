"""One finding per policy document that lets an outsider in, worded the same by every rule."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..aws.iam_documents import document
from ..core.view import Finding, ResourceView
from .exposure import exposures

# The IAM Access Analyzer external-access finding each resource's rule corresponds to.
ANALYZER = "IAM Access Analyzer external access"


def judge(view: ResourceView, prop: str, service: str, what: str) -> Iterator[Finding]:
    """A violation of `view` when the document in `prop` lets an outsider in (`what` names
    the document in the message: `bucket policy`, `trust policy`)."""
    policy = document(view, prop)
    if policy is None:
        return
    yield from findings(view, what, exposures(f"{what} of [{view.name}]", policy, service))


def findings(view: ResourceView, what: str, found: Sequence[object]) -> Iterator[Finding]:
    """One violation listing every way in (none when `found` is empty)."""
    if found:
        ways = "; ".join(str(e) for e in found)
        yield view.violation(
            f"{view.type.rsplit(':', 1)[-1]} [{view.name}]: the {what} lets someone outside the "
            f"account in: {ways}. Name the principals, or bind the statement to a key AWS sets "
            "(aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount, the OIDC `sub`)"
        )
