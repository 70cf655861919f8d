"""Rule metadata and the context a rule runs in.

A rule is a pure function plus metadata: a stable id (kept apart from the function
name), a one-sentence description of the compliant state, severity, remediation,
the resource types it reads, its default enforcement level per environment, and the
ids of other tools it corresponds to, so an auditor can trace it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .index import StackIndex
from .view import Finding, ResourceView

Level = Literal["advisory", "mandatory", "disabled"]
Severity = Literal["low", "medium", "high", "critical"]
ENVIRONMENTS = ("dev", "staging", "prod")


@dataclass(frozen=True)
class Levels:
    """Default enforcement per environment. Defaults to mandatory everywhere."""

    dev: Level = "mandatory"
    staging: Level = "mandatory"
    prod: Level = "mandatory"

    def for_environment(self, environment: str) -> Level:
        """The level of `environment` (an unknown environment gets prod's, the strictest)."""
        return getattr(self, environment) if environment in ENVIRONMENTS else self.prod


MANDATORY = Levels()
ADVISORY = Levels("advisory", "advisory", "advisory")
PROD_MANDATORY = Levels("advisory", "advisory", "mandatory")
PROD_ONLY = Levels("disabled", "advisory", "mandatory")


@dataclass(frozen=True)
class Context:
    """Where a rule runs: the stack's environment and the rule's own config properties."""

    environment: str
    config: Mapping[str, Any] = field(default_factory=dict)

    def setting(self, key: str, default: Any) -> Any:
        """A config property, else `default`; a dict default is looked up by environment."""
        value = self.config.get(key)
        if value is not None:
            return value
        if isinstance(default, dict):
            return default.get(self.environment, default.get("prod"))
        return default


ResourceCheck = Callable[[ResourceView, Context], Iterable[Finding]]
StackCheck = Callable[[StackIndex, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One policy: metadata plus exactly one of `check` (per resource) or `check_stack`."""

    id: str
    description: str
    severity: Severity
    remediation: str
    resource_types: tuple[str, ...]
    check: ResourceCheck | None = None
    check_stack: StackCheck | None = None
    levels: Levels = MANDATORY
    mapped: tuple[str, ...] = ()
    config_schema: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.check is None) == (self.check_stack is None):
            raise ValueError(f"rule [{self.id}]: give exactly one of check or check_stack")

    @property
    def kind(self) -> str:
        """`resource` or `stack`."""
        return "resource" if self.check is not None else "stack"

    def applies_to(self, type_: str) -> bool:
        """True if a resource of `type_` is checked (a trailing `*` matches a prefix)."""
        return any(matches(t, type_) for t in self.resource_types)


def matches(pattern: str, type_: str) -> bool:
    """True if `type_` is `pattern`, or starts with it when it ends in `*`."""
    return type_.startswith(pattern[:-1]) if pattern.endswith("*") else type_ == pattern
