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
is not read at the revision its installed Pulumi version pins (so it is not part of CI:
no provider here is read at its pin, and the sources are local snapshots, not committed).

The AWS provider's repository is too large to be brought here; its release is read through
a per-symbol copy (`lonegunmanb/terraform-provider-aws-index`, one tag per release), its
attribute-name constants from an excerpt of `names/attr_consts_gen.go` kept outside the
repository (`$DATAPLAT_SOURCE_CACHE`).
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
    notes = "".join(_aws_notes(doc["providers"]["aws"]))
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
        + notes
        + "\n## CustomizeDiff helpers recognised\n\n"
        + table_block(["helper", "meaning"], helpers)
        + "\n## Types\n\n"
        + table_block(["type", "terraform", "forcing inputs", "conditional", "origin"], rows)
    )


def _aws_notes(aws: dict[str, Any]) -> list[str]:
    """What the AWS reading rests on: where its sources came from, what is known of the
    pin, the derived name constants, and the provider-wide `region` rule."""
    if not aws.get("readAt"):
        return []
    names = aws["namesExcerpt"]
    region = aws["region"]
    derived = ", ".join(f"`{k}` = `{v}`" for k, v in aws["namesDerived"].items())
    rule = "forces a replacement" if region["forcesReplacement"] else "was NOT found to force"
    evidence = ", ".join(f"`{e}`" for e in region["evidence"])
    return [
        "\n### AWS\n\n",
        f"- Read: {aws['upstreamRepo']} {code(aws['readAtRef'])} through "
        f"{aws['sourceRepo']}@{code(aws['readAt'])}.\n",
        f"- Pin: {aws['pinNote']}\n",
        f"- Name constants: {names['repo']} {code(names['path'])} at {code(names['commit'])} "
        f"(sha256 {code(str(names['sha256']))}); constants it lacks, derived by the "
        f"generator's rule: {derived}.\n",
        f"- Patches: {aws['patches']}\n",
        f"- A change of a resource's own `region` {rule} ({evidence}), unless "
        f"{region['unless']}.\n",
    ]


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
