"""Every IAM, bucket and key policy document in the plans passes parliament.

ARCHITECTURE.md: treat every finding except RESOURCE_STAR as an error unless
explained. The explained ones are listed here with their reason.
"""

from __future__ import annotations

import json

from parliament import analyze_policy_string

# Findings that are parliament's limits, not our bugs.
EXPLAINED = {
    # In a key policy, Resource "*" means "this key"; it is the only allowed form.
    ("RESOURCE_STAR", None),
    # Parliament's Numeric pattern is ^\d+$, so the decimal TLS version 1.2 that
    # AWS documents for s3:TlsVersion is flagged as a type mismatch.
    ("MISMATCHED_TYPE", "s3:TlsVersion"),
    # The TLS deny covers "s3:*", AWS's documented pattern; parliament expands it and
    # flags the few actions (InitiateReplication, ...) whose reference lacks the key.
    ("UNKNOWN_CONDITION_FOR_ACTION", "s3:TlsVersion"),
    # The KMS key-id condition key is typed ARN; AWS's S3 examples compare it with
    # String operators, which parliament itself rates usable.
    ("MISMATCHED_TYPE_BUT_USABLE", "String but given Arn"),
    # CloudWatch Logs' key-policy statement as AWS documents it: an ArnLike pattern on
    # the log-group ARN (parliament types a wildcard ARN as String), applied also to
    # DescribeKey, which carries no encryption context.
    ("MISMATCHED_TYPE", "ArnLike requires a value of type Arn but given String"),
    (
        "UNKNOWN_CONDITION_FOR_ACTION",
        "kms:EncryptionContext:aws:logs:arn for action kms:Describe",
    ),
}


# Trust policies (assumeRolePolicy) name no Resource by design: the role is the
# resource. Parliament reads every document as an identity policy.
TRUST_POLICY_EXPLAINED = {("MALFORMED", "neither Resource nor NotResource")}


def _explained(finding, trust: bool = False) -> bool:
    detail = json.dumps(finding.detail)
    return any(
        finding.issue == issue and (marker is None or marker in detail)
        for issue, marker in (EXPLAINED | TRUST_POLICY_EXPLAINED if trust else EXPLAINED)
    )


POLICY_INPUTS = ("policy", "assumeRolePolicy")


def test_every_policy_document_lints_clean(stack_plan):
    documents = [
        (f"{r['name']}.{key}", r["inputs"][key])
        for r in stack_plan["resources"]
        for key in POLICY_INPUTS
        if isinstance(r["inputs"].get(key), str) and r["inputs"][key].startswith("{")
    ]
    kinds = {name.rsplit(".", 1)[0].rsplit("-", 1)[-1] for name, _ in documents}
    assert {"policy", "key"} <= kinds or len(documents) >= 7, kinds
    for name, text in documents:
        findings = analyze_policy_string(text).findings
        trust = name.endswith(".assumeRolePolicy")
        unexplained = [(f.issue, f.detail) for f in findings if not _explained(f, trust)]
        assert not unexplained, f"{name}: {unexplained}"


def test_the_linter_does_find_a_misspelt_action():
    bad = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::b/*"}
        ],
    }
    issues = {f.issue for f in analyze_policy_string(json.dumps(bad)).findings}
    assert "UNKNOWN_ACTION" in issues
