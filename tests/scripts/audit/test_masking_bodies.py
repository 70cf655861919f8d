"""The audit asks each masking body who sees what, with the pack's one evaluator."""

from __future__ import annotations

import pytest

from components.snowflake.masking import MASKED_TYPES, UnmaskGrants, masking_body
from scripts.audit.access import view
from scripts.audit.masking import clear_grants

GRANTS = UnmaskGrants({"email": ["SUPPORT", "O'NEIL"], "phone": ["SUPPORT"]}, ["OFFICER"])


def test_a_generated_body_shows_each_role_what_its_grants_say() -> None:
    grants = clear_grants(masking_body(MASKED_TYPES[0], "DB.POLICIES.PII", GRANTS))
    assert grants.parsed
    assert grants.sees_clear({"support"}, "email") is True
    assert grants.sees_clear({"O'NEIL"}, "email") is True
    assert grants.sees_clear({"SUPPORT"}, "name") is False
    assert grants.sees_clear({"OFFICER"}, "anything") is True
    assert grants.sees_clear({"ANALYST"}, "email") is False


@pytest.mark.parametrize("masked_type", MASKED_TYPES, ids=lambda t: t.key)
def test_every_generated_type_reads_the_same_grants(masked_type) -> None:
    grants = clear_grants(masking_body(masked_type, "T", GRANTS), masked_type.sql_type)
    assert grants.parsed, masked_type
    assert grants.sees_clear({"SUPPORT"}, "phone") is True, masked_type
    assert grants.sees_clear({"SUPPORT"}, "name") is False, masked_type


def test_a_body_without_grants_masks_everyone() -> None:
    grants = clear_grants(masking_body(MASKED_TYPES[1], "T", UnmaskGrants({})), "NUMBER")
    assert grants.parsed
    assert view({"p": grants}, {"ANY"}, "email") == "masked"


def test_a_hand_written_body_of_another_shape_is_run_not_guessed() -> None:
    grants = clear_grants("CASE WHEN CURRENT_ROLE() IN ('A') THEN VAL ELSE '***' END")
    assert view({"p": grants}, {"A"}, "email") == "clear"
    assert view({"p": grants}, {"B"}, "email") == "masked"


def test_a_body_that_cannot_run_offline_is_unknown() -> None:
    grants = clear_grants("CASE WHEN EXISTS (SELECT 1 FROM T) THEN VAL ELSE NULL END")
    assert not grants.parsed
    assert view({"p": grants}, {"A"}, "email") == "unknown"


def test_disagreeing_policies_show_which_types_are_clear() -> None:
    clear = clear_grants(masking_body(MASKED_TYPES[0], "T", GRANTS))
    masked = clear_grants(
        masking_body(MASKED_TYPES[1], "T", UnmaskGrants({"phone": ["X"]})), "NUMBER"
    )
    assert view({"DB.S.STR": clear, "DB.S.NUM": masked}, {"SUPPORT"}, "email") == (
        "partly clear: STR"
    )
