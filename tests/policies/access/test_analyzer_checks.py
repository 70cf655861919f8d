"""The Access Analyzer mapping: every access rule names only rows of the sourced table."""

from __future__ import annotations

import pytest

from policies.rules.facts.analyzer_checks import (
    EXTERNAL,
    EXTERNAL_ACCESS_TYPES,
    POLICY_CHECKS,
    VALIDATE,
    external,
)
from policies.rules.registry import RULES


def test_every_access_analyzer_name_in_a_rule_is_a_row_of_the_table():
    checks = {c.mapped for c in POLICY_CHECKS}
    named = [(r.id, m) for r in RULES for m in r.mapped if m.startswith("IAM Access Analyzer")]
    assert named, "no rule maps to Access Analyzer"
    for rule_id, mapped in named:
        if mapped.startswith(VALIDATE):
            assert mapped in checks, f"{rule_id}: {mapped!r} is not a sourced policy check"
        else:
            types = mapped.removeprefix(f"{EXTERNAL}: ").split(", ")
            assert set(types) <= set(EXTERNAL_ACCESS_TYPES), f"{rule_id}: {mapped!r}"


def test_only_the_confirmed_issue_code_is_given_as_a_code():
    assert {c.title: c.code for c in POLICY_CHECKS} == {
        "Allow with NotPrincipal": "ALLOW_WITH_NOT_PRINCIPAL",
        "Missing condition key for oidc principal": None,
        "Missing github repo condition key": None,
    }
    assert POLICY_CHECKS[1].mapped == (
        "IAM Access Analyzer ValidatePolicy security warning "
        "'Missing condition key for oidc principal'"
    )


def test_the_role_trust_rule_maps_to_the_three_trust_checks():
    rule = next(r for r in RULES if r.id == "access-role-trust-no-outside-access")
    assert [m for m in rule.mapped if m.startswith(VALIDATE)] == [c.mapped for c in POLICY_CHECKS]


def test_a_type_not_in_the_table_is_refused():
    with pytest.raises(ValueError, match="AWS::Glue::Job"):
        external("AWS::Glue::Job")
