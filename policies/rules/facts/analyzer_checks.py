"""IAM Access Analyzer's policy checks (ValidatePolicy) the access rules correspond to.

Source: the IAM User Guide's "Access Analyzer policy check reference"
(docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html;
awsdocs/iam-user-guide doc_source/access-analyzer-reference-policy-checks.md @f63d5a2,
2023-06-15, whose security warnings include "Allow with NotPrincipal", "Missing condition key
for oidc principal" and "Missing github repo condition key"). The API's `issueCode` is given
where it was confirmed outside the page (ALLOW_WITH_NOT_PRINCIPAL, in several public uses of
ValidatePolicy's output); for the other two only the page's title is given: their codes were
not confirmed here. External access findings name the resource type (`AWS::S3::Bucket`, ...).
"""

from __future__ import annotations

SOURCE = "awsdocs/iam-user-guide access-analyzer-reference-policy-checks.md @f63d5a2"
VALIDATE = "IAM Access Analyzer ValidatePolicy"
ALLOW_WITH_NOT_PRINCIPAL = f"{VALIDATE} ALLOW_WITH_NOT_PRINCIPAL (Allow with NotPrincipal)"
MISSING_OIDC_CONDITION = f"{VALIDATE} security warning 'Missing condition key for oidc principal'"
MISSING_GITHUB_REPO = f"{VALIDATE} security warning 'Missing github repo condition key'"
