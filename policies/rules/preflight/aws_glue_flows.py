"""Glue's data paths: each crawler's role reads its S3 targets; each job's role reads its
script and its read arguments, writes its write arguments with the key its security
configuration names for S3 (SSE-KMS writes send `s3:x-amz-server-side-encryption-aws-kms-key-id`,
which a bucket policy may refuse), encrypts its bookmarks (CSE-KMS) and its logs.

Which job arguments are written is a naming convention (WRITE_ARGUMENT_WORDS in the argument
name: `--target_path`, `--output`, `--TempDir`); every other `s3://` argument is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.values import as_list
from ..core.view import ResourceView
from ..facts import arns
from ..facts.tokens import GLUE_CRAWLER, GLUE_JOB
from .aws_resources import SECURITY_CONFIGURATION, AwsResources
from .aws_steps import (
    SAMPLE_OBJECT,
    Flow,
    Item,
    Step,
    each,
    kms_steps,
    role_flow,
    s3_location,
    s3_read,
    s3_write,
)
from .iam_evaluation import Request

CRAWLER = GLUE_CRAWLER
JOB = GLUE_JOB
# Glue job arguments naming where a job writes (the others are read): a naming convention.
WRITE_ARGUMENT_WORDS = ("target", "output", "dest", "sink", "tempdir")


def crawlers(res: AwsResources) -> Iterator[Item]:
    """Each Glue crawler's role lists and reads each S3 target."""

    def build(crawler: ResourceView) -> list[Flow]:
        role = res.role(crawler.need("role"))
        flows = []
        for target in as_list(crawler.need("s3Targets")):
            location = s3_location(target.get("path") if isinstance(target, dict) else None)
            bucket = res.bucket(location[0]) if location else None
            if role is None or bucket is None or location is None:
                continue
            prefix = (
                location[1] if not location[1] or location[1].endswith("/") else location[1] + "/"
            )
            label = f"Glue crawler [{crawler.name}] reads s3://{location[0]}/{location[1]}"
            flows.append(
                role_flow(
                    "crawler-read", label, crawler, role, s3_read(res, role.arn, bucket, prefix)
                )
            )
        return flows

    yield from each(res.index.of_type(CRAWLER), build)


def _security_configuration(res: AwsResources, name: Any) -> dict[str, Any]:
    view = res.find((SECURITY_CONFIGURATION,), name)
    config = view.need("encryptionConfiguration") if view is not None else None
    return config if isinstance(config, dict) else {}


def glue_jobs(res: AwsResources) -> Iterator[Item]:
    """Each Glue job's role reads its script and read arguments, writes its write arguments
    with the security configuration's S3 key, and uses its bookmark and log keys."""

    def build(job: ResourceView) -> list[Flow]:
        role = res.role(job.need("roleArn"))
        if role is None:
            return []
        config = _security_configuration(res, job.need("securityConfiguration"))
        s3 = (as_list(config.get("s3Encryption")) or [{}])[0]
        mode = s3.get("s3EncryptionMode") if isinstance(s3, dict) else None
        sse = {"SSE-KMS": "aws:kms", "SSE-S3": "AES256"}.get(str(mode))
        write_key = s3.get("kmsKeyArn") if sse == "aws:kms" else None
        flows: list[Flow] = []
        script = s3_location((job.need("command") or {}).get("scriptLocation"))
        arguments = job.need("defaultArguments") or {}
        reads = [("script", script)] if script else []
        writes: list[tuple[str, tuple[str, str]]] = []
        for name, value in sorted(arguments.items()):
            location = s3_location(value)
            if location is not None:
                words = name.lower()
                (writes if any(w in words for w in WRITE_ARGUMENT_WORDS) else reads).append(
                    (name, location)
                )
        for what, (bucket_name, path) in reads:
            bucket = res.bucket(bucket_name)
            if bucket is not None:
                is_prefix = path == "" or path.endswith("/")
                steps = s3_read(
                    res, role.arn, bucket, path if is_prefix else None, None if is_prefix else path
                )
                label = f"Glue job [{job.name}] reads {what} s3://{bucket_name}/{path}"
                flows.append(role_flow("glue-job-read", label, job, role, steps))
        for what, (bucket_name, path) in writes:
            bucket = res.bucket(bucket_name)
            if bucket is not None:
                steps = s3_write(res, role.arn, bucket, f"{path}{SAMPLE_OBJECT}", sse, write_key)
                label = f"Glue job [{job.name}] writes {what} s3://{bucket_name}/{path}"
                flows.append(role_flow("glue-job-write", label, job, role, steps))
        flows += _glue_keys(res, job, role, config, arguments)
        return flows

    yield from each(res.index.of_type(JOB), build)


def _glue_keys(
    res: AwsResources,
    job: ResourceView,
    role: Any,
    config: dict[str, Any],
    arguments: dict[str, Any],
) -> list[Flow]:
    flows = []
    bookmarks = (as_list(config.get("jobBookmarksEncryption")) or [{}])[0]
    enabled = arguments.get("--job-bookmark-option") == "job-bookmark-enable"
    if (
        enabled
        and isinstance(bookmarks, dict)
        and bookmarks.get("jobBookmarksEncryptionMode") == "CSE-KMS"
    ):
        # Client-side encryption with the role's own credentials (research item 5, Glue
        # "Setting up encryption": the bookmark role needs Encrypt, Decrypt, GenerateDataKey).
        actions = ("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey")
        steps = kms_steps(
            res, role.arn, bookmarks.get("kmsKeyArn"), actions, {"kms:CallerAccount": res.account}
        )
        flows.append(
            role_flow(
                "glue-job-bookmarks",
                f"Glue job [{job.name}] encrypts its bookmarks",
                job,
                role,
                steps,
            )
        )
    logs = (as_list(config.get("cloudwatchEncryption")) or [{}])[0]
    if isinstance(logs, dict) and logs.get("cloudwatchEncryptionMode") == "SSE-KMS":
        # A sample group under /aws-glue/jobs/ (Glue names it after the configuration and role).
        name = f"/aws-glue/jobs/{job.get('securityConfiguration')}-role/{role.view.get('name')}"
        group = arns.log_groups(res.region, res.account, f"{name}/output")
        steps = [Step(Request(role.arn, "logs:AssociateKmsKey", group, {}))]
        context = {"kms:EncryptionContext:aws:logs:arn": group, "aws:SourceAccount": res.account}
        steps += kms_steps(
            res,
            f"logs.{res.region}.amazonaws.com",
            logs.get("kmsKeyArn"),
            ("kms:GenerateDataKey", "kms:Decrypt"),
            context,
        )
        flows.append(
            role_flow(
                "glue-job-logs", f"Glue job [{job.name}] writes encrypted logs", job, role, steps
            )
        )
    return flows
