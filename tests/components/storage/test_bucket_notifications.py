"""A bucket's one notification configuration: every consumer at once, overlaps refused."""

from __future__ import annotations

import pytest

from components.storage.bucket_notifications import (
    BucketNotifications,
    BucketNotificationsArgs,
    QueueNotification,
)
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import run_callable

QUEUE = "arn:aws:sqs:eu-west-1:123456789012:sf-snowpipe-x"


def test_every_queue_lands_in_one_configuration_with_its_prefix():
    def program() -> None:
        BucketNotifications(
            "raw",
            BucketNotificationsArgs(
                bucket="acme-raw",
                queues=[QueueNotification(QUEUE, "crm/"), QueueNotification(QUEUE, "events/")],
            ),
        )

    run = run_callable(
        program, project="test", stack="dev", mocks=PlausibleMocks("111122223333", "eu-west-1")
    )
    (notification,) = [r for r in run.registrations if r.type.endswith("BucketNotification")]
    assert notification.name == "raw-notifications"
    assert notification.inputs["bucket"] == "acme-raw"
    assert notification.inputs["queues"] == [
        {
            "id": "queue-0-crm",
            "queueArn": QUEUE,
            "events": ["s3:ObjectCreated:*"],
            "filterPrefix": "crm/",
        },
        {
            "id": "queue-1-events",
            "queueArn": QUEUE,
            "events": ["s3:ObjectCreated:*"],
            "filterPrefix": "events/",
        },
    ]


@pytest.mark.parametrize(
    ("queues", "expected"),
    [
        ([], "at least one queue"),
        (
            [QueueNotification(QUEUE, "crm/"), QueueNotification(QUEUE, "crm/eu/")],
            "overlapping notification prefixes: crm/ / crm/eu/",
        ),
    ],
)
def test_refused_configurations_fail_before_anything_is_registered(queues, expected):
    with pytest.raises(ValueError, match=expected):
        BucketNotificationsArgs(bucket="acme-raw", queues=queues)
