"""Who a resource policy lets in, on small synthetic policies: each condition key treated by
who sets it (facts/condition_keys.py), the document evaluated whole (Deny counts)."""

from __future__ import annotations

from typing import Any

import pytest

from policies.rules.access.exposure import exposures
from policies.rules.facts.condition_keys import owner, web_identity_provider

ACCOUNT = "111122223333"
OBJECTS = "arn:aws:s3:::lake/*"
GITHUB = f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"


def anyone(condition: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    statement = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}
    statement |= {"Resource": OBJECTS, **extra}
    return {**statement, **({"Condition": condition} if condition else {})}


def outsiders(*statements: dict[str, Any], service: str = "s3") -> list[str]:
    policy = {"Version": "2012-10-17", "Statement": list(statements)}
    return [e.outsider for e in exposures("policy of [lake]", policy, service)]


@pytest.mark.parametrize(
    "condition",
    [
        {"Bool": {"aws:SecureTransport": "true"}},
        {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}},
        {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}},
        {"StringLike": {"aws:UserAgent": "internal-*"}},
        {"StringEquals": {"sts:ExternalId": "shared-id"}},
    ],
    ids=["tls", "any-ip", "private-ip", "user-agent", "external-id"],
)
def test_a_condition_on_a_key_the_caller_sets_narrows_nothing(condition):
    assert outsiders(anyone(condition)), condition


@pytest.mark.parametrize(
    "key", ["aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "kms:CallerAccount"]
)
def test_a_wildcard_on_a_key_aws_sets_narrows_nothing(key):
    assert outsiders(anyone({"StringLike": {key: "*"}}))


@pytest.mark.parametrize(
    "condition",
    [
        {"StringEquals": {"aws:PrincipalAccount": ACCOUNT}},
        {"StringEquals": {"aws:PrincipalOrgID": "o-platform1234"}},
        {"ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/*"}},
        {"StringEquals": {"kms:CallerAccount": ACCOUNT}},
        {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
    ],
    ids=["account", "org", "role-arn", "caller-account", "source-account"],
)
def test_a_key_aws_sets_holds_the_outsiders_real_value(condition):
    assert outsiders(anyone(condition)) == []


def test_source_account_like_anything_admits_a_service_acting_for_another_account():
    (who,) = outsiders(anyone({"StringLike": {"aws:SourceAccount": "*"}}))
    assert who.startswith("an AWS service acting for another account")


def test_a_deny_on_the_callers_key_is_honoured_by_choosing_the_other_value():
    deny = {
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": OBJECTS,
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }
    assert outsiders(anyone(), deny)


def test_a_deny_to_everyone_outside_the_organisation_closes_an_open_allow():
    deny = {
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": OBJECTS,
        "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-platform1234"}},
    }
    assert outsiders(anyone(), deny) == []


def test_an_allow_with_not_principal_admits_everyone_else():
    statement = {
        "Effect": "Allow",
        "NotPrincipal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/app"},
        "Action": "s3:GetObject",
        "Resource": OBJECTS,
    }
    assert outsiders(statement)


def test_an_allow_with_not_action_admits_the_actions_it_does_not_name():
    statement = {"Effect": "Allow", "Principal": "*", "NotAction": "s3:Delete*", "Resource": "*"}
    assert outsiders(statement)


def test_named_principals_the_account_root_and_services_are_not_outsiders():
    named = {
        "Effect": "Allow",
        "Principal": {
            "AWS": [f"arn:aws:iam::{ACCOUNT}:root", f"arn:aws:iam::{ACCOUNT}:role/app"],
            "Service": "events.amazonaws.com",
        },
        "Action": "kms:*",
        "Resource": "*",
    }
    assert outsiders(named, service="kms") == []


def test_a_key_nobody_classified_is_absent_from_an_outsiders_request():
    assert outsiders(anyone({"StringEquals": {"s3:ExistingObjectTag/team": "growth"}})) == []


def github(condition: dict[str, Any]) -> dict[str, Any]:
    return {
        "Effect": "Allow",
        "Principal": {"Federated": GITHUB},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": condition,
    }


def test_a_github_trust_on_the_audience_alone_admits_any_repository():
    aud = {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}
    (who,) = outsiders(github({"StringEquals": aud}), service="sts")
    assert who == "any web identity of token.actions.githubusercontent.com"


def test_a_github_trust_pinned_to_its_repositories_admits_no_one_else():
    condition = {
        "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
        "StringLike": {"token.actions.githubusercontent.com:sub": "repo:growth-org/pipes:*"},
    }
    assert outsiders(github(condition), service="sts") == []


def test_a_github_subject_pattern_that_matches_every_repository_narrows_nothing():
    condition = {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}}
    assert outsiders(github(condition), service="sts")


def test_condition_keys_are_classified_case_insensitively_with_prefix_entries():
    assert owner("AWS:SecureTransport") == "caller"
    assert owner("aws:RequestTag/team") == "caller"
    assert owner("kms:EncryptionContext:aws:s3:arn") == "caller"
    assert owner("aws:principalorgid") == "principal"
    assert owner("aws:SourceArn") == "source"
    assert owner("s3:ExistingObjectTag/team") is None


def test_web_identity_providers_are_known_by_host_or_oidc_provider_arn():
    assert web_identity_provider(GITHUB) == "token.actions.githubusercontent.com"
    assert web_identity_provider("accounts.google.com") == "accounts.google.com"
    assert web_identity_provider(f"arn:aws:iam::{ACCOUNT}:oidc-provider/idp.example") is None
