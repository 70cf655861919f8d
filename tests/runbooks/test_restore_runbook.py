"""The restore runbook (`docs/runbooks/restore.md`), run as documented against moto.

The S3 and Pulumi state steps are the runbook's own commands: its ```bash blocks tagged
`# runbook-test: <name>` are parsed (`scripts/runbook_commands.py`), their `'<...>'`
placeholders filled in as an operator would (from the output of the step before), and each
`aws` command made through boto3 with the API call and parameters the AWS CLI would send.

- S3: a versioned SSE-KMS zone bucket holds one object overwritten twice and one deleted
  (a delete marker); after the documented steps both read back as the original.
- State: the bucket `dataplat bootstrap` creates holds `.pulumi/stacks/data-platform/prod.json`
  written twice; after the documented steps the current object is the earlier version and
  the backup the runbook makes holds the later one.

The Snowflake steps cannot run here: there is no Snowflake emulator. Their ```sql blocks
are parsed with sqlglot (read="snowflake"), so they are at least valid SQL and include the
statements the runbook promises (UNDROP TABLE / SCHEMA, CLONE ... AT / BEFORE).

Under object lock, moto refuses every CopyObject into a bucket with a default retention (it
applies PutObject's Content-MD5 rule to copies, which AWS documents for uploads), so the
locked bucket exercises the delete-marker step and the refusal to delete a locked version;
the copy step runs against the unlocked zone bucket.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from sqlglot import exp

from scripts import cli
from scripts.runbook_commands import (
    Assignment,
    AwsCall,
    Block,
    Command,
    aws_call,
    blocks,
    expand,
    run_call,
    statements,
    tagged,
)
from stacks.config import ENVIRONMENT_DEFAULTS
from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS
from tests.sql_text import parse_sqlglot

RUNBOOK = Path(__file__).resolve().parents[2] / "docs" / "runbooks" / "restore.md"
REGION = "eu-west-1"
ZONE_BUCKET = "acme-dp-prod-curated-123456789012-eu-west-1"
ZONE_ALIAS = "alias/acme-dp-prod-lake-curated"
STATE_BUCKET = "acme-pulumi-state"
STATE_KEY = ".pulumi/stacks/data-platform/prod.json"
PLACEHOLDER = re.compile(r"<[^<>]+>")


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with mock_aws():
        yield


class Operator:
    """Runs the runbook's tagged blocks in one shell session, as a person would.

    Placeholders (assignments whose value is `<...>`) must be filled in by the test, and
    only those: a value the runbook states (such as PROJECT) is used as written.
    """

    def __init__(self, cwd: Path) -> None:
        self.blocks = tagged(RUNBOOK.read_text())
        self.cwd = cwd
        self.env: dict[str, str] = {}
        self.calls: list[AwsCall] = []
        self.ran: list[str] = []

    def run(self, tag: str, **values: str) -> list[Any]:
        """The outputs of the block's commands, in order."""
        filled: set[str] = set()
        outputs: list[Any] = []
        for statement in statements(self.blocks[tag].text):
            if isinstance(statement, Assignment):
                if statement.name in values:
                    assert PLACEHOLDER.fullmatch(statement.value), (
                        f"{tag}: {statement.name} is not a placeholder in the runbook"
                    )
                    self.env[statement.name] = values[statement.name]
                    filled.add(statement.name)
                else:
                    assert not PLACEHOLDER.search(statement.value), (
                        f"{tag}: placeholder {statement.name} left unfilled"
                    )
                    self.env[statement.name] = expand(statement.value, self.env)
                continue
            call = aws_call([expand(word, self.env) for word in statement.argv])
            self.calls.append(call)
            client = boto3.client(call.service, region_name=call.region or REGION)
            outputs.append(run_call(call, client, self.cwd))
        assert filled == set(values), f"{tag}: no placeholder {set(values) - filled}"
        self.ran.append(tag)
        return outputs


# The seeds ------------------------------------------------------------------------


def zone_bucket(locked: bool = False) -> str:
    """A lake zone bucket as the platform makes it (versioned, SSE-KMS under the zone key);
    returns the key's ARN."""
    kms = boto3.client("kms", region_name=REGION)
    key_arn = kms.create_key()["KeyMetadata"]["Arn"]
    kms.create_alias(AliasName=ZONE_ALIAS, TargetKeyId=key_arn)
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(
        Bucket=ZONE_BUCKET,
        CreateBucketConfiguration={"LocationConstraint": REGION},
        ObjectLockEnabledForBucket=locked,
    )
    s3.put_bucket_versioning(Bucket=ZONE_BUCKET, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_encryption(
        Bucket=ZONE_BUCKET,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": key_arn,
                    },
                    "BucketKeyEnabled": True,
                }
            ]
        },
    )
    if locked:  # as prod curated: GOVERNANCE, 365 days
        s3.put_object_lock_configuration(
            Bucket=ZONE_BUCKET,
            ObjectLockConfiguration={
                "ObjectLockEnabled": "Enabled",
                "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 365}},
            },
        )
    return str(key_arn)


def put(key: str, body: bytes, bucket: str = ZONE_BUCKET) -> None:
    # A checksum, as object lock requires of uploads (and current CLIs send by default).
    boto3.client("s3", region_name=REGION).put_object(
        Bucket=bucket, Key=key, Body=body, ChecksumAlgorithm="SHA256"
    )


def current(key: str, bucket: str = ZONE_BUCKET) -> dict[str, Any]:
    got = boto3.client("s3", region_name=REGION).get_object(Bucket=bucket, Key=key)
    return {**got, "Body": got["Body"].read()}


def versions_of(listing: dict[str, Any], key: str, kind: str = "Versions") -> list[Any]:
    """The runbook's reading rule: only entries whose Key is exactly the object's."""
    return [v for v in listing.get(kind, []) if v["Key"] == key]


# S3 ---------------------------------------------------------------------------------


def test_an_object_overwritten_twice_is_restored_to_the_original(aws: None, tmp_path: Path) -> None:
    key_arn = zone_bucket()
    key = "sales/2025/01/orders.parquet"
    for body in (b"original", b"bad write 1", b"bad write 2, longer"):
        put(key, body)
    put(f"{key}.tmp", b"a longer key the prefix also matches")

    op = Operator(tmp_path)
    op.run("s3-variables", REGION=REGION, BUCKET=ZONE_BUCKET, KEY=key, ZONE_KEY_ALIAS=ZONE_ALIAS)
    (listing,) = op.run("s3-list-versions")
    versions = versions_of(listing, key)
    assert [v["IsLatest"] for v in versions] == [True, False, False]
    original = versions[2]  # past the two bad writes, newest first
    (head,) = op.run("s3-inspect", VERSION_ID=original["VersionId"])
    assert head["ContentLength"] == len(b"original")
    assert head["ServerSideEncryption"] == "aws:kms"
    (arn,) = op.run("s3-zone-key")
    assert arn == key_arn
    (copied,) = op.run("s3-restore-copy", ZONE_KEY_ARN=arn)
    assert copied["CopySourceVersionId"] == original["VersionId"]

    now = current(key)
    assert now["Body"] == b"original"
    assert now["ServerSideEncryption"] == "aws:kms"
    assert now["SSEKMSKeyId"] == key_arn
    # The header the bucket policy's DenyOtherKmsKeys compares is the key's ARN.
    assert op.calls[-1].params["SSEKMSKeyId"] == key_arn
    # Nothing was deleted: the bad writes stay as noncurrent versions.
    relisted = boto3.client("s3", region_name=REGION).list_object_versions(
        Bucket=ZONE_BUCKET, Prefix=key
    )
    assert len(versions_of(relisted, key)) == 4
    (verify,) = op.run("s3-verify")
    assert verify["ContentLength"] == len(b"original")


@pytest.mark.parametrize("locked", [False, True], ids=["versioned", "object-lock-governance"])
def test_a_deleted_object_is_restored_by_removing_its_delete_marker(
    aws: None, tmp_path: Path, locked: bool
) -> None:
    zone_bucket(locked=locked)
    key = "sales/2025/01/customers.parquet"
    put(key, b"original")
    boto3.client("s3", region_name=REGION).delete_object(Bucket=ZONE_BUCKET, Key=key)
    with pytest.raises(ClientError):
        current(key)

    op = Operator(tmp_path)
    op.run("s3-variables", REGION=REGION, BUCKET=ZONE_BUCKET, KEY=key, ZONE_KEY_ALIAS=ZONE_ALIAS)
    (listing,) = op.run("s3-list-versions")
    (marker,) = [m for m in versions_of(listing, key, "DeleteMarkers") if m["IsLatest"]]
    op.run("s3-undelete", MARKER_ID=marker["VersionId"])

    assert current(key)["Body"] == b"original"
    (verify,) = op.run("s3-verify")
    assert verify["ContentLength"] == len(b"original")


def test_under_governance_lock_a_locked_version_is_deleted_only_with_bypass(aws: None) -> None:
    """What the runbook says of prod curated's object lock."""
    zone_bucket(locked=True)
    put("k", b"evidence")
    s3 = boto3.client("s3", region_name=REGION)
    (version,) = s3.list_object_versions(Bucket=ZONE_BUCKET, Prefix="k")["Versions"]
    with pytest.raises(ClientError, match="AccessDenied"):
        s3.delete_object(Bucket=ZONE_BUCKET, Key="k", VersionId=version["VersionId"])
    s3.delete_object(
        Bucket=ZONE_BUCKET, Key="k", VersionId=version["VersionId"], BypassGovernanceRetention=True
    )


# The Pulumi state -------------------------------------------------------------------


def checkpoint(resources: list[str], time: str) -> bytes:
    """A DIY backend state object: a versioned checkpoint around the deployment."""
    deployment = {
        "manifest": {"time": time, "magic": "", "version": "v3.200.0"},
        "resources": [{"urn": f"urn:pulumi:prod::data-platform::{r}"} for r in resources],
    }
    body = {
        "version": 3,
        "checkpoint": {"stack": "organization/data-platform/prod", "latest": deployment},
    }
    return json.dumps(body, indent=4).encode()


EARLIER = checkpoint(["aws:s3/bucket:Bucket::raw", "aws:s3/bucket:Bucket::curated"], "t1")
LATER = checkpoint(["aws:s3/bucket:Bucket::raw"], "t2")  # the bad update lost `curated`


@pytest.fixture
def state_bucket(aws: None, capsys: pytest.CaptureFixture[str]) -> None:
    """The state bucket `dataplat bootstrap` makes, with prod's state written twice."""
    assert cli.main(["bootstrap", "--bucket", STATE_BUCKET, "--region", REGION]) == 0
    capsys.readouterr()
    s3 = boto3.client("s3", region_name=REGION)
    # moto evaluates the TLS-only statement without `aws:SecureTransport` in its request
    # context, so it denies every request; the CLI and Pulumi always use TLS.
    s3.delete_bucket_policy(Bucket=STATE_BUCKET)
    s3.put_object(Bucket=STATE_BUCKET, Key=".pulumi/meta.yaml", Body=b"version: 1\n")
    s3.put_object(Bucket=STATE_BUCKET, Key=STATE_KEY, Body=EARLIER)
    s3.put_object(Bucket=STATE_BUCKET, Key=f"{STATE_KEY}.bak", Body=EARLIER)
    s3.put_object(Bucket=STATE_BUCKET, Key=STATE_KEY, Body=LATER)


def test_the_state_is_restored_from_its_earlier_version(state_bucket: None, tmp_path: Path) -> None:
    op = Operator(tmp_path)
    op.run("state-variables", REGION=REGION, STATE_BUCKET=STATE_BUCKET, STACK="prod")
    assert op.env["STATE_KEY"] == STATE_KEY  # the documented layout names the seeded object
    (locks,) = op.run("state-locks")
    assert not locks.get("Contents")
    op.run("state-backup")
    assert (tmp_path / "prod.before-restore.json").read_bytes() == LATER

    (listing,) = op.run("state-list-versions")
    versions = versions_of(listing, STATE_KEY)
    assert [v["IsLatest"] for v in versions] == [True, False]
    op.run("state-download", VERSION_ID=versions[1]["VersionId"])
    assert (tmp_path / "prod.restore.json").read_bytes() == EARLIER
    kms = boto3.client("kms", region_name=REGION)
    (state_key_arn,) = op.run("state-key")
    assert state_key_arn == kms.describe_key(KeyId="alias/pulumi-state")["KeyMetadata"]["Arn"]
    op.run("state-restore-copy", STATE_KEY_ARN=state_key_arn)

    now = current(STATE_KEY, bucket=STATE_BUCKET)
    assert now["Body"] == EARLIER
    assert (now["ServerSideEncryption"], now["SSEKMSKeyId"]) == ("aws:kms", state_key_arn)
    assert len(versions_of(listing, STATE_KEY)) + 1 == len(
        versions_of(
            boto3.client("s3", region_name=REGION).list_object_versions(
                Bucket=STATE_BUCKET, Prefix=STATE_KEY
            ),
            STATE_KEY,
        )
    )


def test_a_held_lock_shows_in_the_lock_check(state_bucket: None, tmp_path: Path) -> None:
    lock = ".pulumi/locks/organization/data-platform/prod/0b1c2d3e.json"
    boto3.client("s3", region_name=REGION).put_object(Bucket=STATE_BUCKET, Key=lock, Body=b"{}")
    op = Operator(tmp_path)
    op.run("state-variables", REGION=REGION, STATE_BUCKET=STATE_BUCKET, STACK="prod")
    (locks,) = op.run("state-locks")
    assert [o["Key"] for o in locks["Contents"]] == [lock]


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_the_documented_jq_filter_turns_a_checkpoint_into_an_import(tmp_path: Path) -> None:
    (line,) = [line for line in RUNBOOK.read_text().splitlines() if line.startswith("jq '{version")]
    jq_filter = line.split("'")[1]
    out = subprocess.run(["jq", jq_filter], input=EARLIER, capture_output=True, check=True).stdout
    assert json.loads(out) == {
        "version": 3,
        "deployment": json.loads(EARLIER)["checkpoint"]["latest"],
    }


def test_every_tagged_block_is_run_by_a_test() -> None:
    assert set(tagged(RUNBOOK.read_text())) == {
        "s3-variables",
        "s3-list-versions",
        "s3-inspect",
        "s3-zone-key",
        "s3-restore-copy",
        "s3-undelete",
        "s3-verify",
        "state-variables",
        "state-locks",
        "state-backup",
        "state-list-versions",
        "state-download",
        "state-key",
        "state-restore-copy",
    }


def test_the_windows_the_runbook_states_are_the_configured_ones() -> None:
    text = RUNBOOK.read_text()
    days = {env: d.noncurrent_version_days for env, d in ENVIRONMENT_DEFAULTS.items()}
    assert f"{days['dev']} days dev, {days['staging']} staging, {days['prod']} prod" in text
    retention = {env: d.data_retention_days for env, d in SNOWFLAKE_ENVIRONMENT_DEFAULTS.items()}
    assert retention["dev"] == retention["staging"] == 1
    assert f"1 day dev and staging, {retention['prod']} prod" in text


# Snowflake: parsed, not run ---------------------------------------------------------

# SHOW statements sqlglot does not model (it falls back to a raw Command for them).
RAW_SHOW = re.compile(r"^SHOW (FUTURE )?GRANTS (ON|IN) ", re.IGNORECASE)


def sql_statements() -> list[Any]:
    parsed: list[Any] = []
    for block in blocks(RUNBOOK.read_text()):
        if block.lang == "sql":
            parsed += parse_sqlglot(block.text)
    return parsed


def test_the_snowflake_steps_are_valid_snowflake_sql() -> None:
    parsed = sql_statements()
    for statement in parsed:
        if isinstance(statement, exp.Command):
            assert RAW_SHOW.match(statement.sql("snowflake")), statement.sql("snowflake")
    undrops = {e.args["kind"].upper() for e in parsed if isinstance(e, exp.Undrop)}
    assert undrops == {"TABLE", "SCHEMA"}
    clones = [e.find(exp.Clone) for e in parsed if isinstance(e, exp.Create)]
    points = {
        (when.this.upper(), when.args["kind"].upper())
        for clone in clones
        if clone is not None and (when := clone.this.args.get("when")) is not None
    }
    assert points == {("AT", "TIMESTAMP"), ("BEFORE", "STATEMENT")}
    uses = [e for e in parsed if isinstance(e, exp.Use)]
    assert uses and all(u.sql("snowflake") == "USE ROLE SYSADMIN" for u in uses)


# The translator ---------------------------------------------------------------------


def test_blocks_and_their_tags() -> None:
    text = "x\n```bash\n# runbook-test: one\necho 1\n```\n\n```sql\nSELECT 1;\n```\n"
    assert blocks(text) == [
        Block(lang="bash", tag="one", text="# runbook-test: one\necho 1", line=2),
        Block(lang="sql", tag=None, text="SELECT 1;", line=7),
    ]
    with pytest.raises(ValueError, match="used twice"):
        tagged(text + "```bash\n# runbook-test: one\n```\n")
    with pytest.raises(ValueError, match="never closed"):
        blocks("```bash\necho")


def test_statements_join_continuations_and_drop_comments() -> None:
    text = "# a comment\nA='<x y>'   # trailing\naws s3api get-object \\\n  --key \"$A/b\" out\n"
    assert statements(text) == [
        Assignment("A", "<x y>"),
        Command(("aws", "s3api", "get-object", "--key", "$A/b", "out")),
    ]
    for unsupported in ("a | b", "a > f", "echo $(date)", "a && b", "X=1 cmd", "echo `date`"):
        with pytest.raises(ValueError):
            statements(unsupported)


def test_expand() -> None:
    assert expand("${A}/$B?versionId=$C", {"A": "b", "B": "k", "C": "v"}) == "b/k?versionId=v"
    with pytest.raises(KeyError, match="MISSING"):
        expand("$MISSING", {})


def test_aws_call_maps_the_cli_flags_to_api_parameters() -> None:
    call = aws_call(
        shlex.split(
            "aws s3api copy-object --region eu-west-1 --copy-source b/k?versionId=v --bucket b "
            "--key k --server-side-encryption aws:kms --ssekms-key-id arn --bucket-key-enabled"
        )
    )
    assert (call.service, call.method, call.region) == ("s3", "copy_object", "eu-west-1")
    assert call.params == {
        "CopySource": "b/k?versionId=v",
        "Bucket": "b",
        "Key": "k",
        "ServerSideEncryption": "aws:kms",
        "SSEKMSKeyId": "arn",
        "BucketKeyEnabled": True,
    }
    get = aws_call(shlex.split("aws s3api get-object --bucket b --key k --version-id v out.json"))
    assert (get.params["VersionId"], get.outfile) == ("v", "out.json")
    key = aws_call(
        shlex.split("aws kms describe-key --key-id a --query KeyMetadata.Arn --output text")
    )
    assert (key.service, key.query, key.output) == ("kms", "KeyMetadata.Arn", "text")
    for bad in (
        "aws s3api copy-object --acl private",  # a flag the runbooks do not use
        "aws s3api put-bucket-policy --bucket b",  # an operation they do not use
        "aws s3api get-object --bucket b --key k",  # no outfile
        "aws s3api head-object --bucket",  # no value
        "pulumi stack export",
    ):
        with pytest.raises(ValueError):
            aws_call(shlex.split(bad))
