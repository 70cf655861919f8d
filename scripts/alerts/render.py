"""The alert routes as text: one block per source, each subscriber told or filtered out
(JSON is the routes themselves)."""

from __future__ import annotations

from typing import Any


def render_text(stack: str, routes: list[dict[str, Any]]) -> str:
    """One block per source: what it is, its domain, and each subscriber told (or not)."""
    of_domains = [r for r in routes if r["domain"]]
    missed = [r for r in of_domains if not r["owner_told"]]
    lines = [
        f"Alerts of stack {stack}: {len(routes)} sources, {len(of_domains)} of data domains; "
        f"{len(of_domains) - len(missed)} of those reach their domain's subscribers, "
        f"{len(missed)} only the platform team."
    ]
    for r in routes:
        owner = f"domain {r['domain']}" if r["domain"] else "platform"
        verdict = "" if r["owner_told"] else "  !! the domain's owner is not told"
        lines.append("")
        lines.append(f"{r['source']} [{r['name']}] ({owner}) -> {', '.join(r['topics'])}{verdict}")
        receivers = [s for s in r["subscriptions"] if s["receives"]]
        if not receivers:
            lines.append("  nobody receives its message")
        for s in r["subscriptions"]:
            mark = "told    " if s["receives"] else "filtered"
            scope = f"domain {s['domain']}" if s["domain"] else "platform"
            why = f" ({s['note']})" if s.get("note") else ""
            lines.append(f"  {mark} {s['protocol']} {s['endpoint']} [{scope}]{why}")
    return "\n".join(lines) + "\n"
