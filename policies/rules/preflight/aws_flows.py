"""Every data path the program wires up, found by class from the resources that create it.

Each builder turns one kind of resource into flows: a storage integration's role reads its
locations; a crawler's role reads its targets; a Glue job's role reads its script and source
arguments and writes its target arguments with its security configuration's keys; an MWAA
execution role reads its bucket's files and its secrets; S3 delivers each bucket's access
logs; VPC flow logs write their log group; EventBridge, CloudWatch alarms, budgets and
Snowflake's notification integration publish to a topic (`aws_alert_flows.py`); the
configured deployers manage every secret, key, bucket and uploaded object; S3 replicates
each replicated bucket with its replication role. A value unknown until apply makes that
one source "not evaluated"; a resource outside the program ends the path there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..aws.s3_resources import LOGGING, REPLICATION
from ..core.rule import Context
from ..core.values import as_list
from ..core.view import ResourceView
from ..facts import arns
from ..facts.tokens import (
    CLOUDWATCH_EVENT_TARGET,
    EC2_FLOW_LOG,
    MWAA_ENVIRONMENT,
    S3_BUCKET_OBJECT,
    S3_BUCKET_OBJECTV2,
)
from ..snowflake.identifiers import INTEGRATIONS
from .aws_alert_flows import (
    ALERT_SOURCE_TYPES,
    alarm_topics,
    budget_topics,
    publish_steps,
    snowflake_topics,
)
from .aws_deployer_flows import deployer_flows
from .aws_glue_flows import CRAWLER, JOB, crawlers, glue_jobs
from .aws_replication_flows import replication
from .aws_resources import EVENT_RULE, LOG_GROUP, SECRET, SECURITY_CONFIGURATION, AwsResources
from .aws_steps import (
    SAMPLE_OBJECT,
    TLS,
    Flow,
    Item,
    Step,
    assume,
    each,
    kms_steps,
    role_flow,
    s3_location,
    s3_read,
    via,
)
from .iam_evaluation import Request

MWAA = MWAA_ENVIRONMENT
FLOW_LOG = EC2_FLOW_LOG
EVENT_TARGET = CLOUDWATCH_EVENT_TARGET
OBJECTS = (S3_BUCKET_OBJECTV2, S3_BUCKET_OBJECT)
SOURCE_TYPES: tuple[str, ...] = (
    *INTEGRATIONS[:2],
    CRAWLER,
    JOB,
    SECURITY_CONFIGURATION,
    MWAA,
    FLOW_LOG,
)
SOURCE_TYPES += (EVENT_RULE, EVENT_TARGET, *OBJECTS, *LOGGING, *ALERT_SOURCE_TYPES, *REPLICATION)
# Airflow's SecretsManagerBackend defaults, when the environment's options are unreadable.
AIRFLOW_PREFIXES = ("airflow/connections", "airflow/variables")


def storage_integrations(res: AwsResources) -> Iterator[Item]:
    """Each Snowflake storage integration's role lists and reads each allowed location."""

    def build(integration: ResourceView) -> list[Flow]:
        role = res.role(integration.need("storageAwsRoleArn"))
        flows = []
        for url in as_list(integration.need("storageAllowedLocations")):
            location = s3_location(url)
            bucket = res.bucket(location[0]) if location else None
            if role is None or bucket is None or location is None:
                continue
            label = (
                f"storage integration [{integration.name}] (role [{role.view.name}]) reads {url}"
            )
            flows.append(
                role_flow(
                    "snowpipe-read",
                    label,
                    integration,
                    role,
                    s3_read(res, role.arn, bucket, location[1]),
                )
            )
        return flows

    yield from each(res.index.of_type(*INTEGRATIONS[:2]), build)


def _airflow_prefixes(env: ResourceView) -> tuple[str, ...]:
    options = env.get("airflowConfigurationOptions")
    if isinstance(options, dict):
        try:
            kwargs = json.loads(str(options.get("secrets.backend_kwargs") or "{}"))
        except json.JSONDecodeError:
            kwargs = {}
        found = tuple(
            str(v) for k, v in kwargs.items() if k in ("connections_prefix", "variables_prefix")
        )
        if found:
            return found
    return AIRFLOW_PREFIXES


def mwaa(res: AwsResources) -> Iterator[Item]:
    """Each MWAA environment: the service assumes its role, which reads the DAG folder, the
    requirements, plugins and startup script (at their pinned versions) and its secrets."""

    def build(env: ResourceView) -> list[Flow]:
        role = res.role(env.need("executionRoleArn"))
        bucket = res.bucket(env.need("sourceBucketArn"))
        if role is None:
            return []
        name = env.need("name")
        env_arn = arns.mwaa_environment(res.region, res.account, str(name))
        trust = {"aws:SourceAccount": res.account, "aws:SourceArn": env_arn}
        steps = [assume("airflow-env.amazonaws.com", role, trust)]
        if bucket is not None:
            dags = env.need("dagS3Path")
            if isinstance(dags, str):
                steps += s3_read(res, role.arn, bucket, dags.rstrip("/") + "/")
            for part in ("requirements", "plugins", "startupScript"):
                path = env.need(f"{part}S3Path")
                if isinstance(path, str) and path:
                    pinned = bool(env.get(f"{part}S3ObjectVersion"))
                    steps += s3_read(res, role.arn, bucket, None, path, version=pinned)
        flows = [
            role_flow(
                "mwaa-files", f"MWAA environment [{env.name}] reads its files", env, role, steps
            )
        ]
        prefixes = _airflow_prefixes(env)
        for secret_view in res.index.of_type(SECRET):
            secret_name = str(secret_view.need("name") or "")
            if not any(
                p in secret_name and (secret_name.startswith(p) or f"/{p}" in secret_name)
                for p in prefixes
            ):
                continue
            secret = res.secret(secret_view)
            read = Step(
                Request(role.arn, "secretsmanager:GetSecretValue", secret.arn, {}),
                secret.policy,
                secret.holder,
            )
            context = via(res, "secretsmanager", **{"kms:EncryptionContext:SecretARN": secret.arn})
            label = f"MWAA environment [{env.name}] reads secret [{secret_view.name}]"
            flows.append(
                role_flow(
                    "mwaa-secret",
                    label,
                    env,
                    role,
                    [read, *kms_steps(res, role.arn, secret.key_arn, ("kms:Decrypt",), context)],
                )
            )
        return flows

    yield from each(res.index.of_type(MWAA), build)


def access_logs(res: AwsResources) -> Iterator[Item]:
    """S3 (logging.s3.amazonaws.com) delivers each source bucket's access logs to its target."""

    def build(logging: ResourceView) -> list[Flow]:
        target = res.bucket(logging.need("targetBucket"))
        source = res.bucket(logging.need("bucket"))
        if target is None:
            return []
        source_arn = source.arn if source else arns.s3_bucket(str(logging.need("bucket")))
        prefix = str(logging.need("targetPrefix") or "")
        context = {**TLS, "aws:SourceArn": source_arn, "aws:SourceAccount": res.account}
        put = Request(
            "logging.s3.amazonaws.com",
            "s3:PutObject",
            f"{target.arn}/{prefix}{SAMPLE_OBJECT}",
            context,
        )
        # S3 UG, server access logging: "the destination bucket ... default encryption ...
        # only SSE-S3"; logs are not delivered into an SSE-KMS target.
        blocked = (
            f"the target bucket [{target.view.name}] encrypts by default with SSE-KMS; S3 "
            "delivers server access logs only to SSE-S3 targets"
            if target.key_arn
            else None
        )
        source_name = arns.bucket_name(source_arn) or source_arn
        label = f"S3 delivers the access logs of {source_name} to bucket [{target.view.name}]"
        owner = source.view if source else logging
        return [
            Flow(
                "access-log-delivery",
                label,
                owner,
                (),
                (Step(put, target.policy, target.holder),),
                blocked=blocked,
            )
        ]

    yield from each(res.index.of_type(*LOGGING), build)


def flow_logs(res: AwsResources) -> Iterator[Item]:
    """Each VPC flow log to CloudWatch Logs: the service assumes the delivery role, which
    creates streams and puts events; CloudWatch Logs encrypts with the group's key."""

    def build(flow_log: ResourceView) -> list[Flow]:
        if (flow_log.get("logDestinationType") or "cloud-watch-logs") != "cloud-watch-logs":
            return []
        role = res.role(flow_log.need("iamRoleArn") or flow_log.need("deliverLogsPermissionArn"))
        group = res.find(
            (LOG_GROUP,), flow_log.need("logDestination") or flow_log.need("logGroupName")
        )
        if role is None or group is None:
            return []
        group_arn = str(group.output("arn"))
        flow_log_arn = arns.vpc_flow_log(res.region, res.account, str(flow_log.output("id")))
        steps = [
            assume(
                "vpc-flow-logs.amazonaws.com",
                role,
                {"aws:SourceAccount": res.account, "aws:SourceArn": flow_log_arn},
            )
        ]
        stream = f"{group_arn}:log-stream:{SAMPLE_OBJECT}"
        for action, resource in (
            ("logs:CreateLogStream", group_arn),
            ("logs:DescribeLogStreams", group_arn),
            ("logs:PutLogEvents", stream),
        ):
            steps.append(Step(Request(role.arn, action, resource, {})))
        context = {
            "kms:EncryptionContext:aws:logs:arn": group_arn,
            "aws:SourceAccount": res.account,
        }
        steps += kms_steps(
            res,
            f"logs.{res.region}.amazonaws.com",
            group.get("kmsKeyId"),
            ("kms:GenerateDataKey", "kms:Decrypt"),
            context,
        )
        return [
            role_flow(
                "flow-log-delivery",
                f"VPC flow log [{flow_log.name}] writes log group [{group.name}]",
                flow_log,
                role,
                steps,
            )
        ]

    yield from each(res.index.of_type(FLOW_LOG), build)


def event_topics(res: AwsResources) -> Iterator[Item]:
    """EventBridge (events.amazonaws.com) publishes each rule's events to its SNS target."""

    def build(target: ResourceView) -> list[Flow]:
        topic = res.topic(target.need("arn"))
        rule = res.find((EVENT_RULE,), target.need("rule"))
        if topic is None or target.get("roleArn"):
            return []
        rule_arn = (
            str(rule.output("arn"))
            if rule
            else arns.event_rule(res.region, res.account, str(target.get("rule")))
        )
        context = {"aws:SourceArn": rule_arn, "aws:SourceAccount": res.account}
        steps = publish_steps(res, "events.amazonaws.com", topic, context)
        rule_name = rule.name if rule else target.get("rule")
        label = f"EventBridge rule [{rule_name}] publishes to topic [{topic.view.name}]"
        return [Flow("event-publish", label, topic.view, (), steps)]

    yield from each(res.index.of_type(EVENT_TARGET), build)


def all_flows(res: AwsResources, ctx: Context) -> Iterator[Item]:
    """Every flow of the program (or a not-evaluated finding where a source is unknown)."""
    for builder in (
        storage_integrations,
        crawlers,
        glue_jobs,
        mwaa,
        access_logs,
        flow_logs,
        event_topics,
        alarm_topics,
        budget_topics,
        snowflake_topics,
        replication,
    ):
        yield from builder(res)
    yield from deployer_flows(res, ctx)
