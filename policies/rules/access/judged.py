"""One finding per policy document that lets an outsider in, worded the same by every rule."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..aws.iam_documents import document
from ..core.view import Finding, ResourceView
from .expected import PROPERTY, SCHEMA, expected
from .exposure import exposures
from .named import named

# The config property every AWS access rule takes (the stack's declared expected access).
CONFIG_SCHEMA: dict[str, dict[str, Any]] = {PROPERTY: SCHEMA}


def judge(
    view: ResourceView, prop: str, service: str, what: str, config: Mapping[str, Any]
) -> Iterator[Finding]:
    """A violation of `view` when the document in `prop` lets an outsider in (`what` names
    the document in the message: `bucket policy`, `trust policy`): someone nobody named, or,
    when `config` declares the expected access, a named outside principal it does not list."""
    policy = document(view, prop)
    if policy is None:
        return
    label = f"{what} of [{view.name}]"
    found: list[object] = list(exposures(label, policy, service))
    declared = expected(config)
    if declared is not None:
        names = resource_names(view)
        found += [
            f"{n} is named but not declared expected"
            for n in named(label, policy, declared.account)
            if declared.why(n.principal, names) is None
        ]
    yield from findings(view, what, found)


def resource_names(view: ResourceView) -> tuple[str, ...]:
    """The names an expected-access entry's `resources` glob is matched against: the logical
    name and the physical name, when the resource sets one."""
    physical = view.get("name")
    return (view.name, *((physical,) if isinstance(physical, str) else ()))


def findings(view: ResourceView, what: str, found: Sequence[object]) -> Iterator[Finding]:
    """One violation listing every way in (none when `found` is empty)."""
    if found:
        ways = "; ".join(str(e) for e in found)
        yield view.violation(
            f"{view.type.rsplit(':', 1)[-1]} [{view.name}]: the {what} lets someone outside the "
            f"account in: {ways}. Name the principals, or bind the statement to a key AWS sets "
            "(aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount, the OIDC `sub`); "
            "declare expected outside principals in the stack's expectedAccess"
        )
