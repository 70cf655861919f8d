"""The one notification configuration of a bucket, for every consumer of its events.

S3 keeps a single notification configuration per bucket and each BucketNotification
resource replaces the whole of it, so two resources on one bucket would silently drop
each other's consumers. This component therefore takes every consumer at once; the
composition root builds it after the pipes (platform and domains) exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from vocabulary.s3_prefixes import overlapping_prefixes


@dataclass(frozen=True)
class QueueNotification:
    """One consumer of the bucket's object-created events (e.g. a Snowpipe).

    Attributes:
        queue_arn: The SQS queue that receives the events.
        prefix: Only keys under this prefix notify this queue. S3 refuses two
            configurations whose prefixes overlap for the same event type.
    """

    queue_arn: pulumi.Input[str]
    prefix: str


def zone_queues(
    pairs: Sequence[tuple[str, QueueNotification]],
) -> dict[str, list[QueueNotification]]:
    """The (zone, queue) pairs of a stack's pipes grouped by zone, each zone's queues in
    the order given (the order of a bucket's configurations)."""
    grouped: dict[str, list[QueueNotification]] = {}
    for zone, queue in pairs:
        grouped.setdefault(zone, []).append(queue)
    return grouped


@dataclass(frozen=True)
class BucketNotificationsArgs:
    """Arguments of `BucketNotifications`.

    Attributes:
        bucket: The bucket's name (an output of the bucket, so the configuration
            follows it).
        queues: Every consumer of the bucket's object-created events; at least one,
            prefixes must not overlap.
    """

    bucket: pulumi.Input[str]
    queues: Sequence[QueueNotification]

    def __post_init__(self) -> None:
        if not self.queues:
            raise ValueError("BucketNotificationsArgs: at least one queue is required")
        overlapping = overlapping_prefixes([q.prefix for q in self.queues])
        if overlapping:
            raise ValueError(
                "BucketNotificationsArgs: S3 refuses overlapping notification prefixes: "
                + ", ".join(f"{a} / {b}" for a, b in overlapping)
            )


class BucketNotifications(pulumi.ComponentResource):
    """A bucket's object-created notifications to every queue, in one configuration."""

    notification: aws.s3.BucketNotification

    def __init__(
        self,
        name: str,
        args: BucketNotificationsArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("dataplatform:storage:BucketNotifications", name, None, opts)
        self.notification = aws.s3.BucketNotification(
            f"{name}-notifications",
            bucket=args.bucket,
            queues=[
                {
                    "id": f"queue-{index}-{q.prefix.strip('/').replace('/', '-') or 'all'}",
                    "queue_arn": q.queue_arn,
                    "events": ["s3:ObjectCreated:*"],
                    "filter_prefix": q.prefix,
                }
                for index, q in enumerate(args.queues)
            ],
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.register_outputs({"bucket": args.bucket})
