"""Where a resource's config lives: the file and line a SARIF result points at.

Resources have no source file of their own, but their config does: a resource of a data
domain (its logical name holds `-domain-<name>`) comes from that domain's file, at the list
its kind is configured in (warehouses, ingest_sources, ...) where the name tells; any other
resource comes from the stack file, at the platform section its logical name starts with
(`data-platform-lake-...` -> `lake:`), else at the platform object, else line 1. Paths are
relative to the project, as code scanning expects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from stacks.input_files import CONFIG, InputRefused, read_yaml

PLATFORM_KEY = "data-platform:platform"
# A domain resource's name part after `-domain-<name>-` -> the domain-file key configuring it.
_DOMAIN_KEYS = {
    "wh": "warehouses",
    "ingest": "ingest_sources",
    "user": "service_users",
    "consumers": "consumers",
    "db": "schemas",
    "pii": "schemas",
    "glue": "zones",
}


@dataclass(frozen=True)
class Location:
    """A file (URI relative to the project, or a file URI outside it) and a 1-based line."""

    uri: str
    line: int = 1


@dataclass(frozen=True)
class _Domain:
    location: Location
    keys: dict[str, int]


@dataclass
class Locator:
    """Finds the config location of resources by logical name; see the module docstring."""

    stack_file: Location
    sections: dict[str, int] = field(default_factory=dict)
    domains: dict[str, _Domain] = field(default_factory=dict)

    @classmethod
    def for_stack(cls, project_dir: Path, stack_file: Path, domains_dir: Path) -> Locator:
        """The locator of one stack of a project (its domain files where the dir exists)."""
        sections, platform_line = _platform_sections(stack_file)
        domains = {}
        for path in sorted(domains_dir.glob("*.yaml")) if domains_dir.is_dir() else []:
            keys = _top_level_keys(path)
            name = _scalar_name(path) or path.stem
            domains[name] = _Domain(Location(_uri(path, project_dir), keys.get("name", 1)), keys)
        return cls(Location(_uri(stack_file, project_dir), platform_line), sections, domains)

    @classmethod
    def fallback(cls, stack: str) -> Locator:
        """Without the project at hand: the conventional stack file, line 1."""
        return cls(Location(f"stacks/Pulumi.{stack}.yaml"))

    def locate(self, name: str | None) -> Location:
        """The location of the config of the resource with logical name `name`."""
        if not name:
            return Location(self.stack_file.uri)
        for domain, found in sorted(self.domains.items(), key=lambda d: -len(d[0])):
            match = re.search(rf"-domain-{re.escape(domain)}(?:-([^-]+))?", name)
            if match:
                key = _DOMAIN_KEYS.get(match.group(1) or "")
                line = found.keys.get(key) if key else None
                return Location(found.location.uri, line or found.location.line)
        for section, line in self.sections.items():
            if f"-{section}-" in name or name.endswith(f"-{section}"):
                return Location(self.stack_file.uri, line)
        return self.stack_file


def _uri(path: Path, project_dir: Path) -> str:
    path = path.resolve()
    try:
        return path.relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        return path.as_uri()


def _compose(path: Path) -> yaml.Node | None:
    try:
        return read_yaml(path, CONFIG)[1]
    except InputRefused:  # the plan has already reported the file's problems
        return None


def _keys_of(node: yaml.Node | None) -> dict[str, tuple[int, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(k.value): (k.start_mark.line + 1, v)
        for k, v in node.value
        if isinstance(k, yaml.ScalarNode)
    }


def _top_level_keys(path: Path) -> dict[str, int]:
    return {key: line for key, (line, _) in _keys_of(_compose(path)).items()}


def _scalar_name(path: Path) -> str | None:
    found = _keys_of(_compose(path)).get("name")
    return str(found[1].value) if found and isinstance(found[1], yaml.ScalarNode) else None


def _platform_sections(stack_file: Path) -> tuple[dict[str, int], int]:
    """The line of each key of the platform object, and of the object itself (else 1)."""
    config = _keys_of(_compose(stack_file)).get("config")
    platform = _keys_of(config[1]).get(PLATFORM_KEY) if config else None
    if platform is None:
        return {}, 1
    sections = {key: line for key, (line, _) in _keys_of(platform[1]).items()}
    return sections, platform[0]
