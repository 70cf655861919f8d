"""Reading one contract file (ODCS v3), every mistake reported at once with its line.

A contract is validated by the `open-data-contract-standard` package twice over: its
shipped JSON schema (ODCS's own: required keys, enums such as server types and logical
types, one threshold per quality entry, each server type's required keys), then its
pydantic model, which the compilers read. What the compilers cannot turn into checks is
reported too (`compile.compile_contract`), and so is a `servers` entry of `type: local`:
those belong to tools run on a laptop (tests add one in a copy), never to a contract the
platform deploys. Problems read like the stack and domain files' ones: the file, then
each problem's path, line and what is allowed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft201909Validator
from jsonschema.exceptions import ValidationError as SchemaError
from open_data_contract_standard.model import OpenDataContractStandard

from stacks.contracts.checks import Check
from stacks.contracts.compile import compile_contract
from stacks.input_files import CONFIG, InputRefused, parse_yaml, read_text
from stacks.model import Problem
from stacks.stack_file import ConfigError, ConfigIssue, issues_of, validate_model

KIND = "data contract"
LOCAL = "local"


@dataclass(frozen=True)
class LoadedContract:
    """A valid contract, its YAML node (for the lines of later checks) and its checks."""

    source: str
    contract: OpenDataContractStandard
    node: yaml.Node | None
    checks: tuple[Check, ...]

    def error(self, problems: list[Problem]) -> ConfigError:
        """These problems of this file as one error, each located by line."""
        return ConfigError(self.source, issues_of(problems, self.node, root=""), KIND)


def read_contract(path: Path, inside: Path | None = None) -> LoadedContract:
    """The contract in `path`; raises ConfigError naming the file, paths and lines.

    Read by the project's one input reader (stacks/input_files.py: size, encoding, special
    files; `inside`, the project a file it found itself must resolve into), like the stack
    and domain files.
    """
    try:
        text = read_text(path, CONFIG, inside=inside)
    except InputRefused as exc:
        raise ConfigError(str(path), [ConfigIssue("(file)", exc.message, exc.line)], KIND) from None
    return parse_contract(str(path), text)


@cache
def parse_contract(source: str, text: str) -> LoadedContract:
    """The contract in `text` (read from `source`); raises ConfigError on any problem.

    Kept for the process by file name and text: a plan reads each contract once for the
    config check and once in the program, and `dataplat plan --stack dev --stack staging
    --stack prod` reads the same files for every stack; the JSON-schema and pydantic
    validation and the compilation are the same each time (measured, about 20 ms a contract
    file, the largest part of loading a domain). The result is shared, so callers must not
    mutate it (nothing does: the domain keeps it as read). A contract with problems is not
    kept: each call raises its ConfigError anew.
    """
    try:
        # One parse (libyaml's), refusing duplicate keys, alias bombs and deep nesting.
        raw, node = parse_yaml(text, Path(source), CONFIG)
    except InputRefused as exc:
        raise ConfigError(source, [ConfigIssue("(file)", exc.message, exc.line)], KIND) from None
    if not isinstance(raw, dict):
        message = "expected an ODCS v3 contract: a mapping of keys (apiVersion, kind, id, ...)"
        raise ConfigError(source, [ConfigIssue("(file)", message, 1)], KIND)
    problems = schema_problems(raw)
    if problems:
        raise ConfigError(source, issues_of(problems, node, root=""), KIND)
    try:
        contract = validate_model(OpenDataContractStandard, raw, source, node, root="")
    except ConfigError as exc:
        raise ConfigError(source, exc.issues, KIND) from None
    compiled = compile_contract(contract)
    problems = local_server_problems(contract) + list(compiled.problems)
    if problems:
        raise ConfigError(source, issues_of(problems, node, root=""), KIND)
    return LoadedContract(source, contract, node, compiled.checks)


def local_server_problems(contract: OpenDataContractStandard) -> list[Problem]:
    """A `servers` entry of `type: local`, refused in contract files."""
    return [
        Problem(("servers", index, "type"), _LOCAL)
        for index, server in enumerate(contract.servers or [])
        if server.type == LOCAL
    ]


_LOCAL = (
    "`type: local` is for tools run on a laptop, not a contract the platform deploys; "
    "name a `glue` or `snowflake` server (tests add a local one in a copy)"
)


@cache
def _validator() -> Draft201909Validator:
    return Draft201909Validator(_root())


def schema_problems(raw: dict[str, Any]) -> list[Problem]:
    """Every place `raw` breaks ODCS's JSON schema, in plain words, in file order."""
    errors = sorted(_validator().iter_errors(raw), key=lambda e: [str(p) for p in e.path])
    return [p for p in map(_problem, errors) if p is not None]


@cache
def _root() -> dict[str, Any]:
    text = resources.files("open_data_contract_standard").joinpath("schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


def _known_keys(schema: Any, root: dict[str, Any], depth: int = 0) -> set[str]:
    """The keys a schema names, through `$ref`s and `allOf`/`then` branches: what
    `unevaluatedProperties: false` allows when the rest of the object is valid."""
    if not isinstance(schema, dict) or depth > 8:
        return set()
    keys = set(schema.get("properties", {}))
    reference = schema.get("$ref", "")
    if reference.startswith("#/"):
        target: Any = root
        for part in reference[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        keys |= _known_keys(target, root, depth + 1)
    for branch in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(branch, []):
            keys |= _known_keys(sub, root, depth + 1)
    for branch in ("then", "else"):
        keys |= _known_keys(schema.get(branch), root, depth + 1)
    return keys


def _problem(error: SchemaError) -> Problem | None:
    loc = tuple(error.absolute_path)
    instance: Any = error.instance
    expected: Any = error.validator_value
    match error.validator:
        case "required":
            missing = [k for k in expected if not isinstance(instance, dict) or k not in instance]
            if missing == ["map"] and "logicalType" not in instance:
                # ODCS 3.2.0's schema reads a property without a logical type as a map.
                return Problem(loc, "required key is missing: logicalType")
            return Problem(loc, f"required key is missing: {', '.join(missing)}")
        case "enum":
            allowed = ", ".join(str(v) for v in expected)
            return Problem(loc, f"allowed: {allowed} (got {instance!r})")
        case "type":
            got = type(instance).__name__
            return Problem(loc, f"expected {_words(expected)} (got {got} {_short(instance)})")
        case "additionalProperties" | "unevaluatedProperties":
            known = sorted(_known_keys(error.schema, _root()))
            extra = sorted(set(instance) - set(known)) if isinstance(instance, dict) else []
            if not extra:
                return None  # keys left unevaluated by another error, reported on its own
            at = (*loc, extra[0])
            return Problem(at, f"unknown key {', '.join(extra)}; allowed keys: {', '.join(known)}")
        case "oneOf" | "anyOf":
            return Problem(loc, _forms(error))
    return Problem(loc, error.message if len(error.message) < 160 else _short(error.message))


def _forms(error: SchemaError) -> str:
    """A `oneOf` in plain words: ODCS's thresholds are the common case."""
    if isinstance(error.instance, dict) and "metric" in error.instance:
        given = ", ".join(sorted(k for k in error.instance if k.startswith("must"))) or "none"
        return f"needs exactly one threshold (mustBe, mustBeGreaterThan, ...); got {given}"
    return "matches none of the forms ODCS allows here"


def _words(expected: Any) -> str:
    names = {"object": "a mapping", "array": "a list", "string": "a string"}
    kinds = expected if isinstance(expected, list) else [expected]
    return " or ".join(names.get(k, f"a {k}") for k in kinds)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
