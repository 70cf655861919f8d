"""The JSON Schemas of stack and domain files, from the pydantic config models.

Editors read them through yaml-language-server (`# yaml-language-server: $schema=...`,
which `dataplat new-domain` writes) and flag unknown keys, wrong types and values outside
the allowed ones as they are typed; every field carries its description. The committed
copies live in docs/reference/schemas/ and `dataplat docs --check` keeps them current.

The schema checks keys and types only as far as the file itself goes: values a stack file
leaves out are filled from the per-environment defaults before validation (`stacks/
config.py`, `ENVIRONMENT_DEFAULTS`), so no key is required by the schema, and the checks
across files (zones a domain names, caps) stay with `dataplat validate`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from stacks.config import PlatformConfig
from stacks.domain_spec import DomainSpec
from stacks.stack_file import PLATFORM_KEY
from vocabulary.field_docs import described

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def domain_schema() -> dict[str, Any]:
    """The schema of a domain file (`stacks/domains/<name>.yaml`)."""
    schema = _optional(described(DomainSpec).model_json_schema(by_alias=True))
    return {"$schema": DRAFT, **schema}


def stack_schema() -> dict[str, Any]:
    """The schema of a stack file: its `data-platform:platform` object is checked; the
    other config keys (`aws:region`, secrets) belong to their providers and pass."""
    platform = _optional(described(PlatformConfig).model_json_schema(by_alias=True))
    definitions = platform.pop("$defs", {})
    return {
        "$schema": DRAFT,
        "title": "Stack file (stacks/Pulumi.<stack>.yaml)",
        "type": "object",
        "properties": {
            "config": {
                "type": "object",
                "properties": {PLATFORM_KEY: {"$ref": "#/$defs/PlatformConfig"}},
            }
        },
        "$defs": {**definitions, "PlatformConfig": platform},
    }


KINDS: dict[str, Callable[[], dict[str, Any]]] = {"domain": domain_schema, "stack": stack_schema}


def schema_text(kind: str) -> str:
    """The schema of `kind` as the committed file holds it."""
    return json.dumps(KINDS[kind](), indent=2, ensure_ascii=False) + "\n"


def _optional(node: Any) -> Any:
    """`node` without any `required` list (see the module docstring)."""
    if isinstance(node, dict):
        # A list: the keyword; a field named `required` would be a dict under `properties`.
        return {
            k: _optional(v)
            for k, v in node.items()
            if not (k == "required" and isinstance(v, list))
        }
    if isinstance(node, list):
        return [_optional(v) for v in node]
    return node
