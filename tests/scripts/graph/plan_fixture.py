"""A small synthetic plan document: one component with a bucket, a key it depends on, and a
Snowflake user and role."""

from __future__ import annotations

from typing import Any

P = "urn:pulumi:dev::proj::"
STACK = f"{P}pulumi:pulumi:Stack::proj-dev"
LAKE = f"{P}dataplatform:storage:DataLake::lake"
RAW = f"{P}dataplatform:storage:DataLake$aws:s3/bucketV2:BucketV2::lake-raw"
KEY = f"{P}aws:kms/key:Key::key"
GRANT = "snowflake:index/grantAccountRole:GrantAccountRole"


def resource(urn: str, type_: str, parent: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "urn": urn,
        "type": type_,
        "name": urn.rsplit("::", 1)[1],
        "custom": not type_.startswith(("dataplatform:", "pulumi:pulumi:")),
        "parent": parent,
        "dependencies": extra.pop("dependencies", []),
        "inputs": extra.pop("inputs", {}),
        **extra,
    }


def document() -> dict[str, Any]:
    return {
        "project": "proj",
        "stack": "dev",
        "resources": [
            resource(STACK, "pulumi:pulumi:Stack", None),
            resource(LAKE, "dataplatform:storage:DataLake", STACK),
            resource(RAW, "aws:s3/bucketV2:BucketV2", LAKE, dependencies=[KEY, KEY]),
            resource(KEY, "aws:kms/key:Key", STACK),
            resource(
                f"{P}{GRANT}::analyst-to-sysadmin",
                GRANT,
                STACK,
                inputs={"roleName": "ANALYST", "parentRoleName": "SYSADMIN"},
                dependencies=[LAKE],
            ),
            resource(
                f"{P}{GRANT}::bob-analyst",
                GRANT,
                STACK,
                inputs={"roleName": "ANALYST", "userName": "BOB"},
            ),
            resource(
                f"{P}snowflake:index/grantPrivilegesToAccountRole:"
                "GrantPrivilegesToAccountRole::analyst-wh",
                "snowflake:index/grantPrivilegesToAccountRole:GrantPrivilegesToAccountRole",
                STACK,
                inputs={
                    "accountRoleName": "ANALYST",
                    "privileges": ["USAGE"],
                    "onAccountObject": {"objectType": "WAREHOUSE", "objectName": "WH"},
                },
            ),
        ],
    }
