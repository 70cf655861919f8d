"""`dataplat bootstrap` against moto: everything created once, a second run changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from scripts import cli

REGION = "eu-west-1"
ARGS = ["bootstrap", "--bucket", "acme-pulumi-state", "--region", REGION]


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        yield


def test_bootstrap_creates_a_compliant_bucket_and_key(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(ARGS) == 0
    out = capsys.readouterr().out
    assert "created bucket s3://acme-pulumi-state" in out
    assert "pulumi login 's3://acme-pulumi-state?region=eu-west-1&awssdk=v2'" in out
    assert "--secrets-provider 'awskms://alias/pulumi-state?region=eu-west-1'" in out
    s3, kms = boto3.client("s3", region_name=REGION), boto3.client("kms", region_name=REGION)
    key = kms.describe_key(KeyId="alias/pulumi-state")["KeyMetadata"]
    assert kms.get_key_rotation_status(KeyId=key["KeyId"])["KeyRotationEnabled"]
    bucket = "acme-pulumi-state"
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    (rule,) = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rule["ApplyServerSideEncryptionByDefault"] == {
        "SSEAlgorithm": "aws:kms",
        "KMSMasterKeyID": key["Arn"],
    }
    assert rule["BucketKeyEnabled"] is True
    assert all(s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"].values())
    owner = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"]
    assert owner == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    policy = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    assert policy["Statement"][0]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    (life,) = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert life["NoncurrentVersionExpiration"] == {"NoncurrentDays": 90}


def test_a_second_run_changes_nothing_and_says_so(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(ARGS) == 0
    capsys.readouterr()
    assert cli.main(ARGS) == 0
    out = capsys.readouterr().out
    assert not any(line.startswith("changed:") for line in out.splitlines())
    assert "nothing changed" in out


def test_a_setting_changed_by_hand_is_put_back(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(ARGS) == 0
    boto3.client("s3", region_name=REGION).delete_public_access_block(Bucket="acme-pulumi-state")
    capsys.readouterr()
    assert cli.main(ARGS) == 0
    assert "changed: blocked all public access" in capsys.readouterr().out


def test_no_credentials_is_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    assert cli.main(ARGS) == 2
    assert "no AWS credentials found" in capsys.readouterr().err


@pytest.mark.parametrize("days", ["0", "-5", "36501"])
def test_noncurrent_days_out_of_range_is_exit_2_before_anything_is_created(
    aws: None, capsys: pytest.CaptureFixture[str], days: str
) -> None:
    assert cli.main([*ARGS, "--noncurrent-days", days]) == 2
    assert f"--noncurrent-days {days}: give a whole number of days from 1 to 36500" in (
        capsys.readouterr().err
    )
    assert boto3.client("s3", region_name=REGION).list_buckets()["Buckets"] == []
    assert boto3.client("kms", region_name=REGION).list_keys()["Keys"] == []


def test_a_short_noncurrent_window_is_a_warning(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([*ARGS, "--noncurrent-days", "7"]) == 0
    assert "warning: --noncurrent-days 7: earlier versions of the state" in (
        capsys.readouterr().err
    )


def _state_key() -> tuple[Any, str]:
    kms = boto3.client("kms", region_name=REGION)
    return kms, kms.describe_key(KeyId="alias/pulumi-state")["KeyMetadata"]["KeyId"]


def test_a_disabled_state_key_is_refused_with_the_command_that_enables_it(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(ARGS) == 0
    kms, key_id = _state_key()
    kms.disable_key(KeyId=key_id)
    capsys.readouterr()
    assert cli.main(ARGS) == 2
    err = capsys.readouterr().err
    assert f"the state key alias/pulumi-state ({key_id}) is Disabled" in err
    assert f"aws kms enable-key --key-id {key_id}" in err


def test_a_state_key_pending_deletion_is_refused_with_the_way_back(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(ARGS) == 0
    kms, key_id = _state_key()
    kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7)
    capsys.readouterr()
    assert cli.main(ARGS) == 2
    err = capsys.readouterr().err
    assert "is pending deletion on 20" in err
    assert f"aws kms cancel-key-deletion --key-id {key_id}" in err


def test_rotation_turned_off_by_hand_is_turned_back_on(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(ARGS) == 0
    kms, key_id = _state_key()
    kms.disable_key_rotation(KeyId=key_id)
    capsys.readouterr()
    assert cli.main(ARGS) == 0
    assert "changed: enabled rotation of alias/pulumi-state" in capsys.readouterr().out
    assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"]


def test_a_grant_to_another_account_is_a_warning_and_is_kept(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(ARGS) == 0
    s3 = boto3.client("s3", region_name=REGION)
    policy = json.loads(s3.get_bucket_policy(Bucket="acme-pulumi-state")["Policy"])
    policy["Statement"].append(
        {
            "Sid": "PartnerRead",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::acme-pulumi-state/*",
        }
    )
    s3.put_bucket_policy(Bucket="acme-pulumi-state", Policy=json.dumps(policy))
    capsys.readouterr()
    assert cli.main(ARGS) == 0
    captured = capsys.readouterr()
    assert (
        "warning: the state bucket's policy statement PartnerRead allows account 111122223333 "
        "(arn:aws:iam::111122223333:root) s3:GetObject" in captured.err
    )
    assert "nothing changed" in captured.out
    kept = json.loads(s3.get_bucket_policy(Bucket="acme-pulumi-state")["Policy"])
    assert [s["Sid"] for s in kept["Statement"]] == ["DenyInsecureTransport", "PartnerRead"]
