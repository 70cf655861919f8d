"""Config fields described by their docstrings, read when a document needs them.

A config field's meaning has one home: the string under the field in its model (STYLE:
"a docstring saying why it exists"). Three documents show it: the config reference's
meaning column (scripts/docs/config_reference.py), the JSON Schema's `description`s
(scripts/schema/config_schema.py) and the `new-domain` scaffold's comments. Validation never
reads it.

pydantic can copy those strings into every field at class creation
(`use_attribute_docstrings`), but on Python 3.11 it finds each class's source by walking the
import's frames and tokenizing the class block: measured, about 45 ms of every process that
imports the config models (1.3% of `dataplat plan --stack prod`), for text only these three
documents read. So the models are created without it, and `described(root)` gives the
fields of `root` and of every model nested in it their docstrings, once per process, the way
pydantic would have (the first docstring along the class's MRO; a `Field(description=...)`
set in the code wins), then rebuilds them, innermost first, so that their JSON Schemas carry
the descriptions too. The generated reference pages and schemas are unchanged (`dataplat
docs --check`).
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

ModelT = TypeVar("ModelT", bound=type[BaseModel])


def described(root: ModelT) -> ModelT:
    """`root`, its fields and those of every model nested in it described by their
    docstrings (once per process; later calls return at once)."""
    _describe(root)
    return root


@cache
def _describe(root: type[BaseModel]) -> None:
    # Innermost first: a model's rebuilt schema then embeds its nested models' descriptions.
    order = list(dict.fromkeys(m for _, m in reversed(list(nested_models(root)))))
    for model in order:
        docs = _docstrings_along_mro(model)
        for name, field in model.model_fields.items():
            if field.description is None and name in docs:
                field.description = docs[name]
        model.model_rebuild(force=True)


def nested_models(model: type[BaseModel], path: str = "") -> Iterator[tuple[str, type[BaseModel]]]:
    """`model` at `path`, then every model nested in its fields, depth first, each with the
    key path that reaches it (`snowflake.warehouses.<key>`, `sources[]`)."""
    yield path, model
    for key, field in model.model_fields.items():
        name = field.alias or key
        for suffix, nested in _nested(field.annotation):
            yield from nested_models(
                nested, f"{path}.{name}{suffix}" if path else f"{name}{suffix}"
            )


def _nested(annotation: Any) -> Iterator[tuple[str, type[BaseModel]]]:
    """Models inside an annotation, each with the path suffix that reaches it."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield "", annotation
        return
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        yield from _nested(args[0])
    elif origin in (tuple, list, set, frozenset):
        for arg in args:
            if arg is not Ellipsis:
                yield from (("[]" + s, m) for s, m in _nested(arg))
    elif origin is dict:
        yield from ((".<key>" + s, m) for s, m in _nested(args[1]))
    elif origin in (typing.Union, types.UnionType):
        seen: set[type[BaseModel]] = set()
        for arg in args:
            for suffix, model in _nested(arg):
                if model not in seen:
                    seen.add(model)
                    yield suffix, model


def _docstrings_along_mro(model: type[BaseModel]) -> dict[str, str]:
    """Each field's docstring, from the nearest class of the MRO that documents it."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if issubclass(cls, BaseModel) and cls is not BaseModel:
            docs.update(attribute_docstrings(cls))
    return docs


def attribute_docstrings(cls: type) -> dict[str, str]:
    """The string literal right under each annotated attribute of the class body, cleaned
    (`inspect.cleandoc`): the rule pydantic's `use_attribute_docstrings` applies."""
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):
        return {}
    tree = ast.parse(textwrap.dedent(source))
    body = next((n.body for n in tree.body if isinstance(n, ast.ClassDef)), [])
    docs: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs
