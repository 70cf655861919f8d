"""Service users may only sign in from known networks."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list, is_unknown
from ..core.view import Finding
from ..facts.tokens import SNOWFLAKE_NETWORK_POLICY_ATTACHMENT
from .identifiers import USERS, ident, is_service_user

ATTACHMENT = SNOWFLAKE_NETWORK_POLICY_ATTACHMENT


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """networkPolicy on the user, or a NetworkPolicyAttachment listing it."""
    attached: set[str] = set()
    unknown_attachment = False
    for attachment in index.of_type(ATTACHMENT):
        users = attachment.get("users")
        unknown_attachment |= is_unknown(users) or any(is_unknown(u) for u in as_list(users))
        attached |= {ident(u) for u in as_list(users) if isinstance(u, str)}
    for user in index.of_type(*USERS):
        if not is_service_user(user.type, user.need("userType")) or user.need("networkPolicy"):
            continue
        names = {
            ident(n)
            for n in (user.get("name"), user.get("loginName"), user.name)
            if isinstance(n, str)
        }
        if names & attached:
            continue
        if unknown_attachment:
            yield user.not_evaluated("the users of a NetworkPolicyAttachment")
        else:
            yield user.violation(f"service user [{user.name}] has no network policy")


RULE = Rule(
    id="snowflake-service-user-network-policy",
    description=(
        "Snowflake service users have a user-level network policy (networkPolicy or a "
        "NetworkPolicyAttachment)."
    ),
    severity="high",
    remediation="Set networkPolicy on the user to a policy allowing only the callers' addresses.",
    resource_types=(*USERS, ATTACHMENT),
    check_stack=check,
    mapped=("CIS-SF 3.2",),
)
