"""The cost part of the plan's Markdown (the PR comment): the stack's monthly bound and,
given the base branch's plan (`--cost-base`, `--cost-base-dir`), its change and the line
items that moved it, as Infracost's comment does for Terraform.

The cost model is imported inside `cost_markdown`: only markdown plans need it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scripts.plan.plan_file import CostBase


@dataclass(frozen=True)
class CostMarkdown:
    """The cost line (always shown) and the table of changed items (empty: none to show)."""

    line: str
    title: str = ""
    table: tuple[str, ...] = ()


def cost_markdown(document: dict[str, Any], base: CostBase | None = None) -> CostMarkdown:
    """The bound of `document`, and with `base` its change against the base branch.

    A stack the base branch did not plan says so; a bound that cannot be computed (a
    priced value unknown until apply) says why, on either side, and is not an error.
    """
    from scripts.cost.change import compare
    from scripts.cost.render import change_table, summary_markdown
    from scripts.cost.report import monthly_bound
    from scripts.errors import UserError

    try:
        head = monthly_bound(document)
    except UserError as exc:
        return CostMarkdown(f"Monthly bound: not available ({exc}).")
    if base is None:
        return CostMarkdown(summary_markdown(head))
    if base.document is None:
        return CostMarkdown(
            f"{summary_markdown(head)} Change against the base branch: no base plan for "
            f"{document['stack']} ({base.path} does not exist; the base branch may predate "
            "the stack)."
        )
    try:
        before = monthly_bound(base.document)
    except UserError as exc:
        return CostMarkdown(
            f"{summary_markdown(head)} Change against the base branch: not available "
            f"({base.path}: {exc})."
        )
    change = compare(before, head)
    if not change.items:
        return CostMarkdown(summary_markdown(head, before))
    title = f"Cost by line item: {len(change.items)} added, removed or changed, largest first"
    return CostMarkdown(summary_markdown(head, before), title, tuple(change_table(change)))
