"""The audit's IAM role reader matches statements with the pack's evaluator."""

from __future__ import annotations

from scripts.audit.iam import RoleGrants

BUCKET_OBJECTS = "arn:aws:s3:::lake-raw/data/file.csv"


def _grants(*statements: dict[str, object]) -> RoleGrants:
    return RoleGrants("reader", "arn:aws:iam::123456789012:role/reader", list(statements))


def test_not_action_allows_every_other_action():
    grants = _grants({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})
    assert grants.allows("s3:GetObject", BUCKET_OBJECTS)
    assert not grants.allows("iam:PassRole", "arn:aws:iam::123456789012:role/x")


def test_brackets_are_literal_as_in_iam_not_character_classes():
    grants = _grants(
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b[1]/*"}
    )
    assert not grants.allows("s3:GetObject", "arn:aws:s3:::b1/key")
    assert grants.allows("s3:GetObject", "arn:aws:s3:::b[1]/key")


def test_an_explicit_deny_wins_and_actions_ignore_case():
    grants = _grants(
        {"Effect": "Allow", "Action": "s3:get*", "Resource": "arn:aws:s3:::lake-raw/*"},
        {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::lake-raw/data/*"},
    )
    assert grants.allows("s3:GetObjectVersion", BUCKET_OBJECTS)
    assert not grants.allows("s3:GetObject", BUCKET_OBJECTS)


def test_some_object_of_a_bucket_under_a_prefix():
    grants = _grants(
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::lake-raw/data/*"}
    )
    assert grants.allows_in_bucket("s3:GetObject", "lake-raw")
    assert not grants.allows_in_bucket("s3:GetObject", "lake-curated")
    assert not grants.allows_in_bucket("s3:PutObject", "lake-raw")
