"""Acknowledgements: a reviewed, named reason to let one blocking change through.

The file (YAML or JSON) is a list of entries, each naming a resource by logical name or URN
(shell-style globs allowed) and a reason of at least MIN_REASON characters:

    - resource: raw-bucket
      reason: zone renamed in ADR-12; data copied to the new bucket first

Entries that match no blocking change are reported, so stale ones get cleaned up.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.diff.changes import Change
from scripts.errors import UserError

MIN_REASON = 10


@dataclass(frozen=True)
class Acknowledgement:
    """One acknowledged resource (a logical name or URN, globs allowed) and why."""

    resource: str
    reason: str
    origin: str

    def matches(self, change: Change) -> bool:
        """Whether this entry names the change's resource."""
        return any(fnmatch.fnmatchcase(value, self.resource) for value in (change.name, change.urn))


def load_file(path: Path) -> list[Acknowledgement]:
    """The entries of an acknowledgements file; every problem is reported at once."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot read the acknowledgements file: {exc.strerror}") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise UserError(
            f"{path}: not valid {'JSON' if path.suffix == '.json' else 'YAML'}: {exc}"
        ) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise UserError(f"{path}: expected a list of {{resource, reason}} entries")
    errors: list[str] = []
    entries: list[Acknowledgement] = []
    for i, item in enumerate(data):
        where = f"{path}: [{i}]"
        if not isinstance(item, dict) or set(item) - {"resource", "reason"}:
            errors.append(f"{where}: expected exactly the keys resource and reason")
            continue
        entries.append(_entry(item.get("resource"), item.get("reason"), where, errors))
    if errors:
        raise UserError("\n".join(errors))
    return entries


def parse_flag(value: str) -> Acknowledgement:
    """An entry from `--acknowledge-resource NAME=REASON`."""
    name, sep, reason = value.partition("=")
    errors: list[str] = []
    where = f"--acknowledge-resource {value!r}"
    if not sep:
        raise UserError(f"{where}: expected NAME=REASON")
    entry = _entry(name, reason, where, errors)
    if errors:
        raise UserError("\n".join(errors))
    return entry


def _entry(resource: Any, reason: Any, where: str, errors: list[str]) -> Acknowledgement:
    if not isinstance(resource, str) or not resource.strip():
        errors.append(f"{where}.resource: give a logical name or URN (globs allowed)")
        resource = ""
    if not isinstance(reason, str) or len(reason.strip()) < MIN_REASON:
        errors.append(f"{where}.reason: give a reason of at least {MIN_REASON} characters")
        reason = ""
    return Acknowledgement(resource.strip(), reason.strip(), where)


def apply(changes: list[Change], entries: list[Acknowledgement]) -> list[Acknowledgement]:
    """Mark the blocking changes each entry names; return the entries that matched none."""
    unused: list[Acknowledgement] = []
    for entry in entries:
        hits = [c for c in changes if c.blocking and entry.matches(c)]
        for change in hits:
            change.acknowledged = entry.reason
        if not hits:
            unused.append(entry)
    return unused
