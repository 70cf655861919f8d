"""IAM Access Analyzer's checks the access rules correspond to: policy checks (ValidatePolicy)
and the resource types of external access findings, one row each with its source.

Source of every row: the IAM User Guide as AWS published it in awsdocs/iam-user-guide, at
commit 651083f41c013ac329a0a69cf37be3b368dd0fc2 (2023-05-11, the last one with the pages: the
next, f63d5a2, deleted doc_source/ when the repository was archived):

- `doc_source/access-analyzer-reference-policy-checks.md` ("Access Analyzer policy check
  reference", docs.aws.amazon.com/IAM/latest/UserGuide/
  access-analyzer-reference-policy-checks.html): each check's title and anchor;
- `doc_source/access-analyzer-resources.md` ("Resource types supported by IAM Access
  Analyzer"): the resource types of external access findings.

The page gives titles, not the API's `issueCode`. A code is recorded only where it was seen in
ValidatePolicy output outside the page (ALLOW_WITH_NOT_PRINCIPAL, in several public uses of the
API's findings); the other rows carry `code=None` and are named by their title. The codes are
not derived from the titles by rule, since nothing AWS publishes says they are.
`tests/policies/access/test_analyzer_checks.py` pins that every access rule's mapping names a
row of this table.
"""

from __future__ import annotations

from dataclasses import dataclass

COMMIT = "651083f41c013ac329a0a69cf37be3b368dd0fc2"
PAGE = "awsdocs/iam-user-guide doc_source/access-analyzer-reference-policy-checks.md"
RESOURCES_PAGE = "awsdocs/iam-user-guide doc_source/access-analyzer-resources.md"
VALIDATE = "IAM Access Analyzer ValidatePolicy"
EXTERNAL = "IAM Access Analyzer external access"


@dataclass(frozen=True)
class PolicyCheck:
    """One ValidatePolicy check: its kind and title as the page gives them, its anchor, the
    `issueCode` where confirmed (else None), and where it was read."""

    kind: str
    title: str
    anchor: str
    code: str | None
    source: str = f"{PAGE} @{COMMIT[:7]}"

    @property
    def mapped(self) -> str:
        """How a rule's `mapped` names it: the code when confirmed, else the title."""
        label = self.code or f"'{self.title}'"
        return f"{VALIDATE} {self.kind.lower()} {label}"


_ANCHOR = "access-analyzer-reference-policy-checks-"
ALLOW_WITH_NOT_PRINCIPAL_CHECK = PolicyCheck(
    "Security warning",
    "Allow with NotPrincipal",
    f"{_ANCHOR}security-warning-allow-with-not-principal",
    "ALLOW_WITH_NOT_PRINCIPAL",
)
MISSING_OIDC_CONDITION_CHECK = PolicyCheck(
    "Security warning",
    "Missing condition key for oidc principal",
    f"{_ANCHOR}security-warning-missing-condition-key-for-oidc-principal",
    None,
)
MISSING_GITHUB_REPO_CHECK = PolicyCheck(
    "Security warning",
    "Missing github repo condition key",
    f"{_ANCHOR}security-warning-missing-github-repo-condition-key",
    None,
)
POLICY_CHECKS = (
    ALLOW_WITH_NOT_PRINCIPAL_CHECK,
    MISSING_OIDC_CONDITION_CHECK,
    MISSING_GITHUB_REPO_CHECK,
)

# Resource types of external access findings that the access rules judge: six of the
# resources page's sections (S3 buckets, IAM roles, KMS keys, SQS queues, Secrets Manager
# secrets, SNS topics; the page also lists Lambda, EBS and RDS snapshots, ECR, EFS, ...).
EXTERNAL_ACCESS_TYPES = (
    "AWS::S3::Bucket",
    "AWS::IAM::Role",
    "AWS::KMS::Key",
    "AWS::SQS::Queue",
    "AWS::SecretsManager::Secret",
    "AWS::SNS::Topic",
)

ALLOW_WITH_NOT_PRINCIPAL = ALLOW_WITH_NOT_PRINCIPAL_CHECK.mapped
MISSING_OIDC_CONDITION = MISSING_OIDC_CONDITION_CHECK.mapped
MISSING_GITHUB_REPO = MISSING_GITHUB_REPO_CHECK.mapped


def external(*types: str) -> str:
    """How a rule's `mapped` names the external access findings of `types` (each a row of
    EXTERNAL_ACCESS_TYPES; another type is a programming error: add its row first)."""
    unknown = [t for t in types if t not in EXTERNAL_ACCESS_TYPES]
    if unknown:
        raise ValueError(f"not an Access Analyzer resource type: {unknown}")
    return f"{EXTERNAL}: {', '.join(types)}"
