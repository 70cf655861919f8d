"""Masking policies mask every value for a role that holds none of their unmasking roles.

Judged by running the body, not by reading it (`masking_eval`): once per PII category
the tags it reads can carry (each of the tag's orderedAllowedValues, found in the
stack, and NULL for an untagged column) and per sample value of its argument type, as
a session holding only PUBLIC under a role no body names. A body that returns its
input unchanged in any of these cases shows that value to everyone; a body that cannot
be evaluated offline cannot be shown to mask, and fails too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.values import as_list, is_unknown
from ..core.view import Finding, ResourceView
from ..facts.tokens import SNOWFLAKE_MASKING_POLICY, SNOWFLAKE_TAG
from .identifiers import ident, qualified_name
from .masking_eval import ClearCase, Unevaluable, clear_cases, probe_session, translate

MASKING_POLICY = SNOWFLAKE_MASKING_POLICY
TAG = SNOWFLAKE_TAG
# A category no allowed-values list names, for tags whose values are not listed.
UNLISTED = "dataplat-unlisted-category"
_SHOWN_CASES = 3


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Evaluate every masking policy of the stack for each category of the tags it reads."""
    tags = {qualified_name(t): t for t in index.of_type(TAG)}
    for policy in index.of_type(MASKING_POLICY):
        yield from _check_policy(policy, tags)


def _check_policy(policy: ResourceView, tags: Mapping[str, ResourceView]) -> Iterator[Finding]:
    body, arguments = policy.get("body"), policy.get("arguments")
    if is_unknown(body) or is_unknown(arguments):
        yield policy.not_evaluated(f"the body of masking policy [{policy.name}]")
        return
    args = [a for a in as_list(arguments) if isinstance(a, dict)]
    if not isinstance(body, str) or not body.strip() or not args:
        return
    if any(is_unknown(a.get(k)) for a in args for k in ("name", "type")):
        yield policy.not_evaluated(f"the arguments of masking policy [{policy.name}]")
        return
    name, sql_type = str(args[0].get("name") or "VAL"), str(args[0].get("type") or "")
    others = tuple((str(a.get("name")), str(a.get("type"))) for a in args[1:])
    try:
        translated = translate(body, probe_session(body))
        read = [_resolve(t, policy) for t in translated.tags]
        categories = []
        for tag_name in read:
            values = _categories(tag_name, tags, translated.literals)
            if values is None:
                yield policy.not_evaluated(f"the allowed values of tag [{tag_name}]")
                return
            categories.append(values)
        cases = clear_cases(body, name, sql_type, tuple(categories), others)
    except Unevaluable as exc:
        yield policy.violation(
            f"masking policy [{policy.name}] cannot be evaluated, so it cannot be shown to "
            f"mask: its body {exc}"
        )
        return
    if cases:
        shown = "; ".join(_describe(c, read) for c in cases[:_SHOWN_CASES])
        more = f" (and {len(cases) - _SHOWN_CASES} more)" if len(cases) > _SHOWN_CASES else ""
        yield policy.violation(
            f"masking policy [{policy.name}] returns the clear value to a role holding none "
            f"of its unmasking roles: {shown}{more}"
        )


def _resolve(tag_name: str, policy: ResourceView) -> str:
    """A tag name as the body writes it, qualified by the policy's database and schema."""
    parts = tag_name.split(".")
    scope = [policy.get("database"), policy.get("schema")]
    known = [ident(p) for p in scope if isinstance(p, str) and not is_unknown(p)]
    if len(parts) < 3 and len(known) == 2:
        parts = known[: 3 - len(parts)] + parts
    return ".".join(parts)


def _categories(
    fqn: str, tags: Mapping[str, ResourceView], literals: tuple[str, ...]
) -> tuple[str | None, ...] | None:
    """The values to try for one tag; None while its allowed values are unknown."""
    tag = tags.get(fqn)
    allowed = tag.get("orderedAllowedValues") if tag is not None else None
    if is_unknown(allowed) or any(is_unknown(v) for v in as_list(allowed)):
        return None
    listed = [str(v) for v in as_list(allowed)]
    if not listed:
        # Not in the stack, or any value allowed: every value the body compares with,
        # and one it does not name.
        listed = [*literals, UNLISTED]
    return (*dict.fromkeys(listed), None)


def _describe(case: ClearCase, tags: list[str]) -> str:
    where = ", ".join(
        f"{tag} = {c!r}" if c is not None else f"{tag} not set"
        for tag, c in zip(tags, case.categories, strict=True)
    )
    column = f"a column with {where}" if where else "any column"
    return f"{case.data_type} {case.value!r} in {column} returned {case.returned!r}"


RULE = Rule(
    id="snowflake-masking-policy-masks",
    description=(
        "Snowflake masking policy bodies, evaluated per PII category (and for an untagged "
        "column) on sample values, never return the clear value to a role holding none of "
        "their unmasking roles."
    ),
    severity="critical",
    remediation=(
        "Return the value only under a condition on the session's roles "
        "(CASE WHEN IS_ROLE_IN_SESSION('PII_READER') THEN val ELSE '***MASKED***' END); a "
        "condition every session meets (CURRENT_ROLE() IS NOT NULL, IS_ROLE_IN_SESSION('PUBLIC')) "
        "masks nothing. Keep bodies to one expression over the arguments, the session's roles "
        "and SYSTEM$GET_TAG_ON_CURRENT_COLUMN so that they can be evaluated offline."
    ),
    resource_types=(MASKING_POLICY, TAG),
    check_stack=check,
    mapped=("CIS-SF 4.10",),
)
