"""Journey: every rotating key rotates without downtime.

For each Snowflake user whose public keys come from keys generated in the program, the
promise "its key rotates on schedule and no client is locked out" crosses four hops:

1. slot schedules: each key is replaced by a `time.Rotating` (its replacement trigger)
   with a period;
2. scheduled up with refresh: something outside the program runs `pulumi up --refresh`
   for the stack more often than half the shortest period (a Rotating turns due only
   when refreshed; see scheduled_refresh.py);
3. new key before the old is dropped: the user holds two rotating keys (`rsaPublicKey`,
   `rsaPublicKey2`) with the same period, their rotations apart by more than the schedule's
   interval, so the key a client holds stays registered while the secret moves on;
4. secret takes the newer key: each Secrets Manager secret version written from the keys
   depends on every rotating key (so it can pick the newer) and on the user (so it is
   written only once Snowflake holds the new key).

Derived from resource types and dependencies only, so a team's own program gets it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..core.index import StackIndex
from ..core.rule import Context
from ..core.values import is_unknown
from ..core.view import NotEvaluated, ResourceView
from ..facts.tokens import SECRETSMANAGER_SECRET_VERSION
from .journey import Hop, Journey, broken, guarded, ok, unknown
from .key_slots import (
    PUBLIC_KEY_SLOTS,
    ROTATING,
    SNOWFLAKE_USERS,
    Slot,
    offset_hours,
    slots_of,
    user_keys,
)
from .scheduled_refresh import PROPERTY, scheduled_refresh_hop

RULE_ID = "journey-key-rotates"
SECRET_VERSION = SECRETSMANAGER_SECRET_VERSION
SLOTS_HOP = "slot schedules"
OVERLAP_HOP = "new key before the old is dropped"
SECRET_HOP = "secret takes the newer key"
UNSOURCED = "the user's public keys are unknown and depend on no key of the program"


def build(index: StackIndex, ctx: Context) -> Iterator[Journey]:
    """One journey per Snowflake user holding a key that rotates (in a policy pack, where
    triggers are unseen: any generated key, once the stack declares a rotation)."""
    if not index.of_type(ROTATING):
        return
    for user in index.of_type(*SNOWFLAKE_USERS):
        keys = user_keys(index, user)
        try:
            slots: list[Slot] | None = slots_of(index, keys)
            unseen = ""
        except NotEvaluated as exc:
            slots, unseen = None, f"{exc.what} is unknown (`dataplat plan` records it)"
        if not keys and any(is_unknown(user.get(p)) for p in PUBLIC_KEY_SLOTS):
            yield Journey(RULE_ID, _name(user), user, (unknown(SLOTS_HOP, UNSOURCED, user),))
        elif keys and slots != []:
            yield guarded(RULE_ID, _name(user), user, _later(index, ctx, user, keys, slots, unseen))


def _later(
    index: StackIndex,
    ctx: Context,
    user: ResourceView,
    keys: list[ResourceView],
    slots: list[Slot] | None,
    unseen: str,
) -> Callable[[], list[Hop]]:
    """The hops of one user's journey, built when `guarded` asks (it turns a value unknown
    until apply into a "not evaluated" hop)."""
    return lambda: _hops(index, ctx, user, keys, slots, unseen)


def _hops(
    index: StackIndex,
    ctx: Context,
    user: ResourceView,
    keys: list[ResourceView],
    slots: list[Slot] | None,
    unseen: str,
) -> list[Hop]:
    periods = [s.period_hours for s in slots or [] if s.period_hours is not None]
    return [
        _slots_hop(slots) if slots is not None else unknown(SLOTS_HOP, unseen),
        scheduled_refresh_hop(ctx.config.get(PROPERTY), min(periods, default=None)),
        _overlap_hop(user, slots, ctx)
        if slots is not None
        else unknown(OVERLAP_HOP, "needs the slots, unknown here"),
        _secret_hop(index, user, keys),
    ]


def _slots_hop(slots: Sequence[Slot]) -> Hop:
    for slot in slots:
        if slot.period_hours is None:
            return broken(
                SLOTS_HOP,
                f"time.Rotating [{slot.rotation.name}] has no rotation period "
                "(rotationDays, rotationHours, ...): its key rotates at most once",
                slot.rotation,
            )
    return ok(
        SLOTS_HOP,
        "; ".join(
            f"[{s.key.name}] every {_days(s.period_hours)} by [{s.rotation.name}]" for s in slots
        ),
    )


def _overlap_hop(user: ResourceView, slots: list[Slot], ctx: Context) -> Hop:
    if len(slots) < 2 or user.get("rsaPublicKey2") is None:
        return broken(
            OVERLAP_HOP,
            "the user holds one rotating key: replacing it drops the old key in the same "
            "step, and every client holding it is refused until it reads the new secret; "
            "give the user a second key (rsaPublicKey2) rotating half a period apart",
            user,
        )
    a, b = slots[0], slots[1]
    if a.period_hours != b.period_hours:
        return broken(
            OVERLAP_HOP,
            f"slots [{a.key.name}] and [{b.key.name}] rotate every {_days(a.period_hours)} and "
            f"{_days(b.period_hours)}: their offset drifts until both rotate in one run; "
            "give both the same period",
            b.rotation,
        )
    apart = offset_hours(a, b)
    if apart is None:
        raise NotEvaluated(f"the bases of [{a.rotation.name}] and [{b.rotation.name}]")
    interval = _schedule_interval(ctx)
    if apart == 0 or (interval is not None and apart <= interval):
        return broken(
            OVERLAP_HOP,
            f"slots [{a.key.name}] and [{b.key.name}] rotate {_days(apart)} apart, so one "
            "scheduled run can replace both keys; set the second slot's base half a period "
            "after the first's",
            b.rotation,
        )
    return ok(
        OVERLAP_HOP,
        f"slots rotate {_days(apart)} apart: the key the secret held stays registered "
        f"{_days(apart)} after the secret moves to the new one",
    )


def _secret_hop(index: StackIndex, user: ResourceView, keys: list[ResourceView]) -> Hop:
    key_urns = {k.urn for k in keys}
    versions = [v for v in index.of_type(SECRET_VERSION) if key_urns & set(v.dependencies)]
    if not versions:
        return unknown(
            SECRET_HOP,
            "no Secrets Manager secret version is written from the keys; where clients read "
            "the private key is outside this journey",
        )
    for version in versions:
        missing = sorted(k.name for k in keys if k.urn not in version.dependencies)
        if missing:
            return broken(
                SECRET_HOP,
                f"secret version [{version.name}] does not depend on key(s) {missing}, so it "
                "cannot take the newer slot's key",
                version,
            )
        if user.urn not in version.dependencies:
            return broken(
                SECRET_HOP,
                f"secret version [{version.name}] does not depend on user [{user.name}]: it may "
                "be written before Snowflake holds the new key; derive the value from the "
                "user's key outputs too",
                version,
            )
    names = ", ".join(f"[{v.name}]" for v in versions)
    return ok(SECRET_HOP, f"{names} depends on every key and on the user")


def _schedule_interval(ctx: Context) -> float | None:
    found = ctx.config.get(PROPERTY)
    if not isinstance(found, dict):
        return None
    hours = [
        float(r["interval_hours"])
        for r in found.get("runs") or []
        if isinstance(r, dict) and isinstance(r.get("interval_hours"), int | float)
    ]
    return min(hours, default=None)


def _name(user: ResourceView) -> str:
    name = user.get("name")
    shown = name if isinstance(name, str) else user.name
    return f"key of Snowflake user [{shown}] rotates without downtime"


def _days(hours: float | None) -> str:
    if hours is None:
        return "(no period)"
    return f"{hours / 24:g} days" if hours >= 48 else f"{hours:g} h"
