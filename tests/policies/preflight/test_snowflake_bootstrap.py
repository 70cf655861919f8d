"""The bootstrap grants the preflight rule assumes are exactly the GRANTs of the bootstrap
SQL in docs/design/bootstrap.md, so the two cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

from policies.rules.preflight.snowflake_bootstrap import (
    BOOTSTRAP_DOC,
    BOOTSTRAP_GRANTS,
    BOOTSTRAP_ROLES,
    BootstrapGrant,
)

ROOT = Path(__file__).resolve().parents[3]
ON_ACCOUNT = re.compile(r"GRANT (?P<what>.+?) ON ACCOUNT TO ROLE (?P<to>\w+)$", re.IGNORECASE)
ROLES = re.compile(r"GRANT ROLE (?P<what>.+?) TO (?P<kind>ROLE|USER) (?P<to>\w+)$", re.IGNORECASE)
DATABASE_ROLES = re.compile(
    r"GRANT DATABASE ROLE (?P<what>.+?) TO ROLE (?P<to>\w+)$", re.IGNORECASE
)


def statements() -> list[str]:
    """The SQL statements of the doc's ```sql block, comments dropped, whitespace folded."""
    text = (ROOT / BOOTSTRAP_DOC).read_text(encoding="utf-8")
    [block] = re.findall(r"```sql\n(.*?)```", text, re.DOTALL)
    code = "\n".join(line.split("--", 1)[0] for line in block.splitlines())
    return [" ".join(s.split()) for s in code.split(";") if s.strip()]


def parse(statement: str) -> BootstrapGrant:
    if m := ON_ACCOUNT.match(statement):
        privileges = tuple(p.strip().upper() for p in m["what"].split(","))
        return BootstrapGrant(m["to"].upper(), privileges=privileges)
    if m := DATABASE_ROLES.match(statement):
        roles = tuple(r.strip().upper() for r in m["what"].split(","))
        return BootstrapGrant(m["to"].upper(), database_roles=roles)
    if m := ROLES.match(statement):
        roles = tuple(r.strip().upper() for r in m["what"].split(","))
        return BootstrapGrant(m["to"].upper(), roles=roles, to_kind=m["kind"].upper())
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
