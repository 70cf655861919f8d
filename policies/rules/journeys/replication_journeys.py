"""Journey: every replicated bucket replicates.

Per replication configuration: its source and each destination bucket are versioned (S3
refuses replication otherwise) and the configuration is created after both versionings,
then S3 assumes the replication role and the role reads the source's versions and writes
the replica with their keys (the data-path flow of aws_replication_flows.py, judged by the
same evaluator). This folds the replication checks of the preflight rules into one promise.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..aws.s3_resources import REPLICATION, VERSIONING, parts
from ..core.index import StackIndex
from ..core.ordering import Ordering
from ..core.rule import Context
from ..core.view import ResourceView
from ..preflight.aws_replication_flows import replication
from ..preflight.aws_steps import Flow
from ..preflight.preflight_replication_after_versioning import replicated_buckets
from .aws_account import aws_resources
from .iam_hops import request_hops
from .journey import Hop, Journey, broken, guarded, ok, unknown

KIND = "journey-replication-replicates"


def versioning_hops(index: StackIndex, config: ResourceView, ordering: Ordering) -> list[Hop]:
    """Each bucket of the configuration is versioned before the configuration exists."""
    hops = []
    for side, bucket in replicated_buckets(index, config):
        name = f"the {side} bucket [{bucket.name}] is versioned first"
        versionings = parts(index, bucket, VERSIONING)
        enabled = [v for v in versionings if v.get("versioningConfiguration.status") == "Enabled"]
        if not enabled:
            hops.append(broken(name, "versioning is not enabled: S3 refuses replication", bucket))
        elif not ordering.created_before(config.urn, enabled[0].urn):
            hops.append(
                broken(name, f"the configuration does not wait for {enabled[0].name}", config)
            )
        else:
            hops.append(ok(name, enabled[0].name, enabled[0]))
    return hops


def journey_name(config: ResourceView) -> str:
    """The journey's name for a replication configuration."""
    return f"bucket replication [{config.name}] replicates"


def replication_journeys(index: StackIndex, ctx: Context) -> Iterator[Journey]:
    """One journey per replication configuration."""
    configs = index.of_type(*REPLICATION)
    if not configs:
        return
    res = aws_resources(index, KIND, configs, journey_name)
    if isinstance(res, list):
        yield from res
        return
    flows: dict[str, list[Flow]] = {}
    for item in replication(res):
        if isinstance(item, Flow):
            flows.setdefault(item.owner.urn, []).append(item)
    versionings = {v.urn for v in index.of_type(*VERSIONING)}
    ordering = Ordering(index, versionings)
    for config in configs:

        def build(config: ResourceView = config) -> list[Hop]:
            hops = versioning_hops(index, config, ordering)
            found = flows.get(config.urn, [])
            if not found:
                detail = "no enabled rule to a bucket of the program with a role of the program"
                return [*hops, unknown("S3 copies the objects", detail, config)]
            return [*hops, *(h for flow in found for h in request_hops(flow))]

        yield guarded(KIND, journey_name(config), config, build)
