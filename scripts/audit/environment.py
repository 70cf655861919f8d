"""The audit of an environment split into stacks: the whole account, then each stack's part.

Findings that need the whole account are computed on the union of the environment's
stacks (`scripts.env_plans.union`, with a resource per stack reference depending on the
stack it reads, as `dataplat plan --env` judges it): the policy rules over the whole stack
(preflight, journeys, role model: a domain role reading a platform object, a grant in one
stack on a role of another), the Snowflake role graph and effective access, masking,
outside access and key usage. The union is what the account will hold, so its audit is
the single-stack audit of the same resources. Each finding that names a resource is then
attributed to the stack holding it (`stacks`: per stack, its cloud resources, its
violations by level, its suppressed and pending results, its PII locations); a
per-resource rule's finding is the same whether evaluated on one stack or on the union,
so that is the per-stack result. Findings naming no resource of a stack (a Snowflake
object's PII tag, the account's roles) are the environment's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from policies.rules.core.settings import PolicySettings
from scripts.audit.report import build_report, summary
from scripts.env_plans import StackPlan, stack_of, union

PROVIDER_PREFIX = "pulumi:providers:"


def environment_report(
    plans: Sequence[StackPlan],
    env: str,
    settings: PolicySettings,
    today: dt.date,
    source: dict[str, str],
) -> dict[str, Any]:
    """The audit report of the union of `plans`, with the per-stack attribution."""
    report = build_report(union(plans, env, references=True), settings, today, source)
    report["title"] = f"Compliance audit of environment {env} ({len(plans)} stacks)"
    report["stacks"] = per_stack(plans, report)
    # Providers are copied into each stack that uses them (pulumi state move, and the
    # split programs register them in each): the environment counts each provider once.
    providers = {
        r["name"]
        for p in plans
        for r in p.document["resources"]
        if r["type"].startswith(PROVIDER_PREFIX)
    }
    report["resourceCount"] = sum(s["resources"] for s in report["stacks"]) + len(providers)
    report["summary"] = summary(report)
    return report


def per_stack(plans: Sequence[StackPlan], report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each stack's share of the report's findings, in the plans' order."""
    where = stack_of(plans)
    by_name = {
        r["name"]: p.label
        for p in plans
        for r in p.document["resources"]
        if r.get("custom") and not r["type"].startswith(PROVIDER_PREFIX)
    }
    results = Counter(
        (where.get(r["urn"], ""), r["status"], r["level"]) for r in report["policy"]["results"]
    )
    pii = Counter(
        by_name.get(entry.get("resource", ""), "")
        for kind in ("buckets", "glueDatabases")
        for entry in report["pii"].get(kind, [])
    )
    rows = []
    for p in plans:
        custom = [r for r in p.document["resources"] if r.get("custom")]
        rows.append(
            {
                "project": p.document["project"],
                "stack": p.document["stack"],
                "resources": sum(1 for r in custom if not r["type"].startswith(PROVIDER_PREFIX)),
                "mandatoryViolations": results[(p.label, "violation", "mandatory")],
                "advisoryViolations": sum(
                    n
                    for (label, status, level), n in results.items()
                    if label == p.label and status == "violation" and level != "mandatory"
                ),
                "suppressed": sum(
                    n
                    for (label, status, _), n in results.items()
                    if (label, status) == (p.label, "suppressed")
                ),
                "notEvaluated": sum(
                    n
                    for (label, status, _), n in results.items()
                    if (label, status) == (p.label, "not-evaluated")
                ),
                "piiLocations": pii[p.label],
            }
        )
    return rows
