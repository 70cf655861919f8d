"""Whether two plan documents of a stack say the same thing, rendering aside.

A change made for speed (or a refactor) must not change what the stacks create: per stack,
the plan JSON before and after must be equal once normalised. Normalised means the order of
lists whose order is not meaningful is fixed (resources by engine URN, dependencies, the
policy results, the preflight entries); everything else is compared as it is: each
resource's engine URN, type, name, parent, provider, options (protect, retainOnDelete,
aliases, replaceOnChanges and the rest) and inputs, the mocks' outputs, the stack outputs,
the diagnostics, the violations, not-evaluated results and suppressions, and the preflight
section.

`python -m scripts.plan.plan_equality BEFORE.json AFTER.json [...pairs]` prints, per pair,
"equal" or the sections and resources that differ. Exit code 0 when every pair is equal,
1 when one differs, 2 on bad use or an unreadable file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

RESULT_SECTIONS = ("violations", "notEvaluated", "suppressions")


def normalised(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every list whose order carries no meaning sorted."""
    out = dict(document)
    out["resources"] = {
        r["urn"]: {**r, "dependencies": sorted(r.get("dependencies") or [])}
        for r in document.get("resources", [])
    }
    for section in RESULT_SECTIONS:
        out[section] = sorted(document.get(section, []), key=_key)
    preflight = dict(document.get("preflight") or {})
    for section, entries in preflight.items():
        if isinstance(entries, list):
            preflight[section] = sorted(entries, key=_key)
    out["preflight"] = preflight
    return out


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What differs between two plan documents once normalised (empty: they are equal)."""
    a, b = normalised(before), normalised(after)
    found = []
    for urn in sorted(a["resources"].keys() | b["resources"].keys()):
        old, new = a["resources"].get(urn), b["resources"].get(urn)
        if old is None or new is None:
            found.append(f"resource {'added' if old is None else 'removed'}: {urn}")
        elif old != new:
            keys = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
            found.append(f"resource {urn}: {', '.join(keys)} differ")
    for section in sorted((a.keys() | b.keys()) - {"resources"}):
        if a.get(section) != b.get(section):
            found.append(f"section {section} differs")
    return found


def _key(entry: Any) -> str:
    return json.dumps(entry, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    """Compare each BEFORE AFTER pair; print the verdicts."""
    args = sys.argv[1:] if argv is None else argv
    if not args or len(args) % 2:
        print("usage: python -m scripts.plan.plan_equality BEFORE AFTER [...]", file=sys.stderr)
        return 2
    code = 0
    for before_path, after_path in zip(args[::2], args[1::2], strict=True):
        try:
            before = json.loads(Path(before_path).read_text())
            after = json.loads(Path(after_path).read_text())
        except (OSError, ValueError) as exc:
            print(f"{before_path} / {after_path}: cannot read: {exc}", file=sys.stderr)
            return 2
        found = differences(before, after)
        resources = len(after.get("resources", []))
        verdict = "equal" if not found else f"{len(found)} differences"
        print(f"{before_path} vs {after_path}: {resources} resources, {verdict}")
        for line in found:
            print(f"  {line}")
        code = max(code, 1 if found else 0)
    return code


if __name__ == "__main__":
    sys.exit(main())
