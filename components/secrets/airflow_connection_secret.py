"""Airflow connections in Secrets Manager, readable by the Airflow role alone."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws as aws

from components.protection import Protection

# Secrets Manager cannot rotate a Snowflake key pair itself: rotation means a new key
# registered on the Snowflake user. The program does it: each service user's two key
# slots are replaced on a schedule (time.Rotating), and the secret takes the newer
# slot's key in the same run (see docs/design/secrets.md). The tag tells the policy
# pack who rotates it.
ROTATION_TAG: dict[str, pulumi.Input[str]] = {"rotation": "external"}


def snowflake_connection_tags(
    account: str, user: pulumi.Input[str]
) -> dict[str, pulumi.Input[str]]:
    """Non-secret facts of a Snowflake connection, as tags: its type, account and login.

    The connection journey (policies/rules/journeys/connections.py) reads them, never the
    value: the plan redacts it and the pack sees it unknown at preview.
    """
    return {"airflow-conn-type": "snowflake", "snowflake-account": account, "snowflake-user": user}


@dataclass(frozen=True)
class AirflowConnectionArgs:
    """Arguments of `AirflowConnectionSecret`.

    Attributes:
        secret_name: `<connections_prefix>/<conn_id>`, what Airflow's backend looks up.
        connection: The connection as Airflow's JSON form (a secret Output).
        kms_key_arn: The customer-managed key of the secret.
        reader_arns: The only principals that may read the value: the Airflow
            execution role, and the key administrators.
        deployer_arn_patterns: Role ARNs or patterns of the principals that run
            `pulumi up`, which reads the value back on create and refresh
            (pulumi/pulumi-aws#1751): exempt from the deny. Defaults to none.
        recovery_window_days: Days a deleted secret can be restored.
        tags: The mandatory tags.
        description: What the connection is for. Defaults to "".
        extra_tags: Tags beside the mandatory ones. Defaults to `rotation=external`.
        protection: Deletion safeguards of the secret. Defaults to none.
    """

    secret_name: str
    connection: pulumi.Input[str]
    kms_key_arn: pulumi.Input[str]
    reader_arns: Sequence[pulumi.Input[str]]
    recovery_window_days: int
    tags: Mapping[str, str]
    description: str = ""
    extra_tags: Mapping[str, pulumi.Input[str]] = field(default_factory=lambda: dict(ROTATION_TAG))
    protection: Protection = field(default_factory=Protection)
    deployer_arn_patterns: Sequence[str] = field(default_factory=tuple)


class AirflowConnectionSecret(pulumi.ComponentResource):
    """One Airflow connection as a CMK-encrypted secret with a deny-by-default policy."""

    secret: aws.secretsmanager.Secret

    def __init__(
        self, name: str, args: AirflowConnectionArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("dataplatform:secrets:AirflowConnectionSecret", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.secret = aws.secretsmanager.Secret(
            name,
            name=args.secret_name,
            description=args.description,
            kms_key_id=args.kms_key_arn,
            recovery_window_in_days=args.recovery_window_days,
            tags={**args.tags, **args.extra_tags},
            opts=args.protection.options(self),
        )
        aws.secretsmanager.SecretVersion(
            f"{name}-value",
            secret_id=self.secret.id,
            secret_string=pulumi.Output.secret(args.connection),
            opts=child,
        )
        aws.secretsmanager.SecretPolicy(
            f"{name}-policy",
            secret_arn=self.secret.arn,
            policy=pulumi.Output.all(*args.reader_arns).apply(
                lambda readers: json.dumps(
                    only_readers_policy([str(r) for r in readers], args.deployer_arn_patterns)
                )
            ),
            block_public_policy=True,
            opts=child,
        )
        self.register_outputs({"arn": self.secret.arn})


def only_readers_policy(
    reader_arns: Sequence[str], deployer_arn_patterns: Sequence[str] = ()
) -> dict[str, Any]:
    """Deny reading the value to every principal but the readers and the deployers.

    The readers are also allowed here; the deployers' own identity policies allow them
    (same account), this policy only does not stand in their way. `ArnNotLike` matches
    role ARN patterns, which an SSO role's generated name needs.
    """
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "OnlyNamedReadersGetTheValue",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "secretsmanager:GetSecretValue",
                "Resource": "*",
                "Condition": {
                    "ArnNotLike": {
                        "aws:PrincipalArn": sorted({*reader_arns, *deployer_arn_patterns})
                    }
                },
            },
            {
                "Sid": "NamedReadersGetTheValue",
                "Effect": "Allow",
                "Principal": {"AWS": sorted(reader_arns)},
                "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                "Resource": "*",
            },
        ],
    }


def snowflake_connection(
    *,
    account: str,
    user: str,
    role: str,
    warehouse: str,
    private_key_pem: str,
    base64_key: bool = False,
) -> str:
    """A Snowflake key-pair connection in the JSON form Airflow's secrets backend reads.

    `private_key_content` is the PEM itself, as the Snowflake provider pinned in
    pipeline_code/airflow/requirements.txt (5.x) reads it; releases 6.3 to early
    2026 expect it base64-encoded instead (`base64_key=True`). `account` is
    `<organization>-<account name>`.
    """
    return json.dumps(
        {
            "conn_type": "snowflake",
            "login": user,
            "extra": {
                "account": account,
                "role": role,
                "warehouse": warehouse,
                "private_key_content": (
                    base64.b64encode(private_key_pem.encode()).decode()
                    if base64_key
                    else private_key_pem
                ),
            },
        },
        sort_keys=True,
    )
