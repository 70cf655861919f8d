"""What `dataplat bootstrap` checks but does not change: the state key's state, who else the
state bucket's policy lets in, and the noncurrent-version window it is given.

Pure functions over the AWS answers, so each case is tested without an account. The state
bucket holds every stack's state (resource ids, outputs, secrets encrypted with the key): a
grant to another account or to everyone is a way into all of it, and a key that is disabled
or pending deletion makes every stack's secrets unreadable.
"""

from __future__ import annotations

import json
import re
from typing import Any

from scripts.errors import UserError

# S3's rule: NoncurrentDays is a positive whole number. Below WARN_BELOW_DAYS a bad `pulumi up`
# noticed after a long weekend may have no earlier state left to restore.
MIN_NONCURRENT_DAYS = 1
MAX_NONCURRENT_DAYS = 36_500
WARN_BELOW_DAYS = 30
ACCOUNT_IN_ARN = re.compile(r"^arn:aws[\w-]*:iam::(\d{12}):")


def check_noncurrent_days(days: int) -> list[str]:
    """Warnings for `--noncurrent-days`; raises UserError when S3 would refuse it."""
    if not MIN_NONCURRENT_DAYS <= days <= MAX_NONCURRENT_DAYS:
        raise UserError(
            f"--noncurrent-days {days}: give a whole number of days from {MIN_NONCURRENT_DAYS} "
            f"to {MAX_NONCURRENT_DAYS} (S3 requires NoncurrentDays of at least 1); the default "
            "is 90"
        )
    if days < WARN_BELOW_DAYS:
        return [
            f"--noncurrent-days {days}: earlier versions of the state are the way back from a "
            f"bad `pulumi up`; fewer than {WARN_BELOW_DAYS} days may leave none to restore"
        ]
    return []


def check_key_state(meta: dict[str, Any], alias: str) -> None:
    """Raise UserError unless the state key is a usable customer-managed symmetric key."""
    state = meta.get("KeyState")
    key_id = meta.get("KeyId")
    if state == "PendingDeletion":
        when = meta.get("DeletionDate")
        date = f" on {when:%Y-%m-%d}" if hasattr(when, "strftime") else ""
        raise UserError(
            f"the state key {alias} ({key_id}) is pending deletion{date}: every stack's "
            f"secrets become unreadable then. If that is not intended: `aws kms "
            f"cancel-key-deletion --key-id {key_id}` and `aws kms enable-key --key-id {key_id}`, "
            "then run bootstrap again"
        )
    if state != "Enabled":
        raise UserError(
            f"the state key {alias} ({key_id}) is {state}: no stack's secrets can be read or "
            f"written. Enable it (`aws kms enable-key --key-id {key_id}`) and run bootstrap again"
        )
    if meta.get("KeyManager") != "CUSTOMER" or meta.get("KeySpec") != "SYMMETRIC_DEFAULT":
        raise UserError(
            f"{alias} names {meta.get('KeyManager', '?')}-managed key {key_id} of spec "
            f"{meta.get('KeySpec', '?')}: the state needs a customer-managed SYMMETRIC_DEFAULT "
            "key (rotation can be turned on only for those); choose another --key-alias"
        )


def foreign_grants(policy: str | None, account: str) -> list[str]:
    """Warnings for each Allow of the bucket policy to a principal outside `account`: another
    account, everyone (`*`), or a federated identity. Service principals are not accounts and
    are left alone."""
    if not policy:
        return []
    document = json.loads(policy)
    statements = document.get("Statement", [])
    warnings = []
    for i, statement in enumerate(statements if isinstance(statements, list) else [statements]):
        if statement.get("Effect") != "Allow":
            continue
        label = f"statement {statement.get('Sid') or i}"
        condition = " (with a condition)" if statement.get("Condition") else ""
        for who in _foreign(statement.get("Principal"), account):
            warnings.append(
                f"the state bucket's policy {label} allows {who}{condition} "
                f"{_actions(statement)}: the state of every stack is readable there; remove "
                "the grant unless it is intended"
            )
    return warnings


def _foreign(principal: Any, account: str) -> list[str]:
    if principal == "*":
        return ["everyone (Principal *)"]
    if not isinstance(principal, dict):
        return []
    found = []
    for value in _as_list(principal.get("AWS")):
        if value == "*":
            found.append("everyone (Principal AWS *)")
            continue
        match = ACCOUNT_IN_ARN.match(value)
        owner = match.group(1) if match else value if value.isdigit() else None
        if owner != account:
            found.append(f"account {owner or '?'} ({value})")
    found += [f"federated identities of {f}" for f in _as_list(principal.get("Federated"))]
    return found


def _actions(statement: dict[str, Any]) -> str:
    return ", ".join(_as_list(statement.get("Action"))) or "(no action)"


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]
