"""Every stack plans with no preflight finding at all: no violation, nothing left pending.

The defects of issue 12 are fixed in components/; each one, re-introduced, is caught by
its rule (tests/policies/preflight/test_defects_reintroduced.py). Anything a preflight rule
reports on the real stacks is a new defect or a rule bug.
"""

from __future__ import annotations

from typing import Any

import pytest

from policies.rules.registry import RULES

PREFLIGHT = sorted(r.id for r in RULES if r.id.startswith("preflight-"))


def test_the_preflight_family_is_registered():
    assert {
        "preflight-container-dependency",
        "preflight-upload-after-bucket-configuration",
        "preflight-snowflake-step-privileges",
        "preflight-provider-preview-features",
        "preflight-aws-data-paths-allowed",
    } <= set(PREFLIGHT)


@pytest.mark.parametrize("stack", ["dev", "staging", "prod"])
def test_no_preflight_rule_reports_anything_on_a_real_stack(plans: dict[str, Any], stack):
    document = plans[stack]
    findings = [
        (item["policy"], item.get("name"), item["message"][:160])
        for key in ("violations", "notEvaluated")
        for item in document.get(key) or ()
        if item["policy"] in PREFLIGHT
    ]
    assert findings == [], f"{stack}: {findings}"
