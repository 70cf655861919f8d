"""Key slots: which generated key a `time.Rotating` replaces, how often, and from when.

A Snowflake user holds up to two public keys (`rsaPublicKey`, `rsaPublicKey2`). A key
generated in the program (`tls.PrivateKey`) rotates when a `time.Rotating` is its
`replacement_trigger`: the Rotating is recreated with a new base once its rotation time
has passed (on a refresh), the trigger's value changes, and the engine replaces the key.
This module reads those facts from what any program declares: the keys a user depends on,
the Rotating whose timestamp is each key's trigger, its period and its base.

A policy pack cannot see replacement triggers (pulumi_policy passes no such option), so
there a key's slot is unknown; the offline plan records them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..core.index import StackIndex
from ..core.per_stack import once
from ..core.values import is_unknown
from ..core.view import NotEvaluated, ResourceView
from ..facts.tokens import (
    SNOWFLAKE_LEGACY_SERVICE_USER,
    SNOWFLAKE_SERVICE_USER,
    SNOWFLAKE_USER,
    TIME_ROTATING,
    TLS_PRIVATE_KEY,
)

ROTATING = TIME_ROTATING
PRIVATE_KEY = TLS_PRIVATE_KEY
SNOWFLAKE_USERS = (
    SNOWFLAKE_SERVICE_USER,
    SNOWFLAKE_LEGACY_SERVICE_USER,
    SNOWFLAKE_USER,
)
PUBLIC_KEY_SLOTS = ("rsaPublicKey", "rsaPublicKey2")
# The Rotating's period inputs (pulumiverse-time 0.1.1, from the Terraform time provider's
# time_rotating), in hours; months and years as the provider adds them (calendar months),
# bounded below here by their shortest length, which is what a schedule must beat.
PERIOD_HOURS = {
    "rotationMinutes": 1 / 60,
    "rotationHours": 1.0,
    "rotationDays": 24.0,
    "rotationMonths": 28 * 24.0,
    "rotationYears": 365 * 24.0,
}
# The Rotating's outputs a trigger may be built from (each changes when it rotates).
TIMESTAMP_OUTPUTS = ("rfc3339", "id", "unix")


@dataclass(frozen=True)
class Slot:
    """One rotating key: the key, the Rotating that replaces it, its period and base."""

    key: ResourceView
    rotation: ResourceView
    period_hours: float | None
    base: dt.datetime | None


def user_keys(index: StackIndex, user: ResourceView) -> list[ResourceView]:
    """The generated keys a Snowflake user's public-key slots come from."""
    urns: list[str] = []
    for prop in PUBLIC_KEY_SLOTS:
        urns.extend(user.property_dependencies.get(prop, ()))
    if not urns:  # the offline plan records dependencies per resource, not per property
        urns = list(user.dependencies)
    keys = [index.by_urn[u] for u in dict.fromkeys(urns) if u in index.by_urn]
    return [k for k in keys if k.type == PRIVATE_KEY]


def period_hours(rotation: ResourceView) -> float | None:
    """The Rotating's period in hours (the sum of its rotation* inputs); None when it has
    none (a fixed `rotationRfc3339` rotates once, not on a period)."""
    total = 0.0
    for prop, hours in PERIOD_HOURS.items():
        value = rotation.need(prop)
        if isinstance(value, int | float) and value > 0:
            total += float(value) * hours
    return total or None


def base_of(rotation: ResourceView) -> dt.datetime | None:
    """The Rotating's base timestamp (its `rfc3339`), once known."""
    value = rotation.need_output("rfc3339")
    return parse_rfc3339(value) if isinstance(value, str) else None


def rotation_of(key: ResourceView, rotations: Iterable[ResourceView]) -> ResourceView | None:
    """The Rotating whose timestamp is `key`'s replacement trigger; None when the key has
    no trigger. Raises NotEvaluated when the trigger cannot be seen or matched."""
    return rotation_in(key, by_timestamp(rotations))


def by_timestamp(rotations: Iterable[ResourceView]) -> dict[str, tuple[ResourceView, ...]]:
    """Each timestamp a Rotating shows (TIMESTAMP_OUTPUTS) -> the Rotatings showing it, in
    the order given: a key's trigger is then looked up, not compared with every Rotating
    (at 200 domains, 400 keys times 400 Rotatings)."""
    found: dict[str, list[ResourceView]] = {}
    for rotation in rotations:
        for timestamp in _timestamps(rotation):
            found.setdefault(timestamp, []).append(rotation)
    return {timestamp: tuple(views) for timestamp, views in found.items()}


def rotation_in(
    key: ResourceView, rotations: Mapping[str, Sequence[ResourceView]]
) -> ResourceView | None:
    """`rotation_of`, with the Rotatings already looked up by timestamp (`by_timestamp`)."""
    trigger = key.replacement_trigger
    if trigger is None:
        return None
    if is_unknown(trigger) or not isinstance(trigger, str):
        raise NotEvaluated(f"the replacement trigger of {key.type} [{key.name}]")
    matches = list(rotations.get(trigger, ()))
    # Several Rotatings created the same day share a base: the key's siblings decide.
    siblings = [r for r in matches if r.parent == key.parent]
    chosen = siblings if len(siblings) == 1 else matches
    if len(chosen) != 1:
        raise NotEvaluated(f"which time.Rotating triggers {key.type} [{key.name}]")
    return chosen[0]


def slots_of(index: StackIndex, keys: Iterable[ResourceView]) -> list[Slot]:
    """The keys that rotate, each with its Rotating, period and base."""
    rotations = once(index, _stack_rotations)
    slots = []
    for key in keys:
        rotation = rotation_in(key, rotations)
        if rotation is not None:
            slots.append(Slot(key, rotation, period_hours(rotation), base_of(rotation)))
    return slots


def _stack_rotations(index: StackIndex) -> dict[str, tuple[ResourceView, ...]]:
    return by_timestamp(index.of_type(ROTATING))


def offset_hours(a: Slot, b: Slot) -> float | None:
    """Hours between the two slots' rotations within one period (the smaller way round);
    None unless both have the same period and known bases."""
    if a.period_hours is None or a.period_hours != b.period_hours:
        return None
    if a.base is None or b.base is None:
        return None
    apart = abs((b.base - a.base).total_seconds() / 3600) % a.period_hours
    return min(apart, a.period_hours - apart)


def parse_rfc3339(value: str) -> dt.datetime:
    """An RFC 3339 timestamp as an aware datetime (`Z` or an offset)."""
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _timestamps(rotation: ResourceView) -> set[str]:
    found = set()
    for name in TIMESTAMP_OUTPUTS:
        value = rotation.output(name)
        if isinstance(value, str | int | float) and not is_unknown(value):
            found.add(str(value))
    return found
