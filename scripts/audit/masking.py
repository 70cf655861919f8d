"""Who sees which PII category in clear, read from the masking policy bodies themselves.

The bodies are what Snowflake runs, so the audit reads them rather than the config
that produced them. A body returns the value in clear under its first condition
that is not the NULL check (`WHEN <condition> THEN VAL`); that condition is an OR of
terms, each either a set of `IS_ROLE_IN_SESSION('<ROLE>')` calls (those roles see
every category) or `SYSTEM$GET_TAG_ON_CURRENT_COLUMN(...) = '<category>' AND <roles>`
(those roles see that category). A body not of this shape is reported as unparsed,
and every role is then shown as "unknown" for it rather than guessed at.
IS_ROLE_IN_SESSION counts inherited roles, so a principal sees a category in clear
when it or any role it holds is named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_CLEAR = re.compile(r"WHEN\s+(?!VAL\s+IS\s+NULL)(.+?)\s+THEN\s+VAL\b", re.IGNORECASE | re.DOTALL)
_ROLE = re.compile(r"IS_ROLE_IN_SESSION\(\s*'((?:[^']|'')*)'\s*\)", re.IGNORECASE)
_CATEGORY = re.compile(
    r"SYSTEM\$GET_TAG_ON_CURRENT_COLUMN\([^)]*\)\s*=\s*'((?:[^']|'')*)'", re.IGNORECASE
)


@dataclass(frozen=True)
class ClearGrants:
    """The roles a body returns clear values to: for every category, or per category."""

    parsed: bool
    all_categories: frozenset[str] = frozenset()
    by_category: dict[str, frozenset[str]] = field(default_factory=dict)

    def sees_clear(self, held_roles: Iterable[str], category: str) -> bool | None:
        """True/False for a principal holding `held_roles`; None when the body was unparsed."""
        if not self.parsed:
            return None
        held = {r.upper() for r in held_roles}
        return bool(held & self.all_categories or held & self.by_category.get(category, set()))


def clear_grants(body: str) -> ClearGrants:
    """The clear-value grants of one masking policy body."""
    match = _CLEAR.search(body)
    if not match:
        return ClearGrants(parsed=False)
    every: set[str] = set()
    per: dict[str, set[str]] = {}
    for term in split_or(match.group(1)):
        roles = {_unquote(r).upper() for r in _ROLE.findall(term)}
        categories = [_unquote(c) for c in _CATEGORY.findall(term)]
        if not roles:
            return ClearGrants(parsed=False)
        if categories:
            for category in categories:
                per.setdefault(category, set()).update(roles)
        else:
            every |= roles
    return ClearGrants(True, frozenset(every), {c: frozenset(r) for c, r in per.items()})


def split_or(condition: str) -> list[str]:
    """The top-level OR terms of a condition (outside parentheses and quotes)."""
    condition = _unwrap(condition.strip())
    terms, depth, quoted, start, i = [], 0, False, 0, 0
    upper = condition.upper()
    while i < len(condition):
        ch = condition[i]
        if ch == "'":
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        elif not quoted and depth == 0 and upper.startswith(" OR ", i):
            terms.append(condition[start:i].strip())
            start = i + 4
            i += 3
        i += 1
    terms.append(condition[start:].strip())
    return [t for t in terms if t]


def _unwrap(text: str) -> str:
    """Drop parentheses enclosing the whole text."""
    while text.startswith("(") and text.endswith(")") and _closes_at_end(text):
        text = text[1:-1].strip()
    return text


def _closes_at_end(text: str) -> bool:
    depth, quoted = 0, False
    for i, ch in enumerate(text):
        if ch == "'":
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
            if depth == 0 and i < len(text) - 1:
                return False
    return True


def _unquote(literal: str) -> str:
    return literal.replace("''", "'")
