"""A small evaluator of AWS's documented policy evaluation logic, same-account case only.

One request (principal, action, resource, context keys) is judged against the principal's
identity policies and the resource's policy, as the IAM User Guide describes:
- "Policy evaluation for requests within a single account"
  (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html):
  an explicit Deny in any policy wins; otherwise "if either the identity-based policy or the
  resource-based policy within the same account allows the request and the other doesn't, the
  request is still allowed".
- KMS key policies are the exception ("Key policies in AWS KMS",
  https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html): "Unless the key
  policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key". A KMS
  request is allowed only if the key policy allows the principal itself, or the key policy
  allows the account (`arn:aws:iam::<acct>:root`, "enables IAM policies") and an identity
  policy allows it.

Not modelled: SCPs and RCPs, permission boundaries, session policies, grants, VPC endpoint
policies, ACLs, cross-account requests, policy variables (`${...}` is matched literally),
assumed-role session principals in policies, canonical-user principals. A federated principal
(`{"Federated": ...}`) matches a request whose principal is that same provider string.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..aws.iam_documents import statements
from ..facts import arns
from .iam_conditions import Context, conditions_hold, glob

Kind = Literal["identity", "resource"]
Outcome = Literal["allowed", "explicit-deny", "implicit-deny"]
SERVICE_SUFFIX = ".amazonaws.com"


@dataclass(frozen=True)
class Document:
    """A policy document and where it lives (`bucket policy of bucket [lake-raw]`)."""

    name: str
    policy: Mapping[str, Any]
    kind: Kind = "identity"

    def statements(self) -> list[tuple[int, Mapping[str, Any]]]:
        """Each statement with its index, read by the pack's one document reader."""
        return list(enumerate(statements(dict(self.policy))))


@dataclass(frozen=True)
class Request:
    """One API call: who, what, on which ARN, with which context keys.

    `principal` is an IAM role or user ARN, or a service principal (`logging.s3.amazonaws.com`).
    `aws:PrincipalArn`, `aws:PrincipalAccount` (IAM principals) and `aws:PrincipalServiceName`
    (services) are added to the context unless given.
    """

    principal: str
    action: str
    resource: str
    context: Context = field(default_factory=dict)

    @property
    def is_service(self) -> bool:
        """True for an AWS service principal."""
        return not self.principal.startswith("arn:") and self.principal.endswith(SERVICE_SUFFIX)

    @property
    def account(self) -> str | None:
        """The principal's account (the ARN's fifth field); None for a service."""
        parts = self.principal.split(":")
        return parts[4] if not self.is_service and len(parts) > 5 else None

    def full_context(self) -> dict[str, Any]:
        """The context with the principal keys IAM itself sets."""
        implied: dict[str, Any] = (
            {"aws:PrincipalServiceName": self.principal}
            if self.is_service
            else {"aws:PrincipalArn": self.principal, "aws:PrincipalAccount": self.account or ""}
        )
        given = {k.lower() for k in self.context}
        return {**{k: v for k, v in implied.items() if k.lower() not in given}, **self.context}


@dataclass(frozen=True)
class StatementRef:
    """A statement by its Sid (or index) and its document."""

    document: str
    index: int
    sid: str | None

    def __str__(self) -> str:
        which = f'"{self.sid}"' if self.sid else f"#{self.index}"
        return f"statement {which} of the {self.document}"


@dataclass(frozen=True)
class Decision:
    """The outcome, the statement that decided it (None for an implicit deny) and why."""

    outcome: Outcome
    statement: StatementRef | None = None
    detail: str = ""
    # Which side must change for an allow: the resource (key) policy, the identity policy,
    # or either (None; also for an allow or an explicit deny, which names its statement).
    fix: Literal["identity", "resource"] | None = None

    @property
    def allowed(self) -> bool:
        """True when the request is allowed."""
        return self.outcome == "allowed"

    def explain(self) -> str:
        """A sentence for messages: `denied by statement "X" of the bucket policy of Y`."""
        if self.outcome == "explicit-deny":
            return f"denied by {self.statement}"
        if self.outcome == "allowed":
            return f"allowed by {self.statement}"
        return (
            f"no statement allows it ({self.detail})" if self.detail else "no statement allows it"
        )


def evaluate(
    request: Request, identity: Sequence[Document], resource: Document | None = None
) -> Decision:
    """The decision for `request` (KMS rules when the action is `kms:*`, with `resource` as the
    key policy; a KMS request without a key policy raises ValueError)."""
    context = request.full_context()
    kms = request.action.lower().startswith("kms:")
    if kms and resource is None:
        raise ValueError(f"{request.action} on {request.resource}: a KMS key always has a policy")
    identities = [] if request.is_service else list(identity)
    documents = [*identities, *([resource] if resource is not None else [])]
    for doc in documents:
        for index, statement in doc.statements():
            if _effect(statement) == "Deny" and _applies(statement, doc, request, context):
                return Decision("explicit-deny", _ref(doc, index, statement))
    by_identity = _first_allow(identities, request, context, "direct")
    direct = _first_allow([resource] if resource else [], request, context, "direct")
    delegated = _first_allow([resource] if resource else [], request, context, "account")
    if direct is not None:
        return Decision("allowed", direct)
    if kms:
        if by_identity is not None and delegated is not None:
            return Decision("allowed", by_identity)
        if by_identity is not None:
            return Decision(
                "implicit-deny",
                fix="resource",
                detail=f"{by_identity} has no effect: the {resource.name if resource else ''} "
                "neither allows the principal nor delegates to the account "
                "(arn:aws:iam::<account>:root)",
            )
        if delegated is not None:
            return Decision(
                "implicit-deny",
                fix="identity",
                detail=f"{delegated} delegates to IAM, but no identity policy allows it",
            )
        return Decision(
            "implicit-deny", fix="resource", detail="neither the key policy nor an identity policy"
        )
    if by_identity is not None:
        return Decision("allowed", by_identity)
    return Decision("implicit-deny")


def _effect(statement: Mapping[str, Any]) -> str:
    return str(statement.get("Effect", ""))


def _ref(doc: Document, index: int, statement: Mapping[str, Any]) -> StatementRef:
    sid = statement.get("Sid")
    return StatementRef(doc.name, index, str(sid) if sid else None)


def _first_allow(
    docs: Sequence[Document], request: Request, context: Context, how: str
) -> StatementRef | None:
    for doc in docs:
        for index, statement in doc.statements():
            if _effect(statement) == "Allow" and _applies(statement, doc, request, context, how):
                return _ref(doc, index, statement)
    return None


def _applies(
    statement: Mapping[str, Any],
    doc: Document,
    request: Request,
    context: Context,
    how: str = "any",
) -> bool:
    """True if the statement covers the request: principal (resource policies), action,
    resource and condition. `how` selects principal matches: "direct" (the principal
    itself, a service or `*`), "account" (the account root only) or "any"."""
    if doc.kind == "resource" and not _principal_applies(statement, request, how):
        return False
    if not covers(statement, request.action, request.resource):
        return False
    return conditions_hold(statement.get("Condition"), context)


def covers(statement: Mapping[str, Any], action: str, resource: str) -> bool:
    """True if the statement's Action (or NotAction) and Resource (or NotResource) cover
    `action` on `resource`, whatever its effect, principal and conditions: the one matcher
    of actions and resources, which `evaluate` applies and the audit's role reader
    (scripts/audit/iam.py) uses directly."""
    return action_covered(statement, action) and _listed_or_not(
        statement, "Resource", "NotResource", resource
    )


def action_covered(statement: Mapping[str, Any], action: str) -> bool:
    """True if the statement's Action (or NotAction) covers `action` (case-insensitive, with
    IAM's `*` and `?` wildcards)."""
    return _listed_or_not(statement, "Action", "NotAction", action, ignore_case=True)


def _values(raw: Any) -> list[str]:
    if raw is None:
        return []
    return [str(v) for v in (raw if isinstance(raw, list) else [raw])]


def _listed_or_not(
    statement: Mapping[str, Any], key: str, not_key: str, value: str, ignore_case: bool = False
) -> bool:
    if not_key in statement:
        return not any(glob(p, ignore_case).match(value) for p in _values(statement[not_key]))
    if key not in statement:
        return True  # resource policies may leave Resource implicit (the resource itself)
    return any(glob(p, ignore_case).match(value) for p in _values(statement[key]))


def _principal_kind(principal: Any, request: Request) -> str | None:
    """How a Principal element names the request's principal: "direct", "account" or None."""
    if principal == "*":
        return "direct"
    if not isinstance(principal, Mapping):
        return None
    if "*" in _values(principal.get("AWS")):
        return "direct"  # {"AWS": "*"} is the same as "*" (IAM UG, Principal)
    if request.principal in _values(principal.get("Federated")):
        return "direct"  # a web identity or SAML provider, named as the statement names it
    if request.is_service:
        return "direct" if request.principal in _values(principal.get("Service")) else None
    found: str | None = None
    for value in _values(principal.get("AWS")):
        if value == request.principal:
            return "direct"
        if value in (request.account, arns.account_root(str(request.account))):
            found = "account"
    return found


def _principal_applies(statement: Mapping[str, Any], request: Request, how: str) -> bool:
    if "NotPrincipal" in statement:
        # "When you use NotPrincipal, you must also specify the account ARN of the not-denied
        # principal. Otherwise, the policy might deny access to the entire account" (IAM UG,
        # NotPrincipal): a role is exempt only if both it and its account are listed.
        excluded = statement["NotPrincipal"]
        if request.is_service:
            exempt = _principal_kind(excluded, request) == "direct"
        else:
            names = _values(excluded.get("AWS")) if isinstance(excluded, Mapping) else []
            account_listed = bool(
                {request.account, arns.account_root(str(request.account))} & set(names)
            )
            exempt = request.principal in names and account_listed
        return not exempt and how in ("any", "direct")
    kind = _principal_kind(statement.get("Principal"), request)
    if kind is None:
        return False
    if how == "any":
        return True
    return kind == how
