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
}


def _explained(finding) -> bool:
    detail = json.dumps(finding.detail)
    return any(
        finding.issue == issue and (marker is None or marker in detail)
        for issue, marker in EXPLAINED
    )


def test_every_policy_document_lints_clean(stack_plan):
    documents = [
        (r["name"], r["inputs"]["policy"])
        for r in stack_plan["resources"]
        if isinstance(r["inputs"].get("policy"), str)
    ]
    assert len(documents) == 7  # four bucket policies, three key policies
    for name, text in documents:
        findings = analyze_policy_string(text).findings
        unexplained = [(f.issue, f.detail) for f in findings if not _explained(f)]
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
