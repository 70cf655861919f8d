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
