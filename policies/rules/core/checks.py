"""Builders for the commonest rule shapes (checkov's base checks), "this property must be set"
and "this key must be customer-managed": such a rule is then its metadata and one line."""

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


def customer_key(prop: str, label: str, managed_alias: str) -> ResourceCheck:
    """A check failing each resource whose key `prop` is absent or the AWS-managed
    `managed_alias` (e.g. `alias/aws/sns`); unknown: not evaluated."""

    def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
        key = view.need(prop)
        if not key:
            yield view.violation(f"{label} [{view.name}] has no {prop} (no customer-managed key)")
        elif str(key).endswith(managed_alias):
            yield view.violation(f"{label} [{view.name}] names the AWS-managed key {key}")

    check.__doc__ = f"{prop} must name a customer-managed key, not {managed_alias}."
    return check
