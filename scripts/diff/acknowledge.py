"""Acknowledgements: a reviewed, named reason to let one blocking change of one stack through.

The file (YAML or JSON) is a list of entries, each naming the stack (`stack: dev`) or stacks
(`stacks: [dev, staging]`) it is written for, a resource by logical name or URN (shell-style
globs allowed) and a reason of at least MIN_REASON characters:

    - stack: dev
      resource: raw-bucket
      reason: zone renamed in ADR-12; data copied to the new bucket first

An entry only acts on the diffs of the stacks it names: one written for dev never unblocks
staging. A glob that matches every blocking change of the stack (`*`, `urn:*`, or a narrower
pattern that happens to cover them all) is refused as bad input: it acknowledges whatever
blocks, including changes nobody has read. Name the resources instead. An entry given on the
command line (`--acknowledge-resource NAME=REASON`) acts on the stack that command compares.

Entries of the stack that match no blocking change are reported, so stale ones get cleaned up.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.diff.changes import Change
from scripts.errors import UserError
from stacks.input_files import CONFIG, InputRefused, parse_json, parse_yaml, read_text

MIN_REASON = 10
KEYS = {"stack", "stacks", "resource", "reason"}
STACK_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")  # Pulumi's stack-name characters
GLOB = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Acknowledgement:
    """One acknowledged resource (a logical name or URN, globs allowed), its stacks, and why.

    Attributes:
        resource: the logical name or URN, shell-style globs allowed.
        reason: why the blocking change is intended.
        origin: where the entry was written (`FILE:LINE: [index]`, or the flag).
        stacks: the stacks the entry acts on; None (a command-line flag) means the stack the
            command compares.
    """

    resource: str
    reason: str
    origin: str
    stacks: tuple[str, ...] | None = None

    def matches(self, change: Change) -> bool:
        """Whether this entry names the change's resource."""
        return any(fnmatch.fnmatchcase(value, self.resource) for value in (change.name, change.urn))

    def applies_to(self, stack: str | None) -> bool:
        """Whether the entry acts on a diff of `stack` (an `org/project/stack` counts by its
        last segment; a diff whose stack is unknown is acted on by flags only)."""
        if self.stacks is None:
            return True
        return stack is not None and stack.rsplit("/", 1)[-1] in self.stacks

    @property
    def is_glob(self) -> bool:
        """Whether the resource is a pattern rather than one name or URN."""
        return GLOB.search(self.resource) is not None


def load_file(path: Path) -> list[Acknowledgement]:
    """The entries of an acknowledgements file; every problem is reported at once."""
    # The project's one input reader: size, encoding, duplicate keys (an entry that says
    # `reason:` twice must not silently keep the last), alias bombs and depth.
    try:
        text = read_text(path, CONFIG)
        data = (
            parse_json(text, path, CONFIG) if path.suffix == ".json" else parse_yaml(text, path)[0]
        )
    except InputRefused as exc:
        raise UserError(f"{exc} (reading the acknowledgements file)") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise UserError(f"{path}: expected a list of {{stack, resource, reason}} entries")
    lines = _entry_lines(text, len(data))
    errors: list[str] = []
    entries: list[Acknowledgement] = []
    for i, item in enumerate(data):
        where = f"{path}:{lines[i]}: [{i}]" if lines[i] else f"{path}: [{i}]"
        if not isinstance(item, dict) or set(item) - KEYS:
            errors.append(f"{where}: expected the keys stack (or stacks), resource and reason")
            continue
        stacks = _stacks(item, where, errors)
        entry = _entry(item.get("resource"), item.get("reason"), where, errors)
        entries.append(Acknowledgement(entry.resource, entry.reason, where, stacks))
    if errors:
        raise UserError("\n".join(errors))
    return entries


def parse_flag(value: str) -> Acknowledgement:
    """An entry from `--acknowledge-resource NAME=REASON` (for the stack being compared)."""
    name, sep, reason = value.partition("=")
    errors: list[str] = []
    where = f"--acknowledge-resource {value!r}"
    if not sep:
        raise UserError(f"{where}: expected NAME=REASON")
    entry = _entry(name, reason, where, errors)
    if errors:
        raise UserError("\n".join(errors))
    return entry


def _entry_lines(text: str, count: int) -> list[int | None]:
    """The 1-based line of each top-level list item (YAML, and JSON read as YAML), or None."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return [None] * count
    if not isinstance(node, yaml.SequenceNode) or len(node.value) != count:
        return [None] * count
    return [item.start_mark.line + 1 for item in node.value]


def _stacks(item: dict[str, Any], where: str, errors: list[str]) -> tuple[str, ...]:
    if ("stack" in item) == ("stacks" in item):
        errors.append(f"{where}: name the stack it is written for: stack: NAME or stacks: [A, B]")
        return ()
    value = item.get("stack", item.get("stacks"))
    names = [value] if "stack" in item else value
    if (
        not isinstance(names, list)
        or not names
        or not all(isinstance(n, str) and STACK_NAME.match(n) for n in names)
    ):
        key = "stack" if "stack" in item else "stacks"
        errors.append(f"{where}.{key}: give stack names (letters, digits, - _ .), e.g. dev")
        return ()
    return tuple(names)


def _entry(resource: Any, reason: Any, where: str, errors: list[str]) -> Acknowledgement:
    if not isinstance(resource, str) or not resource.strip():
        errors.append(f"{where}.resource: give a logical name or URN (globs allowed)")
        resource = ""
    if not isinstance(reason, str) or len(reason.strip()) < MIN_REASON:
        errors.append(f"{where}.reason: give a reason of at least {MIN_REASON} characters")
        reason = ""
    return Acknowledgement(resource.strip(), reason.strip(), where)


def apply(
    changes: list[Change], entries: list[Acknowledgement], stack: str | None
) -> list[Acknowledgement]:
    """Mark the blocking changes each entry of `stack` names; return its entries that matched
    none. Raises UserError for a glob that matches every blocking change (all at once)."""
    mine = [e for e in entries if e.applies_to(stack)]
    blocking = [c for c in changes if c.blocking]
    errors = [
        f"{e.origin}: resource {e.resource!r} is a wildcard that matches every blocking change "
        f"of stack {stack} ({len(blocking)}): acknowledge each resource by its name or URN"
        for e in mine
        if e.is_glob and blocking and all(e.matches(c) for c in blocking)
    ]
    if errors:
        raise UserError("\n".join(errors))
    unused: list[Acknowledgement] = []
    for entry in mine:
        hits = [c for c in blocking if entry.matches(c)]
        for change in hits:
            change.acknowledged = entry.reason
        if not hits:
            unused.append(entry)
    return unused
