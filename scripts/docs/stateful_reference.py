"""docs/reference/stateful.md: the types the destroy guard and the prod rule treat as data.

Rendered from the one table, `policies/rules/common/stateful_types.py`, so the page, the
prod-protection rule and `dataplat diff` cannot disagree; the replace-forcing inputs come
from the replacement facts (`policies/rules/facts/replacements.py`), as the guard reads them.
"""

from __future__ import annotations

from collections.abc import Mapping

from policies.rules.common.stateful_types import StatefulType
from policies.rules.facts.replacements import replacement
from scripts.docs.markdown import generated_notice
from scripts.render.cells import cell, code
from scripts.render.markdown import table_block

INTRO = """\
A resource of one of these types holds data (objects, the keys that decrypt them, tables,
secrets, catalog entries, a running Airflow with its metadata database, audit logs, a pipe's
load history). Every other type is rebuilt from the program alone. In prod the rule
[`prod-stateful-resources-protected`](policies.md#prod-stateful-resources-protected) requires
the protect option on each, and `dataplat diff` blocks deleting or replacing one unless it is
acknowledged (see [the destroy guard](../design/destroy-guard.md)).

A plan document has no provider diff, so `dataplat diff` infers a replacement from the inputs
below, for these and every other type ([replacements.md](replacements.md)): the attributes
the upstream Terraform providers force new (and, for every type, a `region`, provider,
`replaceOnChanges` or `replacementTrigger` change). `pulumi preview --json` reports
replacements itself (`replaceReasons`) and needs none of this. Input paths use the engine's
camelCase names, dotted for nested objects.
"""


def _forcing(token: str) -> tuple[str, str]:
    """The replace-forcing inputs of `token` and where they come from."""
    facts = replacement(token)
    if facts is None:
        return "not known (see replacements.md)", ""
    paths = ", ".join(f"`{path}`" for path in facts.force_new) or "none"
    return paths, facts.source


def stateful_markdown(types: Mapping[str, StatefulType]) -> str:
    """The page: one row per type token, in table order."""
    rows = [
        (
            code(t.token),
            cell(t.label, markup=True),
            cell(_forcing(t.token)[0], markup=True),
            cell(t.note, markup=True),
            cell(_forcing(t.token)[1], markup=True),
        )
        for t in types.values()
    ]
    return (
        "# Stateful resource types\n\n"
        + generated_notice("`policies/rules/common/stateful_types.py`")
        + "\n"
        + INTRO
        + "\n"
        + table_block(["type", "what", "replace-forcing inputs", "note", "source"], rows)
    )
