"""The checks of `dataplat bootstrap` on AWS answers, without an account."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from scripts.bootstrap.checks import check_key_state, check_noncurrent_days, foreign_grants
from scripts.errors import UserError

ACCOUNT = "123456789012"


def _policy(principal: Any, effect: str = "Allow", **extra: Any) -> str:
    statement = {"Sid": "S", "Effect": effect, "Principal": principal, "Action": "s3:*", **extra}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


@pytest.mark.parametrize(
    ("principal", "who"),
    [
        ("*", "everyone (Principal *)"),
        ({"AWS": "*"}, "everyone (Principal AWS *)"),
        ({"AWS": "111122223333"}, "account 111122223333 (111122223333)"),
        ({"AWS": ["arn:aws:iam::111122223333:role/x"]}, "account 111122223333"),
        ({"Federated": "cognito-identity.amazonaws.com"}, "federated identities of cognito"),
    ],
)
def test_grants_outside_the_account_are_warnings(principal: Any, who: str) -> None:
    [warning] = foreign_grants(_policy(principal), ACCOUNT)
    assert f"statement S allows {who}" in warning


@pytest.mark.parametrize(
    "principal",
    [
        {"AWS": f"arn:aws:iam::{ACCOUNT}:role/deploy"},
        {"AWS": ACCOUNT},
        {"Service": "logging.s3.amazonaws.com"},
    ],
)
def test_the_own_account_and_service_principals_are_not_foreign(principal: Any) -> None:
    assert foreign_grants(_policy(principal), ACCOUNT) == []


def test_a_deny_is_never_a_grant() -> None:
    assert foreign_grants(_policy("*", effect="Deny"), ACCOUNT) == []
    assert foreign_grants(None, ACCOUNT) == []


def test_a_conditioned_grant_says_so() -> None:
    condition = {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}
    [warning] = foreign_grants(_policy("*", Condition=condition), ACCOUNT)
    assert "(with a condition)" in warning


@pytest.mark.parametrize(("days", "warned"), [(1, True), (29, True), (30, False), (36500, False)])
def test_noncurrent_days_in_range(days: int, warned: bool) -> None:
    assert bool(check_noncurrent_days(days)) is warned


@pytest.mark.parametrize("days", [0, -1, 36501])
def test_noncurrent_days_out_of_range_are_refused(days: int) -> None:
    with pytest.raises(UserError, match="from 1 to 36500"):
        check_noncurrent_days(days)


def _meta(**overrides: Any) -> dict[str, Any]:
    return {
        "KeyId": "k-1",
        "KeyState": "Enabled",
        "KeyManager": "CUSTOMER",
        "KeySpec": "SYMMETRIC_DEFAULT",
        **overrides,
    }


def test_an_enabled_customer_symmetric_key_passes() -> None:
    check_key_state(_meta(), "alias/pulumi-state")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"KeyState": "Disabled"}, "is Disabled"),
        (
            {"KeyState": "PendingDeletion", "DeletionDate": dt.datetime(2026, 7, 1)},
            "pending deletion on 2026-07-01",
        ),
        ({"KeyManager": "AWS"}, "AWS-managed key k-1"),
        ({"KeySpec": "RSA_2048"}, "of spec RSA_2048"),
    ],
)
def test_a_key_that_cannot_hold_the_state_is_refused(
    overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(UserError, match=message):
        check_key_state(_meta(**overrides), "alias/pulumi-state")
