"""The policy section of the audit: every rule's outcome, the results, the exceptions.

The document is evaluated again with the stack's policy config (the same rules,
levels and suppressions as `dataplat plan` and the pack), so a plan, a stack export
and a stack planned now are judged alike and on the audit's date. A rule with no
result passed. Each configured suppression is listed with its reason, expiry and
days left, whether or not it matched anything: an auditor reviews the exceptions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from policies.rules.core.settings import PolicySettings, stack_environment
from policies.rules.registry import RULES
from scripts.plan.policy import evaluate_document

SEVERITIES = ("critical", "high", "medium", "low")
STATUSES = ("violation", "suppressed", "not-evaluated")


def policy_section(
    document: dict[str, Any], settings: PolicySettings, today: dt.date
) -> dict[str, Any]:
    """Rules, results, suppressions and counts by severity, for `document` on `today`."""
    evaluate_document(document, settings, today=today)
    results = document["violations"] + document["suppressions"] + document["notEvaluated"]
    environment = stack_environment(None, {}, document["stack"])
    return {
        "environment": environment,
        "rules": _rules(results, settings, environment),
        "results": results,
        "suppressions": _suppressions(settings, results, today),
        "bySeverity": by_severity(results),
        "mandatoryViolations": sum(
            1 for r in results if r["status"] == "violation" and r["level"] == "mandatory"
        ),
    }


def by_severity(results: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Counts of results per severity and status (every severity and status present)."""
    counts = Counter((r["severity"], r["status"]) for r in results)
    return {s: {st: counts[(s, st)] for st in STATUSES} for s in SEVERITIES}


def _rules(
    results: list[dict[str, Any]], settings: PolicySettings, environment: str
) -> list[dict[str, Any]]:
    rows = []
    for rule in RULES:
        mine = Counter(r["status"] for r in results if r["policy"] == rule.id)
        level = settings.level(rule, environment)
        if level == "disabled":
            outcome = "disabled"
        elif mine["violation"]:
            outcome = "fail" if level == "mandatory" else "warn"
        elif mine["suppressed"]:
            outcome = "pass with exceptions"
        elif mine["not-evaluated"]:
            outcome = "pending apply"
        else:
            outcome = "pass"
        rows.append(
            {
                "id": rule.id,
                "description": rule.description,
                "severity": rule.severity,
                "level": level,
                "outcome": outcome,
                "violations": mine["violation"],
                "suppressed": mine["suppressed"],
                "notEvaluated": mine["not-evaluated"],
            }
        )
    return rows


def _suppressions(
    settings: PolicySettings, results: list[dict[str, Any]], today: dt.date
) -> list[dict[str, Any]]:
    rows = []
    for rule in RULES:
        for s in settings.for_rule(rule.id).suppressions:
            matched = sorted(
                str(r["name"])
                for r in results
                if r["policy"] == rule.id
                and r["status"] == "suppressed"
                and s.matches(r["name"], r["urn"])
            )
            rows.append(
                {
                    "rule": rule.id,
                    "resources": s.resources,
                    "reason": s.reason,
                    "expires": s.expires.isoformat(),
                    "daysLeft": (s.expires - today).days,
                    "expired": s.expired(today),
                    "matched": matched,
                }
            )
    return sorted(rows, key=lambda r: (r["expires"], r["rule"], r["resources"]))
