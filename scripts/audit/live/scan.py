"""Scan the account: find the platform's resources, run the AWS-side rules, report drift.

Resources belong to the platform when tagged `managed-by=pulumi/data-platform` or
named with one of the given prefixes (Glue security configurations cannot be
tagged, so only a prefix finds them). Discovery is per service (ListBuckets,
ListKeys, ListRoles, ListSecrets, GetSecurityConfigurations, ListEnvironments):
the Resource Groups Tagging API would miss IAM roles and untaggable resources.
The rules in LIVE_RULES are the pack's own functions, run by the same engine as
the plan; a violation (suppressions applied) is drift from the code. Progress is
written to standard error.

What the scan cannot see is said, never read as "no drift": a service whose API answers
with an error (AccessDenied, throttling, a service not offered in the region) is listed
under `notEvaluated` with the error, and the audit's verdict is then "not evaluated"
(scripts/audit/report.py) unless a finding already failed it. A platform key that is not
enabled (disabled, pending deletion) is a finding of its own (KEY_STATE_RULE): whatever it
encrypts becomes unreadable, and after the waiting period it is gone for good.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from typing import Any

from policies.rules.core.engine import evaluate
from policies.rules.core.settings import PolicySettings
from policies.rules.facts.tokens import IAM_POLICY, KMS_KEY, S3_BUCKET
from policies.rules.registry import RULES
from scripts.audit.live import readers
from scripts.audit.live.key_ages import connection_key_ages
from scripts.errors import UserError
from scripts.plan.policy import views

MANAGED_BY = ("managed-by", "pulumi/data-platform")
# The rules whose inputs the account's APIs return; the rest need plan-only facts
# (deletion windows, lifecycle details, Snowflake) or are not per-account settings.
LIVE_RULES = (
    "s3-bucket-encrypted-with-kms",
    "s3-bucket-public-access-blocked",
    "s3-bucket-acls-disabled",
    "s3-bucket-tls-only",
    "s3-bucket-policy-not-public",
    "s3-bucket-access-logging",
    "s3-bucket-versioning-enabled",
    "kms-key-rotation-enabled",
    "kms-key-policy-scoped",
    "iam-policy-no-admin-access",
    "iam-policy-no-wildcard-service-access",
    "iam-no-admin-managed-policy",
    "iam-role-trust-scoped",
    "secretsmanager-secret-cmk-encrypted",
    "glue-security-configuration-encrypted",
    "mwaa-webserver-private",
    "mwaa-customer-kms-key",
    "mwaa-logging-enabled",
)
KEY_STATE_RULE = "live-kms-key-enabled"
SERVICES: tuple[tuple[str, str, Callable[..., Iterator[dict[str, Any]]]], ...] = (
    ("S3 buckets", "s3", readers.s3_buckets),
    ("KMS keys", "kms", readers.kms_keys),
    ("IAM roles", "iam", readers.iam_roles),
    ("Secrets Manager secrets", "secretsmanager", readers.secrets),
    ("Glue security configurations", "glue", readers.glue_security_configurations),
    ("MWAA environments", "mwaa", readers.mwaa_environments),
)


NO_CREDENTIALS = (
    "--live needs AWS credentials and found none (environment variables, "
    "AWS_PROFILE/config file, SSO or instance role); log in, e.g. `aws sso login`, "
    "and retry"
)


def require_credentials(region: str | None) -> None:
    """Raise UserError when boto3's credential chain finds no credentials: checked before
    any planning, so a missing login costs no time."""
    import boto3

    if boto3.Session(region_name=region).get_credentials() is None:
        raise UserError(NO_CREDENTIALS)


def live_section(
    region: str | None,
    prefixes: list[str],
    settings: PolicySettings,
    stack: str,
    today: dt.date,
) -> dict[str, Any]:
    """The live section of the report. Raises UserError without credentials or access."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    try:
        session = boto3.Session(region_name=region)
        account = session.client("sts").get_caller_identity()["Account"]
    except NoCredentialsError:
        raise UserError(NO_CREDENTIALS) from None
    except (ClientError, BotoCoreError) as exc:
        raise UserError(f"--live cannot reach AWS: {exc}") from None

    def in_scope(name: str, tags: dict[str, str]) -> bool:
        return tags.get(MANAGED_BY[0]) == MANAGED_BY[1] or any(name.startswith(p) for p in prefixes)

    resources, scanned = [], {}
    not_evaluated: list[dict[str, str]] = []
    for label, service, reader in SERVICES:
        _progress(f"scanning {label} in {session.region_name} ...")
        try:
            found = list(reader(session.client(service), in_scope))
        except (ClientError, BotoCoreError, NotImplementedError) as exc:
            not_evaluated.append({"what": label, "error": _error(exc)})
            _progress(f"  {label} NOT EVALUATED: {_error(exc)}")
            continue
        resources += found
        scanned[label] = sum(1 for r in found if _is_main(r))
        _progress(f"  {scanned[label]} found")
    usable = [r for r in resources if r["outputs"].get("keyState", "Enabled") == "Enabled"]
    findings = key_state_findings(resources, stack) + judge(usable, settings, stack, today)
    key_ages: dict[str, Any] | None = None
    try:
        key_ages = connection_key_ages(session.client("secretsmanager"), in_scope, stack, today)
    except (ClientError, BotoCoreError) as exc:
        label = "Key ages of the Airflow connection secrets"
        not_evaluated.append({"what": label, "error": _error(exc)})
    _progress(f"live audit: {len(findings)} drift finding(s)")
    if not_evaluated:
        what = ", ".join(n["what"] for n in not_evaluated)
        _progress(f"live audit: NOT EVALUATED (the credentials cannot read them): {what}")
    return {
        "account": account,
        "region": session.region_name,
        "scannedAt": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "tag": "=".join(MANAGED_BY),
        "prefixes": prefixes,
        "scanned": scanned,
        "rules": list(LIVE_RULES),
        "findings": findings,
        "keyAges": key_ages,
        "notEvaluated": not_evaluated,
    }


def judge(
    resources: list[dict[str, Any]], settings: PolicySettings, stack: str, today: dt.date
) -> list[dict[str, Any]]:
    """The violations of LIVE_RULES on plan-shaped live resources."""
    document = {"stack": stack, "resources": [_as_plan(r, stack) for r in resources]}
    rules = [r for r in RULES if r.id in LIVE_RULES]
    results = evaluate(views(document), rules, settings, stack, today=today)
    return [r.as_dict() for r in results if r.status == "violation"]


def key_state_findings(resources: list[dict[str, Any]], stack: str) -> list[dict[str, Any]]:
    """A finding for each platform key that is not enabled (disabled, pending deletion, ...):
    what it encrypts cannot be read, and a key pending deletion is gone after its window."""
    findings = []
    for r in resources:
        state = r["outputs"].get("keyState", "Enabled")
        if r["type"] != KMS_KEY or state == "Enabled":
            continue
        key_id = r["outputs"].get("id")
        if state == "PendingDeletion":
            when = r["outputs"].get("deletionDate") or "at the end of its waiting period"
            fix = (
                f"it will be deleted on {when}, and with it every object it encrypts; if that "
                f"is not intended run `aws kms cancel-key-deletion --key-id {key_id}` then "
                f"`aws kms enable-key --key-id {key_id}`"
            )
        else:
            fix = f"nothing it encrypts can be read; `aws kms enable-key --key-id {key_id}`"
        findings.append(
            {
                "policy": KEY_STATE_RULE,
                "level": "mandatory",
                "severity": "critical",
                "urn": _as_plan(r, stack)["urn"],
                "name": r["name"],
                "message": f"KMS key {r['name']} is {state}: {fix}",
                "status": "violation",
            }
        )
    return findings


def _error(exc: Exception) -> str:
    """The AWS error code and message, or the exception's text."""
    response = getattr(exc, "response", None)
    error = response.get("Error", {}) if isinstance(response, dict) else {}
    if error.get("Code"):
        return f"{error['Code']}: {error.get('Message', '')}".rstrip(": ")
    return str(exc)


def _as_plan(r: dict[str, Any], stack: str) -> dict[str, Any]:
    return {
        **r,
        "urn": f"urn:pulumi:{stack}::live::{r['type']}::{r['name']}",
        "custom": True,
        "protect": False,
        "retainOnDelete": False,
        "provider": None,
        "parent": None,
        "dependencies": [],
    }


def _is_main(r: dict[str, Any]) -> bool:
    """True for a top-level resource (not a bucket's part or an attached policy)."""
    return not (r["type"].startswith("aws:s3/") and r["type"] != S3_BUCKET) and (
        r["type"] != IAM_POLICY
    )


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
