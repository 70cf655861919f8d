"""Plausible outputs for resources and invokes under the mock runtime.

Rules about ARNs and references need values shaped like the real ones: bucket ARNs
without region or account, key ARNs with the configured account, role ARNs with a
path. Ids are derived from the resource's type and name, so the same program gives
the same plan on every run (PR diffs of plans stay quiet).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping
from typing import Any

import pulumi

from policies.rules.facts.tokens import (
    BUDGETS_BUDGET,
    CLOUDWATCH_EVENT_RULE,
    CLOUDWATCH_LOG_GROUP,
    CLOUDWATCH_METRIC_ALARM,
    EC2_EIP,
    EC2_FLOW_LOG,
    EC2_INTERNET_GATEWAY,
    EC2_NAT_GATEWAY,
    EC2_ROUTE_TABLE,
    EC2_SECURITY_GROUP,
    EC2_SUBNET,
    EC2_VPC,
    EC2_VPC_ENDPOINT,
    GLUE_CATALOG_DATABASE,
    GLUE_CRAWLER,
    GLUE_JOB,
    IAM_POLICY,
    IAM_ROLE,
    IAM_USER,
    KMS_ALIAS,
    KMS_KEY,
    LAMBDA_FUNCTION,
    MWAA_ENVIRONMENT,
    PULUMI_STACK_REFERENCE,
    S3_BUCKET,
    S3_BUCKET_OBJECTV2,
    SECRETSMANAGER_SECRET,
    SNOWFLAKE_NOTIFICATION_INTEGRATION,
    SNOWFLAKE_PIPE,
    SNOWFLAKE_STORAGE_INTEGRATION_AWS,
    SNS_TOPIC,
    SQS_QUEUE,
    TIME_ROTATING,
    TLS_PRIVATE_KEY,
)

_NAMESPACE = uuid.UUID("6f1c2a9e-4b1d-4c3e-9a55-0d7b1f6c2e10")

# Type token -> (input that holds the physical name, ARN template).
# Templates see {partition}, {region}, {account}, {name} and {id}.
_AWS_TYPES: dict[str, tuple[str, str]] = {
    S3_BUCKET: ("bucket", "arn:{partition}:s3:::{name}"),
    KMS_KEY: ("", "arn:{partition}:kms:{region}:{account}:key/{id}"),
    KMS_ALIAS: ("name", "arn:{partition}:kms:{region}:{account}:{name}"),
    IAM_ROLE: ("name", "arn:{partition}:iam::{account}:role/{name}"),
    IAM_POLICY: ("name", "arn:{partition}:iam::{account}:policy/{name}"),
    IAM_USER: ("name", "arn:{partition}:iam::{account}:user/{name}"),
    SNS_TOPIC: ("name", "arn:{partition}:sns:{region}:{account}:{name}"),
    SQS_QUEUE: ("name", "arn:{partition}:sqs:{region}:{account}:{name}"),
    SECRETSMANAGER_SECRET: (
        "name",
        "arn:{partition}:secretsmanager:{region}:{account}:secret:{name}-AbCdEf",
    ),
    CLOUDWATCH_LOG_GROUP: (
        "name",
        "arn:{partition}:logs:{region}:{account}:log-group:{name}",
    ),
    CLOUDWATCH_EVENT_RULE: (
        "name",
        "arn:{partition}:events:{region}:{account}:rule/{name}",
    ),
    CLOUDWATCH_METRIC_ALARM: (
        "name",
        "arn:{partition}:cloudwatch:{region}:{account}:alarm:{name}",
    ),
    BUDGETS_BUDGET: ("name", "arn:{partition}:budgets::{account}:budget/{name}"),
    GLUE_CATALOG_DATABASE: (
        "name",
        "arn:{partition}:glue:{region}:{account}:database/{name}",
    ),
    GLUE_JOB: ("name", "arn:{partition}:glue:{region}:{account}:job/{name}"),
    GLUE_CRAWLER: ("name", "arn:{partition}:glue:{region}:{account}:crawler/{name}"),
    MWAA_ENVIRONMENT: (
        "name",
        "arn:{partition}:airflow:{region}:{account}:environment/{name}",
    ),
    LAMBDA_FUNCTION: (
        "name",
        "arn:{partition}:lambda:{region}:{account}:function:{name}",
    ),
}
# EC2 resources have ids with a type prefix rather than names.
_EC2_PREFIXES = {
    EC2_VPC: "vpc",
    EC2_SUBNET: "subnet",
    EC2_SECURITY_GROUP: "sg",
    EC2_ROUTE_TABLE: "rtb",
    EC2_INTERNET_GATEWAY: "igw",
    EC2_NAT_GATEWAY: "nat",
    EC2_EIP: "eipalloc",
    EC2_VPC_ENDPOINT: "vpce",
    EC2_FLOW_LOG: "fl",
}


# A fixed, clearly fake key pair for tls:index/privateKey:PrivateKey: plans must be
# reproducible, and no real key may ever appear in one.
_MOCK_PUBLIC_BODY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoffline0plan0mock0key0IDAQAB"
_MOCK_KEY_PAIR = {
    "publicKeyPem": (
        f"-----BEGIN PUBLIC KEY-----\n{_MOCK_PUBLIC_BODY}\n-----END PUBLIC KEY-----\n"
    ),
    "privateKeyPem": "-----BEGIN RSA PRIVATE KEY-----\noffline\n-----END RSA PRIVATE KEY-----\n",
    "privateKeyPemPkcs8": "-----BEGIN PRIVATE KEY-----\noffline\n-----END PRIVATE KEY-----\n",
}


ROTATING = TIME_ROTATING


def rotating_outputs(inputs: dict[str, Any], now: dt.datetime | None = None) -> dict[str, Any]:
    """A time.Rotating as created now: its base (the input, else today 00:00 UTC, so a
    day's plans are reproducible) and its rotation timestamp (base + rotationDays)."""
    today = (now or dt.datetime.now(dt.UTC)).replace(hour=0, minute=0, second=0, microsecond=0)
    base = str(inputs.get("rfc3339") or today.strftime("%Y-%m-%dT%H:%M:%SZ"))
    start = dt.datetime.fromisoformat(base.replace("Z", "+00:00"))
    days = float(inputs.get("rotationDays") or 0)
    rotation = (start + dt.timedelta(days=days)).astimezone(dt.UTC)
    return {"rfc3339": base, "rotationRfc3339": rotation.strftime("%Y-%m-%dT%H:%M:%SZ")}


class PlausibleMocks(pulumi.runtime.Mocks):
    """Mocks that answer like AWS would for the configured account and region."""

    def __init__(
        self,
        account_id: str,
        region: str,
        partition: str = "aws",
        stacks: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        """`stacks` are the outputs of stacks planned before, by fully qualified name:
        what a `StackReference` to one of them reads (`dataplat plan --env`)."""
        self.account_id = account_id
        self.region = region
        self.partition = partition
        self.stacks = dict(stacks or {})

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        outputs = dict(args.inputs)
        token = args.typ
        if token == PULUMI_STACK_REFERENCE:
            return self._stack_reference(str(outputs.get("name")))
        if token in _EC2_PREFIXES:
            resource_id = f"{_EC2_PREFIXES[token]}-{_hex(token, args.name, 17)}"
            outputs["arn"] = (
                f"arn:{self.partition}:ec2:{self.region}:{self.account_id}:"
                f"{token.rsplit(':', 1)[1].lower()}/{resource_id}"
            )
        elif token in _AWS_TYPES:
            name_key, template = _AWS_TYPES[token]
            name = str(outputs.get(name_key) or _autoname(token, args.name)) if name_key else ""
            if name_key:
                outputs[name_key] = name
            resource_id = name or str(uuid.uuid5(_NAMESPACE, f"{token}::{args.name}"))
            # pulumi-aws v7's per-resource `region` overrides the provider's.
            region = str(outputs.get("region") or self.region)
            outputs["arn"] = template.format(
                partition=self.partition,
                region=region,
                account=self.account_id,
                name=name,
                id=resource_id,
            )
            if token == KMS_KEY:
                outputs["keyId"] = resource_id
            if token == S3_BUCKET:
                outputs["bucketDomainName"] = f"{name}.s3.amazonaws.com"
                outputs["bucketRegionalDomainName"] = f"{name}.s3.{region}.amazonaws.com"
                outputs["region"] = region
        elif token.startswith("snowflake:index/"):
            resource_id = _snowflake_outputs(outputs)
            outputs.update(self._snowflake_computed(token, outputs))
        elif token == TLS_PRIVATE_KEY:
            outputs.update(_MOCK_KEY_PAIR)
            resource_id = _hex(token, args.name, 40)
        elif token == ROTATING:
            outputs.update(rotating_outputs(outputs))
            resource_id = str(outputs["rfc3339"])
        else:
            resource_id = str(
                outputs.get("name") or outputs.get("bucket") or _autoname(token, args.name)
            )
        if token == EC2_EIP:
            # A plausible public address (EC2's eu-west-1 space), stable per logical name, so
            # that allow-lists built from it can be compared offline. Not a real allocation.
            digest = bytes.fromhex(_hex(token, args.name, 4))
            outputs.setdefault("publicIp", f"3.250.{digest[0]}.{digest[1] or 1}")
        if token == S3_BUCKET_OBJECTV2:
            outputs["versionId"] = _hex(token, args.name, 32)
        if args.resource_id:
            resource_id = args.resource_id
        outputs.setdefault("id", resource_id)
        return resource_id, outputs

    def _stack_reference(self, stack: str) -> tuple[str, dict[str, Any]]:
        """A stack reference reads the outputs of a stack planned before this one."""
        if stack not in self.stacks:
            planned = ", ".join(sorted(self.stacks)) or "none"
            raise ValueError(
                f"a StackReference reads {stack}, which was not planned before this stack "
                f"(planned: {planned})"
            )
        outputs = dict(self.stacks[stack])
        return stack, {
            "name": stack,
            "outputs": outputs,
            "secret_output_names": [],
            "secretOutputNames": [],
        }

    def _snowflake_computed(self, token: str, outputs: dict[str, Any]) -> dict[str, Any]:
        """Outputs Snowflake computes: the integrations' IAM user, the pipe's queue."""
        if token == SNOWFLAKE_STORAGE_INTEGRATION_AWS:
            return {
                "describeOutputs": [
                    {
                        # Snowflake's IAM user lives in an AWS account Snowflake owns.
                        "iamUserArn": "arn:aws:iam::999999999999:user/sfc-offline-plan",
                        "externalId": outputs.get("storageAwsExternalId") or "OFFLINE_SFCRole",
                        "roleArn": outputs.get("storageAwsRoleArn"),
                        "allowedLocations": outputs.get("storageAllowedLocations"),
                    }
                ]
            }
        if token == SNOWFLAKE_NOTIFICATION_INTEGRATION:
            # Not pinned by the program: Snowflake generates it (DESC ... SF_AWS_EXTERNAL_ID).
            name = str(outputs.get("name"))
            return {
                "awsSnsIamUserArn": "arn:aws:iam::999999999999:user/sfc-offline-plan",
                "awsSnsExternalId": f"OFFLINE_SFCRole={_hex(token, name, 8)}",
            }
        if token == SNOWFLAKE_PIPE:
            queue = _hex(token, str(outputs.get("name")), 12)
            return {
                "notificationChannel": f"arn:aws:sqs:{self.region}:999999999999:sf-snowpipe-{queue}"
            }
        return {}

    def call(
        self, args: pulumi.runtime.MockCallArgs
    ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        # The SDK's mock monitor iterates the failures: an empty list, never None.
        token = args.token
        if token == "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                "accountId": self.account_id,
                "arn": f"arn:{self.partition}:iam::{self.account_id}:user/offline-plan",
                "userId": "AIDAOFFLINEPLAN",
                "id": self.account_id,
            }, []
        if token == "aws:index/getRegion:getRegion":
            return {"name": self.region, "region": self.region, "id": self.region}, []
        if token == "aws:glue/getDataCatalogEncryptionSettings:getDataCatalogEncryptionSettings":
            # As its owning stack sets it (an offline plan cannot read the account).
            key = f"arn:{self.partition}:kms:{self.region}:{self.account_id}:key/catalog"
            return {
                "catalogId": self.account_id,
                "id": self.account_id,
                "dataCatalogEncryptionSettings": [
                    {
                        "encryptionAtRests": [
                            {"catalogEncryptionMode": "SSE-KMS", "sseAwsKmsKeyId": key}
                        ],
                        "connectionPasswordEncryptions": [
                            {"returnConnectionPasswordEncrypted": True, "awsKmsKeyId": key}
                        ],
                    }
                ],
            }, []
        if token == "aws:index/getPartition:getPartition":
            return {"partition": self.partition, "dnsSuffix": "amazonaws.com", "id": "aws"}, []
        return {}, []


def _snowflake_outputs(outputs: dict[str, Any]) -> str:
    """Add the provider's `fullyQualifiedName` (`"DB"."SCHEMA"."NAME"`); return the id.

    Only objects with a `name` have one; grants and attachments get an id from
    their inputs, as the provider builds them (`|`-joined).
    """
    parts = [outputs.get(k) for k in ("database", "schema", "name")]
    named = [str(p) for p in parts if p]
    if outputs.get("name"):
        outputs["fullyQualifiedName"] = ".".join(f'"{p}"' for p in named)
        return ".".join(named)
    return "|".join(str(v) for _, v in sorted(outputs.items()) if isinstance(v, str))


def _hex(token: str, name: str, length: int) -> str:
    return hashlib.sha256(f"{token}::{name}".encode()).hexdigest()[:length]


def _autoname(token: str, name: str) -> str:
    """Pulumi's auto-naming: the logical name plus a random suffix (here: stable)."""
    return f"{name}-{_hex(token, name, 7)}"
