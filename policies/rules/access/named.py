"""Who a resource policy names from outside the account, statement by statement.

`exposure.py` asks whether someone *nobody named* gets in. This module lists the principals a
policy *names* that are not of the account itself: another account (its root, roles, users),
a service principal, a web identity provider. The account's own root counts too (it opens the
resource to every identity policy of the account, so it is declared, not assumed). Roles and
users of the account are insiders and are not listed. Both the access rules (named but not
declared is a finding) and `dataplat access` (the listing) read this one function.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..aws.iam_documents import statements
from ..core.values import as_list
from ..facts import arns
from ..preflight.iam_evaluation import StatementRef


@dataclass(frozen=True)
class Named:
    """A principal named from outside the account, what it may do, where, by which statement."""

    principal: str
    kind: str
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    statement: StatementRef

    def __str__(self) -> str:
        return f"{self.kind} {self.principal} may {', '.join(self.actions)} ({self.statement})"


def named(document: str, policy: Mapping[str, Any], account: str) -> list[Named]:
    """Every (principal, statement) pair of an Allow that names someone outside `account`, or
    the account's root; `document` names the policy in messages."""
    found: list[Named] = []
    for index, statement in enumerate(statements(dict(policy))):
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        if not isinstance(principal, Mapping):
            continue
        sid = statement.get("Sid")
        ref = StatementRef(document, index, str(sid) if sid else None)
        actions = tuple(
            str(a) for a in as_list(statement.get("Action") or statement.get("NotAction"))
        )
        if "NotAction" in statement:
            actions = tuple(f"all but {a}" for a in actions)
        resources = tuple(str(r) for r in as_list(statement.get("Resource") or "*"))
        for kind, values in sorted(principal.items()):
            for value in as_list(values):
                text = str(value)
                if text == "*" or not _outside(str(kind), text, account):
                    continue
                found.append(Named(text, _kinds.get(str(kind), str(kind)), actions, resources, ref))
    return found


_kinds = {
    "AWS": "principal",
    "Service": "service",
    "Federated": "web identity",
    "CanonicalUser": "canonical user",
}


def _outside(kind: str, value: str, account: str) -> bool:
    if kind != "AWS":
        return True
    if value == account or value == arns.account_root(account):
        return True  # the account root: listed, to be declared
    owner = value if value.isdigit() else arns.account_of(value)
    return owner != account
