"""Named outside principals judged against the stack's declared expected access."""

from __future__ import annotations

import json
from typing import Any

from policies.rules.facts.tokens import IAM_ROLE, SNS_TOPIC_POLICY
from tests.policies.helpers import failing, run, view

ACCOUNT = "111122223333"
OTHER = "arn:aws:iam::444455556666:role/partner"
TRUST_RULE = "access-role-trust-no-outside-access"
TOPIC_RULE = "access-resource-policy-no-outside-access"


def doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def trusting(name: str, principal: dict[str, Any], physical: str | None = None) -> Any:
    statement = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
    props: dict[str, Any] = {"assumeRolePolicy": doc(statement)}
    if physical:
        props["name"] = physical
    return view(IAM_ROLE, name, props)


def config(rule: str, *entries: tuple[str, str]) -> dict[str, Any]:
    declared = {
        "account": ACCOUNT,
        "principals": [{"principal": p, "resources": r, "why": "test"} for p, r in entries],
        "snowflakeRoles": [],
    }
    return {rule: {"expectedAccess": declared}}


def test_without_a_declaration_named_principals_are_not_judged():
    assert failing(TRUST_RULE, [trusting("r", {"AWS": OTHER})]) == set()


def test_a_declared_outside_principal_passes():
    roles = [trusting("r", {"AWS": OTHER}), trusting("g", {"Service": "glue.amazonaws.com"})]
    cfg = config(TRUST_RULE, (OTHER, "*"), ("glue.amazonaws.com", "*"))
    assert failing(TRUST_RULE, roles, config=cfg) == set()


def test_an_undeclared_account_or_service_is_reported_naming_it_and_the_statement():
    roles = [trusting("r", {"AWS": OTHER}), trusting("g", {"Service": "glue.amazonaws.com"})]
    results = run(TRUST_RULE, roles, config=config(TRUST_RULE, ("lambda.amazonaws.com", "*")))
    messages = {r.name: r.message for r in results if r.status == "violation"}
    assert set(messages) == {"r", "g"}
    assert f"principal {OTHER} may sts:AssumeRole" in messages["r"]
    assert "service glue.amazonaws.com" in messages["g"]
    assert "is named but not declared expected" in messages["g"]


def test_an_entry_covers_only_the_resources_it_names():
    roles = [
        trusting("in", {"AWS": OTHER}, physical="dp-snowflake-ingest"),
        trusting("out", {"AWS": OTHER}, physical="dp-reporting"),
    ]
    cfg = config(TRUST_RULE, ("arn:aws:iam::*:role/*", "dp-snowflake-*"))
    assert failing(TRUST_RULE, roles, config=cfg) == {"out"}


def test_the_accounts_own_roles_are_insiders_but_its_root_must_be_declared():
    own_role = f"arn:aws:iam::{ACCOUNT}:role/app"
    root = f"arn:aws:iam::{ACCOUNT}:root"
    statement = {"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}
    topics = [
        view(
            SNS_TOPIC_POLICY, "own", {"policy": doc({**statement, "Principal": {"AWS": own_role}})}
        ),
        view(SNS_TOPIC_POLICY, "root", {"policy": doc({**statement, "Principal": {"AWS": root}})}),
    ]
    assert failing(TOPIC_RULE, topics, config=config(TOPIC_RULE)) == {"root"}
    assert failing(TOPIC_RULE, topics, config=config(TOPIC_RULE, (root, "*"))) == set()
