"""Snowflake warehouses: credits an hour x clusters x hours, capped by the resource monitor.

The bound runs every cluster of the warehouse all month (maxClusterCount x 730 h), then
caps the warehouses of one monitor together at the credits the monitor lets them use:
its creditQuota (scaled to a month for DAILY or WEEKLY monitors) times the highest
suspend trigger. A SUSPEND trigger lets running statements finish (bounded by their
statement timeout, not counted here); a monitor that only notifies caps nothing.

The expected figure runs minClusterCount clusters for the assumed active hours a day plus
the auto-suspend idle tail of each resume (autoSuspend seconds per resume).
"""

from __future__ import annotations

from collections import defaultdict

from ..core.index import StackIndex
from ..core.view import ResourceView
from ..facts.tokens import SNOWFLAKE_RESOURCE_MONITOR
from ..facts.warehouses import CREDITS_PER_HOUR, normalize_size
from ..snowflake.identifiers import WAREHOUSE
from .assumptions import Assumptions
from .items import LineItem, usd
from .prices import HOURS_PER_MONTH, price

RESOURCE_MONITOR = SNOWFLAKE_RESOURCE_MONITOR
DAYS_PER_MONTH = HOURS_PER_MONTH / 24
# Months per monitor period: a DAILY quota can be spent every day of the month.
PERIODS_PER_MONTH = {"DAILY": DAYS_PER_MONTH, "WEEKLY": HOURS_PER_MONTH / 168}


def warehouse_items(index: StackIndex, assume: Assumptions) -> list[LineItem]:
    """One item per warehouse, priced at the edition's credit price."""
    key = f"snowflake.credit.{assume.snowflake_edition}"
    groups: dict[str, list[ResourceView]] = defaultdict(list)
    caps: dict[str, tuple[float, str] | None] = {}
    for wh in index.of_type(WAREHOUSE):
        monitor = _monitor(index, wh)
        group = monitor.urn if monitor else wh.urn
        groups[group].append(wh)
        caps[group] = monitor_cap(monitor) if monitor else None
    credit = price(key).usd
    items = []
    for group, warehouses in groups.items():
        uncapped = {wh.urn: full_month_credits(wh) for wh in warehouses}
        total = sum(uncapped.values())
        cap = caps[group]
        allowed = min(total, cap[0]) if cap else total
        for wh in warehouses:
            credits = allowed * uncapped[wh.urn] / total if total else 0.0
            expected = min(credits, expected_credits(wh, assume))
            detail = _detail(wh, uncapped[wh.urn], cap, assume)
            items.append(
                LineItem(
                    "snowflake warehouses",
                    wh.name,
                    key,
                    round(credits, 2),
                    usd(credits * credit),
                    usd(expected * credit),
                    detail,
                    wh.urn,
                )
            )
    return items


def credits_per_hour(wh: ResourceView) -> float:
    """Credits an hour of one cluster (Snowflake's default size is XSMALL)."""
    size = normalize_size(str(wh.need("warehouseSize") or "XSMALL"))
    if size not in CREDITS_PER_HOUR:
        raise ValueError(f"warehouse [{wh.name}]: unknown size {size!r}")
    return CREDITS_PER_HOUR[size]


def full_month_credits(wh: ResourceView) -> float:
    """Every cluster running all month."""
    return credits_per_hour(wh) * _count(wh, "maxClusterCount") * HOURS_PER_MONTH


def expected_credits(wh: ResourceView, assume: Assumptions) -> float:
    """minClusterCount clusters for the active hours plus each resume's idle tail."""
    suspend = wh.need("autoSuspend")
    if not suspend:  # 0 or absent-and-null: the warehouse never suspends
        hours = 24.0
    else:
        hours = min(24.0, assume.active_hours_per_day + assume.resumes_per_day * suspend / 3600)
    return credits_per_hour(wh) * _count(wh, "minClusterCount") * hours * DAYS_PER_MONTH


def monitor_cap(monitor: ResourceView) -> tuple[float, str] | None:
    """(credits a month the monitor allows, how), or None if it never suspends."""
    quota = monitor.need("creditQuota")
    triggers = [
        t
        for t in (monitor.need("suspendTrigger"), monitor.need("suspendImmediateTrigger"))
        if isinstance(t, int | float)
    ]
    if not isinstance(quota, int | float) or not triggers:
        return None
    frequency = str(monitor.need("frequency") or "MONTHLY").upper()
    periods = PERIODS_PER_MONTH.get(frequency, 1.0)
    credits = float(quota) * max(triggers) / 100 * periods
    how = f"monitor [{monitor.name}] {quota:g} cr {frequency} x {max(triggers):g}%"
    return credits, how


def _monitor(index: StackIndex, wh: ResourceView) -> ResourceView | None:
    found = index.referenced(wh.need("resourceMonitor"), (RESOURCE_MONITOR,))
    return found[0] if found else None


def _count(wh: ResourceView, prop: str) -> float:
    value = wh.need(prop)
    return float(value) if isinstance(value, int | float) and value > 0 else 1.0


def _detail(
    wh: ResourceView, uncapped: float, cap: tuple[float, str] | None, assume: Assumptions
) -> str:
    size = normalize_size(str(wh.need("warehouseSize") or "XSMALL"))
    text = (
        f"{size} {credits_per_hour(wh):g} cr/h x {_count(wh, 'maxClusterCount'):g} cluster(s) "
        f"x {HOURS_PER_MONTH:g} h = {uncapped:g} cr"
    )
    text += f", capped by {cap[1]} = {cap[0]:g} cr" if cap else ", no suspending monitor"
    suspend = wh.need("autoSuspend")
    return text + (
        f"; expected {assume.active_hours_per_day:g} h/day + {assume.resumes_per_day:g} "
        f"resumes x {suspend or 0:g} s auto-suspend"
    )
