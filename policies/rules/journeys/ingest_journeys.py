"""Journey: a file landing in an ingest prefix reaches its Snowflake table.

Followed per auto-ingest pipe: the pipe's stage (its COPY statement's `@stage`) → S3
notifies the pipe's queue (`notificationChannel`) for objects created under the stage's
prefix → the stage's storage integration is enabled and allows the location → Snowflake's
IAM user assumes the integration's role with its external id → the role lists and reads
the location and decrypts with the bucket's key (the data-path evaluator) → the table the
COPY loads exists and the pipe's role holds what loading needs (the Snowflake step model).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context
from ..core.values import as_list, is_unknown
from ..core.view import ResourceView
from ..crosscloud.integration_role_trusts_integration import expected_trust
from ..facts.tokens import (
    S3_BUCKET_NOTIFICATION,
    SNOWFLAKE_PIPE,
    SNOWFLAKE_STAGE,
    SNOWFLAKE_STAGE_EXTERNAL_S3,
    SNOWFLAKE_TABLE,
)
from ..preflight.aws_resources import AwsResources
from ..preflight.aws_steps import Flow, assume, role_flow, s3_location, s3_read
from ..preflight.snowflake_objects import object_refs
from ..preflight.snowflake_steps import plan_steps_of
from ..snowflake.identifiers import INTEGRATIONS, ident, qualified_name
from .aws_account import aws_resources
from .iam_hops import request_hops
from .journey import Hop, Journey, broken, guarded, ok, unknown

KIND = "journey-ingest-lands"
PIPE = SNOWFLAKE_PIPE
STAGE = SNOWFLAKE_STAGE_EXTERNAL_S3
LEGACY_STAGE = SNOWFLAKE_STAGE
TABLE = SNOWFLAKE_TABLE
NOTIFICATION = S3_BUCKET_NOTIFICATION


def _by_qualified(index: StackIndex, types: tuple[str, ...], wanted: str) -> ResourceView | None:
    for view in index.of_type(*types):
        if qualified_name(view) == wanted:
            return view
    return None


def notified(index: StackIndex, pipe: ResourceView, bucket: str, prefix: str) -> Hop:
    """S3 sends ObjectCreated events for keys under `prefix` to the pipe's queue."""
    name = "S3 notifies the pipe's queue"
    channel = pipe.output("notificationChannel")
    if is_unknown(channel) or not channel:
        return unknown(name, "the pipe's notificationChannel is known after it is created", pipe)
    for notification in index.of_type(NOTIFICATION):
        if notification.get("bucket") != bucket:
            continue
        for queue in as_list(notification.get("queues")):
            if not isinstance(queue, dict) or queue.get("queueArn") != channel:
                continue
            filter_prefix = str(queue.get("filterPrefix") or "")
            created = any(
                str(e).startswith("s3:ObjectCreated:") for e in as_list(queue.get("events"))
            )
            if created and prefix.startswith(filter_prefix):
                return ok(
                    name, f"{queue.get('id')} (prefix {filter_prefix or '(all)'})", notification
                )
    return broken(
        name,
        f"no notification of bucket {bucket} sends ObjectCreated events under {prefix} to "
        f"{channel}: files land and nothing loads them",
        pipe,
    )


def pipe_hops(
    index: StackIndex, res: AwsResources, pipe: ResourceView, steps: dict[str, bool | None]
) -> list[Hop]:
    """The hops of one pipe, from the landing file to the table."""
    refs = object_refs(pipe)[0]
    stage_ref, table_ref = refs.get("stage"), refs.get("table")
    if stage_ref is None:
        return [broken("the pipe's stage", "its COPY statement names no stage", pipe)]
    stage = _by_qualified(index, (STAGE, LEGACY_STAGE), stage_ref[1])
    if stage is None:
        return [unknown("the pipe's stage", f"{stage_ref[1]} is outside the program", pipe)]
    location = s3_location(stage.need("url"))
    if location is None:
        return [broken("the pipe's stage", "its URL is not an s3:// location", stage)]
    bucket_name, prefix = location
    hops = [ok("the pipe's stage", stage_ref[1], stage), notified(index, pipe, bucket_name, prefix)]
    named = ident(stage.need("storageIntegration") or "")
    integrations = [
        i for i in index.of_type(*INTEGRATIONS[:2]) if ident(i.get("name") or "") == named
    ]
    if not integrations:
        return [*hops, unknown("the stage's integration", f"{named} is outside the program", stage)]
    integration = integrations[0]
    url = f"s3://{bucket_name}/{prefix}"
    allowed = [str(a) for a in as_list(integration.need("storageAllowedLocations"))]
    if integration.get("enabled") is False:
        return [*hops, broken("the stage's integration", "it is disabled", integration)]
    if not any(url.startswith(a) for a in allowed):
        return [*hops, broken("the stage's integration", f"does not allow {url}", integration)]
    hops.append(ok("the stage's integration", integration.name, integration))
    role, bucket = res.role(integration.need("storageAwsRoleArn")), res.bucket(bucket_name)
    if role is None or bucket is None:
        return [
            *hops,
            unknown("the integration's role reads the files", "role or bucket outside the program"),
        ]
    user, external_id = expected_trust(integration)
    if not user or is_unknown(user) or is_unknown(external_id):
        hops.append(
            unknown(
                "Snowflake assumes the role",
                "the integration's IAM user and external id are known after it is created",
                integration,
            )
        )
    else:
        trust = assume(str(user), role, {"sts:ExternalId": str(external_id)})
        hops += request_hops(Flow("ingest", "", integration, (), (trust,)))
    hops += request_hops(
        role_flow("ingest", "", integration, role, s3_read(res, role.arn, bucket, prefix))
    )
    table = _by_qualified(index, (TABLE,), table_ref[1]) if table_ref else None
    if table_ref is None:
        return [*hops, broken("the table", "the COPY statement names no table", pipe)]
    if table is None:
        hops.append(unknown("the table", f"{table_ref[1]} is outside the program", pipe))
    else:
        hops.append(ok("the table", table_ref[1], table))
    allowed_steps = steps.get(pipe.urn)
    if allowed_steps is False:
        hops.append(
            broken(
                "the pipe's role may load the table",
                "the Snowflake step model denies it (preflight-snowflake-step-privileges)",
                pipe,
            )
        )
    elif allowed_steps is None:
        hops.append(
            unknown("the pipe's role may load the table", "not evaluated until apply", pipe)
        )
    else:
        hops.append(ok("the pipe's role may load the table", "", pipe))
    return hops


def pipe_step_outcomes(index: StackIndex) -> dict[str, bool | None]:
    """Per pipe URN: False if the step model denies any of its steps, None if one is not
    evaluated, True when all are allowed."""
    outcomes: dict[str, list[bool | None]] = {}
    for step in plan_steps_of(index, PIPE):
        outcomes.setdefault(step.urn, []).append(step.allowed)
    return {
        urn: False if False in found else None if None in found else True
        for urn, found in outcomes.items()
    }


def journey_name(pipe: ResourceView) -> str:
    """The journey's name for a pipe."""
    return f"a file for pipe [{pipe.name}] lands in its table"


def ingest_journeys(index: StackIndex, ctx: Context) -> Iterator[Journey]:
    """One journey per auto-ingest pipe."""
    # An auto-ingest pipe, or one whose flag is unknown until apply (judged "not evaluated").
    pipes = [
        p
        for p in index.of_type(PIPE)
        if p.get("autoIngest") is True or is_unknown(p.get("autoIngest"))
    ]
    if not pipes:
        return
    res = aws_resources(index, KIND, pipes, journey_name)
    if isinstance(res, list):
        yield from res
        return
    steps = pipe_step_outcomes(index)
    for pipe in pipes:

        def build(pipe: ResourceView = pipe) -> list[Hop]:
            pipe.need("autoIngest")
            return pipe_hops(index, res, pipe, steps)

        yield guarded(KIND, journey_name(pipe), pipe, build)
