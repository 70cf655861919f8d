"""The IAM action catalogue, read from parliament's bundled `iam_definition.json` when present.

parliament ships AWS's Service Authorization Reference as one JSON file (a list of services,
each with a `prefix` and its `privileges`). The catalogue expands action wildcards and tells a
misspelt action from a real one. It is optional: the pack's own virtualenv
(policies/requirements.txt) does not install parliament, whose import pulls boto3 and
`pkg_resources`; there `catalogue()` is None, wildcard matching still works (it needs no
catalogue) and only the "unknown action" annotations are skipped. The file is located
through `importlib.util.find_spec`, so parliament itself is never imported.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

from .iam_conditions import glob


@functools.lru_cache(maxsize=1)
def catalogue() -> dict[str, frozenset[str]] | None:
    """Every known action by service prefix, lower-cased (`{"s3": {"getobject", ...}}`)."""
    try:
        spec = importlib.util.find_spec("parliament")
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location) / "iam_definition.json"
        if path.is_file():
            services = json.loads(path.read_text(encoding="utf-8"))
            found: dict[str, set[str]] = {}
            for service in services:
                names = found.setdefault(str(service["prefix"]).lower(), set())
                names.update(str(p["privilege"]).lower() for p in service["privileges"])
            return {prefix: frozenset(names) for prefix, names in found.items()}
    return None


def expand(pattern: str) -> list[str] | None:
    """The catalogue's actions matching `pattern` (`s3:Get*`), lower-cased and sorted; None
    without a catalogue."""
    known = catalogue()
    if known is None:
        return None
    service, _, name = pattern.lower().partition(":")
    regex = glob(name, ignore_case=True)
    prefixes = [p for p in known if glob(service, ignore_case=True).match(p)]
    return sorted(f"{p}:{a}" for p in prefixes for a in known[p] if regex.match(a))


def is_known(action: str) -> bool | None:
    """True if the action (or wildcard) names at least one catalogued action; None without a
    catalogue. `*` is always known."""
    if action == "*":
        return True
    matched = expand(action)
    return None if matched is None else bool(matched)
