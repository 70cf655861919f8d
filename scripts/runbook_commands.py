"""The command blocks of a runbook, as data, and their AWS CLI calls as boto3 calls.

A runbook (`docs/runbooks/*.md`) shows its steps as fenced ```bash blocks. A block whose
first line is `# runbook-test: <name>` is one the tests run: against moto, through the
same API calls the AWS CLI would make. This module reads such blocks and translates
their `aws` commands, for exactly the commands and flags the runbooks use:

- `blocks` finds the fenced blocks of a Markdown text and their tags;
- `statements` splits a block into variable assignments (`NAME=value`) and commands,
  with backslash continuations joined and comments dropped (POSIX shell quoting);
- `expand` substitutes `$NAME` / `${NAME}` from the assignments made so far;
- `aws_call` turns an `aws <service> <operation> --flag value ...` argument list into
  the boto3 client, method and parameters the CLI would use, and `run_call` makes it.

Deliberately small: no command substitution, pipes or redirections (a tested block
must not contain them), and single-quoted `$` is expanded like double-quoted (the
runbooks never single-quote a `$`). Anything it does not know is refused, so a runbook
edit that uses a new flag fails its test until the translator learns it.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TEST_MARKER = "# runbook-test:"

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,})(?P<info>[^`]*)$")
_ASSIGNMENT = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)=(?P<value>.*)$", re.DOTALL)
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_VARIABLE = re.compile(rf"\$(?:\{{(?P<braced>{_NAME})\}}|(?P<bare>{_NAME}))")
# Shell operators (pipes, redirections, lists, subshells), which the translator does not
# run: refused rather than misread.
_OPERATOR_CHARS = frozenset("();<>|&")


@dataclass(frozen=True)
class Block:
    """One fenced code block: its language, test tag (if any), body and position."""

    lang: str
    tag: str | None
    text: str
    line: int  # 1-based line of the opening fence


def blocks(markdown: str) -> list[Block]:
    """Every fenced code block of `markdown`, in order."""
    found: list[Block] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, lang = opening["fence"], opening["info"].strip().split(" ")[0]
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            body.append(lines[j])
            j += 1
        if j == len(lines):
            raise ValueError(f"line {i + 1}: code block is never closed")
        tag = None
        if body and body[0].strip().startswith(TEST_MARKER):
            tag = body[0].strip()[len(TEST_MARKER) :].strip() or None
        found.append(Block(lang=lang, tag=tag, text="\n".join(body), line=i + 1))
        i = j + 1
    return found


def tagged(markdown: str) -> dict[str, Block]:
    """The blocks tagged for testing, by tag; a tag used twice is an error."""
    by_tag: dict[str, Block] = {}
    for block in blocks(markdown):
        if block.tag is None:
            continue
        if block.tag in by_tag:
            raise ValueError(f"line {block.line}: test tag {block.tag!r} is used twice")
        if block.lang != "bash":
            raise ValueError(f"line {block.line}: test tag {block.tag!r} on a {block.lang} block")
        by_tag[block.tag] = block
    return by_tag


@dataclass(frozen=True)
class Assignment:
    """`NAME=value`: the value with shell quoting removed, not yet expanded."""

    name: str
    value: str


@dataclass(frozen=True)
class Command:
    """A command line: its words with shell quoting removed, not yet expanded."""

    argv: tuple[str, ...]


def _logical_lines(text: str) -> Iterator[str]:
    """Lines with backslash-newline continuations joined."""
    pending = ""
    for raw in text.splitlines():
        if raw.rstrip().endswith("\\"):
            pending += raw.rstrip()[:-1] + " "
            continue
        yield pending + raw
        pending = ""
    if pending:
        yield pending


def statements(text: str) -> list[Assignment | Command]:
    """The assignments and commands of a block, comments and blank lines dropped."""
    result: list[Assignment | Command] = []
    for line in _logical_lines(text):
        # punctuation_chars makes unquoted operators words of their own.
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        words = list(lexer)
        if not words:
            continue
        if "`" in line or any(set(word) <= _OPERATOR_CHARS for word in words):
            raise ValueError(f"unsupported shell syntax in {line.strip()!r}")
        assignment = _ASSIGNMENT.match(words[0])
        if assignment and len(words) == 1:
            result.append(Assignment(assignment["name"], assignment["value"]))
        elif assignment:
            raise ValueError(f"a command prefixed by an assignment is unsupported: {line!r}")
        else:
            result.append(Command(tuple(words)))
    return result


def expand(word: str, env: Mapping[str, str]) -> str:
    """`word` with `$NAME` and `${NAME}` substituted; an unset name is an error."""

    def value(match: re.Match[str]) -> str:
        name = match["braced"] or match["bare"]
        if name not in env:
            raise KeyError(f"${name} is not set (in {word!r})")
        return env[name]

    return _VARIABLE.sub(value, word)


@dataclass(frozen=True)
class Flag:
    """A CLI flag: the API parameter it sets and whether it takes a value."""

    param: str
    boolean: bool = False


# The AWS CLI's service names, as boto3 knows them.
SERVICES = {"s3api": "s3", "kms": "kms"}

# Exactly the operations and flags the runbooks use (the CLI spells parameters in
# kebab case, but not always mechanically: --ssekms-key-id is SSEKMSKeyId).
FLAGS: dict[tuple[str, str], dict[str, Flag]] = {
    ("s3api", "list-object-versions"): {"--bucket": Flag("Bucket"), "--prefix": Flag("Prefix")},
    ("s3api", "list-objects-v2"): {"--bucket": Flag("Bucket"), "--prefix": Flag("Prefix")},
    ("s3api", "get-object"): {
        "--bucket": Flag("Bucket"),
        "--key": Flag("Key"),
        "--version-id": Flag("VersionId"),
    },
    ("s3api", "head-object"): {
        "--bucket": Flag("Bucket"),
        "--key": Flag("Key"),
        "--version-id": Flag("VersionId"),
    },
    ("s3api", "copy-object"): {
        "--bucket": Flag("Bucket"),
        "--key": Flag("Key"),
        "--copy-source": Flag("CopySource"),
        "--server-side-encryption": Flag("ServerSideEncryption"),
        "--ssekms-key-id": Flag("SSEKMSKeyId"),
        "--bucket-key-enabled": Flag("BucketKeyEnabled", boolean=True),
    },
    ("s3api", "delete-object"): {
        "--bucket": Flag("Bucket"),
        "--key": Flag("Key"),
        "--version-id": Flag("VersionId"),
    },
    ("kms", "describe-key"): {"--key-id": Flag("KeyId")},
}
# Operations whose last positional argument is a file the response body is written to.
OUTFILE = {("s3api", "get-object")}
# Global options the runbooks use.
GLOBAL_OPTIONS = ("--region", "--query", "--output")


@dataclass(frozen=True)
class AwsCall:
    """One `aws` command as the API call it makes."""

    service: str  # boto3's name (`s3`, `kms`)
    method: str  # the client method (`copy_object`)
    params: dict[str, Any] = field(default_factory=dict)
    outfile: str | None = None
    region: str | None = None
    query: str | None = None
    output: str | None = None


def aws_call(argv: tuple[str, ...] | list[str]) -> AwsCall:
    """The API call of `aws <service> <operation> [--flag value | --switch]... [outfile]`."""
    if len(argv) < 3 or argv[0] != "aws":
        raise ValueError(f"not an aws command: {' '.join(argv)!r}")
    cli_service, operation = argv[1], argv[2]
    flags = FLAGS.get((cli_service, operation))
    if flags is None:
        raise ValueError(f"unsupported command: aws {cli_service} {operation}")
    params: dict[str, Any] = {}
    options: dict[str, str] = {}
    positional: list[str] = []
    words = list(argv[3:])
    while words:
        word = words.pop(0)
        if word in GLOBAL_OPTIONS or word in flags:
            flag = flags.get(word)
            if flag is not None and flag.boolean:
                params[flag.param] = True
                continue
            if not words or words[0].startswith("--"):
                raise ValueError(f"aws {cli_service} {operation}: {word} needs a value")
            value = words.pop(0)
            if flag is None:
                options[word] = value
            else:
                params[flag.param] = value
        elif word.startswith("--"):
            raise ValueError(f"aws {cli_service} {operation}: unsupported flag {word}")
        else:
            positional.append(word)
    outfile = None
    if (cli_service, operation) in OUTFILE:
        if len(positional) != 1:
            raise ValueError(f"aws {cli_service} {operation} needs exactly one outfile")
        outfile = positional.pop()
    if positional:
        raise ValueError(f"aws {cli_service} {operation}: unexpected {positional}")
    if options.get("--output", "json") not in ("json", "text"):
        raise ValueError(f"unsupported --output {options['--output']}")
    return AwsCall(
        service=SERVICES[cli_service],
        method=operation.replace("-", "_"),
        params=params,
        outfile=outfile,
        region=options.get("--region"),
        query=options.get("--query"),
        output=options.get("--output"),
    )


def run_call(call: AwsCall, client: Any, cwd: Path | None = None) -> Any:
    """Make `call` with a boto3 `client`; returns what the CLI would print, as data.

    The outfile of `get-object` is written (relative to `cwd`) and the body left out
    of the result, as the CLI does; `--query` is applied with JMESPath (botocore's own
    dependency), as the CLI applies it.
    """
    response = dict(getattr(client, call.method)(**call.params))
    response.pop("ResponseMetadata", None)
    if call.outfile is not None:
        target = Path(call.outfile) if cwd is None else Path(cwd) / call.outfile
        target.write_bytes(response.pop("Body").read())
    if call.query is None:
        return response
    import jmespath  # type: ignore[import-untyped]

    return jmespath.search(call.query, json.loads(json.dumps(response, default=str)))
