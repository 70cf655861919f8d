"""The same-account IAM evaluator, on the examples of AWS's documentation.

Pages cited:
- EVAL: IAM UG, "Policy evaluation for requests within a single account",
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
- OPS: IAM UG, "IAM JSON policy elements: Condition operators",
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
- NOTP: IAM UG, "AWS JSON policy elements: NotPrincipal",
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
- KMS: KMS DG, "Key policies in AWS KMS" and "Default key policy",
  https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html,
  https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
- S3LOG: S3 UG, "Enabling Amazon S3 server access logging" (log delivery bucket policy),
  https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
"""

from __future__ import annotations

from typing import Any

import pytest

from policies.rules.preflight.iam_catalogue import catalogue, expand, is_known
from policies.rules.preflight.iam_conditions import UnsupportedCondition, conditions_hold
from policies.rules.preflight.iam_evaluation import Document, Request, evaluate

ACCT = "111122223333"
CARLOS = f"arn:aws:iam::{ACCT}:user/carlossalazar"
ROLE = f"arn:aws:iam::{ACCT}:role/reader"
OTHER = f"arn:aws:iam::{ACCT}:role/other"
ROOT = f"arn:aws:iam::{ACCT}:root"
BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs"
KEY = f"arn:aws:kms:eu-west-1:{ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def doc(*statements: dict[str, Any], name: str = "test policy", kind: Any = "identity") -> Document:
    return Document(name, {"Version": "2012-10-17", "Statement": list(statements)}, kind)


def bucket_policy(*statements: dict[str, Any]) -> Document:
    return doc(*statements, name="bucket policy of bucket [logs]", kind="resource")


def key_policy(*statements: dict[str, Any]) -> Document:
    return doc(*statements, name="key policy of key [k]", kind="resource")


def allow(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


# EVAL, "Example identity-based and resource-based policy evaluation": Carlos's user policy
# allows s3:PutObject on his logs bucket; the bucket policy allows/denies.
CARLOS_POLICY = doc(allow(["s3:PutObject", "s3:GetObject"], f"{BUCKET}/*"), name="user policy")
PUT = Request(CARLOS, "s3:PutObject", f"{BUCKET}/a.log")


def test_identity_allow_suffices_when_the_resource_policy_is_silent() -> None:
    assert evaluate(PUT, [CARLOS_POLICY], bucket_policy()).allowed


def test_resource_allow_suffices_when_the_identity_policy_is_silent() -> None:
    # EVAL: "If either the identity-based policy or the resource-based policy within the same
    # account allows the request and the other doesn't, the request is still allowed."
    policy = bucket_policy(allow("s3:PutObject", f"{BUCKET}/*", Principal={"AWS": CARLOS}))
    decision = evaluate(PUT, [], policy)
    assert decision.allowed and decision.statement is not None
    assert decision.statement.document == "bucket policy of bucket [logs]"


def test_explicit_deny_overrides_an_allow() -> None:
    policy = bucket_policy(deny("s3:*", f"{BUCKET}/*", Principal="*", Sid="NoWrites"))
    decision = evaluate(PUT, [CARLOS_POLICY], policy)
    assert decision.outcome == "explicit-deny"
    assert (
        decision.explain() == 'denied by statement "NoWrites" of the bucket policy of bucket [logs]'
    )


def test_nothing_allowing_is_an_implicit_deny() -> None:
    decision = evaluate(Request(CARLOS, "s3:DeleteObject", f"{BUCKET}/a"), [CARLOS_POLICY])
    assert decision.outcome == "implicit-deny" and decision.statement is None


def test_statement_without_sid_is_named_by_index() -> None:
    decision = evaluate(PUT, [doc(allow("s3:Get*"), deny("s3:Put*"), name="user policy")])
    assert decision.explain() == "denied by statement #1 of the user policy"


def test_actions_match_case_insensitively_with_wildcards() -> None:
    assert evaluate(Request(ROLE, "S3:getobject", BUCKET), [doc(allow("s3:Get*"))]).allowed
    assert evaluate(Request(ROLE, "s3:GetObject", BUCKET), [doc(allow("s3:G?tObject"))]).allowed
    assert not evaluate(Request(ROLE, "s3:PutObject", BUCKET), [doc(allow("s3:Get*"))]).allowed


def test_resources_match_case_sensitively_and_star_spans_slashes() -> None:
    policy = [doc(allow("s3:GetObject", f"{BUCKET}/logs/*"))]
    assert evaluate(Request(ROLE, "s3:GetObject", f"{BUCKET}/logs/2026/a"), policy).allowed
    assert not evaluate(Request(ROLE, "s3:GetObject", f"{BUCKET}/LOGS/a"), policy).allowed


def test_not_action_and_not_resource_cover_everything_else() -> None:
    everything_but_iam = doc({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})
    assert evaluate(Request(ROLE, "s3:GetObject", BUCKET), [everything_but_iam]).allowed
    assert not evaluate(Request(ROLE, "iam:CreateUser", "*"), [everything_but_iam]).allowed
    not_this = doc({"Effect": "Deny", "Action": "s3:*", "NotResource": f"{BUCKET}/*"})
    assert evaluate(Request(ROLE, "s3:GetObject", "arn:aws:s3:::x/y"), [not_this]).outcome == (
        "explicit-deny"
    )


def test_resource_policy_statement_for_another_principal_does_not_apply() -> None:
    policy = bucket_policy(allow("s3:PutObject", f"{BUCKET}/*", Principal={"AWS": OTHER}))
    assert not evaluate(PUT, [], policy).allowed


def test_not_principal_deny_exempts_a_role_listed_with_its_account() -> None:
    # NOTP: Deny with NotPrincipal denies everyone except the listed principals; "you must also
    # specify the account ARN of the not-denied principal".
    statement = deny("s3:*", "*", NotPrincipal={"AWS": [ROLE, ROOT]}, Sid="OnlyReader")
    policy = bucket_policy(statement, allow("s3:GetObject", "*", Principal={"AWS": ROLE}))
    assert evaluate(Request(ROLE, "s3:GetObject", f"{BUCKET}/a"), [], policy).allowed
    other = evaluate(Request(OTHER, "s3:GetObject", f"{BUCKET}/a"), [], policy)
    assert other.outcome == "explicit-deny"


def test_not_principal_without_the_account_denies_the_listed_role_too() -> None:
    policy = bucket_policy(deny("s3:*", "*", NotPrincipal={"AWS": [ROLE]}))
    decision = evaluate(Request(ROLE, "s3:GetObject", f"{BUCKET}/a"), [doc(allow("s3:*"))], policy)
    assert decision.outcome == "explicit-deny"


def test_if_exists_holds_when_the_key_is_absent() -> None:
    # OPS, "...IfExists condition operators": "If the key is not present, evaluate the condition
    # element as true." So a Deny with StringNotEqualsIfExists on an upload header also denies
    # an upload that sends no header (bucket policies see the request's headers; a bucket's
    # default encryption is applied after them).
    statement = deny(
        "s3:PutObject",
        f"{BUCKET}/*",
        Principal="*",
        Sid="DenyOtherKmsKeys",
        Condition={
            "StringNotEqualsIfExists": {"s3:x-amz-server-side-encryption-aws-kms-key-id": KEY}
        },
    )
    policy = bucket_policy(statement)
    assert evaluate(PUT, [CARLOS_POLICY], policy).outcome == "explicit-deny"
    wrong_key = Request(
        CARLOS,
        "s3:PutObject",
        f"{BUCKET}/a.log",
        {"s3:x-amz-server-side-encryption-aws-kms-key-id": KEY.replace("1234abcd", "99999999")},
    )
    assert (
        evaluate(wrong_key, [CARLOS_POLICY], policy)
        .explain()
        .startswith('denied by statement "DenyOtherKmsKeys"')
    )
    right_key = Request(
        CARLOS,
        "s3:PutObject",
        f"{BUCKET}/a",
        {"s3:x-amz-server-side-encryption-aws-kms-key-id": KEY},
    )
    assert evaluate(right_key, [CARLOS_POLICY], policy).allowed


def test_if_exists_on_a_positive_operator_lets_an_absent_key_pass() -> None:
    # OPS, the ec2:InstanceType example: StringEqualsIfExists allows requests without the key.
    condition = {"StringEqualsIfExists": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}}
    assert conditions_hold(condition, {})
    assert not conditions_hold(condition, {"ec2:InstanceType": "t2.micro"})  # no wildcards


def test_a_missing_key_makes_positive_operators_false() -> None:
    # OPS: "If the key that you specify in a policy condition is not present in the request
    # context, the values do not match and the condition is false" (aws:PrincipalTag example).
    condition = {"StringEquals": {"aws:PrincipalTag/job-category": "iamuser-admin"}}
    assert not conditions_hold(condition, {})
    assert conditions_hold(condition, {"aws:principaltag/JOB-category": "iamuser-admin"})


def test_a_missing_key_makes_negated_operators_true() -> None:
    # OPS: "If the policy condition requires that the key is not matched, such as StringNotLike
    # or ArnNotLike, and the right key is not present, the condition is true."
    assert conditions_hold({"StringNotLike": {"aws:userid": "AIDA*"}}, {})
    assert conditions_hold({"ArnNotLike": {"aws:SourceArn": "arn:aws:s3:::x"}}, {})
    assert not conditions_hold({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::x"}}, {})


def test_values_of_one_key_are_ored_and_keys_are_anded() -> None:
    condition = {
        "StringEquals": {"aws:SourceAccount": ACCT},
        "ArnLike": {"aws:SourceArn": ["arn:aws:s3:::a-*", "arn:aws:s3:::b-*"]},
    }
    assert conditions_hold(
        condition, {"aws:SourceAccount": ACCT, "aws:SourceArn": "arn:aws:s3:::b-1"}
    )
    assert not conditions_hold(
        condition, {"aws:SourceAccount": ACCT, "aws:SourceArn": "arn:aws:s3:::c"}
    )
    assert not conditions_hold(condition, {"aws:SourceArn": "arn:aws:s3:::a-1"})


def test_negated_operator_with_several_values_needs_all_to_differ() -> None:
    condition = {"StringNotEquals": {"aws:PrincipalArn": [ROLE, OTHER]}}
    assert not conditions_hold(condition, {"aws:PrincipalArn": OTHER})
    assert conditions_hold(condition, {"aws:PrincipalArn": CARLOS})


def test_arn_like_matches_each_component_separately() -> None:
    # OPS, ARN operators: "Each of the six colon-delimited components of the ARN is checked
    # separately and each can include multi-character match wildcards (*)".
    pattern = {
        "ArnLike": {
            "aws:PrincipalArn": f"arn:aws:iam::{ACCT}:role/aws-reserved/sso.amazonaws.com/*"
        }
    }
    sso = (
        f"arn:aws:iam::{ACCT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_1"
    )
    assert conditions_hold(pattern, {"aws:PrincipalArn": sso})
    assert not conditions_hold(
        {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}}, {"aws:SourceArn": "nope"}
    )
    assert not conditions_hold(
        {"ArnLike": {"aws:SourceArn": "arn:aws:*:eu-west-1:*:*"}},
        {"aws:SourceArn": f"arn:aws:sns:us-east-1:{ACCT}:t"},
    )


def test_string_like_and_ignore_case() -> None:
    assert conditions_hold({"StringLike": {"s3:prefix": ["home/*"]}}, {"s3:prefix": "home/a/"})
    assert not conditions_hold({"StringLike": {"s3:prefix": "home/*"}}, {"s3:prefix": "HOME/a"})
    assert conditions_hold(
        {"StringEqualsIgnoreCase": {"aws:username": "Bob"}}, {"aws:username": "bob"}
    )


def test_bool_numeric_and_null() -> None:
    insecure = {"Bool": {"aws:SecureTransport": "false"}}
    assert conditions_hold(insecure, {"aws:SecureTransport": False})
    assert not conditions_hold(insecure, {"aws:SecureTransport": True})
    assert not conditions_hold(insecure, {})  # a missing key: false
    old_tls = {"NumericLessThan": {"s3:TlsVersion": "1.2"}}
    assert conditions_hold(old_tls, {"s3:TlsVersion": "1.1"})
    assert not conditions_hold(old_tls, {"s3:TlsVersion": "1.3"})
    sse_c = {"Null": {"s3:x-amz-server-side-encryption-customer-algorithm": "false"}}
    assert not conditions_hold(sse_c, {})
    assert conditions_hold(sse_c, {"s3:x-amz-server-side-encryption-customer-algorithm": "AES256"})


def test_set_operators_on_a_missing_key() -> None:
    # OPS, "Set operators for multivalued context keys": ForAllValues is true when the key is
    # absent, ForAnyValue false.
    assert conditions_hold({"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}, {})
    assert not conditions_hold({"ForAnyValue:StringEquals": {"aws:TagKeys": ["env"]}}, {})
    tags = {"aws:TagKeys": ["env", "owner"]}
    assert not conditions_hold({"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}, tags)
    assert conditions_hold({"ForAnyValue:StringEquals": {"aws:TagKeys": ["env"]}}, tags)


def test_an_unknown_operator_is_refused() -> None:
    with pytest.raises(UnsupportedCondition, match="BinaryEquals"):
        conditions_hold({"BinaryEquals": {"k": "QmluYXJ5"}}, {"k": "x"})


DECRYPT = Request(ROLE, "kms:Decrypt", KEY, {"kms:ViaService": "s3.eu-west-1.amazonaws.com"})
ROLE_MAY_DECRYPT = doc(allow("kms:Decrypt", KEY, Sid="Use"), name="role policy")


def test_kms_identity_allow_needs_the_key_policy_to_delegate_to_the_account() -> None:
    # KMS: "Without permission from the key policy, IAM policies that allow permissions have no
    # effect." The default key policy's root statement "enables IAM policies".
    without_root = key_policy(allow("kms:*", "*", Principal={"AWS": OTHER}))
    decision = evaluate(DECRYPT, [ROLE_MAY_DECRYPT], without_root)
    assert decision.outcome == "implicit-deny"
    assert "neither allows the principal nor delegates" in decision.detail
    with_root = key_policy(allow("kms:*", "*", Principal={"AWS": ROOT}, Sid="EnableIam"))
    assert evaluate(DECRYPT, [ROLE_MAY_DECRYPT], with_root).allowed


def test_kms_root_delegation_alone_grants_nothing() -> None:
    with_root = key_policy(allow("kms:*", "*", Principal={"AWS": ROOT}, Sid="EnableIam"))
    decision = evaluate(DECRYPT, [], with_root)
    assert not decision.allowed and "delegates to IAM" in decision.detail


def test_kms_key_policy_naming_the_principal_allows_without_identity_policy() -> None:
    direct = key_policy(allow("kms:Decrypt", "*", Principal={"AWS": ROLE}))
    assert evaluate(DECRYPT, [], direct).allowed


def test_kms_service_principal_needs_the_key_policy_to_name_the_service() -> None:
    request = Request(
        "events.amazonaws.com", "kms:GenerateDataKey", KEY, {"aws:SourceAccount": ACCT}
    )
    root_only = key_policy(allow("kms:*", "*", Principal={"AWS": ROOT}))
    assert not evaluate(request, [], root_only).allowed
    service = key_policy(
        allow(
            ["kms:Decrypt", "kms:GenerateDataKey*"],
            "*",
            Principal={"Service": "events.amazonaws.com"},
            Condition={"StringEquals": {"aws:SourceAccount": ACCT}},
        )
    )
    assert evaluate(request, [], service).allowed


def test_kms_request_without_key_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="always has a policy"):
        evaluate(DECRYPT, [ROLE_MAY_DECRYPT])


def test_server_access_log_delivery_policy_of_the_s3_guide() -> None:
    # S3LOG: Principal logging.s3.amazonaws.com, s3:PutObject on the target prefix, ArnLike
    # aws:SourceArn = the source bucket, StringEquals aws:SourceAccount.
    policy = bucket_policy(
        allow(
            "s3:PutObject",
            "arn:aws:s3:::DOC-EXAMPLE-DESTINATION-BUCKET/EXAMPLE-LOGGING-PREFIX*",
            Principal={"Service": "logging.s3.amazonaws.com"},
            Condition={
                "ArnLike": {"aws:SourceArn": "arn:aws:s3:::SOURCE-BUCKET-NAME"},
                "StringEquals": {"aws:SourceAccount": "SOURCE-ACCOUNT-ID"},
            },
        )
    )
    target = "arn:aws:s3:::DOC-EXAMPLE-DESTINATION-BUCKET/EXAMPLE-LOGGING-PREFIX2026-01-01"

    def delivery(source: str) -> Request:
        context = {"aws:SourceArn": source, "aws:SourceAccount": "SOURCE-ACCOUNT-ID"}
        return Request("logging.s3.amazonaws.com", "s3:PutObject", target, context)

    assert evaluate(delivery("arn:aws:s3:::SOURCE-BUCKET-NAME"), [], policy).allowed
    assert not evaluate(delivery("arn:aws:s3:::another-bucket"), [], policy).allowed


def test_service_principals_ignore_identity_policies_but_not_wildcard_denies() -> None:
    request = Request("logging.s3.amazonaws.com", "s3:PutObject", f"{BUCKET}/x", {})
    tls = bucket_policy(
        deny("s3:*", "*", Principal="*", Condition={"Bool": {"aws:SecureTransport": "false"}})
    )
    assert evaluate(request, [doc(allow("*"))], tls).outcome == "implicit-deny"
    insecure = Request(
        request.principal, request.action, request.resource, {"aws:SecureTransport": False}
    )
    assert evaluate(insecure, [], tls).outcome == "explicit-deny"


def test_principal_arn_is_implied_from_the_principal() -> None:
    policy = bucket_policy(
        deny("s3:*", "*", Principal="*", Condition={"StringNotEquals": {"aws:PrincipalArn": ROLE}}),
        allow("s3:*", "*", Principal={"AWS": [ROLE, OTHER]}),
    )
    assert evaluate(Request(ROLE, "s3:GetObject", f"{BUCKET}/a"), [], policy).allowed
    assert not evaluate(Request(OTHER, "s3:GetObject", f"{BUCKET}/a"), [], policy).allowed


@pytest.mark.skipif(catalogue() is None, reason="parliament's catalogue is not installed")
def test_catalogue_knows_real_actions_and_expands_wildcards() -> None:
    assert is_known("s3:GetObject") is True
    assert is_known("s3:GetObjet") is False
    assert is_known("kms:GenerateDataKey*") is True
    expanded = expand("s3:GetObjectV*") or []
    assert "s3:getobjectversion" in expanded
    assert all(a.startswith("s3:getobjectv") for a in expanded)
