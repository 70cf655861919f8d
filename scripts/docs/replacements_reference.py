"""docs/reference/replacements.md: which inputs force a replacement, per type, and where
each provider's facts were read.

Rendered from `policies/rules/facts/replacements.json` (written by
`python -m scripts.replacements.refresh`) and the hand-listed rows beside it, so the page
says exactly what the destroy guard uses.
"""

from __future__ import annotations

from typing import Any

from policies.rules.facts.replacements import HAND, HAND_LISTED, document, replacement
from scripts.docs.markdown import generated_notice
from scripts.render.cells import cell, code
from scripts.render.markdown import table_block

INTRO = """\
`dataplat diff` labels an update a replacement when one of these inputs changes (and, for
every type, a `region`, provider, `replaceOnChanges` or `replacementTrigger` change). The
facts are extracted from the Terraform providers' sources by
`python -m scripts.replacements.refresh`: `ForceNew: true` in SDKv2 schemas (nested blocks
as dotted paths), `RequiresReplace` plan modifiers in framework resources, and the
`CustomizeDiff` helpers below. `--check` re-reads the sources and exits 3 while a provider
is not read at the revision its installed Pulumi version pins.
"""


def replacements_markdown() -> str:
    """The page: providers, helpers, then one row per type."""
    doc = document()
    providers = [
        (
            code(name),
            code(p["pulumiVersion"]),
            code(p["pinned"] or "unknown"),
            cell(p["pinStatus"]),
            cell(f"{p['upstreamRepo']}@{p['readAtRef']}" if p.get("readAt") else "not read"),
            "yes" if p["atPin"] else "**no**",
            cell(p.get("notRead", "")),
        )
        for name, p in doc["providers"].items()
    ]
    helpers = [(code(name), cell(meaning)) for name, meaning in doc["helpers"].items()]
    tokens = sorted(set(doc["types"]) | set(HAND_LISTED))
    rows = [_row(token, doc["types"].get(token)) for token in tokens]
    return (
        "# Replace-forcing inputs\n\n"
        + generated_notice("`policies/rules/facts/replacements.json`")
        + "\n"
        + INTRO
        + "\n## Providers\n\n"
        + table_block(
            ["package", "installed", "pinned upstream", "pin", "read at", "at pin", "not read"],
            providers,
        )
        + "\n## CustomizeDiff helpers recognised\n\n"
        + table_block(["helper", "meaning"], helpers)
        + "\n## Types\n\n"
        + table_block(["type", "terraform", "forcing inputs", "conditional", "origin"], rows)
    )


def _row(token: str, row: dict[str, Any] | None) -> tuple[str, ...]:
    facts = replacement(token)
    terraform = code(row["terraform"]) if row else ""
    if facts is None:
        return (code(token), terraform, "not in the source read", "", "")
    paths = ", ".join(f"`{p}`" for p in facts.force_new) or "none"
    conditional = ", ".join(f"`{p}` ({h})" for p, h in facts.conditional.items())
    origin = HAND if facts.origin == HAND else "extracted"
    return (
        code(token),
        terraform,
        cell(paths, markup=True),
        cell(conditional, markup=True),
        origin,
    )
