"""preflight-container-dependency: what names its container by a plain value depends on it."""

from __future__ import annotations

from policies.rules.core.values import UNKNOWN
from tests.policies.helpers import failing, run, view

RULE = "preflight-container-dependency"
BUCKET = "aws:s3/bucket:Bucket"
OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2"
SF = "snowflake:index/{0}:{1}"


def _bucket(name: str = "dags", **options: object):
    return view(
        BUCKET, name, {"bucket": f"{name}-physical"}, outputs={"id": f"{name}-physical"}, **options
    )


def _object(name: str = "script", bucket: object = "dags-physical", **options: object):
    return view(OBJECT, name, {"bucket": bucket, "key": "a.py"}, **options)


def test_an_object_that_depends_on_its_bucket_passes():
    bucket = _bucket()
    assert failing(RULE, [bucket, _object(dependencies=(bucket.urn,))]) == set()


def test_an_object_naming_its_bucket_by_a_string_without_a_dependency_fails():
    results = run(RULE, [_bucket(), _object()])
    assert [r.name for r in results] == ["script"]
    message = results[0].message
    assert "'dags-physical' (bucket)" in message and f"{BUCKET} [dags]" in message, message
    assert "depends_on" in message, message


def test_an_object_whose_bucket_value_is_an_output_passes():
    # An output brings its dependency with it; the value is unknown during preview.
    bucket = _bucket()
    assert run(RULE, [bucket, _object(bucket=UNKNOWN, dependencies=(bucket.urn,))]) == []


def test_an_unknown_value_on_a_resource_without_dependencies_is_not_evaluated():
    results = run(RULE, [_bucket(), _object(bucket=UNKNOWN)])
    assert [r.status for r in results] == ["not-evaluated"], results


def test_a_bucket_outside_the_stack_is_not_this_rules_concern():
    assert failing(RULE, [_bucket(), _object(bucket="someone-elses-bucket")]) == set()


def test_a_dependency_through_another_resource_orders_it_after_the_bucket():
    bucket = _bucket()
    policy = view(
        "aws:s3/bucketPolicy:BucketPolicy",
        "policy",
        {"bucket": "dags-physical"},
        dependencies=(bucket.urn,),
    )
    obj = _object(dependencies=(policy.urn,))
    assert failing(RULE, [bucket, policy, obj]) == set()


def test_a_dependency_on_a_component_holding_the_bucket_counts():
    component = "urn:pulumi:prod::test::dataplatform:storage:SecureBucket::dags"
    bucket = _bucket(parent=component)
    assert failing(RULE, [bucket, _object(dependencies=(component,))]) == set()


def test_a_child_of_the_bucket_is_created_after_it():
    bucket = _bucket()
    assert failing(RULE, [bucket, _object(parent=bucket.urn)]) == set()


def test_a_role_policy_naming_its_role_without_a_dependency_fails():
    role = view(
        "aws:iam/role:Role", "role", {"name": "etl"}, outputs={"arn": "arn:aws:iam::1:role/etl"}
    )
    policy = view("aws:iam/rolePolicy:RolePolicy", "read", {"role": "etl", "policy": "{}"})
    assert failing(RULE, [role, policy]) == {"read"}


def test_a_topic_policy_naming_its_topic_by_arn_without_a_dependency_fails():
    arn = "arn:aws:sns:eu-west-1:111122223333:alerts"
    topic = view("aws:sns/topic:Topic", "alerts", {"name": "alerts"}, outputs={"arn": arn})
    policy = view("aws:sns/topicPolicy:TopicPolicy", "alerts-policy", {"arn": arn})
    assert failing(RULE, [topic, policy]) == {"alerts-policy"}


def test_a_grant_naming_its_database_role_and_schema_must_depend_on_both():
    db_role = view(
        SF.format("databaseRole", "DatabaseRole"),
        "read",
        {"name": "READ", "database": "DB"},
        outputs={"fullyQualifiedName": '"DB"."READ"'},
    )
    schema = view(
        SF.format("schema", "Schema"),
        "raw",
        {"name": "RAW", "database": "DB"},
        outputs={"fullyQualifiedName": '"DB"."RAW"'},
    )
    grant = view(
        SF.format("grantPrivilegesToDatabaseRole", "GrantPrivilegesToDatabaseRole"),
        "grant",
        {
            "privileges": ["USAGE"],
            "databaseRoleName": '"DB"."READ"',
            "onSchema": {"schemaName": '"DB"."RAW"'},
        },
        dependencies=(db_role.urn,),
    )
    results = run(RULE, [db_role, schema, grant])
    assert len(results) == 1 and "[raw]" in results[0].message, results


def test_a_grant_of_an_account_role_compares_names_as_snowflake_does():
    role = view(SF.format("accountRole", "AccountRole"), "analyst", {"name": "ANALYST"})
    grant = view(
        SF.format("grantAccountRole", "GrantAccountRole"),
        "to-sysadmin",
        {"roleName": '"analyst"', "parentRoleName": "SYSADMIN"},
    )
    assert failing(RULE, [role, grant]) == {"to-sysadmin"}


def test_a_pipe_must_depend_on_the_stage_its_copy_statement_reads():
    stage = view(
        SF.format("stageExternalS3", "StageExternalS3"),
        "stage",
        {"name": "STG", "database": "DB", "schema": "RAW"},
        outputs={"fullyQualifiedName": '"DB"."RAW"."STG"'},
    )
    statement = 'COPY INTO "DB"."RAW"."T" FROM @"DB"."RAW"."STG" FILE_FORMAT = (TYPE = JSON)'
    pipe = view(SF.format("pipe", "Pipe"), "pipe", {"copyStatement": statement})
    assert failing(RULE, [stage, pipe]) == {"pipe"}
    assert (
        failing(RULE, [stage, view(pipe.type, "pipe", pipe.props, dependencies=(stage.urn,))])
        == set()
    )
