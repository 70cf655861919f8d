"""The S3 replication role's documents, as pure functions of names, ARNs and regions.

The permissions are the ones the S3 User Guide lists for replicating SSE-KMS objects
("Replicating encrypted objects", "Setting up permissions for live replication"):
read the source's replication configuration and list it; read each object version for
replication with its ACL and tags; replicate objects and tags into the replica; decrypt
with the source key and encrypt with the replica key, each only through S3 in its own
region (`kms:ViaService`) and only for its own bucket (`kms:EncryptionContext:aws:s3:arn`).

With S3 Bucket Keys on (every lake bucket has them), the encryption context is the
bucket's ARN rather than the object's, so the condition admits both the bucket ARN and
its objects (objects written before bucket keys were on carry the object ARN); and the
replica key must also allow `kms:Decrypt`, with which S3 verifies the replica bucket's
Bucket Key (S3 UG, "Amazon S3 Bucket Keys and replication"; source:
awsdocs/amazon-s3-userguide replication-config-for-kms-objects.md, whose example access
policy this one follows, less `s3:ReplicateDelete`).

`s3:ReplicateDelete` is granted only when delete markers are replicated; the lake does
not replicate them (a delete on the source must not hide the replica's current version).
Object-locked sources also need `s3:GetObjectRetention` and `s3:GetObjectLegalHold`
(S3 UG, "Configuring Object Lock with replication"), so the replica keeps the lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policies.rules.facts import arns

Statement = dict[str, Any]


@dataclass(frozen=True)
class ReplicationPath:
    """The two ends of one zone's replication.

    Attributes:
        source_bucket: The source bucket's name.
        source_key_arn: The source zone's key (decrypts what is read).
        source_region: The source bucket's region.
        replica_bucket: The replica bucket's name.
        replica_key_arn: The replica's own key (encrypts what is written).
        replica_region: The replica bucket's region.
        object_lock: The source has object lock (retention and legal holds are copied).
            Defaults to False.
        delete_markers: Delete markers are replicated too. Defaults to False.
    """

    source_bucket: str
    source_key_arn: str
    source_region: str
    replica_bucket: str
    replica_key_arn: str
    replica_region: str
    object_lock: bool = False
    delete_markers: bool = False


def trust_policy() -> dict[str, Any]:
    """S3 assumes the role. No condition: the S3 User Guide's replication trust has none and
    nothing documents that S3 sends `aws:SourceAccount` when it assumes the role (a
    condition on an unsent key would stop every replication;
    policies/rules/journeys/service_requests.py). Who may pass the role (iam:PassRole)
    confines it."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "s3.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }


def replication_policy(path: ReplicationPath) -> dict[str, Any]:
    """What S3 needs to copy the source's object versions into the replica, and no more."""
    source = arns.s3_bucket(path.source_bucket)
    replica = arns.s3_bucket(path.replica_bucket)
    read = [
        "s3:GetObjectVersionForReplication",
        "s3:GetObjectVersionAcl",
        "s3:GetObjectVersionTagging",
    ]
    if path.object_lock:
        read += ["s3:GetObjectRetention", "s3:GetObjectLegalHold"]
    write = ["s3:ReplicateObject", "s3:ReplicateTags"]
    if path.delete_markers:
        write.insert(1, "s3:ReplicateDelete")
    statements: list[Statement] = [
        {
            "Sid": "ReadSourceReplicationConfiguration",
            "Effect": "Allow",
            "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"],
            "Resource": source,
        },
        {
            "Sid": "ReadSourceObjectVersions",
            "Effect": "Allow",
            "Action": read,
            "Resource": arns.s3_objects(path.source_bucket),
        },
        {
            "Sid": "WriteReplicas",
            "Effect": "Allow",
            "Action": write,
            "Resource": arns.s3_objects(path.replica_bucket),
        },
        _key_statement(
            "DecryptWithSourceKey", "kms:Decrypt", path.source_key_arn, path.source_region, source
        ),
        _key_statement(
            "EncryptWithReplicaKey",
            ["kms:Encrypt", "kms:Decrypt"],
            path.replica_key_arn,
            path.replica_region,
            replica,
        ),
    ]
    return {"Version": "2012-10-17", "Statement": statements}


def _key_statement(
    sid: str, action: str | list[str], key_arn: str, region: str, bucket: str
) -> Statement:
    return {
        "Sid": sid,
        "Effect": "Allow",
        "Action": action,
        "Resource": key_arn,
        "Condition": {
            "StringEquals": {"kms:ViaService": f"s3.{region}.amazonaws.com"},
            "StringLike": {"kms:EncryptionContext:aws:s3:arn": [bucket, f"{bucket}/*"]},
        },
    }
