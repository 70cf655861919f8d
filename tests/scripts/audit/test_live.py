"""The live audit against moto: a clean seeded account reports nothing; each seeded
misconfiguration is found; a service the credentials cannot read is "not evaluated" (exit 2),
never a pass; a platform key disabled or pending deletion is a finding; no credentials is
exit 2 with a clear message."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import boto3
import pytest

from policies.rules.core.settings import PolicySettings
from scripts import cli
from scripts.audit.live.scan import live_section

from .moto_account import DATA, PAB, PREFIX, REGION, ROLE


def scan() -> dict[str, Any]:
    return live_section(REGION, [PREFIX], PolicySettings(), "prod", dt.date(2026, 6, 1))


def test_a_clean_account_has_no_drift(
    account: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    live = scan()
    assert live["findings"] == []
    assert live["scanned"]["S3 buckets"] == 2  # not someone-else's bucket
    assert live["scanned"]["KMS keys"] == 1
    assert live["scanned"]["IAM roles"] == 1
    assert live["scanned"]["Secrets Manager secrets"] == 1
    assert live["scanned"]["Glue security configurations"] == 1
    assert "scanning S3 buckets" in capsys.readouterr().err


def _found(live: dict[str, Any]) -> set[tuple[str, str]]:
    return {(f["policy"], f["name"]) for f in live["findings"]}


def test_encryption_switched_off_by_hand_is_found(account: dict[str, Any]) -> None:
    boto3.client("s3", region_name=REGION).delete_bucket_encryption(Bucket=DATA)
    assert _found(scan()) == {("s3-bucket-encrypted-with-kms", DATA)}


def test_a_cleared_public_access_block_flag_is_found(account: dict[str, Any]) -> None:
    boto3.client("s3", region_name=REGION).put_public_access_block(
        Bucket=DATA, PublicAccessBlockConfiguration={**PAB, "RestrictPublicBuckets": False}
    )
    live = scan()
    assert _found(live) == {("s3-bucket-public-access-blocked", DATA)}
    assert "restrictPublicBuckets" in live["findings"][0]["message"]


def test_disabled_key_rotation_is_found(account: dict[str, Any]) -> None:
    boto3.client("kms", region_name=REGION).disable_key_rotation(KeyId=account["key"])
    assert _found(scan()) == {("kms-key-rotation-enabled", f"alias/{PREFIX}-raw")}


def test_a_wildcard_added_to_a_role_is_found(account: dict[str, Any]) -> None:
    boto3.client("iam", region_name=REGION).put_role_policy(
        RoleName=ROLE,
        PolicyName="debug",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
            }
        ),
    )
    assert ("iam-policy-no-admin-access", ROLE) in _found(scan())


def test_every_seeded_misconfiguration_at_once_and_nothing_else(account: dict[str, Any]) -> None:
    s3 = boto3.client("s3", region_name=REGION)
    s3.delete_bucket_encryption(Bucket=DATA)
    s3.put_public_access_block(
        Bucket=DATA, PublicAccessBlockConfiguration={**PAB, "BlockPublicAcls": False}
    )
    boto3.client("kms", region_name=REGION).disable_key_rotation(KeyId=account["key"])
    boto3.client("iam", region_name=REGION).put_role_policy(
        RoleName=ROLE,
        PolicyName="debug",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
            }
        ),
    )
    assert {p for p, _ in _found(scan())} == {
        "s3-bucket-encrypted-with-kms",
        "s3-bucket-public-access-blocked",
        "kms-key-rotation-enabled",
        "iam-policy-no-admin-access",
    }


def test_the_command_exits_1_on_drift_and_writes_the_report(
    account: dict[str, Any], tmp_path: Any
) -> None:
    out = tmp_path / "live.json"
    args = [
        "audit",
        "--live",
        "--region",
        REGION,
        "--name-prefix",
        PREFIX,
        "--format",
        "json",
        "--out",
        str(out),
    ]
    assert cli.main(args) == 0
    boto3.client("kms", region_name=REGION).disable_key_rotation(KeyId=account["key"])
    assert cli.main(args) == 1
    report = json.loads(out.read_text())
    assert report["summary"]["liveDrift"] == 1


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """An environment where boto3's credential chain finds nothing."""
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.mark.usefixtures("no_credentials")
def test_no_credentials_is_exit_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["audit", "--live", "--region", REGION]) == 2
    err = capsys.readouterr().err
    assert "dataplat audit: --live needs AWS credentials and found none" in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("no_credentials")
def test_credentials_are_checked_before_the_stack_is_planned(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def must_not_plan(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("planned before checking credentials")

    monkeypatch.setattr("scripts.plan.command.plan", must_not_plan)
    assert cli.main(["audit", "--live", "--stack", "prod", "--region", REGION]) == 2
    assert "--live needs AWS credentials and found none" in capsys.readouterr().err
