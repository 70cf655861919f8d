"""Builders for the commonest rule shape, "this property must be set" (checkov's base check):
such a rule is then its metadata and one line."""

from __future__ import annotations

from collections.abc import Iterator

from .rule import Context, ResourceCheck
from .view import Finding, ResourceView


def property_set(prop: str, what: str) -> ResourceCheck:
    """A check failing each resource whose `prop` is absent or empty (unknown: not evaluated)."""

    def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
        if not view.need(prop):
            yield view.violation(f"{view.type} [{view.name}] has no {prop} ({what})")

    check.__doc__ = f"{prop} must be set: {what}."
    return check
