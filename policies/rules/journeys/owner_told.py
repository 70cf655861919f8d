"""The last hop of a domain's failure journey: the domain's own subscribers are told.

The platform team's subscriptions of the alerts topic take every message; a domain's
subscriptions filter on the message body (docs/design/alert-routing.md). A failure of a
domain's resource (its logical name holds `-domain-<name>-`) has reached its owner only
when a subscription of that domain receives the message the source really sends: its
filter policy is evaluated on a sample of that message (alerts/alert_routes.py). A failure
heard only by the platform team breaks the journey, naming the source.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..alerts.alert_paths import SUBSCRIPTION
from ..alerts.alert_routes import receives
from ..alerts.alert_samples import domain_of
from ..core.index import StackIndex
from ..preflight.aws_resources import Keyed
from .journey import Hop, broken, ok

HOP = "the domain's owner is told"


def owner_hops(
    index: StackIndex,
    topic: Keyed,
    source_name: str,
    message: Mapping[str, Any] | str,
    domain: str | None = None,
) -> list[Hop]:
    """[] for the platform's resources; else one hop: which subscription of the domain
    receives `message`, or broken, naming the source and the message's identifying field.
    `domain` names the owner when the source's logical name does not (a quality ruleset
    owned through its database, a contract-check alert through its message)."""
    domain = domain or domain_of(source_name)
    if domain is None:
        return []
    subscriptions = index.referrers(topic.view, (SUBSCRIPTION,), "topic")
    ours = [s for s in subscriptions if domain_of(s.name) == domain]
    told = [s for s in ours if receives(s.props, message)[0]]
    if told:
        endpoints = ", ".join(f"{s.get('protocol')} {s.get('endpoint')}" for s in told)
        return [ok(HOP, f"domain {domain}: {endpoints}", told[0])]
    if not ours:
        detail = (
            f"[{source_name}] of domain {domain} reaches only the platform team: the domain has "
            "no subscription of the topic (an e-mail `owner` or `alert_subscriptions`)"
        )
    else:
        detail = (
            f"[{source_name}] of domain {domain} reaches only the platform team: no filter "
            f"policy of its subscriptions ({', '.join(s.name for s in ours)}) matches its "
            f"message {json.dumps(message, sort_keys=True)[:300]}"
        )
    return [broken(HOP, detail, ours[0] if ours else topic.view)]
