"""The bootstrap grants the preflight rule assumes are exactly the GRANTs of the bootstrap
SQL in docs/design/bootstrap.md, so the two cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policies.rules.preflight.snowflake_bootstrap import (
    BOOTSTRAP_DOC,
    BOOTSTRAP_GRANTS,
    BOOTSTRAP_ROLES,
    BootstrapGrant,
)
from scripts.runbook_commands import blocks
from tests.sql_text import split_statements

ROOT = Path(__file__).resolve().parents[3]
ON_ACCOUNT = re.compile(r"GRANT (?P<what>.+?) ON ACCOUNT TO ROLE (?P<to>\w+)$", re.IGNORECASE)
# One role per GRANT ROLE / GRANT DATABASE ROLE: a list does not match (Snowflake refuses it).
ROLES = re.compile(
    r"GRANT ROLE (?P<what>[\w.]+) TO (?P<kind>ROLE|USER) (?P<to>\w+)$", re.IGNORECASE
)
DATABASE_ROLES = re.compile(
    r"GRANT DATABASE ROLE (?P<what>[\w.]+) TO ROLE (?P<to>\w+)$", re.IGNORECASE
)
APPLICATION_ROLES = re.compile(
    r"GRANT APPLICATION ROLE (?P<what>[\w.]+) TO ROLE (?P<to>\w+)$", re.IGNORECASE
)


def statements() -> list[str]:
    """The SQL statements of the doc's ```sql block, whitespace folded."""
    text = (ROOT / BOOTSTRAP_DOC).read_text(encoding="utf-8")
    [block] = [b for b in blocks(text) if b.lang == "sql"]
    return [" ".join(text.split()) for _, text in split_statements(block.text)]


def parse(statement: str) -> BootstrapGrant:
    if m := ON_ACCOUNT.match(statement):
        privileges = tuple(p.strip().upper() for p in m["what"].split(","))
        return BootstrapGrant(m["to"].upper(), privileges=privileges)
    if m := APPLICATION_ROLES.match(statement):
        return BootstrapGrant(m["to"].upper(), application_roles=(m["what"].upper(),))
    if m := DATABASE_ROLES.match(statement):
        return BootstrapGrant(m["to"].upper(), database_roles=(m["what"].upper(),))
    if m := ROLES.match(statement):
        role, kind = m["what"].upper(), m["kind"].upper()
        return BootstrapGrant(m["to"].upper(), roles=(role,), to_kind=kind)
    raise AssertionError(f"{BOOTSTRAP_DOC}: a GRANT the test cannot read: {statement}")


def test_the_bootstrap_grants_are_the_grants_of_the_bootstrap_sql():
    grants = [parse(s) for s in statements() if s.upper().startswith("GRANT ")]
    assert grants == list(BOOTSTRAP_GRANTS)


def test_the_bootstrap_roles_are_the_roles_the_bootstrap_sql_creates():
    created = [s.split()[2].upper() for s in statements() if s.upper().startswith("CREATE ROLE ")]
    assert created == list(BOOTSTRAP_ROLES)


def test_a_changed_grant_in_the_sql_would_not_parse_equal():
    changed = parse("GRANT APPLY TAG ON ACCOUNT TO ROLE GOVERNANCE_ADMIN")
    assert changed not in BOOTSTRAP_GRANTS


def test_a_role_list_in_one_grant_role_is_refused_by_the_reader():
    with pytest.raises(AssertionError, match="a GRANT the test cannot read"):
        parse("GRANT ROLE SYSADMIN, SECURITYADMIN TO USER PULUMI_DEPLOY")
