"""Reading the domain files (`stacks/domains/*.yaml`), every mistake reported at once.

Each file is validated on its own (its keys, values and internal references), then
all files together against the stack's platform config (zones, roles, caps). Errors
read like stack-config errors: the file, the path inside it, the line, the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from stacks.domain_spec import (
    DomainSpec,
    ResolvedDomain,
    check_domains,
    domain_problems,
    resolve_domain,
)
from stacks.resolve import ResolvedPlatform
from stacks.stack_file import ConfigError, ConfigIssue, issues_of, validate_model

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
    return _read_domain_file(path)[0]


def _read_domain_file(path: Path) -> tuple[DomainSpec, yaml.Node | None]:
    """The validated spec and the file's YAML node (for the lines of later checks)."""
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
    problems = domain_problems(spec)
    if problems:
        raise ConfigError(source, issues_of(problems, node, root=""), KIND)
    if spec.name != path.stem:
        raise ConfigError(
            source,
            [ConfigIssue("name", f"must equal the file name [{path.stem}]; got {spec.name}")],
            KIND,
        )
    return spec, node


def load_domains(directory: Path, platform: ResolvedPlatform) -> list[ResolvedDomain]:
    """Every domain of `directory`, resolved for the stack and checked against it.

    [] without the directory. Raises DomainErrors listing every file with a problem.
    """
    if not directory.is_dir():
        return []
    errors: list[ConfigError] = []
    domains: dict[Path, tuple[ResolvedDomain, yaml.Node | None]] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            spec, node = _read_domain_file(path)
        except ConfigError as exc:
            errors.append(exc)
            continue
        domains[path] = (resolve_domain(spec, platform.environment), node)
    problems = check_domains(
        [domain for domain, _ in domains.values()],
        environment=platform.environment,
        zones=platform.zone_names,
        snowflake=platform.snowflake,
    )
    for path, (domain, node) in domains.items():
        if domain.name in problems:
            errors.append(ConfigError(str(path), issues_of(problems[domain.name], node, ""), KIND))
    if errors:
        raise DomainErrors(errors)
    return [domains[p][0] for p in sorted(domains)]


def domains_for_program(platform: ResolvedPlatform, project_dir: Path) -> list[ResolvedDomain]:
    """The domains of `<project>/stacks/domains/`, inside a running Pulumi program.

    Raises pulumi.RunError (printed without a traceback) when a file is wrong.
    """
    import pulumi

    try:
        return load_domains(project_dir / "stacks" / DOMAINS_DIR, platform)
    except DomainErrors as exc:
        raise pulumi.RunError(str(exc)) from None
