"""S3 replication as a data path: S3 assumes the configuration's role, which reads each
object version of the source (with its retention and legal hold when object-locked),
decrypting with the source key through S3 in the source's region, and writes the replica,
encrypting with the replica key through S3 in the replica's region. The writes carry the
replica key's id as the SSE header, so a replica bucket policy that denies other keys on
the replication actions must admit its own.

The requests are the ones the S3 User Guide lists for replicating SSE-KMS objects
("Replicating encrypted objects", awsdocs/amazon-s3-userguide
replication-config-for-kms-objects.md); with S3 Bucket Keys the encryption context is the
bucket ARN, and a replica bucket with a Bucket Key also needs `kms:Decrypt` on the replica
key ("The call to kms:Decrypt verifies the integrity of the S3 Bucket Key before using
it"). Each bucket's region is its own `region` input (pulumi-aws v7), else the provider's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..aws.s3_resources import ENCRYPTION, REPLICATION
from ..core.values import as_list
from ..core.view import ResourceView
from ..journeys.service_requests import context_for
from .aws_resources import AwsResources, Keyed
from .aws_steps import SAMPLE_OBJECT, TLS, Flow, Item, Step, assume, each, kms_steps, role_flow
from .iam_evaluation import Request

SOURCE_READS = (
    "s3:GetObjectVersionForReplication",
    "s3:GetObjectVersionAcl",
    "s3:GetObjectVersionTagging",
)
# An object-locked source also lends its retention and legal holds to the replica (S3 UG,
# "Configuring Object Lock with replication").
LOCK_READS = ("s3:GetObjectRetention", "s3:GetObjectLegalHold")
REPLICA_WRITES = ("s3:ReplicateObject", "s3:ReplicateTags")


def _region(res: AwsResources, bucket: Keyed) -> str:
    region = bucket.view.get("region")
    return region if isinstance(region, str) and region else res.region


def _kms_context(res: AwsResources, region: str, bucket: Keyed) -> dict[str, Any]:
    return {
        "kms:ViaService": f"s3.{region}.amazonaws.com",
        "kms:CallerAccount": res.account,
        "kms:EncryptionContext:aws:s3:arn": bucket.arn,
    }


def _bucket_key_enabled(res: AwsResources, bucket: Keyed) -> bool:
    """True when the bucket's default encryption uses an S3 Bucket Key."""
    idents = (bucket.view.get("bucket"), bucket.view.output("id"), bucket.view.urn)
    return any(
        rule.get("bucketKeyEnabled") is True
        for config in res.parts(ENCRYPTION[0], *idents)
        for rule in as_list(config.get("rules"))
        if isinstance(rule, dict)
    )


def replication(res: AwsResources) -> Iterator[Item]:
    """Each enabled rule of each replication configuration, as one flow."""

    def build(config: ResourceView) -> list[Flow]:
        role = res.role(config.need("role"))
        source = res.bucket(config.need("bucket"))
        if role is None or source is None:
            return []
        flows = []
        for rule in as_list(config.need("rules")):
            if not isinstance(rule, dict) or rule.get("status") != "Enabled":
                continue
            destination = rule.get("destination") or {}
            replica = res.bucket(destination.get("bucket"))
            if replica is None:
                continue
            replica_key = (destination.get("encryptionConfiguration") or {}).get(
                "replicaKmsKeyId"
            ) or replica.key_arn
            source_keys = {"aws:SourceAccount": res.account, "aws:SourceArn": source.arn}
            trust = context_for("s3.amazonaws.com", "sts:AssumeRole", source_keys)
            steps = [assume("s3.amazonaws.com", role, trust)]
            steps += [
                Step(Request(role.arn, a, source.arn, dict(TLS)), source.policy, source.holder)
                for a in ("s3:GetReplicationConfiguration", "s3:ListBucket")
            ]
            source_object = f"{source.arn}/{SAMPLE_OBJECT}"
            locked = source.view.get("objectLockEnabled") is True
            steps += [
                Step(Request(role.arn, a, source_object, dict(TLS)), source.policy, source.holder)
                for a in SOURCE_READS + (LOCK_READS if locked else ())
            ]
            steps += kms_steps(
                res,
                role.arn,
                source.key_arn,
                ("kms:Decrypt",),
                _kms_context(res, _region(res, source), source),
            )
            header = {
                **TLS,
                "s3:x-amz-server-side-encryption": "aws:kms",
                "s3:x-amz-server-side-encryption-aws-kms-key-id": replica_key,
            }
            replica_object = f"{replica.arn}/{SAMPLE_OBJECT}"
            steps += [
                Step(
                    Request(role.arn, a, replica_object, dict(header)),
                    replica.policy,
                    replica.holder,
                )
                for a in REPLICA_WRITES
            ]
            replica_kms = ("kms:Encrypt", "kms:Decrypt")
            steps += kms_steps(
                res,
                role.arn,
                replica_key,
                replica_kms if _bucket_key_enabled(res, replica) else replica_kms[:1],
                _kms_context(res, _region(res, replica), replica),
            )
            label = (
                f"S3 replicates bucket [{source.view.name}] to bucket [{replica.view.name}] "
                f"(role [{role.view.name}])"
            )
            flows.append(role_flow("s3-replication", label, config, role, steps))
        return flows

    yield from each(res.index.of_type(*REPLICATION), build)
