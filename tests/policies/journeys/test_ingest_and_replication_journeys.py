"""journey-ingest-lands and journey-replication-replicates on the prod plan, each hop broken
by one change to the planned resources (the document is planned once, then edited)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from policies.rules.core.index import StackIndex
from policies.rules.core.rule import Context
from policies.rules.journeys.ingest_journeys import ingest_journeys
from policies.rules.journeys.journey import Journey
from policies.rules.journeys.replication_journeys import replication_journeys
from scripts.plan.policy import views


@pytest.fixture
def prod(plans: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The session's prod plan (tests/conftest.py): each test edits a deep copy."""
    return plans["prod"]


def journeys(
    document: dict[str, Any], build: Callable[..., Any], edit: Callable[[dict[str, Any]], None]
) -> list[Journey]:
    changed = copy.deepcopy(document)
    for resource in changed["resources"]:
        edit(resource)
    return list(build(StackIndex(views(changed)), Context("prod")))


def broken_at(found: list[Journey]) -> dict[str, str]:
    """Journey name -> the name of its deciding hop, for the broken ones."""
    return {j.name: j.deciding_hop.name for j in found if j.verdict == "broken" and j.deciding_hop}


def test_every_auto_ingest_pipe_of_prod_has_a_working_journey(prod):
    found = journeys(prod, ingest_journeys, lambda r: None)
    pipes = [r for r in prod["resources"] if r["type"] == "snowflake:index/pipe:Pipe"]
    assert len(found) == len(pipes) > 0
    assert {j.verdict for j in found} == {"works"}


def test_a_notification_without_the_pipes_queue_breaks_its_journey(prod):
    def drop_crm_queue(resource: dict[str, Any]) -> None:
        if resource["type"] == "aws:s3/bucketNotification:BucketNotification":
            queues = resource["inputs"].get("queues", [])
            resource["inputs"]["queues"] = [q for q in queues if q.get("filterPrefix") != "crm/"]

    found = broken_at(journeys(prod, ingest_journeys, drop_crm_queue))
    assert found == {
        "a file for pipe [data-platform-ingest-crm-pipe] lands in its table": (
            "S3 notifies the pipe's queue"
        )
    }


def test_an_integration_that_does_not_allow_the_stage_breaks_its_journey(prod):
    def elsewhere(resource: dict[str, Any]) -> None:
        if resource["name"] == "data-platform-ingest-events-integration":
            resource["inputs"]["storageAllowedLocations"] = ["s3://another-bucket/"]

    found = broken_at(journeys(prod, ingest_journeys, elsewhere))
    assert found == {
        "a file for pipe [data-platform-ingest-events-pipe] lands in its table": (
            "the stage's integration"
        )
    }


def test_every_replication_of_prod_works(prod):
    found = journeys(prod, replication_journeys, lambda r: None)
    configs = [r for r in prod["resources"] if "ReplicationConfig" in r["type"]]
    assert len(found) == len(configs) > 0
    assert {j.verdict for j in found} == {"works"}


def test_a_suspended_replica_versioning_breaks_the_replication(prod):
    def suspend(resource: dict[str, Any]) -> None:
        if resource["name"] == "data-platform-lake-replica-raw-versioning":
            resource["inputs"]["versioningConfiguration"]["status"] = "Suspended"

    found = broken_at(journeys(prod, replication_journeys, suspend))
    assert found == {
        "bucket replication [data-platform-lake-replica-raw-replication] replicates": (
            "the destination bucket [data-platform-lake-replica-raw] is versioned first"
        )
    }
