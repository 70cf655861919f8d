"""Snowflake rules: compliant and one case per way to fail."""

from __future__ import annotations

import pytest

from tests.policies.helpers import failing, view

SF = "snowflake:index/{0}:{1}"
WH = SF.format("warehouse", "Warehouse")
WH_OK = {"warehouseSize": "MEDIUM", "autoSuspend": 60, "resourceMonitor": "RM"}
GAR = SF.format("grantAccountRole", "GrantAccountRole")
GPAR = SF.format("grantPrivilegesToAccountRole", "GrantPrivilegesToAccountRole")
SU = SF.format("serviceUser", "ServiceUser")
LSU = SF.format("legacyServiceUser", "LegacyServiceUser")
USER = SF.format("user", "User")
SU_OK = {
    "name": "LOADER",
    "rsaPublicKey": "MIIB...",
    "networkPolicy": "LOADERS",
    "defaultRole": "LOADER",
}
TAG = SF.format("tag", "Tag")
MP = SF.format("maskingPolicy", "MaskingPolicy")
SI = SF.format("storageIntegration", "StorageIntegration")
STAGE = SF.format("stageExternalS3", "StageExternalS3")
MASKED = "CASE WHEN IS_ROLE_IN_SESSION('PII_READER') THEN val ELSE '***' END"


def policy(name: str, type_: str) -> object:
    return view(
        MP,
        name,
        {
            "database": "GOV",
            "schema": "TAGS",
            "name": name,
            "body": MASKED,
            "arguments": [{"name": "val", "type": type_}],
            "returnDataType": type_,
        },
    )


POLICIES = [
    policy("MASK_S", "VARCHAR"),
    policy("MASK_N", "NUMBER(38,0)"),
    policy("MASK_D", "DATE"),
    policy("MASK_T", "TIMESTAMP_NTZ"),
]
ALL = ['"GOV"."TAGS"."MASK_S"', "GOV.TAGS.MASK_N", "gov.tags.mask_d", "GOV.TAGS.MASK_T"]
PII_TAG = {"name": "PII", "orderedAllowedValues": ["pii", "none"]}

CASES = [
    ("snowflake-warehouse-auto-suspend", "compliant", [view(WH, "w", WH_OK)], set()),
    (
        "snowflake-warehouse-auto-suspend",
        "default 600 s",
        [view(WH, "w", {"warehouseSize": "XSMALL"})],
        {"w"},
    ),
    (
        "snowflake-warehouse-auto-suspend",
        "never suspends",
        [view(WH, "w", {**WH_OK, "autoSuspend": 0})],
        {"w"},
    ),
    (
        "snowflake-warehouse-auto-suspend",
        "over the cap",
        [view(WH, "w", {**WH_OK, "autoSuspend": 900})],
        {"w"},
    ),
    ("snowflake-warehouse-size-capped", "compliant", [view(WH, "w", WH_OK)], set()),
    (
        "snowflake-warehouse-size-capped",
        "too large",
        [view(WH, "w", {**WH_OK, "warehouseSize": "2X-LARGE"})],
        {"w"},
    ),
    (
        "snowflake-warehouse-size-capped",
        "unknown size",
        [view(WH, "w", {**WH_OK, "warehouseSize": "HUGE"})],
        {"w"},
    ),
    ("snowflake-warehouse-resource-monitor", "compliant", [view(WH, "w", WH_OK)], set()),
    (
        "snowflake-warehouse-resource-monitor",
        "no monitor",
        [view(WH, "w", {**WH_OK, "resourceMonitor": None})],
        {"w"},
    ),
    (
        "snowflake-resource-monitor-suspends",
        "compliant",
        [
            view(
                SF.format("resourceMonitor", "ResourceMonitor"),
                "rm",
                {"creditQuota": 10, "suspendTrigger": 100},
            )
        ],
        set(),
    ),
    (
        "snowflake-resource-monitor-suspends",
        "no quota",
        [view(SF.format("resourceMonitor", "ResourceMonitor"), "rm", {"suspendTrigger": 100})],
        {"rm"},
    ),
    (
        "snowflake-resource-monitor-suspends",
        "never suspends",
        [
            view(
                SF.format("resourceMonitor", "ResourceMonitor"),
                "rm",
                {"creditQuota": 10, "notifyTriggers": [80]},
            )
        ],
        {"rm"},
    ),
    (
        "snowflake-no-admin-role-grant",
        "compliant",
        [view(GAR, "g", {"roleName": "ANALYST", "parentRoleName": "SYSADMIN"})],
        set(),
    ),
    (
        "snowflake-no-admin-role-grant",
        "ACCOUNTADMIN",
        [view(GAR, "g", {"roleName": '"ACCOUNTADMIN"', "parentRoleName": "OPS"})],
        {"g"},
    ),
    (
        "snowflake-no-admin-role-grant",
        "securityadmin to a user",
        [view(GAR, "g", {"roleName": "securityadmin", "userName": "BOB"})],
        {"g"},
    ),
    (
        "snowflake-ownership-not-to-admin-roles",
        "to SYSADMIN",
        [
            view(
                SF.format("grantOwnership", "GrantOwnership"),
                "o",
                {
                    "accountRoleName": "SYSADMIN",
                    "on": {"objectType": "WAREHOUSE", "objectName": "WH"},
                },
            )
        ],
        set(),
    ),
    (
        "snowflake-ownership-not-to-admin-roles",
        "to ACCOUNTADMIN",
        [
            view(
                SF.format("grantOwnership", "GrantOwnership"),
                "o",
                {
                    "accountRoleName": '"ACCOUNTADMIN"',
                    "on": {"objectType": "WAREHOUSE", "objectName": "WH"},
                },
            )
        ],
        {"o"},
    ),
    (
        "snowflake-no-grant-to-public",
        "compliant",
        [view(GPAR, "g", {"accountRoleName": "ANALYST", "privileges": ["USAGE"]})],
        set(),
    ),
    (
        "snowflake-no-grant-to-public",
        "privileges to PUBLIC",
        [view(GPAR, "g", {"accountRoleName": "PUBLIC", "privileges": ["USAGE"]})],
        {"g"},
    ),
    (
        "snowflake-no-grant-to-public",
        "role to PUBLIC",
        [view(GAR, "g", {"roleName": "ANALYST", "parentRoleName": "public"})],
        {"g"},
    ),
    (
        "snowflake-no-all-privileges",
        "compliant",
        [view(GPAR, "g", {"accountRoleName": "A", "privileges": ["SELECT"]})],
        set(),
    ),
    (
        "snowflake-no-all-privileges",
        "allPrivileges",
        [view(GPAR, "g", {"accountRoleName": "A", "allPrivileges": True})],
        {"g"},
    ),
    (
        "snowflake-no-all-privileges",
        "ALL in privileges",
        [
            view(
                SF.format("grantPrivilegesToDatabaseRole", "GrantPrivilegesToDatabaseRole"),
                "g",
                {"databaseRoleName": "D.R", "privileges": ["ALL PRIVILEGES"]},
            )
        ],
        {"g"},
    ),
    ("snowflake-service-user-key-pair-only", "compliant", [view(SU, "u", SU_OK)], set()),
    (
        "snowflake-service-user-key-pair-only",
        "human users are not service users",
        [view(USER, "h", {"name": "ANNA", "password": "[secret]"})],
        set(),
    ),
    (
        "snowflake-service-user-key-pair-only",
        "no key",
        [view(SU, "u", {**SU_OK, "rsaPublicKey": None})],
        {"u"},
    ),
    (
        "snowflake-service-user-key-pair-only",
        "legacy user with password",
        [view(LSU, "u", {**SU_OK, "password": "[secret]"})],
        {"u"},
    ),
    (
        "snowflake-service-user-key-pair-only",
        "User of type SERVICE without key",
        [view(USER, "u", {"name": "ETL", "userType": "service"})],
        {"u"},
    ),
    ("snowflake-service-user-network-policy", "compliant", [view(SU, "u", SU_OK)], set()),
    (
        "snowflake-service-user-network-policy",
        "through an attachment",
        [
            view(SU, "u", {**SU_OK, "networkPolicy": None}),
            view(
                SF.format("networkPolicyAttachment", "NetworkPolicyAttachment"),
                "a",
                {"networkPolicyName": "LOADERS", "users": ["LOADER"]},
            ),
        ],
        set(),
    ),
    (
        "snowflake-service-user-network-policy",
        "none",
        [view(SU, "u", {**SU_OK, "networkPolicy": None})],
        {"u"},
    ),
    (
        "snowflake-user-no-admin-default-role",
        "compliant",
        [view(USER, "h", {"defaultRole": "ANALYST"})],
        set(),
    ),
    (
        "snowflake-user-no-admin-default-role",
        "ACCOUNTADMIN default",
        [view(SU, "u", {**SU_OK, "defaultRole": "ACCOUNTADMIN"})],
        {"u"},
    ),
    ("snowflake-pii-tag-allowed-values", "compliant", [view(TAG, "t", PII_TAG)], set()),
    (
        "snowflake-pii-tag-allowed-values",
        "an unrelated tag",
        [view(TAG, "t", {"name": "TEAM"})],
        set(),
    ),
    (
        "snowflake-pii-tag-allowed-values",
        "PII tag without values",
        [view(TAG, "t", {"name": "PII"})],
        {"t"},
    ),
    (
        "snowflake-pii-tag-allowed-values",
        "masking tag without values",
        [view(TAG, "t", {"name": "SENS", "maskingPolicies": ["GOV.TAGS.MASK_S"]})],
        {"t"},
    ),
    ("snowflake-masking-policy-masks", "compliant", [policy("MASK_S", "VARCHAR")], set()),
    (
        "snowflake-masking-policy-masks",
        "body is the argument",
        [view(MP, "m", {"body": " val ", "arguments": [{"name": "VAL", "type": "VARCHAR"}]})],
        {"m"},
    ),
    (
        "snowflake-masking-policy-masks",
        "every branch is the argument",
        [
            view(
                MP,
                "m",
                {
                    "body": "case when current_role() = 'A' then val else (val) end",
                    "arguments": [{"name": "val", "type": "VARCHAR"}],
                },
            )
        ],
        {"m"},
    ),
    (
        "snowflake-masking-tag-covers-data-types",
        "compliant",
        [view(TAG, "t", {**PII_TAG, "maskingPolicies": ALL}), *POLICIES],
        set(),
    ),
    (
        "snowflake-masking-tag-covers-data-types",
        "dates left clear",
        [
            view(
                TAG,
                "t",
                {**PII_TAG, "maskingPolicies": [r for r in ALL if "MASK_D" not in r.upper()]},
            ),
            *POLICIES,
        ],
        {"t"},
    ),
    (
        "snowflake-storage-integration-explicit-locations",
        "compliant",
        [view(SI, "si", {"storageAllowedLocations": ["s3://lake/raw/"]})],
        set(),
    ),
    ("snowflake-storage-integration-explicit-locations", "none", [view(SI, "si", {})], {"si"}),
    (
        "snowflake-storage-integration-explicit-locations",
        "wildcard",
        [view(SI, "si", {"storageAllowedLocations": ["*"]})],
        {"si"},
    ),
    (
        "snowflake-external-stage-uses-integration",
        "compliant",
        [view(STAGE, "st", {"url": "s3://lake/raw/", "storageIntegration": "LAKE"})],
        set(),
    ),
    (
        "snowflake-external-stage-uses-integration",
        "internal legacy stage",
        [view(SF.format("stage", "Stage"), "st", {"name": "INTERNAL"})],
        set(),
    ),
    (
        "snowflake-external-stage-uses-integration",
        "no integration",
        [view(STAGE, "st", {"url": "s3://lake/raw/"})],
        {"st"},
    ),
    (
        "snowflake-external-stage-uses-integration",
        "credentials",
        [
            view(
                STAGE,
                "st",
                {
                    "url": "s3://lake/raw/",
                    "storageIntegration": "LAKE",
                    "credentials": {"awsKeyId": "[secret]"},
                },
            )
        ],
        {"st"},
    ),
]


@pytest.mark.parametrize(
    ("rule", "case", "resources", "expected"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES]
)
def test_snowflake_rule(rule, case, resources, expected):
    assert failing(rule, resources) == expected, case


def test_size_and_suspend_caps_follow_the_environment():
    warehouse = view(WH, "w", {**WH_OK, "warehouseSize": "MEDIUM", "autoSuspend": 120}, stack="dev")
    assert failing("snowflake-warehouse-size-capped", [warehouse], stack="dev") == {"w"}
    assert failing("snowflake-warehouse-auto-suspend", [warehouse], stack="dev") == {"w"}
    assert failing("snowflake-warehouse-auto-suspend", [warehouse], stack="staging") == set()


def test_a_masking_policy_outside_the_program_is_not_evaluated():
    from tests.policies.helpers import run

    results = run(
        "snowflake-masking-tag-covers-data-types",
        [view(TAG, "t", {**PII_TAG, "maskingPolicies": ["OTHER.DB.MASK"]})],
    )
    assert [r.status for r in results] == ["not-evaluated"]
