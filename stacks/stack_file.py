"""Reading stack files and turning every config mistake into one readable message.

Two edges read the platform config: `dataplat plan` reads the YAML file itself (and
can point at line numbers), and the Pulumi program reads it through `pulumi.Config`
(the CLI has already merged the file and decrypted secrets). Both end in
`parse_platform`, so a mistake reads the same wherever it is found: the file, the
path of the field inside it, what was wrong, and the allowed values. Parsing is
validate (pydantic, the file's shape) -> resolve (environment defaults) -> check (the
resolved values); the checks hand over structured `Problem`s, located here by line.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from policies.rules.facts.stack_layout import environment_of
from stacks.config import PlatformConfig
from stacks.input_files import CONFIG, InputRefused, project_of, read_yaml
from stacks.model import Item, Problem
from stacks.resolve import ResolvedPlatform, platform_problems, resolve_platform
from stacks.sibling_stacks import catalog_owner_problems

PROJECT = "data-platform"
PLATFORM_KEY = f"{PROJECT}:platform"
# The deploying user's PEM private key for the Snowflake providers (a secret).
SNOWFLAKE_PRIVATE_KEY = "snowflakePrivateKey"
# Keys of the project's own namespace that a stack file may set.
PROJECT_KEYS = (PLATFORM_KEY, f"{PROJECT}:{SNOWFLAKE_PRIVATE_KEY}")
# Top-level keys Pulumi itself writes into stack files.
STACK_FILE_KEYS = ("config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment")


@dataclass(frozen=True)
class ConfigIssue:
    """One problem in a stack file: where it is and what is wrong."""

    path: str
    message: str
    line: int | None = None

    def render(self) -> str:
        where = f"{self.path} (line {self.line})" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class ConfigError(Exception):
    """All problems found in one stack file, reported together."""

    source: str
    issues: list[ConfigIssue] = field(default_factory=list)
    kind: str = "stack config"

    def __str__(self) -> str:
        count = len(self.issues)
        head = f"{self.source}: {count} problem{'s' if count != 1 else ''} in the {self.kind}"
        return head + ":\n" + "\n".join(f"  - {i.render()}" for i in self.issues)


@dataclass(frozen=True)
class StackFile:
    """A parsed stack file: the raw Pulumi config map and the resolved platform."""

    path: Path
    config: dict[str, Any]
    platform: ResolvedPlatform


def read_stack_config(path: Path) -> tuple[dict[str, Any], yaml.Node | None]:
    """Load a stack file's `config:` map with every key namespaced (`ns:key`).

    Returns the map and the YAML node of the map (for line numbers). Raises
    ConfigError when the file is missing, is not YAML, has the wrong shape, or sets
    a key of this project's namespace that does not exist.
    """
    config, node, issues = _read_config_map(path)
    if issues:
        raise ConfigError(str(path), issues)
    return config, node


def load_stack_file(path: Path) -> StackFile:
    """Read and validate a stack file of this project; raises ConfigError on any problem.

    Problems in the file's keys and in the platform object are reported together, then
    what the file contradicts in the stack files beside it (one catalog-encryption owner
    per account and region).
    """
    config, config_node, issues = _read_config_map(path)
    node = _child(config_node, PLATFORM_KEY) or _child(config_node, "platform")
    try:
        platform = parse_platform(config.get(PLATFORM_KEY), str(path), node)
    except ConfigError as exc:
        raise ConfigError(str(path), issues + exc.issues) from None
    try:
        issues += issues_of(catalog_owner_problems(path, platform), node, root="platform")
    except InputRefused as exc:  # a sibling stack file: its problem, not this file's
        message = f"{exc.message} (read for the Data Catalog encryption owner of {path.name})"
        raise ConfigError(str(exc.path), [ConfigIssue("(file)", message, exc.line)]) from None
    if issues:
        raise ConfigError(str(path), issues)
    return StackFile(path=path, config=config, platform=platform)


def _read_config_map(path: Path) -> tuple[dict[str, Any], yaml.Node | None, list[ConfigIssue]]:
    source = str(path)
    try:
        document, root = read_yaml(path, CONFIG, inside=project_of(path))
    except InputRefused as exc:
        raise ConfigError(source, [ConfigIssue("(file)", exc.message, exc.line)]) from None
    if not isinstance(document, dict) or not isinstance(document.get("config"), dict):
        raise ConfigError(
            source, [ConfigIssue("config", "required mapping of config keys is missing")]
        )
    config_node = _child(root, "config")
    issues = [
        ConfigIssue(
            str(k), f"unknown key; allowed keys: {', '.join(STACK_FILE_KEYS)}", _line(root, (k,))
        )
        for k in sorted(set(document) - set(STACK_FILE_KEYS), key=str)
    ]
    normalized = {
        (k if ":" in str(k) else f"{PROJECT}:{k}"): v for k, v in document["config"].items()
    }
    for key in sorted(normalized):
        if key.split(":", 1)[0] == PROJECT and key not in PROJECT_KEYS:
            issues.append(
                ConfigIssue(
                    f"config.{key}",
                    f"unknown key; allowed keys: {', '.join(PROJECT_KEYS)}",
                    _line(config_node, (key,)),
                )
            )
    return normalized, config_node, issues


def parse_platform(raw: Any, source: str, node: yaml.Node | None = None) -> ResolvedPlatform:
    """Validate, resolve and check the platform object; every problem at once, with its path."""
    if raw is None:
        raise ConfigError(
            source, [ConfigIssue(f"config.{PLATFORM_KEY}", "required object is missing")]
        )
    resolved = resolve_platform(validate_model(PlatformConfig, raw, source, node, root="platform"))
    problems = platform_problems(resolved)
    if problems:
        raise ConfigError(source, issues_of(problems, node, root="platform"))
    return resolved


def issues_of(problems: list[Problem], node: yaml.Node | None, root: str) -> list[ConfigIssue]:
    """Checked problems as issues, each with the line of its location in the file."""
    return [
        ConfigIssue(
            f"{root}.{p.path}".lstrip("."),
            p.message,
            _line(node, _indexed(p.loc, node)),
        )
        for p in problems
    ]


ModelT = typing.TypeVar("ModelT", bound=BaseModel)


def validate_model(
    model: type[ModelT], raw: Any, source: str, node: yaml.Node | None, root: str
) -> ModelT:
    """`raw` validated as `model`; every problem at once, as `root.path (line N): message`."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        issues = [_issue(error, node, model, root) for error in exc.errors()]
        raise ConfigError(source, issues) from None


def platform_from_pulumi_config() -> ResolvedPlatform:
    """Read the platform object inside a running Pulumi program.

    Raises pulumi.RunError (which the CLI prints without a traceback) on bad config.
    """
    import pulumi

    # A domain stack's config is its environment's platform stack file, copied.
    source = f"stacks/Pulumi.{environment_of(pulumi.get_stack())}.yaml"
    raw = pulumi.Config(PROJECT).get_object("platform")
    try:
        return parse_platform(raw, source)
    except ConfigError as exc:
        raise pulumi.RunError(str(exc)) from None


def snowflake_private_key_from_pulumi_config() -> Any:
    """The Snowflake deploy key as a secret Output, or None to use SNOWFLAKE_PRIVATE_KEY.

    Set it with `pulumi config set --secret data-platform:snowflakePrivateKey < key.p8`.
    """
    import pulumi

    return pulumi.Config(PROJECT).get_secret(SNOWFLAKE_PRIVATE_KEY)


def _indexed(loc: tuple[Any, ...], node: yaml.Node | None) -> tuple[Any, ...]:
    """`loc` with each `Item` (a list item named by its `name`) replaced by its index."""
    resolved: list[Any] = []
    for part in loc:
        if isinstance(part, Item):
            index = _index_named(_node_at(node, tuple(resolved)), str(part), part.key)
            resolved.append(str(part) if index is None else index)
        else:
            resolved.append(part)
    return tuple(resolved)


def _node_at(node: yaml.Node | None, loc: tuple[Any, ...]) -> yaml.Node | None:
    for part in loc:
        node = _child(node, part)
        if node is None:
            return None
    return node


def _index_named(sequence: yaml.Node | None, name: str, key: str = "name") -> int | None:
    """The index of the item with `<key>: <name>` in a YAML sequence."""
    if not isinstance(sequence, yaml.SequenceNode):
        return None
    for index, item in enumerate(sequence.value):
        named = _child(item, key)
        if isinstance(named, yaml.ScalarNode) and named.value == name:
            return index
    return None


def _issue(error: Any, node: yaml.Node | None, model: type[BaseModel], root: str) -> ConfigIssue:
    loc = tuple(error["loc"])
    kind = error["type"]
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1], model)
        message = f"unknown key; allowed keys: {', '.join(allowed)}"
    elif kind == "missing":
        message = "required key is missing"
    elif "input" in error and not isinstance(error["input"], dict | list):
        message = f"{message} (got {error['input']!r})"
    return ConfigIssue(_path(loc, root), message, _line(node, loc))


def _path(loc: tuple[Any, ...], root: str) -> str:
    text = root
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def _allowed_keys(loc: tuple[Any, ...], root_model: type[BaseModel]) -> list[str]:
    model: type[BaseModel] | None = root_model
    for part in loc:
        if model is None:
            break
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        model = _model_in(info.annotation) if info else None
    return sorted(model.model_fields) if model else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """Find the config section model inside an annotation such as `tuple[ZoneConfig, ...]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


def _child(node: yaml.Node | None, key: Any) -> yaml.Node | None:
    children: list[Any] = node.value if isinstance(node, yaml.CollectionNode) else []
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in children if k.value == str(key)), None)
    if isinstance(key, int) and key < len(children):
        found: yaml.Node = children[key]
        return found
    return None


def _line(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the deepest node on `loc` that exists in the file."""
    if node is None:
        return None
    found = node
    for part in loc:
        child = _child(found, part)
        if child is None:
            break
        found = child
    return found.start_mark.line + 1
