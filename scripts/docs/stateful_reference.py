"""docs/reference/stateful.md: the types the destroy guard and the prod rule treat as data.

Rendered from the one table, `policies/rules/common/stateful_types.py`, so the page, the
prod-protection rule and `dataplat diff` cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping

from policies.rules.common.stateful_types import StatefulType
from scripts.docs.markdown import generated_notice, table
from scripts.markdown_text import cell, code

INTRO = """\
A resource of one of these types holds data (objects, the keys that decrypt them, tables,
secrets, catalog entries, a running Airflow with its metadata database, audit logs, a pipe's
load history). Every other type is rebuilt from the program alone. In prod the rule
[`prod-stateful-resources-protected`](policies.md#prod-stateful-resources-protected) requires
the protect option on each, and `dataplat diff` blocks deleting or replacing one unless it is
acknowledged (see [the destroy guard](../design/destroy-guard.md)).

A plan document has no provider diff, so `dataplat diff` infers a replacement from the inputs
below: the attributes marked `ForceNew` in the upstream Terraform schemas the bridged
providers are generated from (and, for every type, a `region`, provider, `replaceOnChanges`
or `replacementTrigger` change). `pulumi preview --json` reports replacements itself
(`replaceReasons`) and needs none of this. Input paths use the engine's camelCase names,
dotted for nested objects.
"""


def stateful_markdown(types: Mapping[str, StatefulType]) -> str:
    """The page: one row per type token, in table order."""
    rows = [
        (
            code(t.token),
            cell(t.label, markup=True),
            cell(", ".join(f"`{path}`" for path in t.replace_on), markup=True),
            cell(t.note, markup=True),
            cell(t.source, markup=True),
        )
        for t in types.values()
    ]
    return (
        "# Stateful resource types\n\n"
        + generated_notice("`policies/rules/common/stateful_types.py`")
        + "\n"
        + INTRO
        + "\n"
        + table(["type", "what", "replace-forcing inputs", "note", "source"], rows)
    )
