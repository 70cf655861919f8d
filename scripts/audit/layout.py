"""The report as a reader sees it: sections of paragraphs, tables and a chart.

Markdown and HTML render this one layout, so both say the same thing in the same
order; only the JSON format is the raw report.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from scripts.audit.policy_results import SEVERITIES, STATUSES
from scripts.audit.report import SECTIONS, verdict

ROLE_GRAPH_CAPTION = (
    "The role graph: an arrow leads from each user or role to each role granted to it, so a "
    "principal holds the privileges of every role its arrows reach."
)


@dataclass(frozen=True)
class Table:
    """A table; `status` names a column whose cells get a good/bad style in HTML."""

    headers: list[str]
    rows: list[list[str]]
    status: int | None = None
    wide: bool = False  # printed on a landscape page


@dataclass(frozen=True)
class Figure:
    """A graph as Graphviz DOT and as Mermaid text (scripts.graph); HTML draws the DOT
    when Graphviz is installed, Markdown shows the Mermaid."""

    caption: str
    dot: str
    mermaid: str


@dataclass(frozen=True)
class Chart:
    """Counts of results per severity (rows) and status (series)."""

    counts: dict[str, dict[str, int]]


Block = str | Table | Chart | Figure


@dataclass
class Section:
    """A heading, its explanation, and what follows."""

    title: str
    intro: str = ""
    blocks: list[Block] = field(default_factory=list)
    verdict: str | None = None  # passed / failed / not evaluated: the report's opening section


def layout(report: dict[str, Any]) -> list[Section]:
    """The sections of `report`, in reading order."""
    sections = [_verdict(report), _overview(report)]
    if "stacks" in report:
        sections.append(_stacks(report["stacks"]))
    if "policy" in report:
        sections += [_policy(report["policy"]), _suppressions(report["policy"])]
    if "pii" in report:
        sections.append(_pii(report["pii"]))
    if "access" in report:
        sections.append(_access(report["access"]))
    if "outsideAccess" in report:
        sections.append(_outside_access(report["outsideAccess"]))
    if "keys" in report:
        sections.append(_keys(report["keys"]))
    if report.get("keyAges") is not None or (report.get("live") or {}).get("keyAges"):
        sections.append(_key_ages(report))
    if report.get("live"):
        sections.append(_live(report["live"]))
    return sections


def _overview(report: dict[str, Any]) -> Section:
    s = report["summary"]
    source = report["source"]
    rows = [
        ["Date of this audit", report["generatedOn"]],
        ["Audited", f"{source['kind']}: {source.get('path', '')}".rstrip(": ")],
    ]
    if s.get("rulesEvaluated"):
        rows += [
            ["Cloud resources", str(s["resources"])],
            ["Policy rules passing", f"{s['rulesPassing']} of {s['rulesEvaluated']}"],
            ["Mandatory violations", str(s["mandatoryViolations"])],
            ["Advisory findings", str(s["advisoryViolations"])],
            [
                "Accepted exceptions (active / expired)",
                f"{s['activeSuppressions']} / {s['expiredSuppressions']}",
            ],
            ["PII locations", str(s["piiLocations"])],
            ["Key usage flags", str(s["keyFlags"])],
        ]
    if s.get("keyAgeFlags") is not None:
        rows.append(["Key age flags", str(s["keyAgeFlags"])])
    if s.get("liveDrift") is not None:
        rows.append(["Live drift findings", str(s["liveDrift"])])
    return Section(
        "Summary",
        "The audit fails on a mandatory policy violation or on drift found in the live "
        "account, and is not evaluated when the live account could not be read in full; "
        "advisory findings and key flags need review.",
        [Table(["Item", "Value"], rows)],
    )


def _stacks(stacks: list[dict[str, Any]]) -> Section:
    title, intro = SECTIONS["stacks"]
    keys = ("resources", "mandatoryViolations", "advisoryViolations", "suppressed", "piiLocations")
    headers = ["Stack", "Cloud resources", "Mandatory", "Advisory", "Suppressed", "PII locations"]
    rows = [[f"{s['project']}/{s['stack']}", *(str(s[k]) for k in keys)] for s in stacks]
    return Section(title, intro, [Table(headers, rows)])


def _verdict(report: dict[str, Any]) -> Section:
    """The opening: the verdict with its counts, then what failed it or went unread."""
    s = report["summary"]
    outcome = verdict(report)
    counts = [f"{s['mandatoryViolations']} mandatory violation(s)"]
    if s.get("liveDrift") is not None:
        counts.append(f"{s['liveDrift']} live drift finding(s)")
        counts.append(f"{s.get('liveNotEvaluated') or 0} part(s) of the account not evaluated")
    if s.get("advisoryViolations"):
        counts.append(f"{s['advisoryViolations']} advisory finding(s) to review")
    failures = [
        [r["severity"], r["policy"], "plan", str(r["name"] or ""), r["message"]]
        for r in (report.get("policy") or {}).get("results", [])
        if r["status"] == "violation" and r["level"] == "mandatory"
    ]
    failures += [
        [f["severity"], f["policy"], "live account", str(f["name"]), f["message"]]
        for f in (report.get("live") or {}).get("findings", [])
    ]
    blocks: list[Block] = [
        Table(["Severity", "Rule", "Where", "Resource", "Violation"], failures)
        if failures
        else "No mandatory violation and no live drift."
    ]
    unread = (report.get("live") or {}).get("notEvaluated", [])
    if unread:
        blocks.append(
            "Not evaluated: the credentials could not read these, so nothing is known of "
            "them (grant the audit role read access, or audit where it has it):"
        )
        blocks.append(Table(["Not evaluated", "Error"], [[n["what"], n["error"]] for n in unread]))
    return Section(
        f"Verdict: {outcome.upper()}",
        f"Overall result: {outcome.upper()}. " + "; ".join(counts) + ".",
        blocks,
        verdict=outcome,
    )


def _policy(policy: dict[str, Any]) -> Section:
    title, intro = SECTIONS["policy"]
    results = [
        [r["severity"], r["policy"], r["level"], r["status"], str(r["name"] or ""), r["message"]]
        for r in sorted(
            policy["results"], key=lambda r: (SEVERITIES.index(r["severity"]), r["policy"])
        )
    ]
    blocks: list[Block] = [
        f"Environment: {policy['environment']}. Results by severity "
        f"(statuses: {', '.join(STATUSES)}):",
        Chart(policy["bySeverity"]),
        Table(
            ["Rule", "Severity", "Level", "Outcome", "Findings", "What it requires"],
            [
                [
                    r["id"],
                    r["severity"],
                    r["level"],
                    r["outcome"],
                    f"{r['violations']} / {r['suppressed']} / {r['notEvaluated']}",
                    r["description"],
                ]
                for r in policy["rules"]
            ],
            status=3,
        ),
        "Findings column: violations / suppressed / not evaluated until apply.",
    ]
    if results:
        blocks += [
            "Every finding:",
            Table(
                ["Severity", "Rule", "Level", "Status", "Resource", "Message"], results, status=3
            ),
        ]
    else:
        blocks.append("No findings: every rule passes.")
    return Section(title, intro, blocks)


def _suppressions(policy: dict[str, Any]) -> Section:
    title, intro = SECTIONS["suppressions"]
    rows = [
        [
            s["rule"],
            s["resources"],
            s["reason"],
            s["expires"],
            "expired" if s["expired"] else f"{s['daysLeft']} days left",
            ", ".join(s["matched"]) or "(none)",
        ]
        for s in policy["suppressions"]
    ]
    blocks: list[Block] = (
        [
            Table(
                ["Rule", "Resources", "Reason", "Expires", "Status", "Findings covered"],
                rows,
                status=4,
            )
        ]
        if rows
        else ["No exceptions are configured."]
    )
    return Section(title, intro, blocks)


def _pii(pii: dict[str, Any]) -> Section:
    title, intro = SECTIONS["pii"]
    rows = [
        [
            "S3 bucket",
            f"s3://{b['bucket']}",
            ", ".join(b["prefixes"]) or "(whole bucket)",
            "tagged data-classification=pii",
        ]
        for b in pii["buckets"]
    ]
    rows += [["S3 object", o, "", "tagged data-classification=pii"] for o in pii["objects"]]
    rows += [["Glue database", g["database"], "", g["why"]] for g in pii["glueDatabases"]]
    rows += [
        [f"Snowflake {o['objectType'].lower()}", o["object"], o["category"], f"tag {o['tag']}"]
        for o in pii["snowflakeObjects"]
    ]
    blocks: list[Block] = [
        Table(["Kind", "Location", "Prefixes / category", "Why it is PII"], rows)
        if rows
        else "No PII location was found."
    ]
    for tag in pii["snowflakeTags"]:
        blocks.append(
            f"PII tag {tag['name']}: categories {', '.join(tag['categories'])}; masking policies "
            + ", ".join(f"{p['name']} ({p['dataType']})" for p in tag["maskingPolicies"])
            + "."
        )
    return Section(title, intro, blocks)


def _access(access: dict[str, Any]) -> Section:
    title, intro = SECTIONS["access"]
    categories = access["categories"]
    rows = []
    for p in access["principals"]:
        rows.append(
            [
                p["principal"],
                p["kind"],
                ", ".join(p["inheritedRoles"]) or "(none)",
                "; ".join(f"{t}: {lvl}" for t, lvl in p["access"].items()) or "(none)",
                *[p["categories"][c] for c in categories],
            ]
        )
    pii_rows = [
        [
            p["principal"],
            s["schema"],
            s["category"],
            "yes" if s["canRead"] else "no",
            s["sees"] if s["canRead"] else f"no access ({s['sees']} if granted)",
        ]
        for p in access["principals"]
        for s in p["piiSchemas"]
    ]
    blocks: list[Block] = [
        Table(
            [
                "Principal",
                "Kind",
                "Inherits roles",
                "Access per database / schema",
                *[f"PII: {c}" for c in categories],
            ],
            rows,
            wide=True,
        ),
        "PII schemas: can the principal read it, and does it see the values in clear?",
        Table(["Principal", "PII schema", "Category", "Can read", "Sees"], pii_rows, status=4)
        if pii_rows
        else "No Snowflake schema is tagged PII.",
    ]
    if graph := access.get("roleGraph"):
        blocks.append(Figure(ROLE_GRAPH_CAPTION, graph["dot"], graph["mermaid"]))
    return Section(title, intro, blocks)


def _outside_access(listing: dict[str, Any]) -> Section:
    title, intro = SECTIONS["outsideAccess"]

    def why(row: dict[str, Any]) -> str:
        return "NOT DECLARED" if row["expected"] is None else str(row["expected"])

    aws = [
        [r["resource"], r["principal"], r["actions"], r["statement"], why(r)]
        for r in listing["aws"]
    ]
    snowflake = [[r["role"], r["privilege"], r["on"], why(r)] for r in listing["snowflake"]]
    return Section(
        title,
        intro,
        [
            f"{listing['unexpected']} of {len(aws) + len(snowflake)} rows are not declared "
            "expected.",
            Table(["Resource", "Principal", "Actions", "Statement", "Expected"], aws, wide=True),
            Table(["Snowflake role", "Privilege", "On", "Expected"], snowflake),
        ],
    )


def _keys(keys: dict[str, Any]) -> Section:
    title, intro = SECTIONS["keys"]
    rows = [
        [
            k["key"],
            ", ".join(k["aliases"]),
            "on" if k["rotation"] else "OFF",
            "; ".join(f"{s['kind']} {s['name']}" for s in k["protects"])
            or "(nothing in this stack)",
            ", ".join(k["decryptRoles"]) or "(none)",
            ", ".join(k["keyPolicyDecrypt"]),
        ]
        for k in keys["keys"]
    ]
    blocks: list[Block] = [
        Table(
            [
                "Key",
                "Aliases",
                "Rotation",
                "Protects",
                "Roles that can decrypt (IAM)",
                "Key policy allows decrypt",
            ],
            rows,
        )
    ]
    if keys["flags"]:
        blocks += [
            "Flagged:",
            Table(
                ["Role", "Key", "Problem", "Detail"],
                [[f["role"], f["key"], f["problem"], f["detail"]] for f in keys["flags"]],
                status=2,
            ),
        ]
    else:
        blocks.append(
            "No flags: every role that reads a bucket can decrypt its key, and no "
            "role holds a decrypt grant it cannot use."
        )
    for row in keys.get("rolesNotFullyRead", []):
        blocks.append(f"Role {row['role']}: not read: {', '.join(row['policies'])}.")
    return Section(title, intro, blocks)


def _key_ages(report: dict[str, Any]) -> Section:
    title, intro = SECTIONS["keyAges"]
    blocks: list[Block] = []
    for label, ages in (("Planned", report.get("keyAges")), ("Live", _live_ages(report))):
        if ages is None:
            continue
        headers = ["User", "Slot", "Age from", "Rotates", "Age (days)", "Maximum", "Status"]
        rows = [
            [
                str(k["user"]),
                str(k.get("slot") or "-"),
                str(k["since"]),
                str(k.get("rotatesOn") or "-"),
                "-" if k["ageDays"] is None else str(k["ageDays"]),
                str(k["maximumDays"]),
                _age_status(k),
            ]
            for k in ages["keys"]
        ]
        blocks.append(Table(headers, rows, status=6) if rows else f"{label}: no generated keys.")
        blocks += [f"{label}: {f['detail']}." for f in ages["flags"]]
    return Section(title, intro, blocks)


def _age_status(row: dict[str, Any]) -> str:
    if row["tooOld"]:
        return "expired: too old"
    return "pending rotation" if row.get("rotationDue") else "pass"


def _live_ages(report: dict[str, Any]) -> dict[str, Any] | None:
    live = report.get("live")
    return live.get("keyAges") if live else None


def _live(live: dict[str, Any]) -> Section:
    title, intro = SECTIONS["live"]
    scanned = ", ".join(f"{n} {kind}" for kind, n in live["scanned"].items())
    blocks: list[Block] = [
        f"Account {live['account']}, region {live['region']}, scanned {live['scannedAt']}: "
        f"{scanned}. Found by tag {live['tag']} or name prefix "
        f"{', '.join(live['prefixes']) or '(none)'}.",
    ]
    blocks.append(
        Table(
            ["Severity", "Rule", "Resource", "Drift"],
            [[f["severity"], f["policy"], str(f["name"]), f["message"]] for f in live["findings"]],
        )
        if live["findings"]
        else "No drift: the account matches every rule checked."
    )
    blocks += [f"Not evaluated: {n['what']} ({n['error']})" for n in live.get("notEvaluated", [])]
    return Section(title, intro, blocks)


def cells(table: Table) -> Iterator[list[str]]:
    """The table's rows with every cell a string."""
    for row in table.rows:
        yield [str(c) for c in row]
