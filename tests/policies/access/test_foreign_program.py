"""A foreign team's program (tests/fixtures/access_program) with each of the access mistakes
of issue 22 draws exactly one violation of the access family, on the resource that carries it
(a plain stack output: on the stack); its correct twin draws none. Planned as a team
would: `dataplat plan --program DIR --config FILE`, the mistakes chosen in the stack config
(all at once: each changes its own resource)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.foreign_programs import plan_with_mistakes

ROOT = Path(__file__).resolve().parents[3]
PROGRAM = ROOT / "tests" / "fixtures" / "access_program"

# mistake (= the resource it changes) -> (access rule, what its message says)
MISTAKES: dict[str, tuple[str, str]] = {
    "bucket-tls-only": ("access-s3-bucket-policy-no-outside-access", "another AWS account"),
    "bucket-any-ip": ("access-s3-bucket-policy-no-outside-access", "another AWS account"),
    "bucket-any-principal-arn": (
        "access-s3-bucket-policy-no-outside-access",
        "another AWS account",
    ),
    "bucket-not-principal": ("access-s3-bucket-policy-no-outside-access", "s3:GetObject"),
    "key-opened-by-key-policy": ("access-kms-key-policy-no-outside-access", "KeyPolicy ["),
    "key-policy-overrides-inline": ("access-kms-key-policy-no-outside-access", "KeyPolicy ["),
    "key-any-caller-account": ("access-kms-key-policy-no-outside-access", "Key ["),
    "trust-any-principal": ("access-role-trust-no-outside-access", "sts:AssumeRole "),
    "trust-github-audience-only": (
        "access-role-trust-no-outside-access",
        "any web identity of token.actions.githubusercontent.com",
    ),
    "secret-any-source-account": (
        "access-resource-policy-no-outside-access",
        "an AWS service acting for another account",
    ),
    "snowflake-ownership-to-public": ("access-snowflake-nothing-owned-by-public", "PUBLIC"),
    "snowflake-user-password": ("access-snowflake-user-no-password", "has a password"),
    "snowflake-network-halves": ("access-snowflake-network-not-world-open", "0.0.0.0/1"),
    "snowflake-network-rule-open": (
        "access-snowflake-network-not-world-open",
        "NetworkRule [partner-ingress]",
    ),
    "parameter-private-key": (
        "access-no-key-material-in-plain-parameter",
        "PrivateKey [deploy]",
    ),
    "tags-private-key": ("access-no-key-material-in-plain-text", "in its tags"),
    "lambda-env-private-key": (
        "access-no-key-material-in-plain-text",
        "in its environment variables",
    ),
    "snowflake-outside-role-writes-domain": (
        "access-snowflake-domain-boundary",
        "PARTNER_LOADER",
    ),
}
# Mistakes carried by the stack itself (its outputs): the violation is on the stack.
STACK_MISTAKES: dict[str, tuple[str, str]] = {
    "output-private-key": (
        "access-no-secret-in-plain-output",
        "stack output [signing_key] holds a PEM private key",
    ),
}
# Mistakes the pack's encryption rules already catch (one home per check): each draws a
# violation of its rule on its resource, and the correct twin's resource draws none.
ENCRYPTION_MISTAKES: dict[str, tuple[str, str]] = {
    "bucket-aws-managed-key": ("s3-bucket-encrypted-with-kms", "AWS-managed key"),
    "secret-no-kms-key": ("secretsmanager-secret-cmk-encrypted", "no kmsKeyId"),
    "topic-aws-managed-key": ("sns-topic-encrypted", "alias/aws/sns"),
    "glue-encryption-disabled": ("glue-security-configuration-encrypted", "DISABLED"),
}


def plan(tmp_path: Path, mistakes: list[str]) -> dict[str, Any]:
    return plan_with_mistakes(PROGRAM, "team-access", tmp_path, mistakes)


def access(document: dict[str, Any], key: str = "violations") -> list[dict[str, Any]]:
    return [v for v in document[key] if str(v.get("policy", "")).startswith("access-")]


@pytest.fixture(scope="module")
def with_all_mistakes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return plan(tmp_path_factory.mktemp("all"), sorted([*MISTAKES, *STACK_MISTAKES]))


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return plan(tmp_path_factory.mktemp("twin"), [])


def test_the_correct_twin_draws_no_access_violation(twin: dict[str, Any]) -> None:
    assert access(twin) == []
    assert access(twin, "notEvaluated") == []


@pytest.fixture(scope="module")
def with_encryption_mistakes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return plan(tmp_path_factory.mktemp("encryption"), sorted(ENCRYPTION_MISTAKES))


@pytest.mark.parametrize("mistake", sorted(ENCRYPTION_MISTAKES))
def test_each_encryption_mistake_draws_its_rule_on_its_resource_and_the_twin_none(
    with_encryption_mistakes: dict[str, Any], twin: dict[str, Any], mistake: str
) -> None:
    rule, fragment = ENCRYPTION_MISTAKES[mistake]

    def on(document: dict[str, Any]) -> list[str]:
        return [
            v["message"]
            for v in document["violations"]
            if v["policy"] == rule and v["name"] == mistake
        ]

    assert on(twin) == [], mistake
    messages = on(with_encryption_mistakes)
    assert messages and all(f"[{mistake}]" in m for m in messages), messages
    assert any(fragment in m for m in messages), messages


def test_the_program_states_each_mistake_the_test_knows() -> None:
    text = (PROGRAM / "__main__.py").read_text()
    for mistake in [*MISTAKES, *ENCRYPTION_MISTAKES, *STACK_MISTAKES]:
        assert f"- `{mistake}`" in text, mistake


def on_resources(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for v in access(document) if not on_the_stack(v)]


def on_the_stack(violation: dict[str, Any]) -> bool:
    """Whether the violation is on the stack itself (its URN's type is the stack's)."""
    return str(violation["urn"]).split("::")[2] == "pulumi:pulumi:Stack"


def test_no_access_violation_falls_outside_the_mistakes(with_all_mistakes: dict[str, Any]) -> None:
    names = sorted(v["name"] for v in on_resources(with_all_mistakes))
    assert names == sorted(MISTAKES)
    on_stack = [v for v in access(with_all_mistakes) if v not in on_resources(with_all_mistakes)]
    assert sorted(v["policy"] for v in on_stack) == sorted(r for r, _ in STACK_MISTAKES.values())


@pytest.mark.parametrize("mistake", sorted(STACK_MISTAKES))
def test_each_stack_mistake_draws_its_rule_on_the_stack(
    with_all_mistakes: dict[str, Any], twin: dict[str, Any], mistake: str
) -> None:
    rule, fragment = STACK_MISTAKES[mistake]
    assert [v for v in access(twin) if v["policy"] == rule] == []
    (violation,) = [v for v in access(with_all_mistakes) if v["policy"] == rule]
    assert on_the_stack(violation), violation
    assert fragment in violation["message"], violation["message"]


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_draws_one_access_violation_naming_its_resource(
    with_all_mistakes: dict[str, Any], mistake: str
) -> None:
    rule, fragment = MISTAKES[mistake]
    (violation,) = [v for v in access(with_all_mistakes) if v["name"] == mistake]
    assert (violation["policy"], violation["level"]) == (rule, "mandatory"), mistake
    assert f"[{mistake}]" in violation["message"], violation["message"]
    assert fragment in violation["message"], violation["message"]
