"""The one reader of every YAML and JSON file the project takes as input.

Config (stack files, domain files, data contracts, policy config, acknowledgements) and
documents (plans, stack exports, previews) are read here, so every command refuses a hostile or
careless file the same way, in well under a second, before anything is written:
- a path that is a directory, a FIFO or another special file, a dangling symlink, or
  (for files found inside the project) a symlink pointing out of the project;
- a file over its kind's size limit (read no further than the limit);
- text that is not UTF-8 (with the byte offset and line of the first bad byte);
- a key given twice in one mapping (naming both lines): YAML and JSON would silently
  keep the last one, and a second `unmask:` or `deployers:` must not win unseen;
- YAML aliases expanding to more than a budget of nodes (an anchor bomb), an alias of
  its own anchor, and nesting deeper than a limit (both YAML and JSON).

It lives in stacks/ because stacks/ is the config edge and may not import scripts/;
scripts/ imports it from here (vocabulary/ holds facts, not file reading).
YAML is composed by libyaml when it is installed (five times faster than PyYAML alone),
then its node graph is checked against the limits before any value is built.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

MIB = 1024 * 1024


@dataclass(frozen=True)
class InputKind:
    """Limits of one kind of input file.

    `max_bytes`: the largest file read. `max_alias_nodes`: how many nodes YAML aliases
    may bring in, in total, by repeating what their anchors hold. `max_depth`: how deep
    mappings and lists may nest.
    """

    name: str
    max_bytes: int
    max_alias_nodes: int = 10_000
    max_depth: int = 64


# Stack, domain, policy-config and acknowledgement files: hand-written, a few KB today.
CONFIG = InputKind("config", max_bytes=1 * MIB)
# Plans, stack exports and previews: machine-written; today's prod plan is ~1.1 MB.
DOCUMENT = InputKind("document", max_bytes=64 * MIB)


@dataclass
class InputRefused(Exception):
    """A file refused before its content is used: where, and why."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path} (line {self.line})" if self.line else str(self.path)
        return f"{where}: {self.message}"


def project_of(path: Path) -> Path:
    """The project a file found in it belongs to: the nearest directory above it holding a
    `Pulumi.yaml`, else the file's own directory."""
    start = path.absolute().parent
    return next((d for d in (start, *start.parents) if (d / "Pulumi.yaml").is_file()), start)


def read_text(path: Path, kind: InputKind, inside: Path | None = None) -> str:
    """The UTF-8 text of `path`, refused (InputRefused) as the module docstring says.

    `inside`: the project directory the file must resolve into (files the project finds
    itself); None for a file named on the command line.
    """
    _check_path(path, kind, inside)
    try:
        with path.open("rb") as handle:
            data = handle.read(kind.max_bytes + 1)
    except OSError as exc:
        raise InputRefused(path, f"cannot read: {exc.strerror}") from None
    if len(data) > kind.max_bytes:
        raise InputRefused(path, _too_large(kind))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputRefused(
            path,
            f"not UTF-8 text: byte {exc.start} (0x{data[exc.start]:02x}) cannot be decoded; "
            "save the file as UTF-8",
            line,
        ) from None


def read_yaml(
    path: Path, kind: InputKind, inside: Path | None = None
) -> tuple[Any, yaml.Node | None]:
    """The data of a YAML file and its root node (for line numbers); see `read_text`."""
    return parse_yaml(read_text(path, kind, inside), path, kind)


def parse_yaml(text: str, path: Path, kind: InputKind = CONFIG) -> tuple[Any, yaml.Node | None]:
    """`text` (the content of `path`) as data and root node, with the limits of `kind`.

    A YAML syntax error is refused too, with its line.
    """
    if len(text.encode("utf-8")) > kind.max_bytes:
        raise InputRefused(path, _too_large(kind))
    loader = _loader(text)
    try:
        root = loader.get_single_node()
        if root is not None:
            _check_graph(root, kind)
        data = loader.construct_document(root) if root is not None else None
    except RecursionError:
        raise InputRefused(path, _too_deep(kind)) from None
    except _Refusal as exc:
        raise InputRefused(path, exc.problem, exc.line) from None
    except yaml.YAMLError as exc:
        if "nesting depth" in _problem(exc):  # libyaml's own limit (1,000 levels)
            raise InputRefused(path, _too_deep(kind), _line(exc)) from None
        raise InputRefused(path, f"not valid YAML: {_problem(exc)}", _line(exc)) from None
    finally:
        loader.dispose()
    return data, root


def read_json(path: Path, kind: InputKind, inside: Path | None = None) -> Any:
    """The data of a JSON file; see `read_text`. Duplicate keys and deep nesting refused."""
    return parse_json(read_text(path, kind, inside), path, kind)


def parse_json(text: str, path: Path, kind: InputKind = DOCUMENT) -> Any:
    """`text` (the content of `path`) as JSON data, with the limits of `kind`."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_pairs)
    except _DuplicateKey as exc:
        raise _duplicate_json_key(text, path, exc.key) from None
    except RecursionError:
        raise InputRefused(path, _too_deep(kind)) from None
    except json.JSONDecodeError as exc:
        raise InputRefused(path, f"not valid JSON: {exc.msg}", exc.lineno) from None
    if _depth(data) > kind.max_depth:
        raise InputRefused(path, _too_deep(kind))
    return data


def _check_path(path: Path, kind: InputKind, inside: Path | None) -> None:
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise InputRefused(path, "cannot read: no such file") from None
    except OSError as exc:
        raise InputRefused(path, f"cannot read: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise InputRefused(
                path, f"a dangling symlink (to {os.readlink(path)}); a file expected"
            )
        if inside is not None and not target.is_relative_to(inside.resolve()):
            raise InputRefused(
                path, f"a symlink to {target}, outside the project {inside}; copy the file in"
            )
        info = target.stat()
    if stat.S_ISDIR(info.st_mode):
        raise InputRefused(path, "a directory; a file expected")
    if not stat.S_ISREG(info.st_mode):
        raise InputRefused(path, "not a regular file (a FIFO, socket or device); a file expected")
    if info.st_size > kind.max_bytes:
        raise InputRefused(path, _too_large(kind))


def _too_large(kind: InputKind) -> str:
    return f"larger than {kind.max_bytes // MIB} MiB, the limit of a {kind.name} file"


def _too_deep(kind: InputKind) -> str:
    return f"nested deeper than {kind.max_depth} levels, the limit of a {kind.name} file"


def _problem(exc: yaml.YAMLError) -> str:
    problem = str(getattr(exc, "problem", None) or "cannot be parsed")
    context, start, mark = (
        getattr(exc, k, None) for k in ("context", "context_mark", "problem_mark")
    )
    if context and start is not None and mark is not None and start.line != mark.line:
        problem += f" ({context} started at line {start.line + 1})"
    return problem


def _line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else None


class _Refusal(yaml.YAMLError):
    """A limit of the reader, raised from inside the composer with its line."""

    def __init__(self, problem: str, line: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def _check_graph(root: yaml.Node, kind: InputKind) -> None:
    """Refuse a composed document past the limits of `kind` (raises _Refusal).

    Composition never expands aliases: an alias is its anchor's node, shared. One walk
    finds the depth and the shared nodes; only when there are some (rare in config) a
    second walk sizes what the data would be once expanded, without expanding it: a bomb
    is refused at its anchor's line, a recursive alias (a node inside itself) too.
    """
    seen: set[int] = set()
    shared: dict[int, yaml.Node] = {}
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            shared[id(node)] = node
            continue
        seen.add(id(node))
        value = node.value
        if isinstance(node, yaml.MappingNode):
            if depth > kind.max_depth:
                raise _Refusal(_too_deep(kind), node.start_mark.line + 1)
            for key, item in value:
                stack.append((key, depth + 1))
                stack.append((item, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            if depth > kind.max_depth:
                raise _Refusal(_too_deep(kind), node.start_mark.line + 1)
            stack.extend((item, depth + 1) for item in value)
    if shared:
        _check_aliases(root, kind, len(seen), list(shared.values()))


def _check_aliases(root: yaml.Node, kind: InputKind, unique: int, shared: list[yaml.Node]) -> None:
    """Size the expanded document (each node's size remembered), refusing a node inside
    itself, a depth past the limit through aliases, or more alias nodes than allowed."""
    sizes: dict[int, int] = {}
    heights: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            heights[key] = 1 + max((heights[id(c)] for c in children), default=0)
            continue
        line = node.start_mark.line + 1
        if key in sizes:
            if depth + heights[key] - 1 > kind.max_depth:
                raise _Refusal(_too_deep(kind), line)
            continue
        if key in open_nodes:
            raise _Refusal("an alias refers to its own anchor (a node inside itself)", line)
        open_nodes.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children)
    if sizes[id(root)] - unique > kind.max_alias_nodes:
        anchor = max(shared, key=lambda n: sizes[id(n)])
        raise _Refusal(
            f"aliases expand to more than {kind.max_alias_nodes:,} nodes (the anchor "
            f"at line {anchor.start_mark.line + 1} is repeated), the limit of a "
            f"{kind.name} file",
            anchor.start_mark.line + 1,
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _UniqueKeys(SafeConstructor):
    """SafeConstructor refusing a key given twice in one mapping (merged `<<` keys may be
    overridden, as YAML intends)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:
                continue  # an unhashable key: the base class reports it
            if first is not None:
                raise _Refusal(
                    f"duplicate key `{key}` (lines {first} and {line}); YAML would silently "
                    "keep the last one: remove one",
                    line,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def _loader(text: str) -> Any:
    """libyaml's parser and composer when installed (they stop at 1,000 levels of
    nesting on their own), else PyYAML's; this module's constructor either way."""
    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base, _UniqueKeys):  # type: ignore[misc]
        pass

    return Loader(text)  # type: ignore[call-arg]


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return found


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]', re.DOTALL)
_COLON = re.compile(r"\s*:")


def _duplicate_json_key(text: str, path: Path, key: str) -> InputRefused:
    """The refusal of the first object holding `key` twice, naming both lines (a scan of
    the text, run only once a duplicate is known)."""
    objects: list[dict[str, int] | None] = []
    line, counted = 1, 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in ("{", "["):
            objects.append({} if token == "{" else None)
        elif token in ("}", "]"):
            if objects:
                objects.pop()
        elif objects and objects[-1] is not None and _COLON.match(text, match.end()):
            line += text.count("\n", counted, match.start())
            counted = match.start()
            name, keys = json.loads(token), objects[-1]
            if name == key and name in keys:
                return InputRefused(
                    path,
                    f'duplicate key "{key}" (lines {keys[name]} and {line}); JSON readers '
                    "would silently keep the last one: remove one",
                    line,
                )
            keys.setdefault(name, line)
    return InputRefused(path, f'duplicate key "{key}" in one object; remove one')


def _depth(data: Any) -> int:
    """How deep lists and objects nest in `data` (iteratively: no recursion limit)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, level + 1)
            stack.extend((v, level + 1) for v in value if isinstance(v, dict | list))
    return deepest
