"""ARN formats: one home for the components (ARNs known before anything is created), the
pack's models (an ARN a resource will have, when its output is not known yet) and the CLI."""

from __future__ import annotations


def account_root(account_id: str) -> str:
    """The principal that stands for a whole account in resource policies."""
    return f"arn:aws:iam::{account_id}:root"


def s3_bucket(bucket_name: str) -> str:
    """The ARN of a bucket (bucket ARNs carry no region or account)."""
    return f"arn:aws:s3:::{bucket_name}"


def s3_objects(bucket_name: str) -> str:
    """The ARN pattern of every object in a bucket."""
    return f"arn:aws:s3:::{bucket_name}/*"


def iam_role(account_id: str, role_name: str, path: str = "/") -> str:
    """The ARN a role will have, known before the role exists (`path` defaults to `/`)."""
    return f"arn:aws:iam::{account_id}:role{path}{role_name}"


def s3_prefix_objects(bucket_name: str, prefix: str) -> str:
    """The ARN pattern of every object under `prefix` (no leading or trailing slash)."""
    return f"arn:aws:s3:::{bucket_name}/{prefix.strip('/')}/*"


def glue_catalog(region: str, account_id: str) -> str:
    """The account's Data Catalog; every catalog action also authorises on it."""
    return f"arn:aws:glue:{region}:{account_id}:catalog"


def glue_database(region: str, account_id: str, database: str) -> str:
    """A Glue catalog database."""
    return f"arn:aws:glue:{region}:{account_id}:database/{database}"


def glue_tables(region: str, account_id: str, database: str) -> str:
    """Every table of a Glue catalog database."""
    return f"arn:aws:glue:{region}:{account_id}:table/{database}/*"


def log_groups(region: str, account_id: str, name_pattern: str) -> str:
    """CloudWatch log groups whose name matches `name_pattern` (wildcards allowed)."""
    return f"arn:aws:logs:{region}:{account_id}:log-group:{name_pattern}"


def mwaa_environment(region: str, account_id: str, name: str) -> str:
    """An MWAA environment, known before it exists."""
    return f"arn:aws:airflow:{region}:{account_id}:environment/{name}"


def mwaa_rbac_role(region: str, account_id: str, environment: str, role: str) -> str:
    """An Apache Airflow RBAC role of an MWAA environment, the resource of
    `airflow:CreateWebLoginToken` and `airflow:InvokeRestApi` (AWS, "Accessing an Amazon
    MWAA environment", docs.aws.amazon.com/mwaa/latest/userguide/access-policies.html, and
    "Using the Apache Airflow REST API", .../access-mwaa-apache-airflow-rest-api.html)."""
    return f"arn:aws:airflow:{region}:{account_id}:role/{environment}/{role}"


def secrets(region: str, account_id: str, name_pattern: str) -> str:
    """Secrets Manager secrets whose name matches `name_pattern` (AWS appends a suffix)."""
    return f"arn:aws:secretsmanager:{region}:{account_id}:secret:{name_pattern}"


def glue(region: str, account_id: str, resource: str) -> str:
    """A Glue resource by its path (`job/<name>`, `crawler/<name>`, wildcards allowed)."""
    return f"arn:aws:glue:{region}:{account_id}:{resource}"


def kms_key(region: str, account_id: str, key_id: str) -> str:
    """One KMS key by its id."""
    return f"arn:aws:kms:{region}:{account_id}:key/{key_id}"


def glue_quality_ruleset(region: str, account_id: str, name: str) -> str:
    """One Glue Data Quality ruleset (`dataQualityRuleset/<name>`, the resource of
    `glue:StartDataQualityRulesetEvaluationRun` and `glue:PublishDataQuality`;
    https://docs.aws.amazon.com/glue/latest/dg/data-quality-authorization.html)."""
    return glue(region, account_id, f"dataQualityRuleset/{name}")


def scheduler_sdk_target(service: str, action: str) -> str:
    """EventBridge Scheduler's universal target for one AWS API action
    (`arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`, the action in camelCase;
    https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html)."""
    return f"arn:aws:scheduler:::aws-sdk:{service}:{action}"


def scheduler_schedule(region: str, account_id: str, group: str, name: str) -> str:
    """One EventBridge Scheduler schedule (`schedule/<group>/<name>`), the
    `aws:SourceArn` Scheduler sends when it assumes its execution role."""
    return f"arn:aws:scheduler:{region}:{account_id}:schedule/{group}/{name}"


def sqs_queues_any_account(region: str, name_pattern: str) -> str:
    """SQS queues of any account: MWAA's Celery queue lives in an AWS-owned account."""
    return f"arn:aws:sqs:{region}:*:{name_pattern}"


def vpc_flow_logs(region: str, account_id: str) -> str:
    """Every VPC flow log of the account (the flow-log service's source ARN)."""
    return f"arn:aws:ec2:{region}:{account_id}:vpc-flow-log/*"


def cloudwatch_alarms(region: str, account_id: str) -> str:
    """Every CloudWatch alarm of the account in `region` (alarm ARNs use `alarm:<name>`)."""
    return f"arn:aws:cloudwatch:{region}:{account_id}:alarm:*"


def budgets(account_id: str) -> str:
    """Every AWS budget of the account (Budgets is global: no region)."""
    return f"arn:aws:budgets::{account_id}:*"


def cloudwatch_alarm(region: str, account_id: str, name: str) -> str:
    """One CloudWatch alarm."""
    return f"arn:aws:cloudwatch:{region}:{account_id}:alarm:{name}"


def budget(account_id: str, name: str) -> str:
    """One AWS budget."""
    return f"arn:aws:budgets::{account_id}:budget/{name}"


def event_rule(region: str, account_id: str, name: str) -> str:
    """One EventBridge rule of the default bus."""
    return f"arn:aws:events:{region}:{account_id}:rule/{name}"


def vpc_flow_log(region: str, account_id: str, flow_log_id: str) -> str:
    """One VPC flow log (the flow-log service's source ARN)."""
    return f"arn:aws:ec2:{region}:{account_id}:vpc-flow-log/{flow_log_id}"


def bucket_name(arn: str) -> str | None:
    """The bucket an S3 bucket ARN names; None for anything else."""
    prefix = s3_bucket("")
    return arn.removeprefix(prefix) if arn.startswith(prefix) else None


def iam_user(account_id: str, user_name: str) -> str:
    """An IAM user's ARN (`*` parts make a pattern, e.g. Snowflake's user in its own account)."""
    return f"arn:aws:iam::{account_id}:user/{user_name}"


def account_of(arn: str) -> str | None:
    """The account an ARN names (its fifth field); None for what is not an ARN or has none."""
    parts = arn.split(":")
    if len(parts) < 6 or parts[0] != "arn":
        return None
    return parts[4] or None
