"""Snowflake network policies: compliant and each failure."""

from __future__ import annotations

import pytest

from tests.policies.helpers import failing, view

NP = "snowflake:index/networkPolicy:NetworkPolicy"
RULE = "snowflake-network-policy-restricted"

CASES = [
    ("compliant", {"allowedIpLists": ["203.0.113.20/32"]}, set()),
    ("network rules only", {"allowedNetworkRuleLists": ['"DB"."NET"."LOADERS"']}, set()),
    ("nothing allowed-listed", {"blockedIpLists": ["198.51.100.0/24"]}, {"np"}),
    ("empty allowed lists", {"allowedIpLists": [], "allowedNetworkRuleLists": []}, {"np"}),
    ("the whole internet", {"allowedIpLists": ["203.0.113.20/32", "0.0.0.0/0"]}, {"np"}),
]


@pytest.mark.parametrize(("case", "props", "expected"), CASES, ids=[c[0] for c in CASES])
def test_network_policy(case, props, expected):
    assert failing(RULE, [view(NP, "np", props)]) == expected, case
