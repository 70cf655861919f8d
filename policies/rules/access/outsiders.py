"""Who is outside the account: the principals the access rules send requests as.

Each outsider is one request-maker with the context keys AWS (or its identity provider) sets
truthfully for it (facts/condition_keys.py says which keys those are); every key the caller
controls is left to the search in `exposure.py`, which tries the values that satisfy the
policy. The outsiders are unnamed on purpose: an account the policy names is a decision
someone made and wrote down; an account nobody named getting in is the mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..facts import arns
from ..facts.condition_keys import SOURCE_KEYS, WEB_IDENTITY_PROVIDERS
from ..journeys.service_requests import context_for
from ..preflight.iam_evaluation import Request

OUTSIDE_ACCOUNT = "999988887777"
OUTSIDE_ORG = "o-outsider0000"
OUTSIDE_ROLE = arns.iam_role(OUTSIDE_ACCOUNT, "outsider")
# A service principal no statement names, acting for a resource of the outside account.
ANY_SERVICE = "outsider-service.amazonaws.com"


class Probe(Request):
    """A request whose context is exactly what is given (no implied principal keys: the
    anonymous caller and web identities carry none of them)."""

    def full_context(self) -> dict[str, Any]:
        """The given context as it is."""
        return dict(self.context)


@dataclass(frozen=True)
class Outsider:
    """One outsider: `label` for messages, `principal` as the request names it, the keys AWS
    sets truthfully for it, and the principal-element kinds that can name it."""

    label: str
    principal: str
    bound: dict[str, str]

    def request(self, action: str, resource: str, chosen: dict[str, Any]) -> Probe:
        """The outsider's request with the caller-chosen keys added."""
        return Probe(self.principal, action, resource, {**chosen, **self.bound})


ANOTHER_ACCOUNT = Outsider(
    f"a principal of another AWS account ({OUTSIDE_ACCOUNT})",
    OUTSIDE_ROLE,
    {
        "aws:PrincipalArn": OUTSIDE_ROLE,
        "aws:PrincipalAccount": OUTSIDE_ACCOUNT,
        "aws:PrincipalOrgID": OUTSIDE_ORG,
        "aws:PrincipalType": "AssumedRole",
        "aws:PrincipalIsAWSService": "false",
        "kms:CallerAccount": OUTSIDE_ACCOUNT,
    },
)
ANONYMOUS = Outsider("an anonymous caller", "anonymous", {"aws:PrincipalIsAWSService": "false"})


def service_for_another_account(action: str) -> Outsider:
    """A service acting for a resource of another account: the source keys it sends (per the
    one table of service requests) hold the outside account's values."""
    values = {
        "aws:SourceAccount": OUTSIDE_ACCOUNT,
        "aws:SourceArn": arns.event_rule("eu-west-1", OUTSIDE_ACCOUNT, "outsider"),
        "aws:SourceOwner": OUTSIDE_ACCOUNT,
        "aws:SourceOrgID": OUTSIDE_ORG,
    }
    sent = context_for("*", action, values)
    bound = {k: str(v) for k, v in sent.items() if k in SOURCE_KEYS}
    bound |= {"aws:PrincipalServiceName": ANY_SERVICE, "aws:PrincipalIsAWSService": "true"}
    return Outsider(
        f"an AWS service acting for another account ({OUTSIDE_ACCOUNT})", ANY_SERVICE, bound
    )


def web_identity(federated: str, provider: str) -> Outsider:
    """Anyone with a token of `provider`, the `Federated` principal `federated` names."""
    claims = WEB_IDENTITY_PROVIDERS[provider]
    bound = {f"{provider}:{claim}": value for claim, value in claims.items()}
    bound["aws:FederatedProvider"] = federated
    return Outsider(f"any web identity of {provider}", federated, bound)
