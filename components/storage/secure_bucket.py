"""A secure-by-default S3 bucket on pulumi-aws v7's split bucket resources."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from components.protection import Protection
from components.storage import secure_bucket_iam
from components.storage.s3_lifecycle import LifecyclePolicy, lifecycle_rules


@dataclass(frozen=True)
class ObjectLock:
    """Default object-lock retention (write once, read many).

    Attributes:
        mode: GOVERNANCE (privileged users may shorten it) or COMPLIANCE (nobody may).
        days: Retention of every new object version.
    """

    mode: str
    days: int


@dataclass(frozen=True)
class AccessLogDelivery:
    """Makes the bucket a server-access-log target for the named source buckets.

    S3 cannot deliver server access logs to a bucket whose default encryption is
    SSE-KMS, nor to one with object lock, so such a bucket uses SSE-S3.

    Attributes:
        account_id: The account of the source buckets.
        source_bucket_arns: ARNs (wildcards allowed) of the buckets whose logs may
            be delivered here.
    """

    account_id: str
    source_bucket_arns: Sequence[str]


@dataclass(frozen=True)
class SecureBucketArgs:
    """Inputs of a SecureBucket.

    Attributes:
        bucket_name: The physical name (from `Naming.bucket`).
        tags: The mandatory tags (from `MandatoryTags.for_data`).
        kms_key_arn: The customer-managed key of default SSE-KMS encryption, with
            bucket keys. Required unless `access_log_delivery` is set.
        access_log_delivery: Makes this an access-log target with SSE-S3 instead.
            Defaults to None.
        access_log_bucket: The bucket that receives this bucket's server access logs.
            Defaults to None (only the log bucket itself should go without).
        lifecycle: Lifecycle rules. Defaults to `LifecyclePolicy()`.
        object_lock: Default object-lock retention; forces a new bucket when changed
            from None. Defaults to None.
        enable_deny_unencrypted_uploads: Also deny uploads without an encryption
            header (see `components.storage.secure_bucket_iam`). Defaults to False.
        protection: Deletion safeguards of the bucket. Defaults to none.
        region: The region of the bucket and every part (pulumi-aws v7's per-resource
            `region`; a replica lives in another region than the provider's). Defaults
            to None: the provider's region.
    """

    bucket_name: str
    tags: Mapping[str, str]
    kms_key_arn: pulumi.Input[str] | None = None
    access_log_delivery: AccessLogDelivery | None = None
    access_log_bucket: pulumi.Input[str] | None = None
    lifecycle: LifecyclePolicy = field(default_factory=LifecyclePolicy)
    object_lock: ObjectLock | None = None
    enable_deny_unencrypted_uploads: bool = False
    protection: Protection = field(default_factory=Protection)
    region: str | None = None

    def __post_init__(self) -> None:
        where = f"SecureBucketArgs [{self.bucket_name}]"
        if (self.kms_key_arn is None) == (self.access_log_delivery is None):
            raise ValueError(
                f"{where}: set exactly one of kms_key_arn (data buckets) and "
                "access_log_delivery (the SSE-S3 access-log target)"
            )
        if self.access_log_delivery and self.object_lock:
            raise ValueError(f"{where}: an access-log target cannot use object_lock")
        if self.access_log_delivery and self.enable_deny_unencrypted_uploads:
            raise ValueError(
                f"{where}: enable_deny_unencrypted_uploads would block log delivery, "
                "which writes without encryption headers"
            )


class SecureBucket(pulumi.ComponentResource):
    """A bucket with every safeguard on, one split resource per concern.

    Ownership is BucketOwnerEnforced (ACLs off), all four public-access-block flags
    are on, versioning is on, default encryption is SSE-KMS with the given key and
    bucket keys, the bucket policy enforces TLS 1.2 and the key, server access logs go
    to the log bucket, and lifecycle rules clean up versions and failed uploads.

    `ready` lists the configuration resources an object upload must depend on;
    `versioning` is what a replication configuration must wait for (on both buckets).
    """

    bucket: aws.s3.Bucket
    name: pulumi.Output[str]
    arn: pulumi.Output[str]
    versioning: aws.s3.BucketVersioning
    ready: list[pulumi.Resource]

    def __init__(
        self, name: str, args: SecureBucketArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:storage:SecureBucket", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.bucket = aws.s3.Bucket(
            name,
            bucket=args.bucket_name,
            force_destroy=args.protection.force_destroy,
            object_lock_enabled=args.object_lock is not None,
            tags=dict(args.tags),
            region=args.region,
            opts=args.protection.options(self),
        )
        bucket_id = self.bucket.id
        ownership = aws.s3.BucketOwnershipControls(
            f"{name}-ownership",
            bucket=bucket_id,
            region=args.region,
            rule={"object_ownership": "BucketOwnerEnforced"},
            opts=child,
        )
        public_access = aws.s3.BucketPublicAccessBlock(
            f"{name}-public-access-block",
            bucket=bucket_id,
            region=args.region,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=child,
        )
        encryption = aws.s3.BucketServerSideEncryptionConfiguration(
            f"{name}-encryption",
            bucket=bucket_id,
            region=args.region,
            rules=[_encryption_rule(args.kms_key_arn)],
            opts=child,
        )
        versioning = aws.s3.BucketVersioning(
            f"{name}-versioning",
            bucket=bucket_id,
            region=args.region,
            versioning_configuration={"status": "Enabled"},
            opts=child,
        )
        policy = aws.s3.BucketPolicy(
            f"{name}-policy",
            bucket=bucket_id,
            region=args.region,
            policy=_policy_json(args),
            # S3 rejects concurrent bucket-configuration writes (OperationAborted), and
            # a policy written before the public-access block could be briefly public.
            opts=pulumi.ResourceOptions(parent=self, depends_on=[ownership, public_access]),
        )
        if args.access_log_bucket is not None:
            aws.s3.BucketLogging(
                f"{name}-access-logging",
                bucket=bucket_id,
                region=args.region,
                target_bucket=args.access_log_bucket,
                target_prefix=f"{args.bucket_name}/",
                target_object_key_format={
                    "partitioned_prefix": {"partition_date_source": "EventTime"}
                },
                opts=child,
            )
        # Noncurrent-version rules and object lock both need versioning in place first.
        after_versioning = pulumi.ResourceOptions(parent=self, depends_on=[versioning])
        aws.s3.BucketLifecycleConfiguration(
            f"{name}-lifecycle",
            bucket=bucket_id,
            region=args.region,
            rules=lifecycle_rules(args.lifecycle),
            opts=after_versioning,
        )
        if args.object_lock is not None:
            aws.s3.BucketObjectLockConfiguration(
                f"{name}-object-lock",
                bucket=bucket_id,
                region=args.region,
                rule={
                    "default_retention": {
                        "mode": args.object_lock.mode,
                        "days": args.object_lock.days,
                    }
                },
                opts=after_versioning,
            )
        self.name = self.bucket.bucket
        self.arn = self.bucket.arn
        self.versioning = versioning
        # An object written before these exist would land unencrypted, without a
        # version id, or while the bucket could still be public.
        self.ready = [ownership, public_access, encryption, versioning, policy]
        self.register_outputs({"name": self.name, "arn": self.arn})


def _encryption_rule(
    kms_key_arn: pulumi.Input[str] | None,
) -> aws.s3.BucketServerSideEncryptionConfigurationRuleArgsDict:
    if kms_key_arn is None:
        # Only the access-log target comes here: log delivery cannot write to SSE-KMS.
        return {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}
    return {
        "apply_server_side_encryption_by_default": {
            "sse_algorithm": "aws:kms",
            "kms_master_key_id": kms_key_arn,
        },
        # Bucket keys cut KMS requests (and their cost and throttling) by orders of magnitude.
        "bucket_key_enabled": True,
    }


def _policy_json(args: SecureBucketArgs) -> pulumi.Output[str]:
    name = args.bucket_name
    transport = secure_bucket_iam.transport_statements(name)
    if args.access_log_delivery is not None:
        delivery = args.access_log_delivery
        statements = [
            *transport,
            secure_bucket_iam.deny_ssec_statement(name),
            secure_bucket_iam.access_log_delivery_statement(
                name, delivery.account_id, delivery.source_bucket_arns
            ),
        ]
        return pulumi.Output.from_input(json.dumps(secure_bucket_iam.policy_document(statements)))
    return pulumi.Output.from_input(args.kms_key_arn).apply(
        lambda key_arn: json.dumps(
            secure_bucket_iam.policy_document(
                [
                    *transport,
                    *secure_bucket_iam.kms_upload_statements(
                        name, str(key_arn), args.enable_deny_unencrypted_uploads
                    ),
                ]
            )
        )
    )
