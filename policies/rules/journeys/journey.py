"""A journey: one promise of the platform followed hop by hop across services.

Hop-by-hop rules judge each resource or data path on its own; each can be right while the
whole never works (a topic key that admits EventBridge only with a condition key EventBridge
never sends; Airflow in subnets with no route to Snowflake). A journey names the promise
("a Glue job failure reaches a person"), the hops it crosses in order, and for each hop what
decided it. Its verdict is the first hop that breaks it; a hop that cannot be judged offline
(a value unknown until apply, a fact outside the program) makes it "not evaluated".

Journeys are built from what any program declares (resource types and their properties),
never from this project's component names, so a team's own program gets the same checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from ..core.index import StackIndex
from ..core.per_stack import once
from ..core.rule import Context, Levels, Rule
from ..core.view import Finding, NotEvaluated, ResourceView

HopVerdict = Literal["ok", "broken", "not-evaluated"]
Verdict = Literal["works", "broken", "not-evaluated"]


@dataclass(frozen=True)
class Hop:
    """One hop of a journey: what it crosses, how it went, what decided it, and the
    resource to change when it is broken (None: the hop is outside the program)."""

    name: str
    verdict: HopVerdict
    detail: str = ""
    resource: ResourceView | None = None

    @property
    def to_change(self) -> str:
        """`Type [name]` of the resource the hop names, for a message."""
        if self.resource is None:
            return "(outside the program)"
        return f"{self.resource.type.split(':')[-1]} [{self.resource.name}]"


def ok(name: str, detail: str = "", resource: ResourceView | None = None) -> Hop:
    """A hop that works."""
    return Hop(name, "ok", detail, resource)


def broken(name: str, detail: str, resource: ResourceView | None) -> Hop:
    """A hop that cannot work; `resource` is the one to change."""
    return Hop(name, "broken", detail, resource)


def unknown(name: str, detail: str, resource: ResourceView | None = None) -> Hop:
    """A hop that cannot be judged offline (unknown until apply, or outside the program)."""
    return Hop(name, "not-evaluated", detail, resource)


@dataclass(frozen=True)
class Journey:
    """One promise of the platform: its kind (the rule that reports it), a name saying the
    promise, the resource it starts from, and its hops in order."""

    kind: str
    name: str
    start: ResourceView
    hops: tuple[Hop, ...]

    @property
    def verdict(self) -> Verdict:
        """Broken at the first broken hop; else not evaluated if any hop is; else works."""
        if any(h.verdict == "broken" for h in self.hops):
            return "broken"
        if any(h.verdict == "not-evaluated" for h in self.hops):
            return "not-evaluated"
        return "works"

    @property
    def deciding_hop(self) -> Hop | None:
        """The first broken hop, else the first not-evaluated one, else None."""
        for verdict in ("broken", "not-evaluated"):
            for hop in self.hops:
                if hop.verdict == verdict:
                    return hop
        return None

    def finding(self) -> Finding | None:
        """What the journey's rule reports: a violation naming the journey, the hop and the
        resource to change; "not evaluated" naming the hop; nothing when it works."""
        hop = self.deciding_hop
        if hop is None:
            return None
        if hop.verdict == "broken":
            target = hop.resource or self.start
            return Finding(
                target.urn,
                target.name,
                f"journey [{self.name}] cannot work: hop [{hop.name}] {hop.detail}; "
                f"change {hop.to_change}",
            )
        return Finding(
            self.start.urn,
            self.start.name,
            f"journey [{self.name}] not evaluated: hop [{hop.name}] {hop.detail}",
            True,
        )


JourneyBuilder = Callable[[StackIndex, Context], Iterable[Journey]]


def built_journeys(build: JourneyBuilder, index: StackIndex, ctx: Context) -> tuple[Journey, ...]:
    """The journeys `build` makes of the stack, built once per stack index and context: the
    journey rule and the plan's preflight section read the same tuple (core/per_stack.py)."""
    return once(index, _build, build, ctx)


def _build(index: StackIndex, build: JourneyBuilder, ctx: Context) -> tuple[Journey, ...]:
    return tuple(build(index, ctx))


def guarded(
    kind: str, name: str, start: ResourceView, build: Callable[[], Sequence[Hop]]
) -> Journey:
    """The journey `build` makes; a value it needs that is unknown until apply ends it with a
    "not evaluated" hop instead of stopping every other journey."""
    try:
        hops = tuple(build())
    except NotEvaluated as exc:
        hops = (unknown("values known", f"{exc.what} is unknown until apply", start),)
    return Journey(kind, name, start, hops)


def journey_rule(
    rule_id: str,
    description: str,
    remediation: str,
    resource_types: tuple[str, ...],
    build: JourneyBuilder,
    levels: Levels | None = None,
    config_schema: dict[str, dict[str, object]] | None = None,
) -> Rule:
    """A stack rule reporting every journey of `build` that is broken or not evaluated."""

    def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
        for journey in built_journeys(build, index, ctx):
            finding = journey.finding()
            if finding is not None:
                yield finding

    return Rule(
        id=rule_id,
        description=description,
        severity="high",
        remediation=remediation,
        resource_types=resource_types,
        check_stack=check,
        levels=levels or Levels(),
        config_schema=config_schema or {},
    )
