"""The edges stack of a split environment: each zone bucket's one notification configuration.

S3 keeps one notification configuration per bucket (a `BucketNotification` replaces it
whole), and it must name the queue of every pipe reading the bucket: the platform's and
every domain's. In one stack the platform builds it after all pipes exist; split, the
platform runs first and the domains after, so the configuration lives in a third stack
that runs last and reads the queues from the platform's and each domain stack's
`lake_notifications` output (docs/design/domain-stacks.md §4). The (zone, prefix) of every
pipe follows from the config files, so the configuration's shape is known before any
output is; only the queue ARNs come through the references.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pulumi

from components.storage.bucket_notifications import (
    BucketNotifications,
    BucketNotificationsArgs,
    QueueNotification,
    zone_queues,
)
from composition.aws_provider import stack_aws_provider
from composition.domain_stack import PLATFORM_PARENT, moved_from
from composition.platform_refs import platform_stack_name
from policies.rules.facts.stack_layout import DOMAIN_PROJECT, domain_stack, qualified
from stacks.domain_spec import ResolvedDomain
from stacks.resolve import ResolvedPlatform


def pipe_locations(
    platform: ResolvedPlatform, domains: Sequence[ResolvedDomain]
) -> list[tuple[str, str, str]]:
    """(stack, zone, prefix) of every pipe of the environment, in the order one stack
    lists them (the platform's sources, then each domain's): `stack` is "" for the
    platform, else the domain's name."""
    found = []
    if platform.snowflake is not None and platform.orchestration is not None:
        found += [("", s.zone, s.prefix) for s in platform.orchestration.ingest_sources]
    if platform.snowflake is not None:
        for d in domains:
            found += [(d.name, s.zone, d.spec.prefix(s.prefix)) for s in d.spec.ingest_sources]
    return found


def compose_edges_stack(
    name: str, platform: ResolvedPlatform, domains: Sequence[ResolvedDomain]
) -> list[BucketNotifications]:
    """Each zone bucket's notifications, under the platform name `name`."""
    environment = platform.environment
    platform_stack = platform_stack_name(environment)
    references: dict[str, tuple[str, pulumi.StackReference]] = {
        "": (platform_stack, pulumi.StackReference(platform_stack))
    }
    for d in domains:
        stack = qualified(
            pulumi.get_organization(), DOMAIN_PROJECT, domain_stack(environment, d.name)
        )
        references[d.name] = (stack, pulumi.StackReference(stack))
    pairs = [
        (zone, QueueNotification(queue_arn=_queue(*references[owner], zone, prefix), prefix=prefix))
        for owner, zone, prefix in pipe_locations(platform, domains)
    ]
    was_in_platform = moved_from(name, PLATFORM_PARENT)
    provider = stack_aws_provider(name, platform, pulumi.ResourceOptions(aliases=[was_in_platform]))
    opts = pulumi.ResourceOptions(providers={"aws": provider}, aliases=[was_in_platform])
    platform_ref = references[""]
    return [
        BucketNotifications(
            f"{name}-lake-{zone}",
            BucketNotificationsArgs(
                bucket=platform_ref[1].outputs.apply(_bucket_picker(platform_ref[0], zone)),
                queues=queues,
            ),
            opts,
        )
        for zone, queues in zone_queues(pairs).items()
    ]


def _queue(stack: str, ref: pulumi.StackReference, zone: str, prefix: str) -> pulumi.Output[str]:
    """The queue of the pipe at (zone, prefix) in `stack`'s `lake_notifications`."""

    def pick(outputs: Any) -> str:
        for entry in (outputs or {}).get("lake_notifications") or []:
            if entry.get("zone") == zone and entry.get("prefix") == prefix:
                return str(entry["queue_arn"])
        raise ValueError(
            f"the stack {stack} has no pipe on zone {zone} prefix {prefix!r} in its "
            "`lake_notifications` output; deploy it first"
        )

    return ref.outputs.apply(pick)


def _bucket_picker(stack: str, zone: str) -> Any:
    def pick(outputs: Any) -> str:
        buckets = (outputs or {}).get("lake_buckets") or {}
        if zone not in buckets:
            raise ValueError(f"the platform stack {stack} has no bucket of zone {zone}")
        return str(buckets[zone])

    return pick
