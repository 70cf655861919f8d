"""The audit report: one JSON-ready dict assembled from the pure sections.

Shape (also what `--format json` writes):
`title, project, stack, generatedOn (YYYY-MM-DD), source {kind, path}, summary,
policy (scripts.audit.policy_results), pii (scripts.audit.pii), access
(scripts.audit.access, with `roleGraph` {dot, mermaid}: the role graph's text
when the stack has Snowflake roles), outsideAccess (scripts.access.listing), keys and
keyAges (scripts.audit.keys)`, `stacks` for an environment's audit
(scripts.audit.environment), and `live`
when the account was scanned (scripts.audit.live, with its own `keyAges`). The
explanations shown with each section live in SECTIONS so the Markdown and HTML reports
say the same thing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from policies.rules.core.settings import PolicySettings
from scripts.access.listing import access_listing
from scripts.audit.access import access_matrix
from scripts.audit.keys import key_ages, key_usage
from scripts.audit.pii import pii_inventory
from scripts.audit.policy_results import policy_section
from scripts.graph.dot import dot
from scripts.graph.mermaid import mermaid
from scripts.graph.model import roles_graph

SECTIONS = {
    "policy": (
        "Policy results",
        "Every policy rule of the pack was evaluated on the resources. A rule passes when no "
        "resource violates it. Mandatory violations block a deployment; advisory ones are "
        "warnings. A suppression is an accepted, time-limited exception with a written reason; "
        "an expired suppression counts as a violation again.",
    ),
    "suppressions": (
        "Accepted exceptions (suppressions)",
        "Each exception configured for this stack, the resources it covers, why it was "
        "accepted and when it expires.",
    ),
    "stacks": (
        "Findings per stack",
        "The environment is split into stacks (a platform stack, one per domain, the edges "
        "stack). Rules that need the whole account (roles and grants across stacks, journeys, "
        "masking) were evaluated on the union of the stacks; each finding that names a "
        "resource is counted here under the stack that holds it.",
    ),
    "pii": (
        "Where personal data (PII) is stored",
        "S3 buckets and Glue databases tagged or fed as PII, and Snowflake schemas carrying "
        "the PII tag. Tagged Snowflake objects are masked by the tag's masking policies.",
    ),
    "access": (
        "Who can access what (effective access matrix)",
        "For each Snowflake service user and functional role: the roles it inherits, its "
        "effective access per database and schema, and for each PII category whether it "
        "sees values in clear or masked. Derived from the grants and from the masking "
        "policies' own conditions (IS_ROLE_IN_SESSION), so inherited roles count.",
    ),
    "outsideAccess": (
        "Who outside the account can do what (expected access)",
        "Every principal a resource policy names from outside the AWS account (and the "
        "account root), every unnamed outsider who gets in, and each Snowflake role's direct "
        "privileges, each marked with why the stack's declared expected access "
        "(stacks/policy.<stack>.json) expects it, or NOT DECLARED. The same listing as "
        "`dataplat access`.",
    ),
    "keys": (
        "Encryption keys and who can decrypt",
        "Each customer-managed KMS key, the stores it protects, the IAM roles of this stack "
        "whose policies allow kms:Decrypt on it, and the principals its key policy names. "
        "Flags mark a role that can read a bucket but not decrypt its key, or the reverse.",
    ),
    "keyAges": (
        "Age of the service users' keys",
        "Each Snowflake service user's generated key has two slots (Snowflake's "
        "RSA_PUBLIC_KEY and RSA_PUBLIC_KEY_2), replaced on a schedule half a period apart; "
        "the Airflow connection holds the newer slot's key. Each slot's age counts from its "
        "schedule's base. Flags mark a key older than the environment's maximum (the "
        "rotation period plus half a period) or a rotation that is due (it happens at the "
        "next `pulumi up --refresh`). In the live check, the age is that of each Airflow "
        "connection secret's value (Secrets Manager's last rotated, else last changed date).",
    ),
    "live": (
        "Live account check (drift)",
        "The account's actual configuration of the resources this platform manages, read "
        "with AWS APIs and judged by the same rules. Any finding here is drift: the account "
        "no longer matches the code.",
    ),
}


def build_report(
    document: dict[str, Any],
    settings: PolicySettings,
    today: dt.date,
    source: dict[str, str],
) -> dict[str, Any]:
    """The report of one stack's resources (a plan document or a converted stack export)."""
    resources = document["resources"]
    policy = policy_section(document, settings, today)
    pii = pii_inventory(resources)
    access = access_matrix(resources, pii)
    roles = roles_graph(resources)
    if roles.root.nodes:
        roles.title = f"Snowflake roles of {document['project']}/{document['stack']}"
        access["roleGraph"] = {"dot": dot(roles), "mermaid": mermaid(roles)}
    keys = key_usage(resources)
    ages = key_ages(resources, document["stack"], today)
    report = {
        "title": f"Compliance audit of {document['project']}/{document['stack']}",
        "project": document["project"],
        "stack": document["stack"],
        "generatedOn": today.isoformat(),
        "source": source,
        "policy": policy,
        "pii": pii,
        "access": access,
        "outsideAccess": access_listing(document, settings),
        "keys": keys,
        "keyAges": ages,
        "resourceCount": sum(1 for r in resources if r.get("custom")),
    }
    report["summary"] = summary(report)
    return report


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """The headline numbers a reviewer reads first."""
    policy = report.get("policy") or {}
    rules = policy.get("rules") or []
    live = report.get("live")
    return {
        "resources": report.get("resourceCount"),
        "rulesEvaluated": len(rules),
        "rulesPassing": sum(1 for r in rules if r["outcome"] in ("pass", "pass with exceptions")),
        "mandatoryViolations": policy.get("mandatoryViolations", 0),
        "advisoryViolations": sum(
            1
            for r in policy.get("results", [])
            if r["status"] == "violation" and r["level"] != "mandatory"
        ),
        "activeSuppressions": sum(1 for s in policy.get("suppressions", []) if not s["expired"]),
        "expiredSuppressions": sum(1 for s in policy.get("suppressions", []) if s["expired"]),
        "piiLocations": sum(
            len((report.get("pii") or {}).get(k, []))
            for k in ("buckets", "objects", "glueDatabases", "snowflakeObjects")
        ),
        "keyFlags": len((report.get("keys") or {}).get("flags", [])),
        "keyAgeFlags": len((report.get("keyAges") or {}).get("flags", []))
        + len(((live or {}).get("keyAges") or {}).get("flags", [])),
        "liveDrift": len(live["findings"]) if live else None,
        "liveNotEvaluated": len(live.get("notEvaluated", [])) if live else None,
    }


def failed(report: dict[str, Any]) -> bool:
    """True when the audit fails: a mandatory violation, or drift in the live account."""
    s = report["summary"]
    return bool(s["mandatoryViolations"] or s["liveDrift"])


def verdict(report: dict[str, Any]) -> str:
    """`failed` (something found), else `not evaluated` (a part of the live account could
    not be read, so a pass cannot be claimed), else `passed`."""
    if failed(report):
        return "failed"
    if report["summary"].get("liveNotEvaluated"):
        return "not evaluated"
    return "passed"
