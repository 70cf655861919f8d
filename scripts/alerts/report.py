"""The alert routes of one plan document: each source, its topic, who receives its message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policies.rules.alerts.alert_routes import (
    Resource,
    deliveries,
    owner_told,
    sources,
    topic_name,
)


def alert_routes(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One entry per source (and per domain for the credit alert), in the plan's order:
    the source, its domain, its topics, its sample message, every subscription of those
    topics with whether the message reaches it, and whether the domain's owner is told."""
    resources = [Resource.of(r) for r in document.get("resources") or ()]
    routes = []
    for source in sources(resources):
        found = deliveries(resources, source)
        routes.append(
            {
                "source": source.kind,
                "name": source.resource.name,
                "urn": source.resource.urn,
                "domain": source.domain,
                "topics": [topic_name(resources, arn) for arn in source.topic_arns],
                "message": source.message,
                "subscriptions": [
                    {
                        "name": d.subscription.name,
                        "protocol": d.subscription.inputs.get("protocol"),
                        "endpoint": d.subscription.inputs.get("endpoint"),
                        "domain": d.domain,
                        "filtered": d.filtered,
                        "receives": d.receives,
                        **({"note": d.note} if d.note else {}),
                    }
                    for d in found
                ],
                "owner_told": owner_told(source, found),
            }
        )
    return routes
