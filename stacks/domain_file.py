"""Reading the domain files (`stacks/domains/*.yaml`), every mistake reported at once.

Each file is validated on its own (its keys, values and internal references), then
all files together against the stack's platform config (zones, roles, caps). Errors
read like stack-config errors: the file, the path inside it, the line, the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from stacks.config import PlatformConfig
from stacks.domain_spec import DomainSpec, check_domains
from stacks.stack_file import ConfigError, ConfigIssue, validate_model

DOMAINS_DIR = "domains"
KIND = "domain spec"


@dataclass
class DomainErrors(Exception):
    """Problems in one or more domain files, each file's reported together."""

    errors: list[ConfigError]

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def load_domain_file(path: Path) -> DomainSpec:
    """One domain file, validated on its own; raises ConfigError naming the file."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except OSError as exc:
        issue = ConfigIssue("(file)", f"cannot read: {exc.strerror}")
        raise ConfigError(source, [issue], KIND) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        issue = ConfigIssue("(file)", f"not valid YAML: {exc}", line)
        raise ConfigError(source, [issue], KIND) from None
    spec = validate_model(DomainSpec, raw, source, node, root="")
    if spec.name != path.stem:
        raise ConfigError(
            source,
            [ConfigIssue("name", f"must equal the file name [{path.stem}]; got {spec.name}")],
        )
    return spec


def load_domains(directory: Path, platform: PlatformConfig) -> list[DomainSpec]:
    """Every domain of `directory`, checked against the platform; [] without the directory.

    Raises DomainErrors listing every file with a problem.
    """
    if not directory.is_dir():
        return []
    errors: list[ConfigError] = []
    domains: dict[Path, DomainSpec] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            domains[path] = load_domain_file(path)
        except ConfigError as exc:
            errors.append(exc)
    snowflake = platform.resolved_snowflake
    problems = check_domains(
        list(domains.values()),
        environment=platform.environment,
        zones=tuple(z.name for z in platform.lake.zones),
        platform_roles=tuple(r.name for r in snowflake.functional_roles) if snowflake else (),
        pii_categories=snowflake.pii.categories if snowflake else None,
    )
    for path, spec in domains.items():
        if spec.name in problems:
            errors.append(
                ConfigError(str(path), [ConfigIssue(*_split(p)) for p in problems[spec.name]], KIND)
            )
    if errors:
        raise DomainErrors(errors)
    return [domains[p] for p in sorted(domains)]


def _split(problem: str) -> tuple[str, str]:
    path, _, message = problem.partition(": ")
    return path, message


def domains_for_program(platform: PlatformConfig, project_dir: Path) -> list[DomainSpec]:
    """The domains of `<project>/stacks/domains/`, inside a running Pulumi program.

    Raises pulumi.RunError (printed without a traceback) when a file is wrong.
    """
    import pulumi

    try:
        return load_domains(project_dir / "stacks" / DOMAINS_DIR, platform)
    except DomainErrors as exc:
        raise pulumi.RunError(str(exc)) from None
