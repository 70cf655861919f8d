"""Snowflake users of every type sign in with a key pair or SSO, never a password."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.rule import Context, Rule
from ..core.values import is_set
from ..core.view import Finding, ResourceView
from ..facts.tokens import SNOWFLAKE_USER
from ..snowflake.identifiers import is_service_user


def check(view: ResourceView, ctx: Context) -> Iterator[Finding]:
    """A password on a person (TYPE PERSON or unset; a secret or unknown password counts as
    set): the platform signs people in through SSO. Service users' passwords are
    snowflake-service-user-key-pair-only's."""
    if is_service_user(view.type, view.need("userType")):
        return
    if is_set(view.get("password")):
        yield view.violation(
            f"User [{view.name}] has a password: it can be phished or sprayed from anywhere "
            "the network policy admits; remove it and sign in through SSO or a key pair"
        )


RULE = Rule(
    id="access-snowflake-user-no-password",
    description="No Snowflake user of any type has a password: people use SSO, services key pairs.",
    severity="high",
    remediation=(
        "Remove password; sign people in through the SSO integration, services with rsaPublicKey."
    ),
    resource_types=(SNOWFLAKE_USER,),
    check=check,
    mapped=("CIS-SF 1.3", "CIS-SF 1.6"),
)
