"""`dataplat bootstrap`: create or verify the Pulumi state backend (S3 bucket + KMS key).

The state of every stack, and the key that encrypts its secrets, must exist before
the first `pulumi up`, so they cannot be resources of the program itself. This
command creates them with boto3 (standard credential chain) and is idempotent:
each setting is read first and written only when it differs, and a second run
reports that nothing changed.

The bucket gets: versioning; default encryption SSE-KMS with the key and an S3
bucket key; a public access block with all four flags; BucketOwnerEnforced object
ownership (ACLs off); a bucket policy statement denying non-TLS requests (added to
an existing policy, never replacing it); a lifecycle rule expiring noncurrent
versions after --noncurrent-days (default 90) and aborting stale multipart uploads.
The key: symmetric, automatic rotation on (read back after turning it on), reachable by
--key-alias (default alias/pulumi-state). Then it prints the `pulumi login` and
`--secrets-provider` lines to use.

Checked, never changed (scripts/bootstrap/checks.py): an existing key must be enabled (a
key disabled or pending deletion is refused with the commands that bring it back) and
customer-managed; an Allow of the bucket policy to another account, to everyone or to
federated identities is a warning on standard error (kept: it may be intended);
--noncurrent-days must be 1 to 36500 (S3's rule; a warning below 30).

Exit codes: 0 the backend exists as described (created, fixed or already right; warnings
do not change it); 2 bad input or AWS refused (no credentials, bucket owned by another
account, a state key not enabled, --noncurrent-days out of range, ...).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from policies.rules.facts import arns
from scripts.bootstrap.checks import (
    check_key_state,
    check_noncurrent_days,
    foreign_grants,
)
from scripts.errors import EXIT_BAD_INPUT, EXIT_OK, UserError

TLS_SID = "DenyInsecureTransport"
LIFECYCLE_ID = "expire-noncurrent-versions"
PAB = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `dataplat bootstrap`."""
    parser.add_argument("--bucket", required=True, help="name of the state bucket")
    parser.add_argument("--region", required=True, help="AWS region of the bucket and key")
    parser.add_argument(
        "--key-alias",
        default="alias/pulumi-state",
        help="alias of the KMS key (default: alias/pulumi-state)",
    )
    parser.add_argument(
        "--noncurrent-days",
        type=int,
        default=90,
        help="days to keep noncurrent state versions, 1 to 36500 (default: 90)",
    )


def run(args: argparse.Namespace) -> int:
    """Bootstrap and print what changed and the next commands."""
    if not args.key_alias.startswith("alias/"):
        print(
            f"dataplat bootstrap: --key-alias {args.key_alias!r} must start with alias/",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    warnings: list[str] = []
    try:
        warnings += check_noncurrent_days(args.noncurrent_days)
        changes = bootstrap(
            args.bucket, args.region, args.key_alias, args.noncurrent_days, warnings
        )
    except UserError as exc:
        print(f"dataplat bootstrap: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for warning in warnings:
        print(f"dataplat bootstrap: warning: {warning}", file=sys.stderr)
    for change in changes:
        print(f"changed: {change}")
    if not changes:
        print(f"nothing changed: s3://{args.bucket} and {args.key_alias} are already as required")
    print()
    for line in next_steps(args.bucket, args.region, args.key_alias):
        print(line)
    return EXIT_OK


def next_steps(bucket: str, region: str, alias: str) -> list[str]:
    """The commands that use the backend."""
    return [
        "Use it with:",
        f"  pulumi login 's3://{bucket}?region={region}&awssdk=v2'",
        f"  pulumi stack init <stack> --secrets-provider 'awskms://{alias}?region={region}'",
    ]


def bootstrap(
    bucket: str,
    region: str,
    alias: str,
    noncurrent_days: int = 90,
    warnings: list[str] | None = None,
) -> list[str]:
    """Create or fix the key and bucket; the list of changes made (empty: none needed).
    What is checked but left alone is appended to `warnings`."""
    check_noncurrent_days(noncurrent_days)
    warnings = [] if warnings is None else warnings
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    session = boto3.Session(region_name=region)
    try:
        account = session.client("sts").get_caller_identity()["Account"]
        changes: list[str] = []
        key_arn = _key(session.client("kms"), alias, changes)
        s3 = session.client("s3")
        _bucket(s3, bucket, region, key_arn, account, noncurrent_days, changes)
        warnings += foreign_grants(_get(s3.get_bucket_policy, bucket, "Policy", None), account)
        return changes
    except NoCredentialsError:
        raise UserError(
            "no AWS credentials found (environment, profile, SSO or instance role); "
            "set AWS_PROFILE or run `aws sso login`"
        ) from None
    except ClientError as exc:
        error = exc.response.get("Error", {})
        raise UserError(
            f"AWS refused {exc.operation_name}: {error.get('Code')}: {error.get('Message')}"
        ) from None
    except BotoCoreError as exc:
        raise UserError(f"AWS SDK error: {exc}") from None


def _key(kms: Any, alias: str, changes: list[str]) -> str:
    try:
        meta = kms.describe_key(KeyId=alias)["KeyMetadata"]
    except kms.exceptions.NotFoundException:
        meta = kms.create_key(
            Description="Encrypts Pulumi stack secrets (dataplat bootstrap)",
            KeyUsage="ENCRYPT_DECRYPT",
            KeySpec="SYMMETRIC_DEFAULT",
            Tags=[{"TagKey": "purpose", "TagValue": "pulumi-state"}],
        )["KeyMetadata"]
        kms.create_alias(AliasName=alias, TargetKeyId=meta["KeyId"])
        changes.append(f"created KMS key {meta['Arn']} with {alias}")
    check_key_state(meta, alias)
    if not kms.get_key_rotation_status(KeyId=meta["KeyId"])["KeyRotationEnabled"]:
        kms.enable_key_rotation(KeyId=meta["KeyId"])
        if not kms.get_key_rotation_status(KeyId=meta["KeyId"])["KeyRotationEnabled"]:
            raise UserError(f"rotation of {alias} stays off after EnableKeyRotation")
        changes.append(f"enabled rotation of {alias}")
    return str(meta["Arn"])


def _bucket(
    s3: Any, name: str, region: str, key_arn: str, account: str, days: int, changes: list[str]
) -> None:
    from botocore.exceptions import ClientError

    try:
        s3.head_bucket(Bucket=name, ExpectedBucketOwner=account)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code")
        if code in ("403", "AccessDenied", "Forbidden"):
            raise UserError(f"bucket {name} exists but is not this account's ({account})") from None
        if code not in ("404", "NoSuchBucket", "NotFound"):
            raise
        config = (
            {}
            if region == "us-east-1"
            else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        )
        s3.create_bucket(Bucket=name, ObjectOwnership="BucketOwnerEnforced", **config)
        changes.append(f"created bucket s3://{name} in {region}")
    _settings(s3, name, key_arn, days, changes)


def _settings(s3: Any, name: str, key_arn: str, days: int, changes: list[str]) -> None:
    if s3.get_bucket_versioning(Bucket=name).get("Status") != "Enabled":
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        changes.append("enabled versioning")
    wanted_sse = {
        "ApplyServerSideEncryptionByDefault": {
            "SSEAlgorithm": "aws:kms",
            "KMSMasterKeyID": key_arn,
        },
        "BucketKeyEnabled": True,
    }
    rules = _get(s3.get_bucket_encryption, name, "ServerSideEncryptionConfiguration", {}).get(
        "Rules", []
    )
    if not any(_same_sse(r, wanted_sse) for r in rules):
        s3.put_bucket_encryption(
            Bucket=name, ServerSideEncryptionConfiguration={"Rules": [wanted_sse]}
        )
        changes.append(f"set default encryption SSE-KMS with {key_arn} and a bucket key")
    pab = _get(s3.get_public_access_block, name, "PublicAccessBlockConfiguration", {})
    if not all(pab.get(flag) is True for flag in PAB):
        s3.put_public_access_block(
            Bucket=name, PublicAccessBlockConfiguration={flag: True for flag in PAB}
        )
        changes.append("blocked all public access (four flags)")
    ownership = _get(s3.get_bucket_ownership_controls, name, "OwnershipControls", {})
    if [r.get("ObjectOwnership") for r in ownership.get("Rules", [])] != ["BucketOwnerEnforced"]:
        s3.put_bucket_ownership_controls(
            Bucket=name,
            OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        )
        changes.append("set object ownership BucketOwnerEnforced (ACLs off)")
    _tls_policy(s3, name, changes)
    _lifecycle(s3, name, days, changes)


def tls_statement(bucket: str) -> dict[str, Any]:
    """The statement denying every request to the bucket that does not use TLS."""
    return {
        "Sid": TLS_SID,
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [arns.s3_bucket(bucket), arns.s3_objects(bucket)],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def _tls_policy(s3: Any, name: str, changes: list[str]) -> None:
    raw = _get(s3.get_bucket_policy, name, "Policy", None)
    policy: dict[str, Any] = json.loads(raw) if raw else {"Version": "2012-10-17", "Statement": []}
    others = [s for s in policy.get("Statement", []) if s.get("Sid") != TLS_SID]
    ours = [s for s in policy.get("Statement", []) if s.get("Sid") == TLS_SID]
    if ours == [tls_statement(name)]:
        return
    policy["Statement"] = [*others, tls_statement(name)]
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
    changes.append("added the TLS-only deny to the bucket policy")


def lifecycle_rule(days: int) -> dict[str, Any]:
    """Expire noncurrent versions after `days`; abort multipart uploads after 7 days."""
    return {
        "ID": LIFECYCLE_ID,
        "Status": "Enabled",
        "Filter": {"Prefix": ""},
        "NoncurrentVersionExpiration": {"NoncurrentDays": days},
        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
    }


def _lifecycle(s3: Any, name: str, days: int, changes: list[str]) -> None:
    rules = _get(s3.get_bucket_lifecycle_configuration, name, "Rules", [])
    ours = [r for r in rules if r.get("ID") == LIFECYCLE_ID]
    wanted = lifecycle_rule(days)
    if len(ours) == 1 and all(ours[0].get(k) == v for k, v in wanted.items()):
        return
    others = [r for r in rules if r.get("ID") != LIFECYCLE_ID]
    s3.put_bucket_lifecycle_configuration(
        Bucket=name, LifecycleConfiguration={"Rules": [*others, wanted]}
    )
    changes.append(f"set lifecycle: noncurrent versions expire after {days} days")


def _same_sse(rule: dict[str, Any], wanted: dict[str, Any]) -> bool:
    default = rule.get("ApplyServerSideEncryptionByDefault", {})
    want = wanted["ApplyServerSideEncryptionByDefault"]
    return (
        default.get("SSEAlgorithm") == want["SSEAlgorithm"]
        and default.get("KMSMasterKeyID") == want["KMSMasterKeyID"]
        and rule.get("BucketKeyEnabled") is True
    )


def _get(call: Any, bucket: str, key: str, missing: Any) -> Any:
    """`call(Bucket=bucket)[key]`, or `missing` when the bucket has no such configuration."""
    from botocore.exceptions import ClientError

    try:
        return call(Bucket=bucket)[key]
    except ClientError as exc:
        code = str(exc.response.get("Error", {}).get("Code", ""))
        if code.startswith("NoSuch") or code.endswith("NotFoundError") or code.endswith("NotFound"):
            return missing
        raise
