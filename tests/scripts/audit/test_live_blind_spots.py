"""What the live audit cannot see, it says: a service the credentials cannot read is "not
evaluated" and the command exits 2, never 0 with "live drift 0"; a platform key that is
disabled or pending deletion is a finding (exit 1), and a finding wins over "not evaluated"."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import boto3
import pytest

from policies.rules.core.settings import PolicySettings
from scripts import cli
from scripts.audit.live.scan import KEY_STATE_RULE, live_section

from .moto_account import PREFIX, REGION


def _key_id(account: dict[str, Any]) -> str:
    return str(account["key"]).rsplit("/", 1)[-1]  # moto's DisableKey wants the id


def scan() -> dict[str, Any]:
    return live_section(REGION, [PREFIX], PolicySettings(), "prod", dt.date(2026, 6, 1))


def _audit(tmp_path: Path, fmt: str = "json") -> tuple[int, Path]:
    out = tmp_path / f"live.{fmt}"
    args = ["audit", "--live", "--region", REGION, "--name-prefix", PREFIX, "--out", str(out)]
    return cli.main(args), out


@pytest.fixture
def denied_s3_listing(account: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Credentials of a user who may do everything but list S3 (moto enforces IAM from here)."""
    from moto import settings
    from moto.core.authorization import ActionAuthenticatorMixin

    iam = boto3.client("iam", region_name=REGION)
    iam.create_user(UserName="auditor")
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:List*", "Resource": "*"},
        ],
    }
    iam.put_user_policy(UserName="auditor", PolicyName="audit", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="auditor")["AccessKey"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
    monkeypatch.setattr(settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)
    monkeypatch.setattr(ActionAuthenticatorMixin, "request_count", 0)


@pytest.mark.usefixtures("denied_s3_listing")
def test_a_service_the_credentials_cannot_read_is_not_evaluated() -> None:
    live = scan()
    [unread] = live["notEvaluated"]
    assert unread["what"] == "S3 buckets" and unread["error"].startswith("AccessDenied")
    assert "S3 buckets" not in live["scanned"]
    assert live["scanned"]["KMS keys"] == 1, "the rest of the account is still read"


@pytest.mark.usefixtures("denied_s3_listing")
def test_the_command_exits_2_not_0_and_the_report_says_not_evaluated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _audit(tmp_path)
    assert code == 2
    report = json.loads(out.read_text())
    assert report["summary"]["liveDrift"] == 0
    assert report["summary"]["liveNotEvaluated"] == 1
    captured = capsys.readouterr()
    assert "NOT EVALUATED" in captured.out
    assert "not evaluated (the credentials cannot read them): S3 buckets" in captured.err


@pytest.mark.usefixtures("denied_s3_listing")
def test_the_html_opens_with_not_evaluated_and_what_was_not_read(tmp_path: Path) -> None:
    code, out = _audit(tmp_path, "html")
    page = out.read_text()
    assert code == 2
    body = page[page.index("<body>") :]
    assert body.index('class="verdict not-evaluated"><h2>Verdict: NOT EVALUATED</h2>') < (
        body.index("<nav>")
    )
    assert "0 live drift finding(s); 1 part(s) of the account not evaluated" in body
    assert "<td>S3 buckets</td><td>AccessDenied" in body


def test_an_unanswered_service_is_not_evaluated(moto_env: None) -> None:
    from .moto_account import seed

    seed()
    live = scan()  # moto does not implement MWAA's ListEnvironments (404)
    assert [n["what"] for n in live["notEvaluated"]] == ["MWAA environments"]


def test_a_key_pending_deletion_is_a_finding(
    account: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kms = boto3.client("kms", region_name=REGION)
    kms.schedule_key_deletion(KeyId=_key_id(account), PendingWindowInDays=7)
    [finding] = scan()["findings"]
    assert finding["policy"] == KEY_STATE_RULE and finding["name"] == f"alias/{PREFIX}-raw"
    assert "is PendingDeletion: it will be deleted on 20" in finding["message"]
    assert "aws kms cancel-key-deletion" in finding["message"]
    assert _audit(tmp_path)[0] == 1


def test_a_disabled_key_is_a_finding(account: dict[str, Any]) -> None:
    boto3.client("kms", region_name=REGION).disable_key(KeyId=_key_id(account))
    [finding] = scan()["findings"]
    assert finding["policy"] == KEY_STATE_RULE
    assert "is Disabled: nothing it encrypts can be read" in finding["message"]


@pytest.mark.usefixtures("denied_s3_listing")
def test_a_finding_wins_over_not_evaluated(account: dict[str, Any], tmp_path: Path) -> None:
    from moto import settings

    settings.INITIAL_NO_AUTH_ACTION_COUNT = 1  # the next call as the seeding admin
    boto3.client("kms", region_name=REGION).disable_key(KeyId=_key_id(account))
    settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
    code, out = _audit(tmp_path)
    report = json.loads(out.read_text())
    assert (code, report["summary"]["liveNotEvaluated"]) == (1, 1)
