"""Each access rule on small synthetic stacks: a compliant case and each way to fail."""

from __future__ import annotations

import json
from typing import Any

from policies.rules.facts.tokens import (
    IAM_ROLE,
    KMS_KEY,
    KMS_KEY_POLICY,
    LAMBDA_FUNCTION,
    SNOWFLAKE_GRANT_OWNERSHIP,
    SNOWFLAKE_NETWORK_POLICY,
    SNOWFLAKE_NETWORK_RULE,
    SNOWFLAKE_SERVICE_USER,
    SNOWFLAKE_USER,
    SNS_TOPIC_POLICY,
    SQS_QUEUE,
    SSM_PARAMETER,
    TLS_PRIVATE_KEY,
)
from tests.policies.helpers import failing, view

ACCOUNT = "111122223333"
ROOT = f"arn:aws:iam::{ACCOUNT}:root"
KEY_ID = "0b7a6c1e-1111-2222-3333-444455556666"


def doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


ADMIN = {"Effect": "Allow", "Principal": {"AWS": ROOT}, "Action": "kms:*", "Resource": "*"}
OPEN = {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}


def key(name: str, policy: str | None = None) -> Any:
    return view(KMS_KEY, name, {"policy": policy}, outputs={"id": f"{name}-{KEY_ID}"})


def key_policy(name: str, key_name: str, *statements: dict[str, Any]) -> Any:
    return view(KMS_KEY_POLICY, name, {"keyId": f"{key_name}-{KEY_ID}", "policy": doc(*statements)})


KMS_RULE = "access-kms-key-policy-no-outside-access"


def test_a_key_with_a_sound_inline_policy_passes():
    assert failing(KMS_RULE, [key("k", doc(ADMIN))]) == set()


def test_a_key_with_an_open_inline_policy_fails():
    assert failing(KMS_RULE, [key("k", doc(ADMIN, OPEN))]) == {"k"}


def test_a_separate_key_policy_that_opens_the_key_fails_on_the_key_policy():
    assert failing(KMS_RULE, [key("k"), key_policy("kp", "k", ADMIN, OPEN)]) == {"kp"}


def test_a_separate_key_policy_overrides_a_sound_inline_policy():
    resources = [key("k", doc(ADMIN)), key_policy("kp", "k", ADMIN, OPEN)]
    assert failing(KMS_RULE, resources) == {"kp"}


def test_a_sound_separate_key_policy_overrides_an_open_inline_policy():
    resources = [key("k", doc(ADMIN, OPEN)), key_policy("kp", "k", ADMIN)]
    assert failing(KMS_RULE, resources) == set()


def test_topic_and_queue_policies_are_judged_inline_and_separate():
    anyone = {"Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "*"}
    own = {**anyone, "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}}}
    resources = [
        view(SNS_TOPIC_POLICY, "open", {"arn": "t", "policy": doc(anyone)}),
        view(SNS_TOPIC_POLICY, "bound", {"arn": "t", "policy": doc(own)}),
        view(SQS_QUEUE, "queue", {"policy": doc({**anyone, "Action": "sqs:SendMessage"})}),
    ]
    assert failing("access-resource-policy-no-outside-access", resources) == {"open", "queue"}


def test_a_role_trusting_a_named_account_with_an_external_id_passes():
    trust = {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::999900001111:user/snowflake"},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:ExternalId": "ABC_SFCRole=1"}},
    }
    role = view(IAM_ROLE, "integration", {"assumeRolePolicy": doc(trust)})
    assert failing("access-role-trust-no-outside-access", [role]) == set()


def test_a_role_trusting_everyone_with_an_external_id_fails():
    trust = {
        "Effect": "Allow",
        "Principal": {"AWS": "*"},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:ExternalId": "ABC_SFCRole=1"}},
    }
    role = view(IAM_ROLE, "integration", {"assumeRolePolicy": doc(trust)})
    assert failing("access-role-trust-no-outside-access", [role]) == {"integration"}


def test_ownership_to_public_fails_and_to_a_role_passes():
    grants = [
        view(SNOWFLAKE_GRANT_OWNERSHIP, "public", {"accountRoleName": '"PUBLIC"'}),
        view(SNOWFLAKE_GRANT_OWNERSHIP, "owner", {"accountRoleName": "GROWTH_OWNER"}),
    ]
    assert failing("access-snowflake-nothing-owned-by-public", grants) == {"public"}


def test_a_person_with_a_password_fails_and_service_users_are_left_to_their_rule():
    users = [
        view(SNOWFLAKE_USER, "person", {"password": "x"}),
        view(SNOWFLAKE_USER, "sso", {}),
        view(SNOWFLAKE_SERVICE_USER, "svc", {"password": "x"}),
    ]
    assert failing("access-snowflake-user-no-password", users) == {"person"}


def network(name: str, ips: list[str], rules: list[str] | None = None) -> Any:
    props = {"allowedIpLists": ips, "allowedNetworkRuleLists": rules or []}
    return view(SNOWFLAKE_NETWORK_POLICY, name, props)


def test_network_policies_whose_ranges_add_up_to_the_internet_fail():
    rule = view(
        SNOWFLAKE_NETWORK_RULE,
        "r",
        {"name": "OPEN_V6", "type": "IPV6", "mode": "INGRESS", "valueLists": ["::/1", "8000::/1"]},
    )
    resources = [
        network("halves", ["0.0.0.0/1", "128.0.0.0/1"]),
        network("v6", [], ['"DB"."NET"."OPEN_V6"']),
        network("office", ["52.95.110.1/32", "0.0.0.0/1"]),
        rule,
    ]
    assert failing("access-snowflake-network-not-world-open", resources) == {"halves", "v6"}


def parameter(name: str, kind: str, value: Any, deps: tuple[str, ...] = ()) -> Any:
    return view(SSM_PARAMETER, name, {"type": kind, "value": value}, dependencies=deps)


def test_private_keys_in_plain_parameters_fail():
    pem = "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----"
    tls_key = view(TLS_PRIVATE_KEY, "deploy", {"algorithm": "ED25519"})
    resources = [
        tls_key,
        parameter("pem", "String", pem),
        parameter("from-key", "String", "[secret]", (tls_key.urn,)),
        parameter("secure", "SecureString", "[secret]", (tls_key.urn,)),
        parameter("plain", "String", "eu-west-1"),
    ]
    assert failing("access-no-key-material-in-plain-parameter", resources) == {"pem", "from-key"}


def test_private_keys_in_tags_or_a_lambda_environment_fail():
    pem = "-----BEGIN RSA PRIVATE KEY-----\nMII\n-----END RSA PRIVATE KEY-----"
    tls_key = view(TLS_PRIVATE_KEY, "deploy", {"algorithm": "ED25519"})
    deps = (tls_key.urn,)
    resources = [
        tls_key,
        view(SQS_QUEUE, "tagged-pem", {"tags": {"key": pem}}),
        view(SQS_QUEUE, "tagged-from-key", {"tags": {"key": "[secret]"}}, dependencies=deps),
        view(SQS_QUEUE, "tagged-plainly", {"tags": {"team": "growth"}}, dependencies=deps),
        view(
            LAMBDA_FUNCTION,
            "env-from-key",
            {"environment": {"variables": {"KEY": "[secret]"}}},
            dependencies=deps,
        ),
        view(LAMBDA_FUNCTION, "env-plain", {"environment": {"variables": {"KEY": "name"}}}),
    ]
    assert failing("access-no-key-material-in-plain-text", resources) == {
        "tagged-pem",
        "tagged-from-key",
        "env-from-key",
    }
