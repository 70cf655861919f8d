"""SNS subscription filter policies on the message body: the matching SNS does, modelled.

Domain owners get failures through filtered subscriptions of the stack's one alerts topic
(`FilterPolicyScope: MessageBody`, docs/design/alert-routing.md). Whether a source's
message reaches an owner is decided by SNS, not by the program, so `dataplat alerts` and
the failure journey evaluate the same policy on a sample message of each source with
this model. It implements the operators the platform uses, as AWS documents them
(https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html and its subpages,
read 2026-12):

- exact string and number values: a key's list of values matches when the message's
  value equals one of them (OR within a key; "string-value-matching.html");
- `{"prefix": "..."}` ("string-value-matching.html");
- `{"exists": true|false}` on leaf keys only ("attribute-key-matching.html");
- nested keys (payload-based filtering only): a policy object under a key matches the
  message object under that key ("sns-message-filtering-scope.html");
- AND across keys; `$or` across objects when its array holds at least two objects
  without reserved keys, else `$or` is an ordinary key ("and-or-logic.html");
- a message array matches when any of its elements matches ("example-filter-policies.html":
  `customer_interests` as an array in the body).

Anything else (`anything-but`, `numeric`, `suffix`, `cidr`, `equals-ignore-case`) is refused
with `UnsupportedOperator` rather than guessed. A message body that is not a JSON object
(AWS Budgets and CloudWatch alarms to e-mail send text or their own JSON) is matched by
no body policy: SNS drops it for a filtered subscription.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

# Operators of a value list that are reserved words (an object with one of them is an
# operator, not a nested key); the subset implemented here is SUPPORTED.
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
SUPPORTED = frozenset({"prefix", "exists"})
OR = "$or"
# Documented limits ("subscription-filter-policy-constraints.html"): at most 5 top-level
# keys (payload-based filtering counts top-level keys only), 150 value combinations,
# 256 KB of JSON, 200 filter policies per topic by default (adjustable through
# Service Quotas) and 10,000 per account.
MAX_KEYS = 5
MAX_COMBINATIONS = 150
MAX_BYTES = 256 * 1024
POLICIES_PER_TOPIC = 200
POLICIES_PER_ACCOUNT = 10_000
_ABSENT = object()


class UnsupportedOperator(ValueError):
    """A policy uses an operator this model does not implement."""


def matches_body(policy: Mapping[str, Any], body: str | Mapping[str, Any]) -> bool:
    """True if SNS delivers a message with this body to a subscription with `policy`
    (scope MessageBody). A body that is not a JSON object matches nothing."""
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return False
    if not isinstance(body, Mapping):
        return False
    return _matches_object(policy, body)


def _is_or(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) >= 2
        and all(isinstance(v, Mapping) and not (RESERVED & v.keys()) for v in value)
    )


def _matches_object(policy: Mapping[str, Any], message: Mapping[str, Any]) -> bool:
    for key, wanted in policy.items():
        if key == OR and _is_or(wanted):
            if not any(_matches_object(branch, message) for branch in wanted):
                return False
            continue
        value = message.get(key, _ABSENT) if isinstance(message, Mapping) else _ABSENT
        if isinstance(wanted, Mapping):
            if isinstance(value, list):
                if not any(isinstance(v, Mapping) and _matches_object(wanted, v) for v in value):
                    return False
            elif not (isinstance(value, Mapping) and _matches_object(wanted, value)):
                return False
            continue
        if not isinstance(wanted, list):
            raise UnsupportedOperator(f"key [{key}]: a policy value is a list or an object")
        if not _matches_values(wanted, value):
            return False
    return True


def _matches_values(wanted: Sequence[Any], value: Any) -> bool:
    """One key's list of values (OR) against the message's value (any element of a list)."""
    candidates = value if isinstance(value, list) else [value]
    for condition in wanted:
        if isinstance(condition, Mapping):
            if _matches_operator(condition, value, candidates):
                return True
        elif any(v is not _ABSENT and _same(condition, v) for v in candidates):
            return True
    return False


def _same(wanted: Any, value: Any) -> bool:
    if isinstance(wanted, bool) or isinstance(value, bool):
        return wanted is value
    if isinstance(wanted, int | float) and isinstance(value, int | float):
        return float(wanted) == float(value)
    return bool(wanted == value)


def _matches_operator(condition: Mapping[str, Any], value: Any, candidates: list[Any]) -> bool:
    (operator,) = condition.keys() if len(condition) == 1 else (None,)
    if operator not in SUPPORTED:
        raise UnsupportedOperator(f"operator {sorted(condition)} is not modelled")
    if operator == "exists":
        present = value is not _ABSENT and value is not None and value != "" and value != []
        return present is bool(condition["exists"])
    prefix = condition["prefix"]
    return any(isinstance(v, str) and v.startswith(prefix) for v in candidates)


def policy_problems(policy: Mapping[str, Any]) -> list[str]:
    """What breaks SNS's documented limits in `policy` (each `$or` branch counted on its own:
    the documented product of value counts; top-level keys of payload-based filtering)."""
    problems = []
    size = len(json.dumps(policy).encode())
    if size > MAX_BYTES:
        problems.append(f"{size} bytes; SNS allows {MAX_BYTES}")
    branches = policy[OR] if _is_or(policy.get(OR)) else [policy]
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
