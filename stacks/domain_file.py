"""Reading the domain files (`stacks/domains/*.yaml`), every mistake reported at once.

Each file is validated on its own (its keys, values and internal references), then
all files together against the stack's platform config (zones, roles, caps). Errors
read like stack-config errors: one header naming the file, then each problem's path
inside it, its line and what is allowed, in plain words (no patterns, no parser text).
`dataplat new-domain` checks a spec it is about to write through `check_domain_texts`,
exactly as the plan will.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from policies.rules.facts.names import SLUG_PATTERN
from stacks.contracts.domain_contracts import (
    ContractErrors,
    contracts_dir,
    domain_facts,
    load_domain_contracts,
)
from stacks.contracts.environments import for_environment, uncontracted_pii_sources
from stacks.domain_checks import check_domains, domain_problems
from stacks.domain_spec import CONSUMER_ROLE_PATTERN, DomainSpec, ResolvedDomain, resolve_domain
from stacks.input_files import CONFIG, InputRefused, parse_yaml, project_of, read_text
from stacks.model import Problem
from stacks.resolve import ResolvedPlatform
from stacks.stack_file import ConfigError, ConfigIssue, issues_of, validate_model
from vocabulary.s3_prefixes import KEY_PREFIX_PATTERN

DOMAINS_DIR = "domains"
KIND = "domain spec"
_SLUG = "1-31 lowercase letters, digits or _, starting with a letter"
# What each pattern of the domain models allows, in words (by pattern text).
_PATTERN_WORDS = {
    SLUG_PATTERN: _SLUG,
    r"^[A-Za-z0-9 _.:/=+\-@]{1,256}$": "1-256 letters, digits, spaces or _ . : / = + - @ "
    "(a team's e-mail address or name)",
    CONSUMER_ROLE_PATTERN: f"a platform role ({_SLUG}), or <domain>.engineer / <domain>.analyst",
    KEY_PREFIX_PATTERN: "a key prefix of lowercase letters, digits and _ . / -, "
    "starting with a letter or digit and ending with / (e.g. crm/)",
}
_TYPE_WORDS = {
    "tuple_type": "expected a list ([a, b] or one `- item` per line)",
    "list_type": "expected a list ([a, b] or one `- item` per line)",
    "model_type": "expected a mapping of keys ({key: value} or one `key: value` per line)",
    "dict_type": "expected a mapping of keys ({key: value} or one `key: value` per line)",
}


@dataclass
class DomainErrors(Exception):
    """Problems in one or more domain files, each file's reported together."""

    errors: list[ConfigError]

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def load_domain_file(path: Path) -> DomainSpec:
    """One domain file, validated on its own; raises ConfigError naming the file."""
    spec, node = _read_domain_file(path)
    problems = domain_problems(spec)
    if problems:
        raise ConfigError(str(path), issues_of(problems, node, root=""), KIND)
    return spec


def _read_domain_file(path: Path) -> tuple[DomainSpec, yaml.Node | None]:
    """The validated spec and the file's YAML node (for the lines of later checks)."""
    try:
        text = read_text(path, CONFIG, inside=project_of(path))
    except InputRefused as exc:
        raise ConfigError(str(path), [ConfigIssue("(file)", exc.message, exc.line)], KIND) from None
    return _parse_domain(path, text)


def _parse_domain(path: Path, text: str) -> tuple[DomainSpec, yaml.Node | None]:
    source = str(path)
    try:
        raw, node = parse_yaml(text, path, CONFIG)
    except InputRefused as exc:
        raise ConfigError(source, [ConfigIssue("(file)", exc.message, exc.line)], KIND) from None
    spec = _validate(raw, source, node)
    if spec.name != path.stem:
        message = f"must equal the file name [{path.stem}]; got {spec.name}"
        raise ConfigError(source, [ConfigIssue("name", message, _name_line(node))], KIND)
    return spec, node


def _name_line(node: yaml.Node | None) -> int | None:
    return issues_of([Problem(("name",), "")], node, root="")[0].line


def _validate(raw: Any, source: str, node: yaml.Node | None) -> DomainSpec:
    """`raw` as a DomainSpec; every problem at once, in plain words."""
    if raw is None:
        message = "the file is empty; a domain spec is a mapping of keys (name, owner, ...)"
        raise ConfigError(source, [ConfigIssue("(file)", message, 1)], KIND)
    if not isinstance(raw, dict):
        got = "a list" if isinstance(raw, list) else f"the single value {raw!r}"
        message = f"expected a mapping of keys (name, owner, ...); got {got}"
        raise ConfigError(source, [ConfigIssue("(file)", message, 1)], KIND)
    try:
        return validate_model(DomainSpec, raw, source, node, root="")
    except ConfigError as exc:
        errors = _validation_errors(raw)
        issues = [
            _plain(issue, error)
            for issue, error in zip(exc.issues, errors, strict=True)
            if not _follows_from_another(error, errors)
        ]
        raise ConfigError(source, issues, KIND) from None


def _validation_errors(raw: Any) -> list[Any]:
    """Pydantic's structured errors of `raw`, in the order `validate_model` reports them."""
    try:
        DomainSpec.model_validate(raw)
    except ValidationError as exc:
        return list(exc.errors())
    return []


def _plain(issue: ConfigIssue, error: Any) -> ConfigIssue:
    """The issue with pydantic's wording of patterns, types and map keys made plain."""
    kind, value = error["type"], error.get("input")
    got = f" (got {value!r})" if not isinstance(value, dict | list) else ""
    path = issue.path.replace(".[key]", "")
    if kind == "string_pattern_mismatch":
        words = _PATTERN_WORDS.get(error["ctx"]["pattern"], "a value of another form")
        return replace(issue, path=path, message=f"allowed: {words}{got}")
    if kind in _TYPE_WORDS:
        return replace(issue, path=path, message=_TYPE_WORDS[kind] + got)
    if "[key]" in error["loc"]:
        return replace(issue, path=path, message=f"unknown key{got}; {issue.message.lower()}")
    return replace(issue, path=path)


def _follows_from_another(error: Any, errors: list[Any]) -> bool:
    """A list's "too short" reported only because its items were invalid."""
    loc = tuple(error["loc"])
    return error["type"] == "too_short" and any(
        tuple(e["loc"])[: len(loc)] == loc and e is not error for e in errors
    )


def load_domains(directory: Path, platform: ResolvedPlatform) -> list[ResolvedDomain]:
    """Every domain of `directory`, resolved for the stack and checked against it.

    [] without the directory. Raises DomainErrors listing every file with a problem,
    files that cannot be read (or end in `.yml`) among them.
    """
    if not directory.is_dir():
        return []
    texts, errors = read_domain_texts(directory)
    try:
        domains = check_domain_texts(texts, platform)
    except DomainErrors as exc:
        errors += exc.errors
    if errors:
        raise DomainErrors(sorted(errors, key=lambda e: e.source))
    return domains


def read_domain_texts(directory: Path) -> tuple[dict[Path, str], list[ConfigError]]:
    """The text of each domain file of `directory`, and the refusal of each entry that is
    not one: a `.yml` file (one spelling, so no file is silently skipped), a directory, a
    dangling symlink or one out of the project, or a file the reader refuses."""
    texts: dict[Path, str] = {}
    errors: list[ConfigError] = []
    for path in sorted(directory.iterdir()):
        suffix = path.suffix.lower()
        if suffix == ".yml" or (suffix == ".yaml" and path.suffix != ".yaml"):
            message = f"domain files end in `.yaml`: rename it to {path.stem}.yaml"
            errors.append(ConfigError(str(path), [ConfigIssue("(file)", message)], KIND))
        elif suffix == ".yaml":
            try:
                texts[path] = read_text(path, CONFIG, inside=project_of(path))
            except InputRefused as exc:
                issue = ConfigIssue("(file)", exc.message, exc.line)
                errors.append(ConfigError(str(path), [issue], KIND))
    return texts, errors


def check_domain_texts(
    texts: Mapping[Path, str], platform: ResolvedPlatform
) -> list[ResolvedDomain]:
    """The domains of these files' texts, resolved for the stack and checked against it.

    Raises DomainErrors listing every file with a problem, in path order.
    """
    errors: list[ConfigError] = []
    domains: dict[Path, tuple[ResolvedDomain, yaml.Node | None]] = {}
    for path in sorted(texts):
        try:
            spec, node = _parse_domain(path, texts[path])
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
        # The file's own problems and the stack's, together.
        found = domain_problems(domain.spec) + problems.get(domain.name, [])
        if found:
            errors.append(ConfigError(str(path), issues_of(found, node, ""), KIND))
            continue
        try:
            domains[path] = (_with_contracts(path, domain, platform), node)
        except _DomainContractErrors as exc:
            errors += exc.errors(path, node)
    if errors:
        raise DomainErrors(sorted(errors, key=lambda e: e.source))
    return [domains[p][0] for p in sorted(domains)]


@dataclass
class _DomainContractErrors(Exception):
    """The contract files' errors, and the domain file's own contract problems."""

    contract_errors: list[ConfigError]
    domain_problems: list[Problem]

    def errors(self, path: Path, node: yaml.Node | None) -> list[ConfigError]:
        found = list(self.contract_errors)
        if self.domain_problems:
            found.append(ConfigError(str(path), issues_of(self.domain_problems, node, ""), KIND))
        return found


def _with_contracts(
    path: Path, domain: ResolvedDomain, platform: ResolvedPlatform
) -> ResolvedDomain:
    """The domain with its contracts for the stack's environment (issue 19): every
    contract beside the domain file is read and checked against the domain (all files'
    problems at once), those whose servers apply to the environment are kept, and each
    ingest source of a `pii` domain must be covered by one of them."""
    pii_categories = platform.snowflake.pii_categories if platform.snowflake else ()
    facts = domain_facts(domain.spec, pii_categories)
    try:
        loaded = load_domain_contracts(contracts_dir(path.parent, domain.name), facts)
    except ContractErrors as exc:
        raise _DomainContractErrors(exc.errors, []) from None
    contracts = for_environment(loaded, platform.environment)
    missing = uncontracted_pii_sources(domain.spec, contracts, platform.environment)
    if missing:
        raise _DomainContractErrors([], missing)
    return replace(domain, contracts=contracts)


def domains_for_program(platform: ResolvedPlatform, project_dir: Path) -> list[ResolvedDomain]:
    """The domains of `<project>/stacks/domains/`, inside a running Pulumi program.

    Checked once per process for the same files and platform: the programs of a split
    environment (the platform, each domain stack, the edges) read the same domains, and
    `dataplat plan --env` runs them all in one process. Raises pulumi.RunError (printed
    without a traceback) when a file is wrong.
    """
    import pulumi

    try:
        return checked_domains(project_dir / "stacks" / DOMAINS_DIR, platform)
    except DomainErrors as exc:
        raise pulumi.RunError(str(exc)) from None


def checked_domains(directory: Path, platform: ResolvedPlatform) -> list[ResolvedDomain]:
    """`load_domains`, once per process for the same files and platform config (a changed
    domain or contract file is checked again). Raises DomainErrors like it."""
    key = (_files_digest(directory), platform.config.model_dump_json())
    if key not in _CHECKED:
        _CHECKED[key] = load_domains(directory, platform)
    return list(_CHECKED[key])


def domain_for_program(platform: ResolvedPlatform, project_dir: Path, name: str) -> ResolvedDomain:
    """The domain `name` of `<project>/stacks/domains/` (all are checked, as one stack
    checks them), inside a domain stack's program. Raises pulumi.RunError when a file is
    wrong or no file declares `name`."""
    import pulumi

    for domain in domains_for_program(platform, project_dir):
        if domain.name == name:
            return domain
    raise pulumi.RunError(
        f"{project_dir / 'stacks' / DOMAINS_DIR}: no domain file declares `{name}` "
        "(the domain stack's `data-platform-domain:domain`)"
    )


# Checked domains by (files digest, platform config): see `domains_for_program`.
_CHECKED: dict[tuple[str, str], list[ResolvedDomain]] = {}


def _files_digest(directory: Path) -> str:
    """A digest of every file under `directory` (path, size, modification time): a changed
    domain or contract file is checked again."""
    digest = hashlib.sha256()
    if directory.is_dir():
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
