"""The replication role's policy: exactly the permissions AWS documents, no more."""

from __future__ import annotations

from components.storage.replication_iam import ReplicationPath, replication_policy

SRC_KEY = "arn:aws:kms:eu-west-1:111122223333:key/src"
DST_KEY = "arn:aws:kms:eu-central-1:111122223333:key/dst"
PATH = ReplicationPath("src", SRC_KEY, "eu-west-1", "dst", DST_KEY, "eu-central-1")


def test_the_policy_is_the_documented_sse_kms_replication_policy():
    assert replication_policy(PATH)["Statement"] == [
        {
            "Sid": "ReadSourceReplicationConfiguration",
            "Effect": "Allow",
            "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"],
            "Resource": "arn:aws:s3:::src",
        },
        {
            "Sid": "ReadSourceObjectVersions",
            "Effect": "Allow",
            "Action": [
                "s3:GetObjectVersionForReplication",
                "s3:GetObjectVersionAcl",
                "s3:GetObjectVersionTagging",
            ],
            "Resource": "arn:aws:s3:::src/*",
        },
        {
            "Sid": "WriteReplicas",
            "Effect": "Allow",
            "Action": ["s3:ReplicateObject", "s3:ReplicateTags"],
            "Resource": "arn:aws:s3:::dst/*",
        },
        {
            "Sid": "DecryptWithSourceKey",
            "Effect": "Allow",
            "Action": "kms:Decrypt",
            "Resource": SRC_KEY,
            "Condition": {
                "StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"},
                "StringLike": {
                    "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::src", "arn:aws:s3:::src/*"]
                },
            },
        },
        {
            "Sid": "EncryptWithReplicaKey",
            "Effect": "Allow",
            # Decrypt: S3 verifies the replica bucket's Bucket Key with it (S3 UG).
            "Action": ["kms:Encrypt", "kms:Decrypt"],
            "Resource": DST_KEY,
            "Condition": {
                "StringEquals": {"kms:ViaService": "s3.eu-central-1.amazonaws.com"},
                "StringLike": {
                    "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::dst", "arn:aws:s3:::dst/*"]
                },
            },
        },
    ]


def test_object_lock_adds_retention_and_legal_hold_reads():
    path = ReplicationPath("src", SRC_KEY, "eu-west-1", "dst", DST_KEY, "eu-central-1", True)
    reads = replication_policy(path)["Statement"][1]["Action"]
    assert reads[-2:] == ["s3:GetObjectRetention", "s3:GetObjectLegalHold"]


def test_replicate_delete_only_when_delete_markers_replicate():
    assert "s3:ReplicateDelete" not in str(replication_policy(PATH))
    path = ReplicationPath(
        "src", SRC_KEY, "eu-west-1", "dst", DST_KEY, "eu-central-1", delete_markers=True
    )
    assert replication_policy(path)["Statement"][2]["Action"] == [
        "s3:ReplicateObject",
        "s3:ReplicateDelete",
        "s3:ReplicateTags",
    ]
