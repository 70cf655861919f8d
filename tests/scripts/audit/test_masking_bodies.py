"""Reading masking bodies: roles for every category, roles per category, unreadable bodies."""

from __future__ import annotations

from components.snowflake.masking import MASKED_TYPES, UnmaskGrants, masking_body
from scripts.audit.access import view
from scripts.audit.masking import clear_grants, split_or

GRANTS = UnmaskGrants({"email": ["SUPPORT", "O'NEIL"], "phone": ["SUPPORT"]}, ["OFFICER"])


def test_a_generated_body_reads_back_as_its_grants() -> None:
    body = masking_body(MASKED_TYPES[0], "DB.POLICIES.PII", GRANTS)
    grants = clear_grants(body)
    assert grants.parsed
    assert grants.all_categories == {"OFFICER"}
    assert grants.by_category == {"email": {"SUPPORT", "O'NEIL"}, "phone": {"SUPPORT"}}
    assert grants.sees_clear({"support"}, "email") and not grants.sees_clear({"SUPPORT"}, "name")
    assert grants.sees_clear({"OFFICER"}, "anything")


def test_a_body_without_grants_masks_everyone() -> None:
    grants = clear_grants(masking_body(MASKED_TYPES[1], "T", UnmaskGrants({})))
    assert not grants.parsed  # no clear branch at all: nothing to read
    assert view({"p": grants}, {"ANY"}, "email") == "unknown"


def test_a_hand_written_body_of_another_shape_is_unknown_not_guessed() -> None:
    grants = clear_grants("CASE WHEN CURRENT_ROLE() IN ('A') THEN VAL ELSE '***' END")
    assert not grants.parsed
    assert view({"p": grants}, {"A"}, "email") == "unknown"


def test_disagreeing_policies_show_which_types_are_clear() -> None:
    clear = clear_grants(masking_body(MASKED_TYPES[0], "T", GRANTS))
    masked = clear_grants(masking_body(MASKED_TYPES[1], "T", UnmaskGrants({"phone": ["X"]})))
    assert view({"DB.S.STR": clear, "DB.S.NUM": masked}, {"SUPPORT"}, "email") == (
        "partly clear: STR"
    )


def test_or_splits_only_at_top_level() -> None:
    assert split_or("(A OR B) OR (C AND 'x OR y')") == ["(A OR B)", "(C AND 'x OR y')"]
