"""Journey: every budget counts something.

A budget filtered on a cost-allocation tag (`TagKeyValue` `user:<key>$<value>`) sees $0 and
never notifies until that tag is activated for cost allocation, which only an
organization's management account (or a standalone account) can do, and only for a key
that has been in use (AWS Billing User Guide, "Activating user-defined cost allocation
tags": docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/activating-tags.html). So each
tag filter is a hop: activated in the program (`aws.costexplorer.CostAllocationTag`,
status Active), attested as activated outside it (rule config `activated_cost_tags`, for
the management-account step: "not evaluated" here), or broken. A budget with no tag filter
counts the whole account. The tagged value must also be on some resource of the program.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..alerts.alert_paths import BUDGET
from ..core.index import StackIndex
from ..core.rule import Context
from ..core.values import as_list
from ..core.view import ResourceView
from ..facts.tokens import COSTEXPLORER_COST_ALLOCATION_TAG
from .journey import Hop, Journey, broken, guarded, ok, unknown

KIND = "journey-budget-counts"
COST_ALLOCATION_TAG = COSTEXPLORER_COST_ALLOCATION_TAG


def tag_filters(budget: ResourceView) -> list[tuple[str, str]]:
    """(tag key, value) of each `TagKeyValue` cost filter (`user:<key>$<value>`)."""
    found = []
    for entry in as_list(budget.need("costFilters")):
        if not isinstance(entry, dict) or entry.get("name") != "TagKeyValue":
            continue
        for value in as_list(entry.get("values")):
            key, _, tagged = str(value).partition("$")
            found.append((key.removeprefix("user:"), tagged))
    return found


def _activated(index: StackIndex) -> dict[str, ResourceView]:
    return {
        str(t.get("tagKey")): t
        for t in index.of_type(COST_ALLOCATION_TAG)
        if str(t.get("status") or "") == "Active"
    }


def _tagged(index: StackIndex, key: str, value: str) -> bool:
    return any(
        isinstance(tags := v.get("tags"), dict) and tags.get(key) == value for v in index.views
    )


def budget_hops(
    index: StackIndex, budget: ResourceView, attested: set[str], active: dict[str, ResourceView]
) -> list[Hop]:
    """The hops of one budget: each tag filter's activation and use."""
    filters = tag_filters(budget)
    if not filters:
        return [ok("its filters select costs", "no tag filter: the whole account", budget)]
    hops = []
    for key, value in filters:
        name = f"cost-allocation tag {key} is active"
        if key in active:
            hops.append(ok(name, "activated by the program", active[key]))
        elif key in attested:
            hops.append(
                unknown(name, "activated in the management account (attested in the policy config)")
            )
        else:
            hops.append(
                broken(
                    name,
                    f"the budget filters on user:{key}, which nothing activates for cost "
                    "allocation, so it counts $0 and never notifies; drop the filter (an "
                    "account per environment) or activate the tag in the management account "
                    "and list it in `activated_cost_tags`",
                    budget,
                )
            )
        used = _tagged(index, key, value)
        hops.append(
            ok(f"resources carry {key}={value}", "", budget)
            if used
            else broken(f"resources carry {key}={value}", "no resource of the program does", budget)
        )
    return hops


def budget_journeys(index: StackIndex, ctx: Context) -> Iterator[Journey]:
    """One journey per budget."""
    attested = {str(k) for k in as_list(ctx.setting("activated_cost_tags", []))}
    active = _activated(index)
    for budget in index.of_type(BUDGET):

        def build(budget: ResourceView = budget) -> list[Hop]:
            return budget_hops(index, budget, attested, active)

        yield guarded(KIND, f"budget [{budget.name}] counts the costs it watches", budget, build)


CONFIG_SCHEMA: dict[str, dict[str, Any]] = {
    "activated_cost_tags": {"type": "array", "items": {"type": "string"}}
}
