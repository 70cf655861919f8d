"""The resource view every rule reads: type, camelCase props, URN, name and options.

The pack builds views from pulumi_policy's arguments and the offline plan from its
document; rules never know which. Reading a path that is unknown raises
`NotEvaluated`, which evaluation turns into a "not evaluated until apply" result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .values import SECRET, UNKNOWN, is_unknown


class NotEvaluated(Exception):
    """A value a rule needs is unknown until apply (or secret)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass(frozen=True)
class Finding:
    """One result of a rule: a violation, or a check that could not run yet."""

    urn: str | None
    name: str | None
    message: str
    not_evaluated: bool = False


@dataclass(frozen=True)
class ResourceView:
    """One resource as a rule sees it.

    `props` are the inputs with the engine's camelCase names; `outputs` what is
    known of its outputs (mocked offline; the state in a stack policy).
    `replacement_trigger` is the value of its `replacement_trigger` option: None when it
    has none, UNKNOWN where it cannot be seen (pulumi_policy does not pass the option to
    a policy pack; the offline plan records it).
    """

    type: str
    name: str
    urn: str
    props: Mapping[str, Any]
    outputs: Mapping[str, Any] = field(default_factory=dict)
    protect: bool = False
    retain_on_delete: bool = False
    provider: str | None = None
    provider_props: Mapping[str, Any] = field(default_factory=dict)
    parent: str | None = None
    dependencies: tuple[str, ...] = ()
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    replacement_trigger: Any = UNKNOWN

    @property
    def stack(self) -> str:
        """The stack name, from the URN (`urn:pulumi:<stack>::<project>::...`)."""
        parts = self.urn.split("::", 1)[0].split(":")
        return parts[2] if len(parts) > 2 else ""

    def get(self, path: str, default: Any = None) -> Any:
        """The value at a dotted path of the props (`a.b.0.c`), UNKNOWN if any step is."""
        return dig(self.props, path, default)

    def output(self, path: str, default: Any = None) -> Any:
        """The value at a dotted path of the outputs, falling back to the props."""
        value = dig(self.outputs, path, None)
        return self.get(path, default) if value is None else value

    def need(self, path: str, default: Any = None) -> Any:
        """Like `get`, but an unknown value stops the rule as not evaluated."""
        value = self.get(path, default)
        if is_unknown(value):
            raise NotEvaluated(f"{self.type} [{self.name}] {path}")
        return value

    def need_output(self, path: str, default: Any = None) -> Any:
        """Like `output`, but an unknown value stops the rule as not evaluated (a value
        the provider computes, such as an integration's DESCRIBE output)."""
        value = self.output(path, default)
        if is_unknown(value):
            raise NotEvaluated(f"{self.type} [{self.name}] {path}")
        return value

    def violation(self, message: str) -> Finding:
        """A violation of this resource."""
        return Finding(self.urn, self.name, message)

    def not_evaluated(self, what: str) -> Finding:
        """A check of this resource that must wait for apply."""
        return Finding(self.urn, self.name, f"not evaluated until apply: {what} is unknown", True)


def dig(data: Any, path: str, default: Any = None) -> Any:
    """The value at a dotted path; UNKNOWN as soon as a step is unknown."""
    current = data
    for step in path.split(".") if "." in path else (path,):
        if current is UNKNOWN or current is SECRET:  # is_unknown, inlined: ~1M calls a plan
            return current
        # A plain dict first: the ABC check of `Mapping` costs more than the lookup itself.
        if type(current) is dict or isinstance(current, Mapping):
            if step not in current:
                return default
            current = current[step]
        elif isinstance(current, list) and step.isdigit():
            index = int(step)
            if index >= len(current):
                return default
            current = current[index]
        else:
            return default
    return UNKNOWN if current is UNKNOWN else current
