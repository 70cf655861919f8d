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

from ..facts.sns_filters import OR, is_or

SUPPORTED = frozenset({"prefix", "exists"})
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


def _matches_object(policy: Mapping[str, Any], message: Mapping[str, Any]) -> bool:
    for key, wanted in policy.items():
        if key == OR and is_or(wanted):
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
