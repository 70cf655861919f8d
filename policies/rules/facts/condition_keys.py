"""Who sets each condition key: the caller, or AWS (truthfully, from who the caller really is).

An outsider who wants in chooses every value it controls; a condition on such a key narrows
nothing (`aws:SecureTransport: true`, `aws:SourceIp: 0.0.0.0/0`). A key AWS or the identity
provider sets truthfully holds the outsider's real value (its account, its ARN, its
organisation, its repository), so a condition on it narrows exactly as far as its values do
(`aws:PrincipalArn` like `*` narrows nothing; equal to the platform's account narrows to it).

Sources (read 2026-12-06):
- IAM User Guide, "AWS global condition context keys"
  (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
  the principal keys (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, ...) are
  set from the authenticated principal; aws:SourceAccount/aws:SourceArn/aws:SourceOrgID are set
  "only when a call to your resource is being made directly by an AWS service principal on
  behalf of a resource" (which keys each service sends: journeys/service_requests.py);
  aws:SecureTransport, aws:SourceIp, aws:UserAgent, aws:Referer, aws:CurrentTime describe the
  request the caller makes ("this key is included in the request context ... the caller can
  set"; aws:Referer and aws:UserAgent are documented as spoofable).
- AWS KMS Developer Guide, "AWS KMS condition keys" (kms:CallerAccount: "the AWS account ID of
  the caller"; it is the caller's own account, so an outsider always satisfies a condition that
  names its account or `*`, never one that names only the platform's account).
- IAM User Guide, "Access to AWS accounts owned by third parties" (sts:ExternalId): the
  caller passes it in AssumeRole; AWS documents it as protection against the confused deputy
  when the trusted principal is a named third-party account, not as a secret. It is therefore
  treated as caller-chosen: it narrows nothing when the principal is `*`.
- IAM User Guide, "Available keys for AWS web identity federation" and GitHub Docs,
  "Configuring OpenID Connect in Amazon Web Services": the provider sets `<provider>:sub`
  (for GitHub `repo:<owner>/<repo>:...`) truthfully; `:aud` is whatever audience the caller's
  workflow asks for.
"""

from __future__ import annotations

from typing import Literal

Owner = Literal["caller", "principal", "source"]

# Keys the caller chooses freely (compared lower-case, as IAM compares key names).
CALLER_KEYS: tuple[str, ...] = (
    "aws:SecureTransport",
    "aws:SourceIp",
    "aws:UserAgent",
    "aws:Referer",
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:RequestedRegion",
    "aws:TokenIssueTime",
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
    "aws:ViaAWSService",
    "aws:CalledVia",
    "aws:RequestTag/*",
    "aws:TagKeys",
    "s3:x-amz-acl",
    "s3:x-amz-server-side-encryption",
    "s3:prefix",
    "s3:signatureversion",
    "s3:authType",
    "s3:TlsVersion",
    "kms:EncryptionContext:*",
    "kms:EncryptionContextKeys",
    "kms:ViaService",
    "kms:GrantIsForAWSResource",
    "sts:ExternalId",
    "sts:RoleSessionName",
    "sts:SourceIdentity",
)

# Keys AWS sets from the authenticated principal: bound to the outsider's real values.
PRINCIPAL_KEYS: tuple[str, ...] = (
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalType",
    "aws:PrincipalIsAWSService",
    "aws:PrincipalServiceName",
    "aws:userid",
    "aws:username",
    "aws:FederatedProvider",
    "kms:CallerAccount",
)

# Keys AWS sets only when a service calls on behalf of a resource (per service and call:
# journeys/service_requests.py), bound to the resource's real account, ARN, organisation.
SOURCE_KEYS: tuple[str, ...] = (
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOwner",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:SourceVpc",
    "aws:SourceVpce",
)

_OWNERS: dict[str, Owner] = {
    **{k.lower(): "caller" for k in CALLER_KEYS},
    **{k.lower(): "principal" for k in PRINCIPAL_KEYS},
    **{k.lower(): "source" for k in SOURCE_KEYS},
}


def owner(key: str) -> Owner | None:
    """Who sets `key` (a `prefix/*` entry covers every tag or context key under it); None for a
    key this table does not classify (an outsider's request does not carry it)."""
    lowered = key.lower()
    found = _OWNERS.get(lowered)
    if found is not None:
        return found
    for known, who in _OWNERS.items():
        if known.endswith("/*") and lowered.startswith(known[:-1]):
            return who
        if known.endswith(":*") and lowered.startswith(known[:-1]):
            return who
    return None


# Identity providers anyone on the internet can get a token from, with the claim keys each
# sets truthfully from who the caller is and the keys the caller chooses. Source: IAM User
# Guide, "Available keys for AWS web identity federation"; GitHub Docs, "About security
# hardening with OpenID Connect" (the `sub` claim names the repository).
WEB_IDENTITY_PROVIDERS: dict[str, dict[str, str]] = {
    "token.actions.githubusercontent.com": {
        "sub": "repo:outsider-org/outsider-repo:ref:refs/heads/main",
        "repository_owner": "outsider-org",
        "repository": "outsider-org/outsider-repo",
        "job_workflow_ref": "outsider-org/outsider-repo/.github/workflows/x.yml@refs/heads/main",
    },
    "accounts.google.com": {"sub": "100000000000000000001", "oaud": "outsider-client"},
    "graph.facebook.com": {"id": "100000000000001", "app_id": "outsider-app"},
    "www.amazon.com": {"user_id": "amzn1.account.OUTSIDER", "app_id": "outsider-app"},
    "cognito-identity.amazonaws.com": {"sub": "eu-west-1:outsider-identity"},
}
# Claims the caller picks (the audience its workflow asks for).
WEB_IDENTITY_CALLER_CLAIMS: tuple[str, ...] = ("aud", "amr")


def web_identity_provider(federated: str) -> str | None:
    """The well-known provider a `Federated` principal names (a bare host, or an IAM OIDC
    provider ARN `arn:aws:iam::<account>:oidc-provider/<host>`), else None."""
    host = federated.split("oidc-provider/", 1)[-1].rstrip("/")
    return host if host in WEB_IDENTITY_PROVIDERS else None
