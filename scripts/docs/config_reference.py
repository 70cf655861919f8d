"""docs/reference/config.md: every key of a stack's platform object and of a domain file,
and the per-environment defaults, read from the pydantic models and the default tables.

The walk is generic on purpose: it reads each model's fields (alias, annotation, default,
constraints, and the description a field's docstring gives it: the meaning column) and
follows every nested model it finds in an annotation, so a new field, a new section or a
type that stops being optional appears on the next `dataplat docs` without touching this
module. Adding a per-environment default table is one line in `SECTION_DEFAULTS`.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from scripts.docs.markdown import generated_notice
from scripts.render.cells import cell, code
from scripts.render.markdown import table_block
from stacks.alerts_config import ALERTS_ENVIRONMENT_DEFAULTS
from stacks.config import ENVIRONMENT_DEFAULTS, PlatformConfig
from stacks.domain_spec import DomainSpec
from stacks.orchestration_config import ORCHESTRATION_ENVIRONMENT_DEFAULTS
from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS
from vocabulary.field_docs import described, nested_models

# (label, table of environment -> defaults dataclass): one section of default tables each.
SECTION_DEFAULTS: tuple[tuple[str, Mapping[str, Any]], ...] = (
    ("Platform (`stacks/config.py`, `ENVIRONMENT_DEFAULTS`)", ENVIRONMENT_DEFAULTS),
    (
        "Snowflake (`stacks/snowflake_config.py`, `SNOWFLAKE_ENVIRONMENT_DEFAULTS`)",
        SNOWFLAKE_ENVIRONMENT_DEFAULTS,
    ),
    (
        "Orchestration (`stacks/orchestration_config.py`, `ORCHESTRATION_ENVIRONMENT_DEFAULTS`)",
        ORCHESTRATION_ENVIRONMENT_DEFAULTS,
    ),
    (
        "Alerts (`stacks/alerts_config.py`, `ALERTS_ENVIRONMENT_DEFAULTS`)",
        ALERTS_ENVIRONMENT_DEFAULTS,
    ),
)

# (title, where the object lives, its root model).
ROOTS: tuple[tuple[str, str, type[BaseModel]], ...] = (
    (
        "Stack file: `data-platform:platform`",
        "the `data-platform:platform` object of `stacks/Pulumi.<stack>.yaml`",
        PlatformConfig,
    ),
    ("Domain file", "`stacks/domains/<name>.yaml`", DomainSpec),
)

INTRO = """\
Every key the config models accept, with its meaning, type, default and constraints.
Unknown keys are errors. A default of *environment* means the value comes from the per-environment
tables at the end of this page when the file does not set it; a value in the file wins.
The meaning of the sections is explained in [the design pages](../design/configuration.md).
"""

_CONSTRAINTS = (
    ("ge", ">= {}"),
    ("gt", "> {}"),
    ("le", "<= {}"),
    ("lt", "< {}"),
    ("min_length", "min length {}"),
    ("max_length", "max length {}"),
    ("pattern", "pattern `{}`"),
)


def config_markdown(
    roots: tuple[tuple[str, str, type[BaseModel]], ...] = ROOTS,
    section_defaults: tuple[tuple[str, Mapping[str, Any]], ...] = SECTION_DEFAULTS,
) -> str:
    """The page: one section per model (root first, then nested by path), then defaults."""
    out = ["# Configuration reference\n\n", generated_notice(_sources(roots)), "\n", INTRO]
    env_fields = sorted({f.name for _, tab in section_defaults for f in _fields(tab)})
    for title, where, model in roots:
        out.append(f"\n## {title}\n\nThe keys of {where}.\n")
        out.extend(
            _model_section(path, m, env_fields) for path, m in nested_models(described(model))
        )
    out.append("\n## Defaults by environment\n")
    out.extend(defaults_section(label, tab) for label, tab in section_defaults)
    return "".join(out)


def defaults_section(label: str, defaults: Mapping[str, Any]) -> str:
    """A row per field of the defaults dataclass, a column per environment."""
    environments = list(defaults)
    fields = [f.name for f in _fields(defaults)]
    rows = [
        (code(name), *(code(_json(getattr(defaults[e], name))) for e in environments))
        for name in fields
    ]
    return f"\n### {label}\n\n" + table_block(["field", *environments], rows)


def _fields(defaults: Mapping[str, Any]) -> tuple[dataclasses.Field[Any], ...]:
    return dataclasses.fields(next(iter(defaults.values())))


def _sources(roots: tuple[tuple[str, str, type[BaseModel]], ...]) -> str:
    names = [f"`{m.__module__}.{m.__name__}`" for _, _, m in roots]
    return ", ".join(names) + " and the tables of `SECTION_DEFAULTS`"


def _model_section(path: str, model: type[BaseModel], env_fields: list[str]) -> str:
    title = f"`{path}`" if path else "top level"
    doc = inspect.cleandoc(model.__doc__ or "")
    fields = model.model_fields
    rows = [_field_row(key, field, env_fields) for key, field in fields.items()]
    header = ["key", "meaning", "type", "default"]
    return (
        f"\n### {title} ({model.__name__})\n\n"
        + (doc + "\n\n" if doc else "")
        + table_block(header, rows)
    )


def _field_row(key: str, field: FieldInfo, env_fields: list[str]) -> tuple[str, ...]:
    constraints = _constraints(field.metadata)
    type_text = _type(field.annotation) + (f" ({constraints})" if constraints else "")
    default = _field_default(field)
    if default == "none":
        default = _environment_default(key, env_fields) or default
    return (
        code(field.alias or key),
        cell(field.description or "", markup=True),
        cell(type_text, markup=True),
        default,
    )


def _environment_default(key: str, env_fields: list[str]) -> str:
    """The defaults-table field an unset key takes its value from (same name, or a name
    ending in `_<key>`, e.g. `kms_deletion_window_days` for `deletion_window_days`)."""
    if key in env_fields:
        return f"*environment* (`{key}`)"
    matches = [f for f in env_fields if f.endswith("_" + key)]
    return f"*environment* (`{matches[0]}`)" if len(matches) == 1 else ""


def _field_default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    value = field.get_default(call_default_factory=True, validated_data={})
    if value is PydanticUndefined:
        return "required"
    if isinstance(value, BaseModel) and not value.model_fields_set:
        return "its keys' defaults"
    if value is None:
        return "none"
    return code(_json(value))


def _json(value: Any) -> str:
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    elif isinstance(value, tuple | list) and any(isinstance(v, BaseModel) for v in value):
        value = [_plain(v) for v in value]
    return json.dumps(value, sort_keys=True, separators=(", ", ": "), default=str)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return value


def _type(annotation: Any) -> str:
    """An annotation in words: `string`, `list of ZoneConfig`, `integer (>= 1) or null`."""
    if annotation is None or annotation is type(None):
        return "null"
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        constraints = _constraints(args[1:])
        return _type(args[0]) + (f" ({constraints})" if constraints else "")
    if origin is typing.Literal:
        return "one of " + ", ".join(json.dumps(a) for a in args)
    if origin in (typing.Union, types.UnionType):
        parts = [_type(a) for a in args if a is not type(None)]
        if len(parts) < len(args):
            parts.append("null")
        return " or ".join(parts)
    if origin in (tuple, list, set, frozenset):
        if (len(args) == 2 and args[1] is Ellipsis) or origin is not tuple:
            return f"list of {_type(args[0])}" if args else "list"
        return "[" + ", ".join(_type(a) for a in args) + "]"
    if origin is dict:
        return f"map of {_type(args[0])} to {_type(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"object ({annotation.__name__})"
    names = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if annotation in names:
        return names[annotation]
    return getattr(annotation, "__name__", str(annotation))


def _constraints(metadata: Any) -> str:
    found: list[str] = []
    for meta in metadata:
        if isinstance(meta, FieldInfo):
            found.extend(c for c in [_constraints(meta.metadata)] if c)
            continue
        for attribute, template in _CONSTRAINTS:
            value = getattr(meta, attribute, None)
            if value is not None:
                found.append(template.format(value))
    return ", ".join(found)
