"""SNS subscription filter policies: the documented words and limits, and their check.

Shared by the component that writes domain subscriptions' policies
(components/alerts/domain_alerts.py) and the model that evaluates them
(policies/rules/alerts/sns_filter.py). Source: Amazon SNS Developer Guide, "Filter policy
constraints" (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html)
and "AND/OR logic" (https://docs.aws.amazon.com/sns/latest/dg/and-or-logic.html), read 2026-12.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

OR = "$or"
# Operators of a value list that are reserved words (an object with one of them is an
# operator, not a nested key or an `$or` branch).
RESERVED = frozenset(
    {
        "prefix",
        "suffix",
        "exists",
        "anything-but",
        "numeric",
        "cidr",
        "equals-ignore-case",
        "wildcard",
    }
)
# At most 5 top-level keys (payload-based filtering counts top-level keys only), 150 value
# combinations (the product of the value counts), 256 KB of JSON; 200 filter policies per
# topic by default (adjustable through Service Quotas) and 10,000 per account.
MAX_KEYS = 5
MAX_COMBINATIONS = 150
MAX_BYTES = 256 * 1024
POLICIES_PER_TOPIC = 200
POLICIES_PER_ACCOUNT = 10_000


def is_or(value: Any) -> bool:
    """True if SNS reads this value of a `$or` key as an OR: an array of two or more objects
    none of which has a reserved key; otherwise `$or` is an ordinary key."""
    return (
        isinstance(value, list)
        and len(value) >= 2
        and all(isinstance(v, Mapping) and not (RESERVED & v.keys()) for v in value)
    )


def policy_problems(policy: Mapping[str, Any]) -> list[str]:
    """What breaks SNS's documented limits in `policy` (each `$or` branch counted on its own:
    the documented product of value counts; top-level keys of payload-based filtering)."""
    problems = []
    size = len(json.dumps(policy).encode())
    if size > MAX_BYTES:
        problems.append(f"{size} bytes; SNS allows {MAX_BYTES}")
    branches = policy[OR] if is_or(policy.get(OR)) else [policy]
    for branch in branches:
        keys = [k for k in branch if k != OR]
        if len(keys) > MAX_KEYS:
            problems.append(f"{len(keys)} top-level keys {keys}; SNS allows {MAX_KEYS}")
        combinations = _combinations(branch)
        if combinations > MAX_COMBINATIONS:
            problems.append(f"{combinations} value combinations; SNS allows {MAX_COMBINATIONS}")
    return problems


def _combinations(policy: Mapping[str, Any]) -> int:
    total = 1
    for value in policy.values():
        if isinstance(value, Mapping):
            total *= _combinations(value)
        elif isinstance(value, list):
            total *= max(len(value), 1)
    return total
