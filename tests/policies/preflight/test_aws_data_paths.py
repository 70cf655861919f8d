"""preflight-aws-data-paths-allowed: a compliant synthetic program, one broken program per
flow class, and the real prod plan (which reports only issue 12's known defects)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from policies.rules.core.view import ResourceView
from tests.policies.helpers import run, view

RULE = "preflight-aws-data-paths-allowed"
ACCT = "111122223333"
REGION = "eu-west-1"
PROVIDER = {"region": REGION, "allowedAccountIds": json.dumps([ACCT])}
ROOT = f"arn:aws:iam::{ACCT}:root"


def aws(type_: str, name: str, props: dict[str, Any], **outputs: Any) -> ResourceView:
    return view(type_, name, props, outputs=outputs, provider_props=PROVIDER)


def key_arn(name: str) -> str:
    return f"arn:aws:kms:{REGION}:{ACCT}:key/{name}-0000"


def policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


ROOT_DELEGATES = allow("kms:*", Principal={"AWS": ROOT}, Sid="EnableIam")


def key(name: str, *statements: dict[str, Any]) -> ResourceView:
    arn = key_arn(name)
    return aws(
        "aws:kms/key:Key",
        f"{name}-key",
        {"policy": policy(ROOT_DELEGATES, *statements)},
        arn=arn,
        id=arn.rsplit("/", 1)[-1],
    )


def bucket(name: str, kms: str | None, *statements: dict[str, Any]) -> list[ResourceView]:
    algorithm = (
        {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": kms} if kms else {"sseAlgorithm": "AES256"}
    )
    out = [
        aws("aws:s3/bucket:Bucket", name, {"bucket": name}, arn=f"arn:aws:s3:::{name}", id=name),
        aws(
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            f"{name}-encryption",
            {
                "bucket": name,
                "rules": [
                    {"applyServerSideEncryptionByDefault": algorithm, "bucketKeyEnabled": True}
                ],
            },
        ),
    ]
    if statements:
        out.append(
            aws(
                "aws:s3/bucketPolicy:BucketPolicy",
                f"{name}-policy",
                {"bucket": name, "policy": policy(*statements)},
            )
        )
    return out


def deny_other_keys(name: str, kms: str) -> dict[str, Any]:
    return {
        "Sid": "DenyOtherKmsKeys",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:PutObject",
        "Resource": f"arn:aws:s3:::{name}/*",
        "Condition": {
            "StringNotEqualsIfExists": {"s3:x-amz-server-side-encryption-aws-kms-key-id": kms}
        },
    }


def role(name: str, service: str, *statements: dict[str, Any]) -> list[ResourceView]:
    trust = policy(allow("sts:AssumeRole", Principal={"Service": service}))
    return [
        aws(
            "aws:iam/role:Role",
            name,
            {"name": name, "assumeRolePolicy": trust},
            arn=f"arn:aws:iam::{ACCT}:role/{name}",
            id=name,
        ),
        aws(
            "aws:iam/rolePolicy:RolePolicy",
            f"{name}-policy",
            {"role": name, "policy": policy(*statements)},
        ),
    ]


def reads(bucket_name: str, kms: str) -> list[dict[str, Any]]:
    return [
        allow("s3:ListBucket", f"arn:aws:s3:::{bucket_name}"),
        allow(["s3:GetObject", "s3:GetObjectVersion"], f"arn:aws:s3:::{bucket_name}/*"),
        allow("kms:Decrypt", kms),
    ]


# --- a small program with one flow of each class -------------------------------------------

RAW, STAGED, LOGS, DAGS = "raw-bucket", "staged-bucket", "logs-bucket", "dags-bucket"
RAW_KEY, STAGED_KEY, ORCH_KEY = key_arn("raw"), key_arn("staged"), key_arn("orch")
LOG_DELIVERY = {
    "Sid": "AllowServerAccessLogDelivery",
    "Effect": "Allow",
    "Principal": {"Service": "logging.s3.amazonaws.com"},
    "Action": "s3:PutObject",
    "Resource": f"arn:aws:s3:::{LOGS}/*",
    "Condition": {
        "ArnLike": {"aws:SourceArn": "arn:aws:s3:::raw-*"},
        "StringEquals": {"aws:SourceAccount": ACCT},
    },
}
EVENTS_USE_KEY = allow(
    ["kms:Decrypt", "kms:GenerateDataKey*"],
    Principal={"Service": "events.amazonaws.com"},
    Sid="EventBridge",
)
LOGS_USE_KEY = allow(
    ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"],
    Principal={"Service": f"logs.{REGION}.amazonaws.com"},
    Sid="Logs",
)
TOPIC_ARN = f"arn:aws:sns:{REGION}:{ACCT}:alerts"
RULE_ARN = f"arn:aws:events:{REGION}:{ACCT}:rule/failures"
SECRET_ARN = f"arn:aws:secretsmanager:{REGION}:{ACCT}:secret:dp/airflow/connections/db-AbCdEf"
GROUP_ARN = f"arn:aws:logs:{REGION}:{ACCT}:log-group:/aws/vpc-flow-logs/net"
SECRET_READERS = {
    "Sid": "OnlyNamedReaders",
    "Effect": "Deny",
    "Principal": "*",
    "Action": "secretsmanager:GetSecretValue",
    "Resource": "*",
    "Condition": {"StringNotEquals": {"aws:PrincipalArn": [f"arn:aws:iam::{ACCT}:role/mwaa-exec"]}},
}


def program(**change: Any) -> list[ResourceView]:
    """The compliant program; `change` replaces one piece by name (see the keys below)."""
    parts: dict[str, Any] = {
        "keys": [
            key("raw"),
            key("staged"),
            key("orch", EVENTS_USE_KEY, LOGS_USE_KEY),
            key("secrets"),
        ],
        "raw": bucket(RAW, RAW_KEY, deny_other_keys(RAW, RAW_KEY)),
        "staged": bucket(STAGED, STAGED_KEY, deny_other_keys(STAGED, STAGED_KEY)),
        "logs": bucket(LOGS, None, LOG_DELIVERY),
        "dags": bucket(DAGS, ORCH_KEY),
        "logging": [
            aws(
                "aws:s3/bucketLogging:BucketLogging",
                "raw-logging",
                {"bucket": RAW, "targetBucket": LOGS, "targetPrefix": "raw/"},
            )
        ],
        "integration": [
            view(
                "snowflake:index/storageIntegrationAws:StorageIntegrationAws",
                "crm-integration",
                {
                    "storageAwsRoleArn": f"arn:aws:iam::{ACCT}:role/snowpipe",
                    "storageAllowedLocations": [f"s3://{RAW}/crm/"],
                },
            ),
            *role("snowpipe", "sts.amazonaws.com", *reads(RAW, RAW_KEY)),
        ],
        "crawler": [
            aws(
                "aws:glue/crawler:Crawler",
                "crawl-crm",
                {"role": "crawler", "s3Targets": [{"path": f"s3://{RAW}/crm/"}]},
            ),
            *role("crawler", "glue.amazonaws.com", *reads(RAW, RAW_KEY)),
        ],
        "security": [
            aws(
                "aws:glue/securityConfiguration:SecurityConfiguration",
                "glue-security",
                {
                    "name": "glue-sec",
                    "encryptionConfiguration": {
                        "s3Encryption": {"s3EncryptionMode": "SSE-KMS", "kmsKeyArn": STAGED_KEY},
                        "jobBookmarksEncryption": {
                            "jobBookmarksEncryptionMode": "CSE-KMS",
                            "kmsKeyArn": ORCH_KEY,
                        },
                    },
                },
            )
        ],
        "job": [
            aws(
                "aws:glue/job:Job",
                "crm-job",
                {
                    "roleArn": f"arn:aws:iam::{ACCT}:role/job",
                    "securityConfiguration": "glue-sec",
                    "command": {"scriptLocation": f"s3://{DAGS}/scripts/job.py"},
                    "defaultArguments": {
                        "--source_path": f"s3://{RAW}/crm/",
                        "--target_path": f"s3://{STAGED}/crm/",
                        "--job-bookmark-option": "job-bookmark-enable",
                    },
                },
            ),
            *role(
                "job",
                "glue.amazonaws.com",
                *reads(RAW, RAW_KEY),
                allow("s3:GetObject", f"arn:aws:s3:::{DAGS}/scripts/job.py"),
                allow("kms:Decrypt", ORCH_KEY),
                allow("s3:PutObject", f"arn:aws:s3:::{STAGED}/*"),
                allow(["kms:GenerateDataKey", "kms:Decrypt"], STAGED_KEY),
                allow(
                    ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], ORCH_KEY, Sid="Bookmarks"
                ),
            ),
        ],
        "mwaa": [
            aws(
                "aws:mwaa/environment:Environment",
                "airflow",
                {
                    "name": "airflow",
                    "executionRoleArn": f"arn:aws:iam::{ACCT}:role/mwaa-exec",
                    "sourceBucketArn": f"arn:aws:s3:::{DAGS}",
                    "dagS3Path": "dags/",
                    "requirementsS3Path": "requirements.txt",
                    "requirementsS3ObjectVersion": "v1",
                },
            ),
            *role(
                "mwaa-exec",
                "airflow-env.amazonaws.com",
                *reads(DAGS, ORCH_KEY),
                allow(
                    "secretsmanager:GetSecretValue",
                    f"arn:aws:secretsmanager:{REGION}:{ACCT}:secret:dp/airflow/*",
                ),
                allow(
                    "kms:Decrypt",
                    key_arn("secrets"),
                    Condition={
                        "StringEquals": {"kms:ViaService": f"secretsmanager.{REGION}.amazonaws.com"}
                    },
                ),
            ),
            aws(
                "aws:secretsmanager/secret:Secret",
                "db-secret",
                {"name": "dp/airflow/connections/db", "kmsKeyId": key_arn("secrets")},
                arn=SECRET_ARN,
            ),
            aws(
                "aws:secretsmanager/secretPolicy:SecretPolicy",
                "db-secret-policy",
                {"secretArn": SECRET_ARN, "policy": policy(SECRET_READERS)},
            ),
        ],
        "flow_log": [
            aws(
                "aws:ec2/flowLog:FlowLog",
                "net-flow-log",
                {"iamRoleArn": f"arn:aws:iam::{ACCT}:role/flow", "logDestination": GROUP_ARN},
                id="fl-1",
            ),
            aws(
                "aws:cloudwatch/logGroup:LogGroup",
                "net-logs",
                {"name": "/aws/vpc-flow-logs/net", "kmsKeyId": ORCH_KEY},
                arn=GROUP_ARN,
            ),
            *role(
                "flow",
                "vpc-flow-logs.amazonaws.com",
                allow(
                    ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                    f"{GROUP_ARN}*",
                ),
            ),
        ],
        "events": [
            aws(
                "aws:cloudwatch/eventRule:EventRule", "failures", {"name": "failures"}, arn=RULE_ARN
            ),
            aws(
                "aws:cloudwatch/eventTarget:EventTarget",
                "failures-target",
                {"rule": "failures", "arn": TOPIC_ARN},
            ),
            aws(
                "aws:sns/topic:Topic",
                "alerts",
                {"name": "alerts", "kmsMasterKeyId": ORCH_KEY},
                arn=TOPIC_ARN,
            ),
            aws(
                "aws:sns/topicPolicy:TopicPolicy",
                "alerts-policy",
                {
                    "arn": TOPIC_ARN,
                    "policy": policy(
                        allow(
                            "sns:Publish",
                            TOPIC_ARN,
                            Principal={"Service": "events.amazonaws.com"},
                            Sid="RulePublishes",
                        )
                    ),
                },
            ),
        ],
    }
    parts.update(change)
    return [v for group in parts.values() for v in group]


def violations(resources: list[ResourceView], **kwargs: Any) -> list[str]:
    return [r.message for r in run(RULE, resources, **kwargs) if r.status == "violation"]


def only(resources: list[ResourceView], **kwargs: Any) -> str:
    found = violations(resources, **kwargs)
    assert len(found) == 1, found
    return found[0]


def test_the_compliant_program_has_every_path_allowed() -> None:
    assert [r.message for r in run(RULE, program())] == []


def test_a_program_without_aws_data_paths_is_not_judged() -> None:
    assert run(RULE, [view("snowflake:index/database:Database", "db", {"name": "DB"})]) == []


def test_snowpipe_role_without_decrypt_on_the_bucket_key_is_denied() -> None:
    broken = [
        view(
            "snowflake:index/storageIntegrationAws:StorageIntegrationAws",
            "crm-integration",
            {
                "storageAwsRoleArn": f"arn:aws:iam::{ACCT}:role/snowpipe",
                "storageAllowedLocations": [f"s3://{RAW}/crm/"],
            },
        ),
        *role("snowpipe", "sts.amazonaws.com", *reads(RAW, RAW_KEY)[:2]),
    ]
    message = only(program(integration=broken))
    assert "storage integration [crm-integration]" in message
    assert f"kms:Decrypt on {RAW_KEY} no statement allows it" in message
    assert "change Role [snowpipe]" in message


def test_crawler_reading_outside_its_grant_is_denied() -> None:
    crawler = [
        aws(
            "aws:glue/crawler:Crawler",
            "crawl-crm",
            {"role": "crawler", "s3Targets": [{"path": f"s3://{STAGED}/crm"}]},
        ),
        *role("crawler", "glue.amazonaws.com", *reads(RAW, RAW_KEY)),
    ]
    message = only(program(crawler=crawler))
    assert f"Glue crawler [crawl-crm] reads s3://{STAGED}/crm" in message
    assert "s3:ListBucket" in message


def test_glue_job_writing_with_another_key_than_the_bucket_demands_is_denied() -> None:
    # Issue 12, defect 3: the security configuration encrypts with the orchestration key.
    security = [
        aws(
            "aws:glue/securityConfiguration:SecurityConfiguration",
            "glue-security",
            {
                "name": "glue-sec",
                "encryptionConfiguration": {
                    "s3Encryption": {"s3EncryptionMode": "SSE-KMS", "kmsKeyArn": ORCH_KEY}
                },
            },
        )
    ]
    message = only(program(security=security))
    assert f"writes --target_path s3://{STAGED}/crm/" in message
    assert (
        f'denied by statement "DenyOtherKmsKeys" of the bucket policy of bucket [{STAGED}]'
        in message
    )
    assert f"change BucketPolicy [{STAGED}-policy]" in message


def test_glue_bookmarks_without_encrypt_are_denied() -> None:
    # Issue 12, defect 10: CSE-KMS bookmarks encrypt with the role's own credentials.
    job_views = [v for v in program() if v.name == "crm-job"]
    narrowed = role(
        "job",
        "glue.amazonaws.com",
        *reads(RAW, RAW_KEY),
        allow("s3:GetObject", f"arn:aws:s3:::{DAGS}/scripts/job.py"),
        allow("s3:PutObject", f"arn:aws:s3:::{STAGED}/*"),
        allow(["kms:GenerateDataKey", "kms:Decrypt"], [STAGED_KEY, ORCH_KEY]),
    )
    message = only(program(job=job_views + narrowed))
    assert "Glue job [crm-job] encrypts its bookmarks" in message
    assert f"kms:Encrypt on {ORCH_KEY} no statement allows it" in message
    assert "change Role [job]" in message


def test_mwaa_secret_locked_to_other_readers_is_denied() -> None:
    locked = dict(SECRET_READERS)
    locked["Condition"] = {
        "StringNotEquals": {"aws:PrincipalArn": [f"arn:aws:iam::{ACCT}:role/platform-admin"]}
    }
    mwaa = [v for v in program() if v.name != "db-secret-policy" and v.type != "aws:kms/key:Key"]
    mwaa = [v for v in mwaa if v.name in {"airflow", "mwaa-exec", "mwaa-exec-policy", "db-secret"}]
    mwaa.append(
        aws(
            "aws:secretsmanager/secretPolicy:SecretPolicy",
            "db-secret-policy",
            {"secretArn": SECRET_ARN, "policy": policy(locked)},
        )
    )
    message = only(program(mwaa=mwaa))
    assert "MWAA environment [airflow] reads secret [db-secret]" in message
    assert (
        'denied by statement "OnlyNamedReaders" of the secret policy of secret [db-secret]'
        in message
    )


def test_access_logs_of_a_source_the_log_bucket_does_not_admit_are_denied() -> None:
    # Issue 12, defect 4: the log bucket admits only sources matching a prefix.
    logging = [
        aws(
            "aws:s3/bucketLogging:BucketLogging",
            "dags-logging",
            {"bucket": DAGS, "targetBucket": LOGS, "targetPrefix": "dags/"},
        )
    ]
    message = only(program(logging=logging))
    assert f"S3 delivers the access logs of {DAGS} to bucket [{LOGS}]" in message
    assert "no statement allows it" in message and f"change BucketPolicy [{LOGS}-policy]" in message


def test_access_logs_into_an_sse_kms_target_cannot_be_delivered() -> None:
    message = only(program(logs=bucket(LOGS, ORCH_KEY, LOG_DELIVERY)))
    assert "S3 delivers server access logs only to SSE-S3 targets" in message


def test_flow_log_group_key_without_the_logs_service_is_denied() -> None:
    message = only(
        program(keys=[key("raw"), key("staged"), key("orch", EVENTS_USE_KEY), key("secrets")])
    )
    assert "VPC flow log [net-flow-log] writes log group [net-logs]" in message
    assert f"kms:GenerateDataKey on {ORCH_KEY} no statement allows it" in message
    assert "change Key [orch-key]" in message


def test_event_rule_publishing_to_a_topic_that_conditions_eventbridge_is_denied() -> None:
    """EventBridge sends no aws:SourceArn to the topic policy (its guide: no Condition blocks
    in SNS topic policies for EventBridge), so even the rule's own ARN admits nothing."""
    events = [v for v in program() if v.name in ("failures", "failures-target", "alerts")]
    statement = allow(
        "sns:Publish",
        TOPIC_ARN,
        Principal={"Service": "events.amazonaws.com"},
        Condition={"ArnEquals": {"aws:SourceArn": RULE_ARN}},
    )
    events.append(
        aws(
            "aws:sns/topicPolicy:TopicPolicy",
            "alerts-policy",
            {"arn": TOPIC_ARN, "policy": policy(statement)},
        )
    )
    message = only(program(events=events))
    assert "EventBridge rule [failures] publishes to topic [alerts]" in message
    assert f"sns:Publish on {TOPIC_ARN} no statement allows it" in message


SSO = f"arn:aws:iam::{ACCT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_*"


def deployers(*patterns: str) -> dict[str, Any]:
    return {RULE: {"deployers": list(patterns)}}


def test_without_deployers_configured_no_deployer_path_is_checked() -> None:
    assert not [m for m in violations(program()) if "deployer" in m]


def test_secret_policy_locking_out_the_deployer_is_denied() -> None:
    # Issue 12, defect 5: an SSO deployer is not among the secret's named readers.
    found = violations(program(), config=deployers(SSO))
    secrets = [m for m in found if "manages secret [db-secret]" in m]
    assert len(secrets) == 1, found
    assert "secretsmanager:GetSecretValue on" in secrets[0]
    assert 'denied by statement "OnlyNamedReaders"' in secrets[0]
    assert "change SecretPolicy [db-secret-policy]" in secrets[0]


def test_deployer_admitted_by_an_arn_pattern_may_manage_the_secret() -> None:
    admitted = dict(SECRET_READERS)
    admitted["Condition"] = {
        "ArnNotLike": {"aws:PrincipalArn": [f"arn:aws:iam::{ACCT}:role/mwaa-exec", SSO]}
    }
    mwaa = [
        v for v in program() if v.name in {"airflow", "mwaa-exec", "mwaa-exec-policy", "db-secret"}
    ]
    mwaa.append(
        aws(
            "aws:secretsmanager/secretPolicy:SecretPolicy",
            "db-secret-policy",
            {"secretArn": SECRET_ARN, "policy": policy(admitted)},
        )
    )
    assert violations(program(mwaa=mwaa), config=deployers(SSO)) == []


def test_key_policy_without_root_delegation_locks_out_the_deployer() -> None:
    no_root = aws(
        "aws:kms/key:Key",
        "raw-key",
        {
            "policy": policy(
                allow("kms:Decrypt", Principal={"AWS": f"arn:aws:iam::{ACCT}:role/snowpipe"})
            )
        },
        arn=RAW_KEY,
    )
    found = violations(
        program(
            keys=[no_root, key("staged"), key("orch", EVENTS_USE_KEY, LOGS_USE_KEY), key("secrets")]
        ),
        config=deployers(SSO),
    )
    assert any("manages key [raw-key]" in m and "kms:PutKeyPolicy" in m for m in found), found


def test_an_upload_without_the_bucket_key_header_is_denied_by_a_key_pinning_policy() -> None:
    upload = aws(
        "aws:s3/bucketObjectv2:BucketObjectv2",
        "seed",
        {"bucket": RAW, "key": "crm/seed.csv", "source": "x"},
    )
    found = [m for m in violations([*program(), upload], config=deployers(SSO)) if "upload" in m]
    assert len(found) == 1 and "the upload of object [seed]" in found[0], found
    assert 'denied by statement "DenyOtherKmsKeys"' in found[0]
    with_header = aws(
        "aws:s3/bucketObjectv2:BucketObjectv2",
        "seed",
        {
            "bucket": RAW,
            "key": "crm/seed.csv",
            "serverSideEncryption": "aws:kms",
            "kmsKeyId": RAW_KEY,
        },
    )
    found = violations([*program(), with_header], config=deployers(SSO))
    assert [m for m in found if "upload" in m] == []


def test_an_unknown_role_arn_is_not_evaluated() -> None:
    job = [v for v in program() if v.name != "crm-job"]
    unknown = aws(
        "aws:glue/job:Job", "crm-job", {"roleArn": "[unknown]", "securityConfiguration": "glue-sec"}
    )
    results = run(RULE, [*job, unknown])
    assert [r.status for r in results] == ["not-evaluated"]
    assert results[0].name == "crm-job"


def test_a_role_with_managed_policies_outside_the_program_is_not_judged_on_a_missing_allow() -> (
    None
):
    broken = [
        view(
            "snowflake:index/storageIntegrationAws:StorageIntegrationAws",
            "crm-integration",
            {
                "storageAwsRoleArn": f"arn:aws:iam::{ACCT}:role/snowpipe",
                "storageAllowedLocations": [f"s3://{RAW}/crm/"],
            },
        ),
        *role("snowpipe", "sts.amazonaws.com"),
        aws(
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "snowpipe-managed",
            {"role": "snowpipe", "policyArn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"},
        ),
    ]
    results = run(RULE, program(integration=broken))
    assert [r.status for r in results] == ["not-evaluated"]
    assert "AmazonS3ReadOnlyAccess" in results[0].message


# --- the real prod plan -----------------------------------------------------------------------

# Issue 12's known defects, being fixed in components/ in parallel: each reported flow must be
# one of these (the test does not require all of them, so it keeps passing as they are fixed).
KNOWN_DEFECTS = {
    "glue-write-key": ("writes --target_path", '"DenyOtherKmsKeys"'),  # defect 3
    "dag-bucket-access-logs": (
        "S3 delivers the access logs of airflow-",
        "no statement allows it",
    ),  # 4
    "bookmark-encrypt": ("encrypts its bookmarks", "kms:Encrypt"),  # defect 10
}


def test_prod_plan_reports_only_known_defects(plans: dict[str, dict[str, Any]]) -> None:
    reported = [v for v in plans["prod"]["violations"] if v["policy"] == RULE]
    for violation in reported:
        message = violation["message"]
        matched = [k for k, parts in KNOWN_DEFECTS.items() if all(p in message for p in parts)]
        assert matched, f"{violation['name']}: not a known defect: {message}"
    assert not [v for v in plans["prod"]["notEvaluated"] if v["policy"] == RULE]


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_every_stack_plan_evaluates_its_data_paths(
    plans: dict[str, dict[str, Any]], stack: str
) -> None:
    results = [
        v for v in plans[stack]["violations"] if v["policy"] == RULE and "failed:" in v["message"]
    ]
    assert results == [], results
