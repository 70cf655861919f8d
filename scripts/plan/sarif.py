"""SARIF 2.1.0 for code scanning: one run, one rule per policy, one result per violation.

Resources have no file and line of their own, so each result points at where the
resource's config lives (locations.py: the domain file's list or the stack file's platform
section), with a logical location naming the resource's URN; suppressed findings carry an
external suppression with the reason.
"""

from __future__ import annotations

from typing import Any

from policies.rules.registry import RULES
from scripts.plan.locations import Locator

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"mandatory": "error", "advisory": "warning"}


def sarif(document: dict[str, Any], locator: Locator | None = None) -> dict[str, Any]:
    """The plan's policy results as a SARIF log (locations: `Locator.fallback` without one)."""
    locator = locator or Locator.fallback(document["stack"])
    rules = [
        {
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.split("-")),
            "shortDescription": {"text": rule.description},
            "fullDescription": {"text": rule.description},
            "help": {"text": rule.remediation},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": list(rule.mapped), "security-severity": _score(rule.severity)},
        }
        for rule in RULES
    ]
    index = {rule.id: i for i, rule in enumerate(RULES)}
    results = [
        _result(v, index, locator)
        for v in [*document["violations"], *document.get("suppressions", [])]
        if v["policy"] in index
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dataplat-policies",
                        "informationUri": "https://www.pulumi.com/docs/iac/crossguard/",
                        "version": "0.1.0",
                        "rules": rules,
                    }
                },
                "results": results,
                "properties": {"stack": document["stack"], "project": document["project"]},
            }
        ],
    }


def _result(v: dict[str, Any], index: dict[str, int], locator: Locator) -> dict[str, Any]:
    where = locator.locate(v.get("name"))
    result: dict[str, Any] = {
        "ruleId": v["policy"],
        "ruleIndex": index[v["policy"]],
        "level": _LEVELS.get(v["level"], "note"),
        "message": {"text": v["message"]},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": where.uri},
                    "region": {"startLine": where.line},
                },
                "logicalLocations": [
                    {"fullyQualifiedName": v.get("urn") or "(stack)", "kind": "resource"}
                ],
            }
        ],
    }
    if v.get("status") == "suppressed":
        result["suppressions"] = [{"kind": "external", "justification": v["message"]}]
    return result


def _score(severity: str) -> str:
    return {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}.get(severity, "5.0")
