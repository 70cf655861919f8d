"""Build one component alone, with small synthetic Args, under the mock runtime.

`build` runs a program that constructs the component and returns the outputs to read;
the result holds every registration (inputs, parent, provider, dependencies, options)
and those outputs resolved. `build_snowflake` first makes the four role-scoped
providers, as a stack does, and hands them to the component.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pulumi

from components.snowflake.providers import (
    SnowflakeConnection,
    SnowflakeProviders,
    snowflake_providers,
)
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import Registration, run_callable
from tests.components.orchestration.conftest import ACCOUNT, REGION, Plan

GOVERNANCE_ROLE = "ACME_DP_PROD_GOVERNANCE"


def short(urn: str) -> str:
    """The logical name at the end of a URN."""
    return urn.rsplit("::", 1)[1]


@dataclass
class Built(Plan):
    """One component's registrations, and the outputs the program asked to read."""

    outputs: dict[str, Any] = field(default_factory=dict)

    def named(self, name: str, short_type: str | None = None) -> Registration:
        """The one registration called `name` (of `short_type`, when names repeat)."""
        found = [
            r
            for r in self.run.registrations
            if r.name == name and (short_type is None or r.type.endswith(f":{short_type}"))
        ]
        assert len(found) == 1, f"expected one resource {name} {short_type or ''}: {len(found)}"
        return found[0]

    def children(self, name: str, short_type: str | None = None) -> set[str]:
        """Logical names of the direct children of the resource `name`."""
        urn = self.named(name, short_type).urn
        return {r.name for r in self.run.registrations if r.parent == urn}

    def descendants(self, name: str, short_type: str | None = None) -> set[str]:
        """Logical names of everything registered below the resource `name`."""
        below = {self.named(name, short_type).urn}
        found: set[str] = set()
        grew = True
        while grew:
            grew = False
            for r in self.run.registrations:
                if r.parent in below and r.urn not in below:
                    below.add(r.urn)
                    found.add(r.name)
                    grew = True
        return found

    def depends_on(self, name: str, short_type: str | None = None) -> set[str]:
        """Logical names of the resources `name` waits for (its engine dependencies)."""
        return {short(u) for u in self.named(name, short_type).dependencies}

    def provider_of(self, name: str, short_type: str | None = None) -> str | None:
        """Logical name of the provider the resource goes through, if explicit."""
        provider = self.named(name, short_type).provider
        return short(provider) if provider else None

    def resources(self) -> list[tuple[str, str]]:
        """(short type, logical name) of every custom resource but providers and the
        test's own probes (`test:` types), sorted."""
        return sorted(
            (r.type.rsplit(":", 1)[1], r.name)
            for r in self.run.registrations
            if r.custom and not r.type.startswith(("pulumi:providers:", "test:"))
        )


def build(
    construct: Callable[[], Mapping[str, Any]], account: str = ACCOUNT, region: str = REGION
) -> Built:
    """Run `construct` in a fresh mock stack `prod` of `account` and `region`; resolve the
    outputs it returns by key."""
    outputs: dict[str, Any] = {}

    def program() -> None:
        for key, value in construct().items():
            pulumi.Output.from_input(value).apply(lambda v, k=key: outputs.__setitem__(k, v))

    mocks = PlausibleMocks(account, region)
    return Built(run_callable(program, project="p", stack="prod", mocks=mocks), outputs)


def build_snowflake(construct: Callable[[SnowflakeProviders], Mapping[str, Any]]) -> Built:
    """`build`, handing `construct` the providers `sf-objects`, `-security`,
    `-governance` and `-billing` (children of a root component)."""

    def with_providers() -> Mapping[str, Any]:
        root = pulumi.ComponentResource("test:index:Root", "root")
        connection = SnowflakeConnection("ACME", "DATA_PROD", "DEPLOY")
        return construct(snowflake_providers("sf", connection, GOVERNANCE_ROLE, root))

    return build(with_providers)


class Probe(pulumi.CustomResource):
    """A test resource: hands a value on as an output of its own (so whatever reads it
    depends on the probe), or reads one (so its dependencies show what the value waits for).
    """

    value: pulumi.Output[Any]

    def __init__(self, name: str, value: Any) -> None:
        super().__init__("test:index:Probe", name, {"value": value})
