"""AWS API answers as plan-shaped resources, so the pack's own rules can judge them.

Each reader returns resource dicts `{type, name, inputs, outputs}` with the
pulumi-aws type token and the engine's camelCase property names the rules read
(e.g. an S3 bucket's default encryption becomes a
BucketServerSideEncryptionConfiguration with `rules[].applyServerSideEncryptionByDefault`).
A setting the account does not have is left out, as a program that never set it
would, so "no public access block" reads the same live as in a plan.
`in_scope(name, tags)` decides which resources belong to the platform.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from botocore.exceptions import ClientError

from policies.rules.facts import arns
from policies.rules.facts.tokens import (
    GLUE_SECURITY_CONFIGURATION,
    IAM_POLICY,
    IAM_ROLE,
    KMS_KEY,
    MWAA_ENVIRONMENT,
    SECRETSMANAGER_SECRET,
)

Resource = dict[str, Any]
InScope = Callable[[str, dict[str, str]], bool]
S3 = "aws:s3/"


def _res(type_: str, name: str, inputs: dict[str, Any], **outputs: Any) -> Resource:
    return {"type": type_, "name": name, "inputs": inputs, "outputs": dict(outputs)}


def _missing(call: Callable[..., Any], *, key: str, **kwargs: Any) -> Any:
    """`call(**kwargs)[key]`, None when the resource has no such configuration."""
    try:
        return call(**kwargs)[key]
    except ClientError as exc:
        code = str(exc.response.get("Error", {}).get("Code", ""))
        if code.startswith("NoSuch") or code.endswith(("NotFound", "NotFoundError")):
            return None
        raise


def s3_buckets(s3: Any, in_scope: InScope) -> Iterator[Resource]:
    """Each in-scope bucket and its parts (encryption, PAB, ownership, versioning, ...)."""
    for bucket in s3.list_buckets().get("Buckets", []):
        name = bucket["Name"]
        tag_set = _missing(s3.get_bucket_tagging, key="TagSet", Bucket=name) or []
        tags = {t["Key"]: t["Value"] for t in tag_set}
        if not in_scope(name, tags):
            continue
        yield from s3_bucket(s3, name, tags)


def s3_bucket(s3: Any, name: str, tags: dict[str, str]) -> Iterator[Resource]:
    """One bucket as the split resources of pulumi-aws v7."""
    yield _res(
        f"{S3}bucket:Bucket",
        name,
        {"bucket": name, "tags": tags},
        id=name,
        arn=arns.s3_bucket(name),
    )
    sse = _missing(s3.get_bucket_encryption, key="ServerSideEncryptionConfiguration", Bucket=name)
    if sse:
        rules = [
            {
                "applyServerSideEncryptionByDefault": {
                    "sseAlgorithm": r.get("ApplyServerSideEncryptionByDefault", {}).get(
                        "SSEAlgorithm"
                    ),
                    "kmsMasterKeyId": r.get("ApplyServerSideEncryptionByDefault", {}).get(
                        "KMSMasterKeyID"
                    ),
                },
                "bucketKeyEnabled": r.get("BucketKeyEnabled", False),
            }
            for r in sse.get("Rules", [])
        ]
        yield _part(
            "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            name,
            "encryption",
            {"rules": rules},
        )
    pab = _missing(s3.get_public_access_block, key="PublicAccessBlockConfiguration", Bucket=name)
    if pab is not None:
        yield _part(
            "bucketPublicAccessBlock:BucketPublicAccessBlock",
            name,
            "public-access-block",
            {k[0].lower() + k[1:]: v for k, v in pab.items()},
        )
    owner = _missing(s3.get_bucket_ownership_controls, key="OwnershipControls", Bucket=name)
    if owner:
        rule = (owner.get("Rules") or [{}])[0]
        yield _part(
            "bucketOwnershipControls:BucketOwnershipControls",
            name,
            "ownership",
            {"rule": {"objectOwnership": rule.get("ObjectOwnership")}},
        )
    status = s3.get_bucket_versioning(Bucket=name).get("Status", "Disabled")
    yield _part(
        "bucketVersioning:BucketVersioning",
        name,
        "versioning",
        {"versioningConfiguration": {"status": status}},
    )
    policy = _missing(s3.get_bucket_policy, key="Policy", Bucket=name)
    if policy:
        yield _part("bucketPolicy:BucketPolicy", name, "policy", {"policy": policy})
    logging = s3.get_bucket_logging(Bucket=name).get("LoggingEnabled")
    if logging:
        yield _part(
            "bucketLogging:BucketLogging",
            name,
            "logging",
            {
                "targetBucket": logging.get("TargetBucket"),
                "targetPrefix": logging.get("TargetPrefix"),
            },
        )


def _part(token: str, bucket: str, suffix: str, inputs: dict[str, Any]) -> Resource:
    return _res(f"{S3}{token}", f"{bucket}-{suffix}", {"bucket": bucket, **inputs})


def kms_keys(kms: Any, in_scope: InScope) -> Iterator[Resource]:
    """Each in-scope customer-managed key with rotation status and key policy.

    A key that is not enabled (disabled, pending deletion, ...) is yielded with its state in
    the outputs (`keyState`, `deletionDate`) and without rotation or policy, which KMS does
    not answer for a key pending deletion; the scan reports it as a finding of its own.
    """
    aliases: dict[str, list[str]] = {}
    for page in kms.get_paginator("list_aliases").paginate():
        for alias in page["Aliases"]:
            if alias.get("TargetKeyId"):
                aliases.setdefault(alias["TargetKeyId"], []).append(alias["AliasName"])
    for page in kms.get_paginator("list_keys").paginate():
        for entry in page["Keys"]:
            meta = kms.describe_key(KeyId=entry["KeyId"])["KeyMetadata"]
            if meta.get("KeyManager") != "CUSTOMER":
                continue
            key_id = meta["KeyId"]
            tag_list = kms.list_resource_tags(KeyId=key_id).get("Tags", [])
            tags = {t["TagKey"]: t["TagValue"] for t in tag_list}
            names = [a.removeprefix("alias/") for a in aliases.get(key_id, [])]
            if not any(in_scope(n, tags) for n in names or [key_id]):
                continue
            state = meta.get("KeyState")
            inputs: dict[str, Any] = {
                "description": meta.get("Description", ""),
                "customerMasterKeySpec": meta.get("KeySpec", "SYMMETRIC_DEFAULT"),
                "keyUsage": meta.get("KeyUsage", "ENCRYPT_DECRYPT"),
                "tags": tags,
            }
            if state == "Enabled":
                inputs["enableKeyRotation"] = kms.get_key_rotation_status(KeyId=key_id)[
                    "KeyRotationEnabled"
                ]
                inputs["policy"] = kms.get_key_policy(KeyId=key_id, PolicyName="default")["Policy"]
            deletion = meta.get("DeletionDate")
            yield _res(
                KMS_KEY,
                ", ".join(aliases.get(key_id, [])) or key_id,
                inputs,
                id=key_id,
                arn=meta["Arn"],
                keyState=state,
                deletionDate=deletion.date().isoformat() if deletion else None,
            )


def iam_roles(iam: Any, in_scope: InScope) -> Iterator[Resource]:
    """Each in-scope role with its inline policies, attached policies and their documents."""
    for page in iam.get_paginator("list_roles").paginate():
        for role in page["Roles"]:
            name = role["RoleName"]
            tags = {t["Key"]: t["Value"] for t in iam.list_role_tags(RoleName=name)["Tags"]}
            if not in_scope(name, tags):
                continue
            inline = [
                {
                    "name": p,
                    "policy": json.dumps(
                        iam.get_role_policy(RoleName=name, PolicyName=p)["PolicyDocument"]
                    ),
                }
                for p in iam.list_role_policies(RoleName=name)["PolicyNames"]
            ]
            attached = iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]
            yield _res(
                IAM_ROLE,
                name,
                {
                    "name": name,
                    "assumeRolePolicy": json.dumps(role.get("AssumeRolePolicyDocument") or {}),
                    "inlinePolicies": inline,
                    "managedPolicyArns": [p["PolicyArn"] for p in attached],
                    "tags": tags,
                },
                arn=role["Arn"],
                id=name,
            )
            for policy in attached:
                if not policy["PolicyArn"].startswith("arn:aws:iam::aws:policy/"):
                    yield _managed_policy(iam, policy["PolicyArn"])


def _managed_policy(iam: Any, arn: str) -> Resource:
    meta = iam.get_policy(PolicyArn=arn)["Policy"]
    version = iam.get_policy_version(PolicyArn=arn, VersionId=meta["DefaultVersionId"])
    document = version["PolicyVersion"]["Document"]
    text = document if isinstance(document, str) else json.dumps(document)
    return _res(
        IAM_POLICY,
        meta["PolicyName"],
        {"name": meta["PolicyName"], "policy": text},
        arn=arn,
    )


def secrets(sm: Any, in_scope: InScope) -> Iterator[Resource]:
    """Each in-scope secret and the key it is encrypted with."""
    for page in sm.get_paginator("list_secrets").paginate():
        for secret in page["SecretList"]:
            tags = {t["Key"]: t["Value"] for t in secret.get("Tags", [])}
            if in_scope(secret["Name"], tags):
                yield _res(
                    SECRETSMANAGER_SECRET,
                    secret["Name"],
                    {"name": secret["Name"], "kmsKeyId": secret.get("KmsKeyId"), "tags": tags},
                    arn=secret["ARN"],
                )


def glue_security_configurations(glue: Any, in_scope: InScope) -> Iterator[Resource]:
    """Each in-scope Glue security configuration (not taggable: found by name only)."""
    for config in glue.get_security_configurations().get("SecurityConfigurations", []):
        if not in_scope(config["Name"], {}):
            continue
        enc = config.get("EncryptionConfiguration", {})
        yield _res(
            GLUE_SECURITY_CONFIGURATION,
            config["Name"],
            {
                "name": config["Name"],
                "encryptionConfiguration": {
                    "s3Encryption": [
                        {
                            "s3EncryptionMode": e.get("S3EncryptionMode"),
                            "kmsKeyArn": e.get("KmsKeyArn"),
                        }
                        for e in enc.get("S3Encryption", [])
                    ],
                    "cloudwatchEncryption": {
                        "cloudwatchEncryptionMode": enc.get("CloudWatchEncryption", {}).get(
                            "CloudWatchEncryptionMode"
                        )
                    },
                    "jobBookmarksEncryption": {
                        "jobBookmarksEncryptionMode": enc.get("JobBookmarksEncryption", {}).get(
                            "JobBookmarksEncryptionMode"
                        )
                    },
                },
            },
        )


def mwaa_environments(mwaa: Any, in_scope: InScope) -> Iterator[Resource]:
    """Each in-scope MWAA environment's access mode, key and logging."""
    for name in mwaa.list_environments().get("Environments", []):
        env = mwaa.get_environment(Name=name)["Environment"]
        tags = env.get("Tags") or {}
        if not in_scope(name, tags):
            continue
        logging = {
            kind[0].lower() + kind[1:]: {"enabled": c.get("Enabled"), "logLevel": c.get("LogLevel")}
            for kind, c in (env.get("LoggingConfiguration") or {}).items()
        }
        yield _res(
            MWAA_ENVIRONMENT,
            name,
            {
                "name": name,
                "webserverAccessMode": env.get("WebserverAccessMode"),
                "kmsKey": env.get("KmsKey"),
                "loggingConfiguration": logging,
                "tags": tags,
            },
            arn=env.get("Arn"),
        )
